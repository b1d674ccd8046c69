// What the officer records about a complaint after its first answer, for the annual report: who
// conducted Stages 2 and 3, what the Ombudsman decided, and what the council changed. Each is
// audited like every other change, and only this council's complaints officer may record it.
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { reportYearOf } from "#app/complaints/annual-report";
import { londonDateOf } from "#app/utils/dates";
import { annualReport } from "./complaints-report.server";
import { organisationForHost, type Organisation } from "./organisation.server";
import { changeRepresentation, type CaseChange } from "./representation/change.server";
import { logRepresentation } from "./representation/logged.server";
import { openRepresentation } from "./representation/queue.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";

const PORTAL = "http://portal.test";
const today = londonDateOf(new Date());

async function council(host: string): Promise<Organisation> {
  return (await organisationForHost(host))!;
}

async function staff(email: string) {
  const organisation = await council(
    email.endsWith("@aberhaven.example") ? "aberhaven.localhost" : "localhost",
  );
  const found = await findStaffByEmail(organisation.id, email);
  const member = found && (await getStaffMember(organisation.id, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

async function loggedComplaint(summary: string) {
  const organisation = await council("localhost");
  const officer = await staff("complaints@westmoor.example");
  const logged = await logRepresentation({
    organisation,
    staff: officer,
    portalUrl: PORTAL,
    logged: {
      kind: "complaint",
      procedure: "corporate",
      category: "communication",
      serviceArea: "fostering",
      madeBy: "other",
      contactMethod: "email",
      lookedAfterChild: false,
      iroStaffUserId: null,
      ethnicity: "white",
      disability: "no",
      complimentStaffUserId: null,
      complimentTeamId: null,
      receivedOn: today,
      senderName: "Mrs Jones",
      childName: "Tom",
      summary,
      replyMethod: null,
      replyTo: null,
      language: "en",
      advocacyOffered: false,
      advocacyTaken: false,
    },
  });
  const id = logged!.id;
  const change = (c: CaseChange, by = officer, note = "") =>
    changeRepresentation({ organisation, staff: by, id, change: c, note, portalUrl: PORTAL });
  return { organisation, officer, id, reference: logged!.reference, change };
}

const stageRow = (representationId: string, stage: number) =>
  db()
    .select()
    .from(schema.representationStage)
    .where(
      and(
        eq(schema.representationStage.representationId, representationId),
        eq(schema.representationStage.stage, stage),
      ),
    )
    .then((rows) => rows[0]);

const caseRow = (id: string) =>
  db()
    .select()
    .from(schema.representation)
    .where(eq(schema.representation.id, id))
    .then((rows) => rows[0]!);

describe("who conducted Stages 2 and 3", () => {
  test("named when the stage starts or later, audited, and never at Stage 1", async () => {
    const { id, officer, organisation, change } = await loggedComplaint("Letters never answered");
    expect(await change({ type: "conducted-by", conductedBy: "Someone" })).toEqual({
      ok: false,
      problem: "noIndependentStage",
    });
    expect(await change({ type: "respond", on: today })).toEqual({ ok: true });
    expect(
      await change({ type: "escalate", requestedOn: today, conductedBy: "  Alex Reed  " }),
    ).toEqual({ ok: true });
    expect((await stageRow(id, 2))!.conductedBy).toBe("Alex Reed");
    expect(
      await change({ type: "conducted-by", conductedBy: "Alex Reed (independent)" }, officer, "x"),
    ).toEqual({ ok: true });
    expect((await stageRow(id, 2))!.conductedBy).toBe("Alex Reed (independent)");

    expect(await change({ type: "respond", on: today })).toEqual({ ok: true });
    expect(await change({ type: "escalate", requestedOn: today })).toEqual({ ok: true });
    expect((await stageRow(id, 3))!.conductedBy).toBeNull();
    expect(
      await change({ type: "conducted-by", conductedBy: "Chief Executive's review panel" }),
    ).toEqual({ ok: true });
    expect((await stageRow(id, 3))!.conductedBy).toBe("Chief Executive's review panel");
    // Stage 2's stays as it was.
    expect((await stageRow(id, 2))!.conductedBy).toBe("Alex Reed (independent)");

    const opened = await openRepresentation({ organisation, staff: officer, id });
    const recorded = opened!.history.filter((e) => e.detail.recorded === "conducted-by");
    expect(recorded.map((e) => e.detail)).toEqual([
      { recorded: "conducted-by", stage: 2, conductedBy: "Alex Reed (independent)", note: "x" },
      { recorded: "conducted-by", stage: 3, conductedBy: "Chief Executive's review panel" },
    ]);
    expect(recorded.every((e) => e.actorName === officer.name)).toBe(true);
    const escalated = opened!.history.filter((e) => e.action === "representation.escalated");
    expect(escalated[0]!.detail).toMatchObject({ stage: 2, conductedBy: "Alex Reed" });
  });
});

describe("the Ombudsman's decision", () => {
  test("the referral first, the decision later, even once closed", async () => {
    const { id, organisation, officer, change } = await loggedComplaint("Wrong decision");
    expect(await change({ type: "ombudsman", on: "2000-01-01" })).toEqual({
      ok: false,
      problem: "beforeReceived",
    });
    expect(await change({ type: "ombudsman", on: today, outcome: null })).toEqual({ ok: true });
    expect(await caseRow(id)).toMatchObject({ ombudsmanOn: today, ombudsmanOutcome: null });
    expect(await change({ type: "close", outcome: "not-upheld", on: today })).toEqual({
      ok: true,
    });
    expect(await change({ type: "ombudsman", on: today, outcome: "fault-no-injustice" })).toEqual({
      ok: true,
    });
    expect(await caseRow(id)).toMatchObject({ ombudsmanOutcome: "fault-no-injustice" });
    // Recording the day again without a decision keeps the one recorded.
    expect(await change({ type: "ombudsman", on: today })).toEqual({ ok: true });
    expect(await caseRow(id)).toMatchObject({ ombudsmanOutcome: "fault-no-injustice" });

    const opened = await openRepresentation({ organisation, staff: officer, id });
    const referrals = opened!.history.filter((e) => e.action === "representation.ombudsman");
    expect(referrals.map((e) => e.detail.ombudsmanOutcome)).toEqual([
      null,
      "fault-no-injustice",
      "fault-no-injustice",
    ]);

    const report = await annualReport({
      organisation,
      staff: officer,
      startYear: reportYearOf(today),
    });
    const table = report!.tables.find((t) => t.id === "ombudsman")!;
    const row = table.rows.find((r) => r.labels[0] === "ombudsmanOutcome:fault-no-injustice")!;
    expect(row.cells[table.columns.indexOf("procedure:corporate")]).toBeGreaterThanOrEqual(1);
  });
});

describe("what we changed (lessons learnt)", () => {
  test("only for upheld or partly upheld complaints; given on closing and changed after", async () => {
    const first = await loggedComplaint("Not told about the meeting");
    expect(
      await first.change({
        type: "close",
        outcome: "not-upheld",
        on: today,
        lessonsLearnt: "Something",
      }),
    ).toEqual({ ok: false, problem: "lessonsNotUpheld" });
    expect((await caseRow(first.id)).closedOn).toBeNull();
    expect(await first.change({ type: "close", outcome: "not-upheld", on: today })).toEqual({
      ok: true,
    });
    expect(await first.change({ type: "lessons", lessonsLearnt: "Anything" })).toEqual({
      ok: false,
      problem: "lessonsNotUpheld",
    });

    const second = await loggedComplaint("Meeting notes never sent");
    // Not closed yet: nothing was upheld.
    expect(await second.change({ type: "lessons", lessonsLearnt: "Too early" })).toEqual({
      ok: false,
      problem: "lessonsNotUpheld",
    });
    expect(
      await second.change({
        type: "close",
        outcome: "partly-upheld",
        on: today,
        lessonsLearnt: "Notes now go out within five working days",
      }),
    ).toEqual({ ok: true });
    expect((await caseRow(second.id)).lessonsLearnt).toBe(
      "Notes now go out within five working days",
    );
    expect(
      await second.change({
        type: "lessons",
        lessonsLearnt: "Notes go out within five working days, checked by the team manager",
      }),
    ).toEqual({ ok: true });
    const row = await caseRow(second.id);
    expect(row.lessonsLearnt).toBe(
      "Notes go out within five working days, checked by the team manager",
    );

    const opened = await openRepresentation({
      organisation: second.organisation,
      staff: second.officer,
      id: second.id,
    });
    expect(
      opened!.history.filter((e) => e.detail.lessonsLearnt === true).map((e) => e.detail),
    ).toEqual([
      { outcome: "partly-upheld", on: today, lessonsLearnt: true },
      { recorded: "lessons-learnt", outcome: "partly-upheld", lessonsLearnt: true },
    ]);

    // The report lists it with its reference, service and outcome.
    const report = await annualReport({
      organisation: second.organisation,
      staff: second.officer,
      startYear: reportYearOf(today),
    });
    const lessons = report!.tables.find((t) => t.id === "lessons-learnt")!;
    expect(lessons.rows).toContainEqual({
      labels: [`reference:${second.reference}`, "service:fostering", "outcome:partly-upheld"],
      cells: ["Notes go out within five working days, checked by the team manager"],
    });
  });
});

describe("nobody else may record them", () => {
  test("another council's officer and other roles are refused, and nothing changes", async () => {
    const { id, change } = await loggedComplaint("Refused changes");
    expect(await change({ type: "respond", on: today })).toEqual({ ok: true });
    expect(await change({ type: "escalate", requestedOn: today })).toEqual({ ok: true });
    const before = await caseRow(id);
    const stageBefore = await stageRow(id, 2);
    const changes: CaseChange[] = [
      { type: "conducted-by", conductedBy: "Intruder" },
      { type: "ombudsman", on: today, outcome: "no-fault" },
      { type: "close", outcome: "upheld", on: today, lessonsLearnt: "Intruder" },
      { type: "lessons", lessonsLearnt: "Intruder" },
    ];
    for (const email of [
      "complaints@aberhaven.example",
      "manager@westmoor.example",
      "iro@westmoor.example",
      "admin@westmoor.example",
    ]) {
      const other = await staff(email);
      for (const c of changes) {
        expect(await change(c, other), `${email} ${c.type}`).toBeNull();
      }
    }
    expect(await caseRow(id)).toEqual(before);
    expect(await stageRow(id, 2)).toEqual(stageBefore);
    const audited = await db()
      .select()
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.subjectId, id));
    expect(audited.some((e) => JSON.stringify(e.detail).includes("Intruder"))).toBe(false);
  });
});
