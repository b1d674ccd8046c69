// The advocacy provider's side of a child's request for an advocate: the list of referrals, one
// referral with what the child wrote, taking it on, recording the first contact, what the child
// wanted, and closing it with its outcome (docs/decisions/047-advocacy-to-its-end.md). Only the
// council's commissioned provider (permission "advocacy-referral:handle") sees any of it; anyone
// else gets nothing back, whether or not the referral exists. Every view and change is audited.
import { and, count, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { destinationOf } from "#app/destinations/registry";
import { db, schema, type Transaction } from "#db/client";
import { answersOf } from "#app/forms/stored-answers";
import type { Answers } from "#app/forms/types";
import { clockState, type ClockState } from "#app/complaints/clock";
import { londonDateOf, type IsoDate } from "#app/utils/dates";
import {
  ADVOCACY_CHILD_STATUSES,
  ADVOCACY_OUTCOMES,
  type AdvocacyChildStatus,
  type AdvocacyOutcome,
} from "#db/schema/constants";
import { recordAudit } from "./audit.server";
import type { ListWindow, StaffActor } from "./inbox.server";
import { isUuid } from "./invitation.server";
import type { Organisation } from "./organisation.server";
import { can } from "./permissions";
import { calendarOf, joinCurrentStage, todayInLondon } from "./representation/common.server";

type ReferralRow = typeof schema.advocacyReferral.$inferSelect;

/**
 * new: nobody has taken it on; accepted: an advocate has; in-touch: first contact made; closed:
 * ended, with its outcome.
 */
export type ReferralStatus = "new" | "accepted" | "in-touch" | "closed";

/** Longest first-contact note kept. */
export const MAX_CONTACT_NOTE = 2000;
/** Longest "what the child wanted" kept. */
export const MAX_CHILD_WANTED = 2000;
/** Longest outcome note kept. */
export const MAX_OUTCOME_NOTE = 2000;

/** The list shows open referrals (the work to do) or closed ones. */
export const REFERRAL_LIST_SHOWS = ["open", "closed"] as const;
export type ReferralListShows = (typeof REFERRAL_LIST_SHOWS)[number];

const mayHandle = (organisationId: string, staff: StaffActor) =>
  staff.organisationId === organisationId && can(staff.roles, "advocacy-referral:handle");

const statusOf = (
  row: Pick<ReferralRow, "acceptedAt" | "firstContactOn" | "closedOn">,
): ReferralStatus =>
  row.closedOn ? "closed" : row.firstContactOn ? "in-touch" : row.acceptedAt ? "accepted" : "new";

/** Not contacted, not closed, and the target day has passed. */
const isOverdue = (
  row: Pick<ReferralRow, "firstContactOn" | "contactDueOn" | "closedOn">,
  today: IsoDate,
) => row.firstContactOn === null && row.closedOn === null && today > row.contactDueOn;

/** The target is the next working day after receipt: met if contact was on or before it. */
const withinOneWorkingDayOf = (row: Pick<ReferralRow, "firstContactOn" | "contactDueOn">) =>
  row.firstContactOn === null ? null : row.firstContactOn <= row.contactDueOn;

export type ReferralListItem = {
  id: string;
  reference: string;
  childName: string;
  receivedAt: Date;
  /** When the child should have heard from an advocate (the next working day). */
  contactDueOn: IsoDate;
  status: ReferralStatus;
  firstContactOn: IsoDate | null;
  /** null until first contact is recorded. */
  withinOneWorkingDay: boolean | null;
  /** Not yet contacted, and the target day has passed (never once closed). */
  contactOverdue: boolean;
  outcome: AdvocacyOutcome | null;
  closedOn: IsoDate | null;
  /** The request came with a complaint (the complaints officer is dealing with that). */
  withComplaint: boolean;
  /**
   * The reference the child was given when they sent the form (the form's, or the complaint's),
   * which is not the referral's own: it is what they will quote.
   */
  childsReference: string | null;
};

/**
 * The council's open referrals (or, asked for, its closed ones), newest first: one window of them
 * and how many there are; null for anyone but its advocacy provider. Only the columns the list
 * shows are read (the child's name is the only sealed one unsealed).
 */
export async function readReferrals(
  input: {
    organisation: Pick<Organisation, "id">;
    staff: StaffActor;
    shows?: ReferralListShows;
    now?: Date;
  },
  window?: ListWindow,
): Promise<{ rows: ReferralListItem[]; total: number } | null> {
  const { organisation, staff } = input;
  if (!mayHandle(organisation.id, staff)) return null;
  const today = todayInLondon(input.now);
  const { advocacyReferral, submission, representation } = schema;
  const inList = and(
    eq(advocacyReferral.organisationId, organisation.id),
    input.shows === "closed"
      ? isNotNull(advocacyReferral.closedOn)
      : isNull(advocacyReferral.closedOn),
  );
  const rowsQuery = db()
    .select({
      referral: {
        id: advocacyReferral.id,
        reference: advocacyReferral.reference,
        childName: advocacyReferral.childName,
        receivedAt: advocacyReferral.receivedAt,
        contactDueOn: advocacyReferral.contactDueOn,
        acceptedAt: advocacyReferral.acceptedAt,
        firstContactOn: advocacyReferral.firstContactOn,
        outcome: advocacyReferral.outcome,
        closedOn: advocacyReferral.closedOn,
        representationId: advocacyReferral.representationId,
      },
      formReference: submission.reference,
      complaintReference: representation.reference,
    })
    .from(advocacyReferral)
    .leftJoin(
      submission,
      and(
        eq(submission.id, advocacyReferral.submissionId),
        eq(submission.organisationId, organisation.id),
      ),
    )
    .leftJoin(
      representation,
      and(
        eq(representation.id, advocacyReferral.representationId),
        eq(representation.organisationId, organisation.id),
      ),
    )
    .where(inList)
    .orderBy(desc(advocacyReferral.receivedAt), desc(advocacyReferral.reference));
  const [rows, [counted]] = await Promise.all([
    window ? rowsQuery.limit(window.limit).offset(window.offset) : rowsQuery,
    db().select({ total: count() }).from(advocacyReferral).where(inList),
  ]);
  return {
    rows: rows.map(({ referral: row, formReference, complaintReference }) => ({
      id: row.id,
      reference: row.reference,
      childName: row.childName,
      receivedAt: row.receivedAt,
      contactDueOn: row.contactDueOn,
      status: statusOf(row),
      firstContactOn: row.firstContactOn,
      withinOneWorkingDay: withinOneWorkingDayOf(row),
      contactOverdue: isOverdue(row, today),
      outcome: row.outcome,
      closedOn: row.closedOn,
      withComplaint: row.representationId !== null,
      childsReference: formReference ?? complaintReference ?? null,
    })),
    total: counted?.total ?? 0,
  };
}

/** Every open referral (or closed one), newest first (see `readReferrals`). */
export async function listReferrals(
  input: Parameters<typeof readReferrals>[0],
): Promise<ReferralListItem[] | null> {
  return (await readReferrals(input))?.rows ?? null;
}

export type OpenedReferral = {
  referral: ReferralRow;
  status: ReferralStatus;
  /** The day it arrived, in the UK. */
  receivedOn: IsoDate;
  withinOneWorkingDay: boolean | null;
  contactOverdue: boolean;
  acceptedByName: string | null;
  closedByName: string | null;
  /** The reference the child was given for the form they sent (see ReferralListItem). */
  childsReference: string | null;
  /**
   * What the child (or someone for them) wrote in the form, when they sent it to the advocacy
   * service or the complaints officer. Not when they asked in a form meant for someone else (a
   * review booklet): those answers stay with its reader.
   */
  answers: Answers | null;
  /** Asked in a form meant for someone else: which form, and its reader to reach the child by. */
  askedIn: { formId: string; readerName: string | null; readerEmail: string | null } | null;
  formId: string | null;
  formVersion: number | null;
  /** The complaint it came with, and where its clock stands. */
  complaint: {
    reference: string;
    kind: string;
    stage: number;
    /** When the current stage must be answered; null once answered or closed. */
    dueOn: IsoDate | null;
    state: ClockState | null;
    closedOn: IsoDate | null;
  } | null;
};

/** The referral row, locked for a change, if it belongs to this council. */
async function findReferral(tx: Transaction, organisationId: string, id: string, lock: boolean) {
  const query = tx
    .select()
    .from(schema.advocacyReferral)
    .where(
      and(
        eq(schema.advocacyReferral.id, id),
        eq(schema.advocacyReferral.organisationId, organisationId),
      ),
    );
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/**
 * One referral for the council's advocacy provider, with the child's answers and the complaint
 * it came with; null for anyone else, or if there is no such referral here. Every view is audited.
 */
export async function openReferral(input: {
  organisation: Pick<Organisation, "id" | "bankHolidayRegion">;
  staff: StaffActor;
  id: string;
  clientAddress?: string;
  now?: Date;
}): Promise<OpenedReferral | null> {
  const { organisation, staff } = input;
  if (!isUuid(input.id) || !mayHandle(organisation.id, staff)) return null;
  const today = todayInLondon(input.now);
  return db().transaction(async (tx) => {
    const row = await findReferral(tx, organisation.id, input.id, false);
    if (!row) return null;
    const { representation, representationStage, submission } = schema;
    const [linked] = row.representationId
      ? await tx
          .select({ representation, stage: representationStage })
          .from(representation)
          .leftJoin(representationStage, joinCurrentStage)
          .where(
            and(
              eq(representation.id, row.representationId),
              eq(representation.organisationId, organisation.id),
            ),
          )
      : [];
    // The form the request came in: its own, or the complaint form it was part of.
    const submissionId = row.submissionId ?? linked?.representation.submissionId ?? null;
    const [sent] = submissionId
      ? await tx
          .select({
            reference: submission.reference,
            answers: submission.answers,
            writtenAnswers: submission.writtenAnswers,
            formId: submission.formId,
            formVersion: submission.formVersion,
            queue: submission.queue,
            readerName: schema.staffUser.name,
            readerEmail: schema.staffUser.email,
          })
          .from(submission)
          .leftJoin(schema.staffUser, eq(schema.staffUser.id, submission.recipientStaffUserId))
          .where(
            and(eq(submission.id, submissionId), eq(submission.organisationId, organisation.id)),
          )
      : [];
    const nameOf = async (staffUserId: string | null) => {
      if (!staffUserId) return null;
      const [found] = await tx
        .select({ name: schema.staffUser.name })
        .from(schema.staffUser)
        .where(
          and(
            eq(schema.staffUser.id, staffUserId),
            eq(schema.staffUser.organisationId, organisation.id),
          ),
        );
      return found?.name ?? null;
    };
    const acceptedByName = await nameOf(row.acceptedBy);
    const closedByName = await nameOf(row.closedBy);
    // Sent to the advocacy service or the complaints officer (a case of its own): theirs to read.
    const sentToThem = sent && destinationOf(sent.queue).receive !== null ? sent : undefined;
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "advocacy.viewed",
        actorStaffUserId: staff.id,
        subjectType: "advocacy_referral",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: { reference: row.reference, answersShown: Boolean(sentToThem) },
      },
      tx,
    );
    let complaint: OpenedReferral["complaint"] = null;
    if (linked) {
      const { representation: found, stage } = linked;
      const open = stage && !stage.respondedOn && stage.respondedInTime === null && !found.closedOn;
      complaint = {
        reference: found.reference,
        kind: found.kind,
        stage: found.stage,
        dueOn: open ? stage.dueOn : null,
        state: open ? clockState(calendarOf(organisation), stage.dueOn, today) : null,
        closedOn: found.closedOn,
      };
    }
    return {
      referral: row,
      status: statusOf(row),
      receivedOn: londonDateOf(row.receivedAt),
      withinOneWorkingDay: withinOneWorkingDayOf(row),
      contactOverdue: isOverdue(row, today),
      acceptedByName,
      closedByName,
      childsReference: sent?.reference ?? linked?.representation.reference ?? null,
      answers: sentToThem ? answersOf(sentToThem) : null,
      askedIn:
        sent && !sentToThem
          ? { formId: sent.formId, readerName: sent.readerName, readerEmail: sent.readerEmail }
          : null,
      formId: sent?.formId ?? null,
      formVersion: sent?.formVersion ?? null,
      complaint,
    };
  });
}

/**
 * An advocate takes the referral on. Taking on one already taken on changes nothing (the first
 * advocate stays) and is not audited again. Null for anyone but the provider, or no such referral.
 */
export async function acceptReferral(input: {
  organisation: Pick<Organisation, "id">;
  staff: StaffActor;
  id: string;
  clientAddress?: string;
  now?: Date;
}): Promise<{ ok: true; alreadyAccepted: boolean } | null> {
  const { organisation, staff } = input;
  if (!isUuid(input.id) || !mayHandle(organisation.id, staff)) return null;
  return db().transaction(async (tx) => {
    const row = await findReferral(tx, organisation.id, input.id, true);
    if (!row) return null;
    // A closed referral is not taken on any more: nothing changes.
    if (row.acceptedAt || row.closedOn) return { ok: true, alreadyAccepted: true } as const;
    await tx
      .update(schema.advocacyReferral)
      .set({ acceptedAt: input.now ?? new Date(), acceptedBy: staff.id })
      .where(eq(schema.advocacyReferral.id, row.id));
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "advocacy.accepted",
        actorStaffUserId: staff.id,
        subjectType: "advocacy_referral",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: { reference: row.reference },
      },
      tx,
    );
    return { ok: true, alreadyAccepted: false } as const;
  });
}

/** What can be wrong with a first contact: a key under `advocacy:problems`. */
export type ContactProblem =
  "notAccepted" | "notADate" | "beforeReceived" | "inFuture" | "noteTooLong" | "alreadyClosed";

/** A real calendar date written "YYYY-MM-DD" (not 2026-02-30). */
const isRealDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/**
 * The day an advocate first got in touch with the child, and a note of how. Only once the
 * referral has been taken on; not before it arrived, not in the future. Recording it again
 * corrects it (the audit keeps the earlier day).
 */
export async function recordFirstContact(input: {
  organisation: Pick<Organisation, "id">;
  staff: StaffActor;
  id: string;
  on: IsoDate;
  note: string;
  clientAddress?: string;
  now?: Date;
}): Promise<
  { ok: true; withinOneWorkingDay: boolean } | { ok: false; problem: ContactProblem } | null
> {
  const { organisation, staff } = input;
  if (!isUuid(input.id) || !mayHandle(organisation.id, staff)) return null;
  const note = input.note.trim();
  const today = todayInLondon(input.now);
  return db().transaction(async (tx) => {
    const row = await findReferral(tx, organisation.id, input.id, true);
    if (!row) return null;
    const problem = (name: ContactProblem) => ({ ok: false, problem: name }) as const;
    if (row.closedOn) return problem("alreadyClosed");
    if (!row.acceptedAt) return problem("notAccepted");
    if (!isRealDate(input.on)) return problem("notADate");
    if (input.on < londonDateOf(row.receivedAt)) return problem("beforeReceived");
    if (input.on > today) return problem("inFuture");
    if ([...note].length > MAX_CONTACT_NOTE) return problem("noteTooLong");
    await tx
      .update(schema.advocacyReferral)
      .set({ firstContactOn: input.on, firstContactNote: note || null })
      .where(eq(schema.advocacyReferral.id, row.id));
    const withinOneWorkingDay = input.on <= row.contactDueOn;
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "advocacy.contact-recorded",
        actorStaffUserId: staff.id,
        subjectType: "advocacy_referral",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: {
          reference: row.reference,
          on: input.on,
          contactDueOn: row.contactDueOn,
          withinOneWorkingDay,
          ...(row.firstContactOn ? { earlier: row.firstContactOn } : {}),
          ...(note ? { note } : {}),
        },
      },
      tx,
    );
    return { ok: true, withinOneWorkingDay } as const;
  });
}

/** What can be wrong with what the child wanted: a key under `advocacy:problems`. */
export type DetailsProblem =
  | "alreadyClosed"
  | "contactFirst"
  | "childStatusMissing"
  | "childWantedMissing"
  | "childWantedTooLong";

/**
 * After first contact: the child's status and what they wanted the advocate's help with (sealed
 * at rest). Recording them again corrects them, until the referral is closed.
 */
export async function recordChildDetails(input: {
  organisation: Pick<Organisation, "id">;
  staff: StaffActor;
  id: string;
  childStatus: string;
  childWanted: string;
  clientAddress?: string;
}): Promise<{ ok: true } | { ok: false; problem: DetailsProblem } | null> {
  const { organisation, staff } = input;
  if (!isUuid(input.id) || !mayHandle(organisation.id, staff)) return null;
  const childWanted = input.childWanted.trim();
  return db().transaction(async (tx) => {
    const row = await findReferral(tx, organisation.id, input.id, true);
    if (!row) return null;
    const problem = (name: DetailsProblem) => ({ ok: false, problem: name }) as const;
    if (row.closedOn) return problem("alreadyClosed");
    if (!row.firstContactOn) return problem("contactFirst");
    const childStatus = ADVOCACY_CHILD_STATUSES.find((status) => status === input.childStatus);
    if (!childStatus) return problem("childStatusMissing");
    if (childWanted === "") return problem("childWantedMissing");
    if ([...childWanted].length > MAX_CHILD_WANTED) return problem("childWantedTooLong");
    await tx
      .update(schema.advocacyReferral)
      .set({ childStatus, childWanted })
      .where(eq(schema.advocacyReferral.id, row.id));
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "advocacy.details-recorded",
        actorStaffUserId: staff.id,
        subjectType: "advocacy_referral",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        // What the child wanted stays in the referral, sealed: the audit says only that it changed.
        detail: {
          reference: row.reference,
          childStatus,
          ...(row.childStatus && row.childStatus !== childStatus
            ? { earlierChildStatus: row.childStatus }
            : {}),
          childWantedChanged: row.childWanted !== null && row.childWanted !== childWanted,
        },
      },
      tx,
    );
    return { ok: true } as const;
  });
}

/** What can be wrong with closing a referral: a key under `advocacy:problems`. */
export type CloseProblem =
  | "alreadyClosed"
  | "outcomeMissing"
  | "contactFirst"
  | "detailsFirst"
  | "noContactAfterContact"
  | "closedNotADate"
  | "closedBeforeReceived"
  | "closedBeforeContact"
  | "closedInFuture"
  | "outcomeNoteTooLong";

/**
 * Closes the referral with its outcome, a note and the day. "no-contact" closes one the advocate
 * never got in touch about (and only such a one); every other outcome needs first contact and
 * what the child wanted recorded first. Not before the referral arrived or first contact, not in
 * the future. A closed referral stays closed.
 */
export async function closeReferral(input: {
  organisation: Pick<Organisation, "id">;
  staff: StaffActor;
  id: string;
  outcome: string;
  note: string;
  on: IsoDate;
  clientAddress?: string;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; problem: CloseProblem } | null> {
  const { organisation, staff } = input;
  if (!isUuid(input.id) || !mayHandle(organisation.id, staff)) return null;
  const note = input.note.trim();
  const today = todayInLondon(input.now);
  return db().transaction(async (tx) => {
    const row = await findReferral(tx, organisation.id, input.id, true);
    if (!row) return null;
    const problem = (name: CloseProblem) => ({ ok: false, problem: name }) as const;
    if (row.closedOn) return problem("alreadyClosed");
    const outcome = ADVOCACY_OUTCOMES.find((value) => value === input.outcome);
    if (!outcome) return problem("outcomeMissing");
    if (outcome === "no-contact") {
      if (row.firstContactOn) return problem("noContactAfterContact");
    } else {
      if (!row.firstContactOn) return problem("contactFirst");
      if (!row.childStatus || !row.childWanted) return problem("detailsFirst");
    }
    if (!isRealDate(input.on)) return problem("closedNotADate");
    if (input.on < londonDateOf(row.receivedAt)) return problem("closedBeforeReceived");
    if (row.firstContactOn && input.on < row.firstContactOn) return problem("closedBeforeContact");
    if (input.on > today) return problem("closedInFuture");
    if ([...note].length > MAX_OUTCOME_NOTE) return problem("outcomeNoteTooLong");
    await tx
      .update(schema.advocacyReferral)
      .set({ outcome, outcomeNote: note || null, closedOn: input.on, closedBy: staff.id })
      .where(eq(schema.advocacyReferral.id, row.id));
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "advocacy.closed",
        actorStaffUserId: staff.id,
        subjectType: "advocacy_referral",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        // "note" is one of the audit's written keys: sealed at rest like the referral's own.
        detail: { reference: row.reference, outcome, on: input.on, ...(note ? { note } : {}) },
      },
      tx,
    );
    return { ok: true } as const;
  });
}

export type { AdvocacyChildStatus, AdvocacyOutcome };
