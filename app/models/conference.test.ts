// Conferences on the real database: recording one makes a link and code per form; who may see
// which conference; and the summary of 520 generated answers, read a page at a time, equals an
// independent count here — for everyone, by relationship, for one conference (with the anonymity
// threshold), with comments quoted by relationship only, and in the CSV rows.
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { conferenceParent } from "#app/forms/conference-feedback";
import { FAMILY_RELATIONSHIPS, HOW_WELL } from "#app/forms/scales";
import { COMMENTS_SHOWN, summaryCsvRows } from "#app/summaries/summarise";
import { seededRandom } from "#test/support/seeded-random";
import { findInvitationForVisitor } from "./invitation.server";
import { getConference, listConferences, recordConference } from "./conference.server";
import { organisationForHost } from "./organisation.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";
import { summariseForm } from "./summary.server";

async function actor(host: string, email: string) {
  const council = (await organisationForHost(host))!;
  const found = (await getStaffMember(
    council.id,
    (await findStaffByEmail(council.id, email))!.id,
  ))!;
  return { council, staff: { id: found.id, organisationId: council.id, roles: found.roles } };
}

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

describe("recording a conference", () => {
  test("each form gets a working code; only its chair, and managers, see it", async () => {
    const { council, staff: chair } = await actor("localhost", "chair@westmoor.example");
    const recorded = await recordConference({
      organisationId: council.id,
      staff: chair,
      conference: { kind: "child-protection", heldOn: today, conferenceType: "initial" },
    });
    expect(recorded.reference).toMatch(/^CPC-[A-Z0-9]{6}$/);
    const seen = (await getConference({
      organisationId: council.id,
      staff: chair,
      conferenceId: recorded.id,
    }))!;
    expect(seen.forms.map((form) => form.formId)).toEqual([
      "conference-parent",
      "conference-young-person",
      "conference-young-person-express",
    ]);
    for (const form of seen.forms) {
      const found = await findInvitationForVisitor(council.id, { code: form.secrets!.code });
      expect(found.status).toBe("ok");
      if (found.status === "ok") expect(found.invitation.formId).toBe(form.formId);
    }

    const { staff: manager } = await actor("localhost", "manager@westmoor.example");
    const { staff: coordinator } = await actor("localhost", "fgc@westmoor.example");
    const { council: other, staff: otherManager } = await actor(
      "aberhaven.localhost",
      "manager@aberhaven.example",
    );
    const open = (staff: typeof chair, organisationId = council.id) =>
      getConference({ organisationId, staff, conferenceId: recorded.id });
    expect(await open(manager)).toBeDefined();
    expect(await open(coordinator)).toBeUndefined();
    expect(await open(otherManager, other.id)).toBeUndefined();
    // Nor in anyone else's list.
    const listed = await listConferences({
      organisationId: council.id,
      staff: coordinator,
      page: 1,
    });
    expect(listed.conferences.map((c) => c.id)).not.toContain(recorded.id);
    await expect(
      recordConference({
        organisationId: council.id,
        staff: coordinator,
        conference: { kind: "child-protection", heldOn: today, conferenceType: "initial" },
      }),
    ).rejects.toThrow();
  });

  test("an FGC's referrer is asked about its own aims only", async () => {
    const { council, staff } = await actor("localhost", "fgc@westmoor.example");
    const recorded = await recordConference({
      organisationId: council.id,
      staff,
      conference: {
        kind: "family-group",
        heldOn: today,
        referrerName: "Duty team A",
        aims: ["prevent-care", "contact"],
        lookedAfterAtReferral: true,
      },
    });
    const seen = (await getConference({
      organisationId: council.id,
      staff,
      conferenceId: recorded.id,
    }))!;
    const referrer = seen.forms.find((form) => form.formId === "fgc-referrer")!;
    expect(referrer.handedRound).toBe(false);
    const found = await findInvitationForVisitor(council.id, { code: referrer.secrets!.code });
    expect(found.status === "ok" && found.invitation.eventFacts).toEqual([
      "aim:prevent-care",
      "aim:contact",
      "looked-after-at-referral",
    ]);
  });
});

describe("the summary of many answers", () => {
  test("520 answers, a page of 64 at a time, equal an independent count", async () => {
    const { council, staff: chair } = await actor("localhost", "chair@westmoor.example");
    const { staff: manager } = await actor("localhost", "manager@westmoor.example");
    const random = seededRandom(12);
    const relationships = FAMILY_RELATIONSHIPS.map((choice) => choice.value);
    const grades = HOW_WELL.map((choice) => choice.value);
    const rows: (typeof schema.submission.$inferInsert)[] = [];
    const expected = { saidAll: new Map<string, number>(), grandmothers: 0, grandmotherSaidAll: 0 };
    const comments: { text: string; relationship: string; minutesAgo: number }[] = [];
    for (let i = 0; i < 520; i++) {
      const relationship = random.pick(relationships);
      const answers: Record<string, string> = { relationship };
      if (random.chance(0.9)) answers.saidAll = random.pick(grades);
      const written = random.chance(0.2) ? { anythingElse: `Comment ${i}` } : null;
      if (answers.saidAll) {
        expected.saidAll.set(answers.saidAll, (expected.saidAll.get(answers.saidAll) ?? 0) + 1);
      }
      if (relationship === "grandmother") {
        expected.grandmothers++;
        if (answers.saidAll) expected.grandmotherSaidAll++;
      }
      if (written) comments.push({ text: written.anythingElse, relationship, minutesAgo: i % 50 });
      rows.push({
        organisationId: council.id,
        reference: `CPF-GEN${String(i).padStart(3, "0")}`,
        formId: conferenceParent.id,
        formVersion: 1,
        language: "en",
        answers,
        writtenAnswers: written,
        eventKind: "child-protection-conference",
        eventDate: today,
        // Two answers for one small conference; the rest for a large one.
        eventReference: i < 2 ? "CPC-SMALL1" : "CPC-LARGE1",
        invitedBy: chair.id,
        queue: "conference-feedback",
        submittedAt: new Date(Date.now() - (i % 50) * 60_000),
      });
    }
    await db().insert(schema.submission).values(rows);

    const filters = { from: "2000-01-01", until: "2100-01-01" } as const;
    const summarise = (staff: typeof chair, more: Record<string, string> = {}) =>
      summariseForm({
        organisation: council,
        staff,
        form: conferenceParent,
        filters: { ...filters, ...more },
        pageSize: 64,
      });

    const all = await summarise(manager);
    if (all.status !== "shown") throw new Error("expected figures");
    expect(all.summary.responses).toBe(520);
    const saidAll = all.summary.choices.find((tally) => tally.questionId === "saidAll")!;
    expect(saidAll.answered).toBe([...expected.saidAll.values()].reduce((a, b) => a + b, 0));
    for (const { value, count } of saidAll.counts) {
      expect(count, value).toBe(expected.saidAll.get(value) ?? 0);
    }
    // Comments are quoted with the writer's relationship, and nothing else about them.
    const quoted = all.summary.comments.find((list) => list.questionId === "anythingElse")!;
    // All are counted; the newest are shown (no older one kept while a newer one is left out).
    expect(quoted.total).toBe(comments.length);
    expect(quoted.comments).toHaveLength(Math.min(COMMENTS_SHOWN, comments.length));
    const written = new Map(comments.map((comment) => [comment.text, comment]));
    const shown = quoted.comments.map(({ text, relationship }) => ({ text, relationship }));
    expect(shown).toEqual(
      shown.map(({ text }) => ({ text, relationship: written.get(text)?.relationship })),
    );
    const oldestShown = Math.max(...shown.map(({ text }) => written.get(text)!.minutesAgo));
    const shownTexts = new Set(shown.map(({ text }) => text));
    expect(comments.filter((c) => c.minutesAgo < oldestShown && !shownTexts.has(c.text))).toEqual(
      [],
    );
    // The CSV rows carry the same numbers.
    const csv = summaryCsvRows(all.summary, { question: (id) => id, option: (_q, v) => v });
    for (const { value, count } of saidAll.counts) {
      expect(csv).toContainEqual(["saidAll", value, String(count), expect.any(String)]);
    }

    const grandmothers = await summarise(manager, { relationship: "grandmother" });
    expect(grandmothers.status === "shown" && grandmothers.summary.responses).toBe(
      expected.grandmothers,
    );

    // One conference with two answers: nothing at all is shown under the threshold of 3.
    const small = await summarise(chair, { eventReference: "CPC-SMALL1" });
    expect(small).toEqual({ status: "too-few", responses: 2, threshold: 3 });

    // A chair sees only their own conferences' answers: the FGC coordinator has none of these.
    const { staff: coordinator } = await actor("localhost", "fgc@westmoor.example");
    await expect(summarise(coordinator)).rejects.toThrow();
    // Every view is audited, with the filters.
    const audits = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.organisationId, council.id),
          eq(schema.auditEvent.action, "summary.viewed"),
        ),
      );
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });
});
