// Comments, compliments and complaints from arrival to closure: the clock starts on the day it is
// sent, an advocate is asked for, the right people are told once each, the officer's every change
// is in the history, and nobody else can see or change it.
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { findForm } from "#app/forms/registry";
import type { Answers } from "#app/forms/types";
import { calendarFor } from "#app/utils/working-days";
import { londonDateOf } from "#app/utils/dates";
import { startDraft, saveAnswers } from "./draft.server";
import { emailWords } from "./email-text.server";
import { deliverableBody, SECRET_PLACE } from "./outbox.server";
import { organisationForHost, type Organisation } from "./organisation.server";
import { changeRepresentation, type CaseChange } from "./representation/change.server";
import { logRepresentation } from "./representation/logged.server";
import {
  listQueue,
  openRepresentation,
  readClosedCases,
  readOpenQueue,
} from "./representation/queue.server";
import { findInvitationForVisitor } from "./invitation.server";
import { trackRepresentation } from "./representation/tracking.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";
import { submitDraft } from "./submission.server";

const PORTAL = "http://portal.test";

async function council(slug: "westmoor" | "aberhaven"): Promise<Organisation> {
  const found = await organisationForHost(`${slug === "aberhaven" ? "aberhaven." : ""}localhost`);
  if (!found) throw new Error("no council");
  return found;
}

async function staff(email: string) {
  const organisation = await council(
    email.endsWith("@aberhaven.example") ? "aberhaven" : "westmoor",
  );
  const found = await findStaffByEmail(organisation.id, email);
  const member = found && (await getStaffMember(organisation.id, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

/** Fills in and sends a form, as its pages would have saved it. */
async function send(formId: string, answers: Answers, language = "en") {
  const organisation = await council("westmoor");
  const form = findForm(formId)!;
  const { draft, token } = await startDraft({ organisationId: organisation.id, form, language });
  await saveAnswers(draft, answers);
  const result = await submitDraft({ organisation, form, draftToken: token, portalUrl: PORTAL });
  if (result.status !== "sent") throw new Error(`not sent: ${JSON.stringify(result)}`);
  const [row] = await db()
    .select()
    .from(schema.representation)
    .where(eq(schema.representation.reference, result.sent.reference));
  return { result, representation: row, organisation };
}

const childComplaint: Answers = {
  kind: "complaint",
  whatHappened: "My social worker keeps changing and nobody tells me",
  putRight: "I want to know who my worker is",
  advocate: "yes",
  advocateContact: "07700 900123",
  advocateTime: "after school",
  advocateConsent: ["agree"],
  senderName: "Cerys",
  childInCare: "yes",
  replyBy: "email",
  replyEmail: "cerys@example.com",
};

async function emailsAbout(subjectId: string) {
  return db()
    .select()
    .from(schema.outboxMessage)
    .where(eq(schema.outboxMessage.subjectId, subjectId));
}

describe("a child's complaint through Have your say", () => {
  test("starts its clock, makes an advocacy referral and tells the officer and the provider", async () => {
    const { result, representation, organisation } = await send(
      "have-your-say-child",
      childComplaint,
      "cy",
    );
    expect(representation).toMatchObject({
      kind: "complaint",
      madeBy: "child",
      relationship: "child",
      contactMethod: "form",
      lookedAfterChild: true,
      advocacyOffered: true,
      advocacyTaken: true,
      language: "cy",
      replyTo: "cerys@example.com",
    });
    const today = londonDateOf(new Date());
    const due = calendarFor(organisation.bankHolidayRegion).addWorkingDays(today, 10);
    expect(result.status === "sent" && result.sent.representation).toEqual({
      kind: "complaint",
      replyDueOn: due,
    });
    expect(result.status === "sent" && result.trackingSecret).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const [referral] = await db()
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.representationId, representation!.id));
    expect(referral).toMatchObject({
      childName: "Cerys",
      contactWay: "07700 900123",
      contactTime: "after school",
      consent: true,
      language: "cy",
      contactDueOn: calendarFor("england-and-wales").addWorkingDays(today, 1),
    });
    const mail = await emailsAbout(representation!.id);
    const to = mail.map((m) => `${m.template} ${m.recipient}`).sort();
    expect(to).toEqual([
      "representation.advocacy-provider advocacy@westmoor.example",
      "representation.received complaints@westmoor.example",
      "representation.received-public cerys@example.com",
    ]);
    // Staff email never carries the child's words; the child's own is in Welsh.
    for (const message of mail.filter((m) => m.recipient.endsWith("westmoor.example")))
      expect(message.bodyText).not.toContain("social worker keeps changing");
    const own = mail.find((m) => m.recipient === "cerys@example.com")!;
    expect(own.bodyText).toContain(representation!.reference);
    expect(own.subject).not.toBe("We have your message (" + representation!.reference + ")");
  });

  test("a looked-after child's IRO is told once the officer names them, and only once", async () => {
    const { representation, organisation } = await send("have-your-say-child", childComplaint);
    const officer = await staff("complaints@westmoor.example");
    const iro = await staff("iro@westmoor.example");
    const classify: CaseChange = {
      type: "classify",
      kind: "complaint",
      procedure: "statutory",
      category: "communication",
      serviceArea: "children-in-care",
      madeBy: "child",
      contactMethod: "form",
      lookedAfterChild: true,
      iroStaffUserId: iro.id,
      ethnicity: "not-stated",
      disability: "not-stated",
      complimentStaffUserId: null,
      complimentTeamId: null,
    };
    const change = (c: CaseChange, note = "") =>
      changeRepresentation({
        organisation,
        staff: officer,
        id: representation!.id,
        change: c,
        note,
        portalUrl: PORTAL,
      });
    expect(await change(classify, "Statutory: about changes of social worker")).toEqual({
      ok: true,
    });
    expect(await change(classify)).toEqual({ ok: true });
    const toIro = (await emailsAbout(representation!.id)).filter((m) => m.recipient === iro.email);
    expect(toIro).toHaveLength(1);
    expect(toIro[0]!.template).toBe("representation.iro");
    // The link in that email opens the case for them, to read; another IRO gets nothing.
    expect(toIro[0]!.bodyText).toContain(`${PORTAL}/staff/representations/${representation!.id}`);
    const open = async (email: string) =>
      (
        await openRepresentation({
          organisation,
          staff: await staff(email),
          id: representation!.id,
        })
      )?.access ?? null;
    expect(await open(iro.email)).toBe("told");
    expect(await open("iro2@westmoor.example")).toBeNull();
    expect(await open("manager@westmoor.example")).toBeNull();
  });

  test("a complaint about the IRO service also goes to its managers", async () => {
    const { representation } = await send("have-your-say", {
      ...childComplaint,
      relationship: "parent",
      childName: "Cerys",
      serviceArea: "iro-service",
      advocate: "no",
    });
    expect(representation).toMatchObject({
      madeBy: "other",
      serviceArea: "iro-service",
      advocacyTaken: false,
    });
    const mail = await emailsAbout(representation!.id);
    const toManager = mail.find((m) => m.recipient === "manager@westmoor.example");
    expect(mail.map((m) => m.recipient)).not.toContain("advocacy@westmoor.example");
    // The managers' link opens the case for them, to read; an IRO not told gets nothing.
    expect(toManager!.bodyText).toContain(`/staff/representations/${representation!.id}`);
    const open = async (email: string) =>
      (
        await openRepresentation({
          organisation: await council("westmoor"),
          staff: await staff(email),
          id: representation!.id,
        })
      )?.access ?? null;
    expect(await open("manager@westmoor.example")).toBe("told");
    expect(await open("iro@westmoor.example")).toBeNull();
  });

  test("urgent words flag it and tell the duty team", async () => {
    const { representation } = await send("have-your-say-child", {
      ...childComplaint,
      whatHappened: "I don't feel safe at home, he hits me",
    });
    expect(representation!.urgent).toBe(true);
    const mail = await emailsAbout(representation!.id);
    expect(mail.map((m) => m.template)).toEqual(
      expect.arrayContaining(["representation.urgent", "representation.duty-team"]),
    );
    // The duty team has no account here: it is told whom to contact, and gets no link.
    const duty = mail.find((m) => m.template === "representation.duty-team")!;
    expect(duty.bodyText).toContain("(complaints@westmoor.example)");
    expect(duty.bodyText).not.toContain("http");
  });

  test("a compliment is forwarded to the named worker only after the officer confirms it", async () => {
    const { representation, organisation } = await send("have-your-say", {
      kind: "compliment",
      relationship: "carer",
      whatHappened: "Our social worker was brilliant",
      replyBy: "none",
    });
    expect(representation!.kind).toBe("compliment");
    const worker = await staff("chair@westmoor.example");
    const before = await emailsAbout(representation!.id);
    expect(before.map((m) => m.recipient)).not.toContain(worker.email);
    const officer = await staff("complaints@westmoor.example");
    const result = await changeRepresentation({
      organisation,
      staff: officer,
      id: representation!.id,
      change: {
        type: "classify",
        kind: "compliment",
        procedure: null,
        category: null,
        serviceArea: "neighbourhood",
        madeBy: "other",
        contactMethod: "form",
        lookedAfterChild: false,
        iroStaffUserId: null,
        ethnicity: "not-stated",
        disability: "not-stated",
        complimentStaffUserId: worker.id,
        complimentTeamId: null,
      },
      note: "",
      portalUrl: PORTAL,
    });
    expect(result).toEqual({ ok: true });
    const after = await emailsAbout(representation!.id);
    expect(after.filter((m) => m.recipient === worker.email).map((m) => m.template)).toEqual([
      "representation.compliment",
    ]);
  });

  test("'no reply needed' is refused for a complaint", async () => {
    const organisation = await council("westmoor");
    const form = findForm("have-your-say-child")!;
    const { draft, token } = await startDraft({
      organisationId: organisation.id,
      form,
      language: "en",
    });
    await saveAnswers(draft, { ...childComplaint, replyBy: "none", replyEmail: "" });
    const result = await submitDraft({ organisation, form, draftToken: token, portalUrl: PORTAL });
    expect(result).toEqual({ status: "problems", pageId: "reply" });
  });
});

describe("replies to the person, from templates in their language", () => {
  test("go through the outbox in Welsh and are recorded in the history", async () => {
    const { representation, organisation } = await send(
      "have-your-say-child",
      childComplaint,
      "cy",
    );
    const officer = await staff("complaints@westmoor.example");
    const reply = (note: string) =>
      changeRepresentation({
        organisation,
        staff: officer,
        id: representation!.id,
        change: { type: "reply", template: "acknowledgement" },
        note,
        portalUrl: PORTAL,
      });
    expect(await reply("Byddaf yn eich ffonio ddydd Llun.")).toEqual({ ok: true });
    const sent = (await emailsAbout(representation!.id)).filter(
      (m) => m.template === "representation.reply.acknowledgement",
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipient).toBe("cerys@example.com");
    expect(sent[0]!.bodyText).toContain("Byddaf yn eich ffonio ddydd Llun.");
    // The day to reply by is in words, in Welsh: never "2026-12-21".
    expect(sent[0]!.bodyText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(sent[0]!.bodyText).toMatch(
      /Rhagfyr|Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd/,
    );
    const english = await emailWords("en", "complaints:emails.public.acknowledgement", {
      reference: representation!.reference,
      council: organisation.name,
      dueOn: "",
      message: "",
    });
    expect(sent[0]!.subject).not.toBe(english.subject);
    const opened = await openRepresentation({
      organisation,
      staff: officer,
      id: representation!.id,
    });
    expect(opened!.history.at(-1)).toMatchObject({
      action: "representation.reply-sent",
      detail: { template: "acknowledgement", language: "cy" },
    });
  });

  test("are refused when the person gave no email address", async () => {
    const { representation, organisation } = await send("have-your-say", {
      kind: "comment",
      relationship: "parent",
      whatHappened: "The new leaflet is clear",
      replyBy: "phone",
      replyPhone: "07700 900456",
    });
    const officer = await staff("complaints@westmoor.example");
    expect(
      await changeRepresentation({
        organisation,
        staff: officer,
        id: representation!.id,
        change: { type: "reply", template: "update" },
        note: "Thanks",
        portalUrl: PORTAL,
      }),
    ).toEqual({ ok: false, problem: "noEmail" });
  });
});

describe("tracking with the reference and the secret", () => {
  test("shows the status only with both, and never with the reference alone", async () => {
    const { result, organisation } = await send("have-your-say-child", childComplaint);
    if (result.status !== "sent") throw new Error();
    const secret = result.trackingSecret!;
    const reference = result.sent.reference;
    expect(
      await trackRepresentation(organisation.id, reference.toLowerCase(), secret.toLowerCase()),
    ).toMatchObject({
      reference,
      kind: "complaint",
      stage: 1,
      advocacy: "waiting",
    });
    // typed without its dash, as people often do
    expect(
      await trackRepresentation(organisation.id, reference, secret.replace("-", "")),
    ).toMatchObject({ reference, stage: 1 });
    expect(await trackRepresentation(organisation.id, reference, "")).toBeUndefined();
    expect(await trackRepresentation(organisation.id, reference, "AAAA-AAAA")).toBeUndefined();
    const aberhaven = await council("aberhaven");
    expect(await trackRepresentation(aberhaven.id, reference, secret)).toBeUndefined();
  });
});

describe("the officer's work on a case", () => {
  async function loggedComplaint() {
    const organisation = await council("westmoor");
    const officer = await staff("complaints@westmoor.example");
    const created = await logRepresentation({
      organisation,
      staff: officer,
      portalUrl: PORTAL,
      logged: {
        receivedOn: "2026-11-02",
        kind: "complaint",
        procedure: "statutory",
        category: "service-delivery",
        serviceArea: "fostering",
        madeBy: "other",
        contactMethod: "telephone",
        lookedAfterChild: false,
        iroStaffUserId: null,
        ethnicity: "white",
        disability: "no",
        complimentStaffUserId: null,
        complimentTeamId: null,
        senderName: "Mrs Jones",
        childName: "Tom",
        summary: "Phoned: the foster placement was ended without notice",
        replyMethod: "email",
        replyTo: "jones@example.com",
        language: "en",
        advocacyOffered: false,
        advocacyTaken: false,
      },
    });
    return { organisation, officer, id: created!.id };
  }

  test("runs through every stage on working-day clocks, with every change in the history", async () => {
    const { organisation, officer, id } = await loggedComplaint();
    const manager = await staff("manager@westmoor.example");
    const change = (c: CaseChange, note = "") =>
      changeRepresentation({
        organisation,
        staff: officer,
        id,
        change: c,
        note,
        portalUrl: PORTAL,
      });
    const stageDue = async (stage: number) =>
      (
        await db()
          .select()
          .from(schema.representationStage)
          .where(
            and(
              eq(schema.representationStage.representationId, id),
              eq(schema.representationStage.stage, stage),
            ),
          )
      )[0];

    expect((await stageDue(1))!.dueOn).toBe("2026-11-16");
    expect(
      await change({ type: "assign", responderStaffUserId: manager.id, responderTeamId: null }),
    ).toEqual({ ok: true });
    expect(await change({ type: "acknowledge", on: "2026-11-03" })).toEqual({ ok: true });
    expect(
      await change(
        { type: "extend", reason: "Worker on leave", agreedOn: "2026-11-10" },
        "Mrs Jones agreed by phone",
      ),
    ).toEqual({ ok: true });
    expect((await stageDue(1))!.dueOn).toBe("2026-11-30");
    expect(await change({ type: "extend", reason: "Again", agreedOn: "2026-11-11" })).toEqual({
      ok: false,
      problem: "cannotExtend",
    });
    expect(await change({ type: "escalate", requestedOn: "2026-12-01" })).toEqual({
      ok: false,
      problem: "answerFirst",
    });
    expect(await change({ type: "respond", on: "2026-11-27" })).toEqual({ ok: true });
    expect(await change({ type: "escalate", requestedOn: "2026-12-01" })).toEqual({ ok: true });
    // Stage 2: 25 working days from the request, over Christmas and New Year.
    expect((await stageDue(2))!.dueOn).toBe("2027-01-08");
    expect(await change({ type: "note" }, "")).toEqual({ ok: false, problem: "emptyNote" });
    expect(await change({ type: "note" }, "Investigator appointed")).toEqual({ ok: true });
    expect(await change({ type: "close", outcome: null, on: "2027-01-08" })).toEqual({
      ok: false,
      problem: "outcome",
    });
    expect(await change({ type: "close", outcome: "partly-upheld", on: "2027-01-08" })).toEqual({
      ok: true,
    });
    expect(await change({ type: "acknowledge", on: "2027-01-09" })).toEqual({
      ok: false,
      problem: "closed",
    });

    const opened = await openRepresentation({ organisation, staff: officer, id });
    expect(opened!.history.map((entry) => entry.action)).toEqual([
      "representation.logged",
      "representation.assigned",
      "representation.acknowledged",
      "representation.extended",
      "representation.responded",
      "representation.escalated",
      "representation.note-added",
      "representation.closed",
    ]);
    expect(opened!.history[3]!.detail).toMatchObject({
      reason: "Worker on leave",
      note: "Mrs Jones agreed by phone",
    });
    // Every entry names who made the change: the officer who signed in.
    expect(new Set(opened!.history.map((entry) => entry.actorName))).toEqual(
      new Set([officer.name]),
    );

    // Closing a complaint invites the complainant to the questionnaire, once.
    const invites = (await emailsAbout(id)).filter(
      (m) => m.template === "representation.satisfaction",
    );
    expect(invites).toHaveLength(1);
    // The link's token is sealed in the outbox; the worker puts it in when it sends.
    expect(invites[0]!.bodyText).toContain(`/i/${SECRET_PLACE}`);
    const token = /\/i\/([A-Za-z0-9_-]+)/.exec(deliverableBody(invites[0]!))![1]!;
    // A one-shot link to the questionnaire, about this closed case, from nobody in particular.
    const found = await findInvitationForVisitor(organisation.id, { token });
    expect(found).toMatchObject({
      status: "ok",
      invitation: { formId: "complaint-satisfaction", inviterName: null, childName: null },
    });
    const reopened = await openRepresentation({ organisation, staff: officer, id });
    expect(reopened!.satisfactionAskedAt).toBeInstanceOf(Date);
  });

  test("the Stage 1 responder may read it but not change it; nobody else may do either", async () => {
    const { organisation, officer, id } = await loggedComplaint();
    const manager = await staff("manager@westmoor.example");
    await changeRepresentation({
      organisation,
      staff: officer,
      id,
      change: { type: "assign", responderStaffUserId: manager.id, responderTeamId: null },
      note: "",
      portalUrl: PORTAL,
    });
    expect((await openRepresentation({ organisation, staff: manager, id }))!.access).toBe(
      "responder",
    );
    expect(
      await changeRepresentation({
        organisation,
        staff: manager,
        id,
        change: { type: "note" },
        note: "x",
        portalUrl: PORTAL,
      }),
    ).toBeNull();
    for (const email of [
      "iro@westmoor.example",
      "advocacy@westmoor.example",
      "chair@westmoor.example",
      "complaints@aberhaven.example",
    ]) {
      const other = await staff(email);
      const organisationOf = await council(
        email.endsWith("aberhaven.example") ? "aberhaven" : "westmoor",
      );
      expect(
        await openRepresentation({ organisation: organisationOf, staff: other, id }),
        email,
      ).toBeNull();
      expect(await openRepresentation({ organisation, staff: other, id }), email).toBeNull();
      // (The Aberhaven officer has a queue of their own: checked below.)
      if (!email.startsWith("complaints@"))
        expect(await listQueue({ organisation: organisationOf, staff: other }), email).toBeNull();
      expect(
        await changeRepresentation({
          organisation: organisationOf,
          staff: other,
          id,
          change: { type: "note" },
          note: "x",
          portalUrl: PORTAL,
        }),
        email,
      ).toBeNull();
    }
    // The Aberhaven officer's own queue never lists Westmoor's cases.
    const aberhaven = await council("aberhaven");
    const theirs = await listQueue({
      organisation: aberhaven,
      staff: await staff("complaints@aberhaven.example"),
    });
    expect(theirs!.some((item) => item.id === id)).toBe(false);
  });

  test("every view is audited", async () => {
    const { organisation, officer, id } = await loggedComplaint();
    await openRepresentation({ organisation, staff: officer, id });
    await openRepresentation({ organisation, staff: officer, id });
    const views = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.subjectId, id),
          eq(schema.auditEvent.action, "representation.viewed"),
        ),
      );
    expect(views).toHaveLength(2);
  });

  test("the queue puts new cases first, then the nearest deadline, and marks what is overdue", async () => {
    const { organisation, officer, id } = await loggedComplaint();
    const queue = await listQueue({
      organisation,
      staff: officer,
      now: new Date("2026-11-20T12:00:00Z"),
    });
    const item = queue!.find((entry) => entry.id === id)!;
    // Logged cases are already confirmed; not yet acknowledged within 3 working days of 2 November.
    expect(item.isNew).toBe(false);
    expect(item.nextDue).toEqual({
      what: "acknowledge",
      dueOn: "2026-11-05",
      state: { status: "overdue", workingDaysLate: 11 },
    });
    const firstConfirmed = queue!.findIndex((entry) => !entry.isNew);
    expect(queue!.slice(0, firstConfirmed).every((entry) => entry.isNew)).toBe(true);
  });

  test("closed cases are read a page at a time from where the last ended, both ways", async () => {
    const organisation = await council("westmoor");
    const officer = await staff("complaints@westmoor.example");
    for (let n = 1; n <= 5; n++) {
      await db()
        .insert(schema.representation)
        .values({
          organisationId: organisation.id,
          reference: `CLOSED-${process.pid}-${n}`,
          source: "imported",
          receivedOn: `2019-0${n}-10`,
          kind: "comment",
          // Two closed on the same day: the id breaks the tie.
          closedOn: `2019-0${Math.min(n, 4)}-20`,
        });
    }
    const asked = { organisation, staff: officer, limit: 2 };
    const seen: string[][] = [];
    let page = (await readClosedCases(asked))!;
    expect(page.newer).toBeNull();
    seen.push(page.rows.map((item) => item.id));
    while (page.older) {
      page = (await readClosedCases({ ...asked, after: page.older }))!;
      expect(page.newer).not.toBeNull();
      seen.push(page.rows.map((item) => item.id));
    }
    const all = seen.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const closed = await db()
      .select({ id: schema.representation.id, closedOn: schema.representation.closedOn })
      .from(schema.representation)
      .where(eq(schema.representation.organisationId, organisation.id));
    const expected = closed
      .filter((row) => row.closedOn !== null)
      .sort((a, b) => b.closedOn!.localeCompare(a.closedOn!) || b.id.localeCompare(a.id));
    expect(all).toEqual(expected.map((row) => row.id));
    // And back again, page by page, to the most recent.
    for (let i = seen.length - 2; i >= 0; i--) {
      page = (await readClosedCases({ ...asked, before: page.newer! }))!;
      expect(page.rows.map((item) => item.id)).toEqual(seen[i]);
    }
    expect(page.newer).toBeNull();

    const open = (await readOpenQueue({ organisation, staff: officer }, { limit: 1, offset: 0 }))!;
    expect(open.rows.every((item) => item.closedOn === null)).toBe(true);
    expect(open.total).toBe((await listQueue({ organisation, staff: officer }))!.length);
  });
});
