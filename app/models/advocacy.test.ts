import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import type { Answers } from "#app/forms/types";
import { advocacyRequest as advocacyRequestForm } from "#app/forms/advocacy-request";
import { haveYourSayChild } from "#app/forms/have-your-say-child";
import { calendarFor } from "#app/utils/working-days";
import { londonDateOf } from "#app/utils/dates";
import { acceptReferral, listReferrals, openReferral, recordFirstContact } from "./advocacy.server";
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
