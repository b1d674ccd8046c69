import { and, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import type { Answers } from "#app/forms/types";
import { advocacyRequest as advocacyRequestForm } from "#app/forms/advocacy-request";
import { haveYourSayChild } from "#app/forms/have-your-say-child";
import { calendarFor } from "#app/utils/working-days";
import { addDays, londonDateOf } from "#app/utils/dates";
import { reportYearOf } from "#app/complaints/annual-report";
import { ADVOCACY_CHILD_STATUSES, ADVOCACY_OUTCOMES } from "#db/schema/constants";
import { seededRandom } from "#test/support/seeded-random";
import {
  acceptReferral,
  closeReferral,
  listReferrals,
  openReferral,
  recordChildDetails,
  recordFirstContact,
} from "./advocacy.server";
import { advocacyFigures, type AdvocacyFigures } from "./advocacy-figures.server";
import type { StaffActor } from "./inbox.server";
import { organisationForHost } from "./organisation.server";
import { receiveAdvocacyRequest, receiveRepresentation } from "./representation/receive.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";

async function councils() {
  const westmoor = (await organisationForHost("localhost"))!;
  const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  return { westmoor, aberhaven };
}

async function staff(email: string): Promise<StaffActor> {
  const { westmoor, aberhaven } = await councils();
  const organisationId = email.endsWith("@aberhaven.example") ? aberhaven.id : westmoor.id;
  const found = await findStaffByEmail(organisationId, email);
  const member = found && (await getStaffMember(organisationId, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

let counter = 0;

const requestAnswers: Answers = {
  relationship: "child",
  childName: "Jordan",
  whatHappened: "I want to move back to my old school",
  putRight: "Someone to help me ask",
  advocateContact: "Text my mobile 07700 900123",
  advocateTime: "After 4pm",
  communicationNeeds: "I find long phone calls hard",
  interpreter: "",
  advocateConsent: ["agree"],
};

/** A sent "Get help from an advocate" form, as the form journey delivers it. */
async function advocacyRequest(answers: Answers = requestAnswers) {
  const { westmoor } = await councils();
  return db().transaction(async (tx) => {
    const [sent] = await tx
      .insert(schema.submission)
      .values({
        organisationId: westmoor.id,
        reference: `ADV-T${process.pid}X${++counter}`,
        formId: "advocacy-request",
        formVersion: 1,
        language: "en",
        answers,
        queue: "advocacy",
      })
      .returning();
    const received = await receiveAdvocacyRequest(tx, {
      organisation: westmoor,
      submission: { id: sent!.id, reference: sent!.reference, language: "en" },
      form: advocacyRequestForm,
      answers,
      urgentMatches: [],
      portalUrl: "http://localhost:3000",
    });
    const [referral] = await tx
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.reference, received.reference));
    return referral!;
  });
}

/** A child's complaint through "Have your say" asking for an advocate too. */
async function complaintWithAdvocate() {
  const { westmoor } = await councils();
  const answers: Answers = {
    kind: "complaint",
    senderName: "Riley",
    whatHappened: "My social worker keeps changing",
    advocate: "yes",
    advocateContact: "Ask my foster carer",
    advocateConsent: ["agree"],
  };
  return db().transaction(async (tx) => {
    const [sent] = await tx
      .insert(schema.submission)
      .values({
        organisationId: westmoor.id,
        reference: `HYS-T${process.pid}X${++counter}`,
        formId: "have-your-say-child",
        formVersion: 1,
        language: "en",
        answers,
        queue: "complaints",
      })
      .returning();
    const received = await receiveRepresentation(tx, {
      organisation: westmoor,
      submission: {
        id: sent!.id,
        reference: sent!.reference,
        language: "en",
      },
      form: haveYourSayChild,
      answers,
      urgentMatches: [],
      portalUrl: "http://localhost:3000",
    });
    const [referral] = await tx
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.reference, received.advocacyReference!));
    return { referral: referral!, received };
  });
}

async function audits(subjectId: string, action: string) {
  return db()
    .select()
    .from(schema.auditEvent)
    .where(and(eq(schema.auditEvent.subjectId, subjectId), eq(schema.auditEvent.action, action)));
}

const today = () => londonDateOf(new Date());

describe("the advocacy provider's list and referral", () => {
  test("lists the council's referrals newest first, with when contact is due", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    const older = await advocacyRequest();
    const newer = await advocacyRequest();
    const list = (await listReferrals({ organisation: westmoor, staff: provider }))!;
    const ids = list.map((item) => item.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const item = list.find((i) => i.id === newer.id)!;
    expect(item).toMatchObject({
      reference: newer.reference,
      childName: "Jordan",
      status: "new",
      firstContactOn: null,
      withinOneWorkingDay: null,
      withComplaint: false,
      childsReference: expect.stringMatching(/^ADV-T/),
      contactDueOn: calendarFor(westmoor.bankHolidayRegion).addWorkingDays(today(), 1),
    });
  });

  test("opens one with the child's answers, and records the view", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    const referral = await advocacyRequest();
    const opened = await openReferral({
      organisation: westmoor,
      staff: provider,
      id: referral.id,
      clientAddress: "10.9.0.1",
    });
    expect(opened).toMatchObject({
      status: "new",
      formId: "advocacy-request",
      formVersion: 1,
      answers: { whatHappened: "I want to move back to my old school" },
      complaint: null,
      receivedOn: today(),
    });
    expect(opened!.referral).toMatchObject({
      contactWay: "Text my mobile 07700 900123",
      contactTime: "After 4pm",
      communicationNeeds: "I find long phone calls hard",
      consent: true,
    });
    const views = await audits(referral.id, "advocacy.viewed");
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorStaffUserId: provider.id, clientAddress: "10.9.0.1" });
  });

  test("a referral made with a complaint shows its reference, stage clock and the form", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    const { referral, received } = await complaintWithAdvocate();
    expect(referral.submissionId).toBeNull();
    const opened = (await openReferral({
      organisation: westmoor,
      staff: provider,
      id: referral.id,
    }))!;
    expect(opened.complaint).toMatchObject({
      reference: received.reference,
      kind: "complaint",
      stage: 1,
      dueOn: received.replyDueOn,
      closedOn: null,
    });
    expect(opened.complaint!.state?.status).toBe("on-track");
    expect(opened.formId).toBe("have-your-say-child");
    expect(opened.childsReference).toBe(received.reference);
    expect(opened.answers).toMatchObject({ whatHappened: "My social worker keeps changing" });
    const list = (await listReferrals({ organisation: westmoor, staff: provider }))!;
    expect(list.find((i) => i.id === referral.id)?.withComplaint).toBe(true);
  });

  test("accepting is recorded once, and accepting again changes nothing", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    const referral = await advocacyRequest();
    const scope = { organisation: westmoor, staff: provider, id: referral.id };
    expect(await acceptReferral(scope)).toEqual({ ok: true, alreadyAccepted: false });
    const [first] = await db()
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.id, referral.id));
    expect(first!.acceptedBy).toBe(provider.id);
    expect(first!.acceptedAt).not.toBeNull();
    expect(await acceptReferral(scope)).toEqual({ ok: true, alreadyAccepted: true });
    const [again] = await db()
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.id, referral.id));
    expect(again!.acceptedAt).toEqual(first!.acceptedAt);
    expect(await audits(referral.id, "advocacy.accepted")).toHaveLength(1);
    const opened = await openReferral(scope);
    expect(opened).toMatchObject({ status: "accepted", acceptedByName: "Alex Morgan" });
  });

  test("first contact: only after accepting, on a real day from receipt to today", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    const referral = await advocacyRequest();
    const scope = { organisation: westmoor, staff: provider, id: referral.id, note: "" };
    expect(await recordFirstContact({ ...scope, on: today() })).toEqual({
      ok: false,
      problem: "notAccepted",
    });
    await acceptReferral(scope);
    const calendar = calendarFor(westmoor.bankHolidayRegion);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = calendar.addWorkingDays(today(), 1);
    for (const [on, problem] of [
      ["2026-02-30", "notADate"],
      ["yesterday", "notADate"],
      [yesterday < today() ? yesterday : "2000-01-01", "beforeReceived"],
      [tomorrow, "inFuture"],
    ] as const) {
      expect(await recordFirstContact({ ...scope, on }), on).toEqual({ ok: false, problem });
    }
    expect(await recordFirstContact({ ...scope, on: today(), note: "x".repeat(2001) })).toEqual({
      ok: false,
      problem: "noteTooLong",
    });
    expect(await audits(referral.id, "advocacy.contact-recorded")).toHaveLength(0);

    expect(
      await recordFirstContact({ ...scope, on: today(), note: "  Texted, visit on Friday  " }),
    ).toEqual({ ok: true, withinOneWorkingDay: true });
    const [row] = await db()
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.id, referral.id));
    expect(row).toMatchObject({
      firstContactOn: today(),
      firstContactNote: "Texted, visit on Friday",
    });
    const [audit] = await audits(referral.id, "advocacy.contact-recorded");
    expect(audit!.detail).toMatchObject({ on: today(), withinOneWorkingDay: true });
    const item = (await listReferrals({ organisation: westmoor, staff: provider }))!.find(
      (i) => i.id === referral.id,
    );
    expect(item).toMatchObject({ status: "in-touch", withinOneWorkingDay: true });
  });

  test("contact after the next working day is recorded as not within one working day", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    const referral = await advocacyRequest();
    // As if it had arrived two weeks ago.
    const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000);
    const receivedOn = londonDateOf(twoWeeksAgo);
    const contactDueOn = calendarFor(westmoor.bankHolidayRegion).addWorkingDays(receivedOn, 1);
    await db()
      .update(schema.advocacyReferral)
      .set({ receivedAt: twoWeeksAgo, contactDueOn })
      .where(eq(schema.advocacyReferral.id, referral.id));
    const scope = { organisation: westmoor, staff: provider, id: referral.id };
    let item = (await listReferrals(scope))!.find((i) => i.id === referral.id)!;
    expect(item.contactOverdue).toBe(true);
    await acceptReferral(scope);
    expect(await recordFirstContact({ ...scope, on: receivedOn, note: "" })).toEqual({
      ok: true,
      withinOneWorkingDay: true,
    });
    // A correction to a later day: the audit keeps the earlier one.
    expect(await recordFirstContact({ ...scope, on: today(), note: "Phoned" })).toEqual({
      ok: true,
      withinOneWorkingDay: false,
    });
    item = (await listReferrals(scope))!.find((i) => i.id === referral.id)!;
    expect(item).toMatchObject({
      status: "in-touch",
      firstContactOn: today(),
      withinOneWorkingDay: false,
      contactOverdue: false,
    });
    const recorded = await audits(referral.id, "advocacy.contact-recorded");
    expect(recorded.map((a) => (a.detail as { earlier?: string }).earlier)).toContain(receivedOn);
  });
});

describe("nobody else may list, open, accept or record", () => {
  test.each([
    "iro@westmoor.example",
    "complaints@westmoor.example",
    "manager@westmoor.example",
    "admin@westmoor.example",
    "advocacy@aberhaven.example",
  ])("%s", async (email) => {
    const { westmoor, aberhaven } = await councils();
    const other = await staff(email);
    const referral = await advocacyRequest();
    for (const organisation of [westmoor, aberhaven]) {
      const scope = { organisation, staff: other, id: referral.id };
      const list = await listReferrals(scope);
      // The Aberhaven provider sees Aberhaven's list, never Westmoor's referrals.
      expect(list?.map((i) => i.id) ?? []).not.toContain(referral.id);
      expect(await openReferral(scope)).toBeNull();
      expect(await acceptReferral(scope)).toBeNull();
      expect(await recordFirstContact({ ...scope, on: today(), note: "" })).toBeNull();
    }
    if (email !== "advocacy@aberhaven.example") {
      expect(await listReferrals({ organisation: westmoor, staff: other })).toBeNull();
    }
    const [row] = await db()
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.id, referral.id));
    expect(row).toMatchObject({ acceptedAt: null, firstContactOn: null });
    expect(await audits(referral.id, "advocacy.viewed")).toHaveLength(0);
  });

  test("an id that is not a referral, or not a UUID, is nothing", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      expect(await openReferral({ organisation: westmoor, staff: provider, id })).toBeNull();
      expect(await acceptReferral({ organisation: westmoor, staff: provider, id })).toBeNull();
    }
  });
});

/** The referral's row as it is stored: sealed columns as their raw text. */
async function rawRow(id: string): Promise<Record<string, string | null>> {
  const result = (await db().execute(
    sql`select child_wanted, outcome_note, first_contact_note from advocacy_referral where id = ${id}`,
  )) as unknown as Record<string, string | null>[] | { rows: Record<string, string | null>[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0]!;
}

async function rowOf(id: string) {
  const [row] = await db()
    .select()
    .from(schema.advocacyReferral)
    .where(eq(schema.advocacyReferral.id, id));
  return row!;
}

/** A referral accepted and contacted today by the Westmoor provider. */
async function inTouchReferral() {
  const { westmoor } = await councils();
  const provider = await staff("advocacy@westmoor.example");
  const referral = await advocacyRequest();
  const scope = { organisation: westmoor, staff: provider, id: referral.id };
  await acceptReferral(scope);
  expect(await recordFirstContact({ ...scope, on: today(), note: "" })).toMatchObject({ ok: true });
  return { referral, scope };
}

describe("what the child wanted, and closing the referral", () => {
  test("after contact: status and what they wanted, then closed with an outcome", async () => {
    const { westmoor } = await councils();
    const { referral, scope } = await inTouchReferral();
    const details = { childStatus: "in-care", childWanted: "  To stay at Greenfield School  " };
    // Not yet: closing with an outcome needs what the child wanted first.
    expect(await closeReferral({ ...scope, outcome: "achieved", note: "", on: today() })).toEqual({
      ok: false,
      problem: "detailsFirst",
    });
    for (const [change, problem] of [
      [{ childStatus: "in-space" }, "childStatusMissing"],
      [{ childStatus: "" }, "childStatusMissing"],
      [{ childWanted: "   " }, "childWantedMissing"],
      [{ childWanted: "x".repeat(2001) }, "childWantedTooLong"],
    ] as const) {
      expect(await recordChildDetails({ ...scope, ...details, ...change }), problem).toEqual({
        ok: false,
        problem,
      });
    }
    expect(await recordChildDetails({ ...scope, ...details, clientAddress: "10.9.0.7" })).toEqual({
      ok: true,
    });
    // Corrected once: the audit keeps the earlier status.
    expect(
      await recordChildDetails({ ...scope, ...details, childStatus: "child-in-need" }),
    ).toEqual({ ok: true });
    const recorded = await audits(referral.id, "advocacy.details-recorded");
    expect(recorded).toHaveLength(2);
    expect(recorded.map((a) => a.detail)).toContainEqual(
      expect.objectContaining({ childStatus: "child-in-need", earlierChildStatus: "in-care" }),
    );
    expect(JSON.stringify(recorded.map((a) => a.detail))).not.toContain("Greenfield");

    expect(
      await closeReferral({
        ...scope,
        outcome: "partly-achieved",
        note: "  Stayed at Greenfield until summer  ",
        on: today(),
        clientAddress: "10.9.0.8",
      }),
    ).toEqual({ ok: true });
    const row = await rowOf(referral.id);
    expect(row).toMatchObject({
      childStatus: "child-in-need",
      childWanted: "To stay at Greenfield School",
      outcome: "partly-achieved",
      outcomeNote: "Stayed at Greenfield until summer",
      closedOn: today(),
      closedBy: scope.staff.id,
    });
    const [closed] = await audits(referral.id, "advocacy.closed");
    expect(closed).toMatchObject({ actorStaffUserId: scope.staff.id, clientAddress: "10.9.0.8" });
    expect(closed!.detail).toMatchObject({
      outcome: "partly-achieved",
      on: today(),
      note: "Stayed at Greenfield until summer",
    });

    // Closed: off the open list, on the closed one, and nothing more changes it.
    const open = (await listReferrals({ organisation: westmoor, staff: scope.staff }))!;
    expect(open.map((i) => i.id)).not.toContain(referral.id);
    const closedList = (await listReferrals({
      organisation: westmoor,
      staff: scope.staff,
      shows: "closed",
    }))!;
    expect(closedList.find((i) => i.id === referral.id)).toMatchObject({
      status: "closed",
      outcome: "partly-achieved",
      closedOn: today(),
      contactOverdue: false,
    });
    expect(await openReferral(scope)).toMatchObject({
      status: "closed",
      closedByName: "Alex Morgan",
    });
    expect(await closeReferral({ ...scope, outcome: "achieved", note: "", on: today() })).toEqual({
      ok: false,
      problem: "alreadyClosed",
    });
    expect(await recordChildDetails({ ...scope, ...details })).toEqual({
      ok: false,
      problem: "alreadyClosed",
    });
    expect(await recordFirstContact({ ...scope, on: today(), note: "" })).toEqual({
      ok: false,
      problem: "alreadyClosed",
    });
    expect(await audits(referral.id, "advocacy.closed")).toHaveLength(1);
    expect((await rowOf(referral.id)).outcome).toBe("partly-achieved");
  });

  test("closing needs first contact, unless nobody could get in touch", async () => {
    const { westmoor } = await councils();
    const provider = await staff("advocacy@westmoor.example");
    const referral = await advocacyRequest();
    const scope = { organisation: westmoor, staff: provider, id: referral.id };
    for (const outcome of ADVOCACY_OUTCOMES.filter((o) => o !== "no-contact")) {
      expect(await closeReferral({ ...scope, outcome, note: "", on: today() }), outcome).toEqual({
        ok: false,
        problem: "contactFirst",
      });
    }
    expect(
      await recordChildDetails({ ...scope, childStatus: "other", childWanted: "Help" }),
    ).toEqual({ ok: false, problem: "contactFirst" });
    expect(await closeReferral({ ...scope, outcome: "", note: "", on: today() })).toEqual({
      ok: false,
      problem: "outcomeMissing",
    });
    expect(await audits(referral.id, "advocacy.closed")).toHaveLength(0);
    // Not even taken on: "no contact" still closes it.
    expect(
      await closeReferral({
        ...scope,
        outcome: "no-contact",
        note: "Three texts, no reply",
        on: today(),
      }),
    ).toEqual({ ok: true });
    expect(await rowOf(referral.id)).toMatchObject({
      outcome: "no-contact",
      closedOn: today(),
      closedBy: provider.id,
      childStatus: null,
      firstContactOn: null,
    });
    expect(await audits(referral.id, "advocacy.closed")).toHaveLength(1);
    // A closed referral is not taken on afterwards.
    expect(await acceptReferral(scope)).toEqual({ ok: true, alreadyAccepted: true });
    expect((await rowOf(referral.id)).acceptedAt).toBeNull();
  });

  test("'no contact' is refused once an advocate was in touch", async () => {
    const { scope } = await inTouchReferral();
    expect(await closeReferral({ ...scope, outcome: "no-contact", note: "", on: today() })).toEqual(
      { ok: false, problem: "noContactAfterContact" },
    );
  });

  test("the closing day: a real day, from receipt and first contact to today", async () => {
    const { westmoor } = await councils();
    const { referral, scope } = await inTouchReferral();
    await recordChildDetails({ ...scope, childStatus: "care-leaver", childWanted: "A flat" });
    // As if it arrived two weeks ago and first contact was a week ago.
    const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000);
    const receivedOn = londonDateOf(twoWeeksAgo);
    const contactOn = addDays(today(), -7);
    await db()
      .update(schema.advocacyReferral)
      .set({
        receivedAt: twoWeeksAgo,
        contactDueOn: calendarFor(westmoor.bankHolidayRegion).addWorkingDays(receivedOn, 1),
        firstContactOn: contactOn,
      })
      .where(eq(schema.advocacyReferral.id, referral.id));
    const close = (on: string, note = "") =>
      closeReferral({ ...scope, outcome: "not-achieved", note, on });
    for (const [on, problem] of [
      ["2026-02-30", "closedNotADate"],
      ["last week", "closedNotADate"],
      [addDays(receivedOn, -1), "closedBeforeReceived"],
      [addDays(contactOn, -1), "closedBeforeContact"],
      [addDays(today(), 1), "closedInFuture"],
    ] as const) {
      expect(await close(on), on).toEqual({ ok: false, problem });
    }
    expect(await close(contactOn, "y".repeat(2001))).toEqual({
      ok: false,
      problem: "outcomeNoteTooLong",
    });
    expect(await audits(referral.id, "advocacy.closed")).toHaveLength(0);
    expect((await rowOf(referral.id)).closedOn).toBeNull();
    expect(await close(contactOn)).toEqual({ ok: true });
    expect(await rowOf(referral.id)).toMatchObject({ closedOn: contactOn, outcomeNote: null });
  });

  test("what the child wanted and the outcome note are sealed at rest", async () => {
    const { referral, scope } = await inTouchReferral();
    const wanted = "Periwinkle narwhal sleepover";
    const note = "Gingham lighthouse agreement";
    await recordChildDetails({
      ...scope,
      childStatus: "child-protection-plan",
      childWanted: wanted,
    });
    await closeReferral({ ...scope, outcome: "achieved", note, on: today() });
    const raw = await rawRow(referral.id);
    expect(raw.child_wanted).toBeTruthy();
    expect(raw.outcome_note).toBeTruthy();
    expect(raw.child_wanted).not.toContain("Periwinkle");
    expect(raw.outcome_note).not.toContain("Gingham");
    // The audit's copy of the note is sealed too.
    const result = (await db().execute(
      sql`select detail::text as detail from audit_event where subject_id = ${referral.id}`,
    )) as unknown as { detail: string }[] | { rows: { detail: string }[] };
    const details = (Array.isArray(result) ? result : result.rows).map((r) => r.detail).join();
    expect(details).not.toContain("Gingham");
    expect(details).not.toContain("Periwinkle");
    // The model reads them back.
    expect(await rowOf(referral.id)).toMatchObject({ childWanted: wanted, outcomeNote: note });
  });
});

describe("nobody else may record what the child wanted or close", () => {
  test.each([
    "iro@westmoor.example",
    "complaints@westmoor.example",
    "manager@westmoor.example",
    "admin@westmoor.example",
    "advocacy@aberhaven.example",
  ])("%s", async (email) => {
    const { westmoor, aberhaven } = await councils();
    const { referral } = await inTouchReferral();
    const other = await staff(email);
    for (const organisation of [westmoor, aberhaven]) {
      const scope = { organisation, staff: other, id: referral.id };
      expect(
        await recordChildDetails({ ...scope, childStatus: "other", childWanted: "Help" }),
      ).toBeNull();
      for (const outcome of ["achieved", "no-contact"])
        expect(await closeReferral({ ...scope, outcome, note: "", on: today() })).toBeNull();
    }
    expect(await rowOf(referral.id)).toMatchObject({
      childStatus: null,
      childWanted: null,
      outcome: null,
      closedOn: null,
    });
    expect(await audits(referral.id, "advocacy.details-recorded")).toHaveLength(0);
    expect(await audits(referral.id, "advocacy.closed")).toHaveLength(0);
  });
});

describe("the advocacy figures", () => {
  // Two reporting years long ago, which nothing else in this database touches.
  const YEARS = [2019, 2020];

  type Made = {
    organisationId: string;
    receivedAt: Date;
    contactDueOn: string;
    firstContactOn: string | null;
    childStatus: (typeof ADVOCACY_CHILD_STATUSES)[number] | null;
    outcome: (typeof ADVOCACY_OUTCOMES)[number] | null;
  };

  /** The figures counted here, from what was made, without the database. */
  function expected(made: Made[], organisationId: string, startYear: number): AdvocacyFigures {
    const inYear = made.filter(
      (r) =>
        r.organisationId === organisationId &&
        reportYearOf(londonDateOf(r.receivedAt)) === startYear,
    );
    const count = (test: (r: Made) => boolean) => inYear.filter(test).length;
    return {
      startYear,
      received: inYear.length,
      contact: {
        inTime: count((r) => r.firstContactOn !== null && r.firstContactOn <= r.contactDueOn),
        late: count((r) => r.firstContactOn !== null && r.firstContactOn > r.contactDueOn),
        notContacted: count((r) => r.firstContactOn === null),
      },
      byChildStatus: [
        ...ADVOCACY_CHILD_STATUSES.map((status) => ({
          status,
          referrals: count((r) => r.childStatus === status),
        })),
        { status: "not-recorded", referrals: count((r) => r.childStatus === null) },
      ],
      byOutcome: [
        ...ADVOCACY_OUTCOMES.map((outcome) => ({
          outcome,
          referrals: count((r) => r.outcome === outcome),
        })),
        { outcome: "still-open", referrals: count((r) => r.outcome === null) },
      ],
    };
  }

  test("every cell equals a count of made-up referrals across two years and two councils", async () => {
    const { westmoor, aberhaven } = await councils();
    const manager = await staff("manager@westmoor.example");
    const provider = await staff("advocacy@westmoor.example");
    const theirManager = await staff("manager@aberhaven.example");
    for (const startYear of YEARS) {
      const before = await advocacyFigures({ organisation: westmoor, staff: manager, startYear });
      expect(before?.received, `nothing in ${startYear} yet`).toBe(0);
    }
    const random = seededRandom(47);
    const calendar = calendarFor(westmoor.bankHolidayRegion);
    const made: Made[] = [];
    // The edges of the years, in UK time: 23:30 on 31 March (BST) is still the old year.
    const edges = [
      new Date("2020-03-31T22:30:00Z"),
      new Date("2020-03-31T23:30:00Z"),
      new Date("2019-03-31T22:59:00Z"),
      new Date("2019-03-31T23:00:00Z"),
      new Date("2021-03-31T22:59:00Z"),
      new Date("2021-03-31T23:00:00Z"),
    ];
    const first = Date.parse("2019-03-20T00:00:00Z");
    const last = Date.parse("2021-04-10T00:00:00Z");
    for (let i = 0; i < 260; i++) {
      const receivedAt =
        i < edges.length ? edges[i]! : new Date(first + Math.floor(random.next() * (last - first)));
      const receivedOn = londonDateOf(receivedAt);
      const contactDueOn = calendar.addWorkingDays(receivedOn, 1);
      const contacted = random.chance(0.75);
      const firstContactOn = contacted
        ? addDays(
            receivedOn,
            random.weighted([
              [0, 3],
              [1, 4],
              [2, 2],
              [3, 1],
              [6, 1],
            ] as const),
          )
        : null;
      const closed = random.chance(0.6);
      const outcome = !closed
        ? null
        : contacted
          ? random.pick(ADVOCACY_OUTCOMES.filter((o) => o !== "no-contact"))
          : "no-contact";
      const childStatus =
        contacted && random.chance(0.8) ? random.pick(ADVOCACY_CHILD_STATUSES) : null;
      made.push({
        organisationId: random.chance(0.15) ? aberhaven.id : westmoor.id,
        receivedAt,
        contactDueOn,
        firstContactOn,
        childStatus,
        outcome,
      });
    }
    await db()
      .insert(schema.advocacyReferral)
      .values(
        made.map((r, i) => ({
          ...r,
          reference: `FIG-${process.pid}-${i}`,
          childName: `Child ${i}`,
          contactWay: "Through their carer",
          issue: "Made up for the figures",
          language: "en",
          consent: true,
          childWanted: r.childStatus ? "Made up" : null,
          closedOn: r.outcome ? (r.firstContactOn ?? londonDateOf(r.receivedAt)) : null,
        })),
      );
    let checked = 0;
    for (const startYear of YEARS) {
      const ours = expected(made, westmoor.id, startYear);
      expect(ours.received).toBeGreaterThan(50);
      expect(ours.contact.late).toBeGreaterThan(0);
      expect(ours.contact.inTime).toBeGreaterThan(0);
      for (const who of [manager, provider]) {
        const figures = await advocacyFigures({
          organisation: westmoor,
          staff: who,
          startYear,
          clientAddress: "10.9.0.9",
          format: "csv",
        });
        expect(figures, `${who.id}, ${startYear}`).toEqual(ours);
        checked++;
      }
      const theirs = await advocacyFigures({
        organisation: aberhaven,
        staff: theirManager,
        startYear,
      });
      expect(theirs).toEqual(expected(made, aberhaven.id, startYear));
      expect(theirs!.received).toBeGreaterThan(0);
    }
    expect(checked).toBe(4);
    // Every figure is within the year's total, and each table adds up to it.
    const year = (await advocacyFigures({
      organisation: westmoor,
      staff: manager,
      startYear: 2019,
    }))!;
    const sum = (rows: { referrals: number }[]) => rows.reduce((s, r) => s + r.referrals, 0);
    expect(sum(year.byChildStatus)).toBe(year.received);
    expect(sum(year.byOutcome)).toBe(year.received);
    expect(year.contact.inTime + year.contact.late + year.contact.notContacted).toBe(year.received);
    // Each look is audited.
    const looks = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, "report.viewed"),
          eq(schema.auditEvent.actorStaffUserId, provider.id),
        ),
      );
    expect(looks.map((a) => a.detail)).toContainEqual(
      expect.objectContaining({ report: "advocacy-figures", format: "csv", from: "2019-04-01" }),
    );
  });

  test("nobody else sees them, and nobody sees another council's", async () => {
    const { westmoor, aberhaven } = await councils();
    for (const email of [
      "iro@westmoor.example",
      "complaints@westmoor.example",
      "admin@westmoor.example",
      "manager@aberhaven.example",
      "advocacy@aberhaven.example",
    ]) {
      const other = await staff(email);
      expect(
        await advocacyFigures({ organisation: westmoor, staff: other, startYear: 2019 }),
        email,
      ).toBeNull();
    }
    const manager = await staff("manager@westmoor.example");
    expect(
      await advocacyFigures({ organisation: aberhaven, staff: manager, startYear: 2019 }),
    ).toBeNull();
  });
});
