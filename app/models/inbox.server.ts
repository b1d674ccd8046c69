// The IRO's booklets: who may list and open a child's booklet, recording the review's
// participation, allocating from the shared inbox, and telling managers about booklets still
// unread just before a review. Every rule about who sees what lives here, not in the routes.
import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { answersOf } from "#app/forms/stored-answers";
import type { StaffRole } from "#db/schema/constants";
import { wakeOutboxWorker } from "#app/server/outbox-worker.server";
import { calendarFor, londonDateOf } from "#app/utils/working-days";
import { staffWithRole } from "./staff.server";
import { recordAudit } from "./audit.server";
import { emailTranslator, emailWords } from "./email-text.server";
import { formatReviewDate, isUuid } from "./invitation.server";
import { enqueueEmail } from "./outbox.server";
import { can, type Permission } from "./permissions";

/** Booklets to and from an IRO live in this queue. */
export const IRO_QUEUE = "iro";

/** The member of staff asking, as `requireStaff` gives them. */
export type StaffActor = { id: string; organisationId: string; roles: readonly StaffRole[] };

export type InboxBox = "mine" | "shared";

/** Asked for something the member of staff's roles do not allow (a route answers 403). */
export class NotAllowedError extends Error {
  constructor(public readonly permission: Permission) {
    super(`Not allowed: needs ${permission}`);
    this.name = "NotAllowedError";
  }
}

/** The review participation categories (the old national indicator C63), see docs/domain.md. */
export const PARTICIPATION_CATEGORIES: readonly number[] = [1, 2, 3, 4, 5, 6];
/** The categories that count as taking part: 1, 2, 4 and 5. */
export const PARTICIPATING_CATEGORIES: readonly number[] = [1, 2, 4, 5];

export class InvalidParticipationError extends RangeError {
  constructor(category: unknown) {
    super(`A participation category is a whole number from 1 to 6, not ${String(category)}`);
    this.name = "InvalidParticipationError";
  }
}

function isParticipationCategory(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 6;
}

const BOX_PERMISSION: Record<InboxBox, Permission> = {
  mine: "booklet:read-own",
  shared: "booklet:read-shared-inbox",
};

/** A member of staff acting for another council than their own gets nothing. */
function inOwnCouncil(organisationId: string, staff: StaffActor): boolean {
  return staff.organisationId === organisationId;
}

/** The rows of one inbox: the IRO's own, or the shared one awaiting allocation. */
function boxCondition(organisationId: string, staff: StaffActor, box: InboxBox) {
  return and(
    eq(schema.submission.organisationId, organisationId),
    eq(schema.submission.queue, IRO_QUEUE),
    box === "mine"
      ? eq(schema.submission.recipientStaffUserId, staff.id)
      : isNull(schema.submission.recipientStaffUserId),
  );
}

export type InboxRow = {
  id: string;
  reference: string;
  /** The child's name, as they gave it (or as the invitation has it). */
  senderName: string | null;
  /** The IRO a child named when there was no invitation (shared inbox). */
  namedWorker: string | null;
  formId: string;
  submittedAt: Date;
  urgent: boolean;
  read: boolean;
  reviewDate: string | null;
  participation: number | null;
};

/**
 * One inbox, urgent first, then unread, then newest. "mine" needs booklet:read-own; "shared"
 * needs booklet:read-shared-inbox; otherwise NotAllowedError.
 */
export async function listInbox(input: {
  organisationId: string;
  staff: StaffActor;
  box: InboxBox;
}): Promise<InboxRow[]> {
  const { organisationId, staff, box } = input;
  const permission = BOX_PERMISSION[box];
  if (!permission || !can(staff.roles, permission)) throw new NotAllowedError(permission);
  if (!inOwnCouncil(organisationId, staff)) throw new NotAllowedError(permission);
  const { submission, invitation } = schema;
  const rows = await db()
    .select({
      id: submission.id,
      reference: submission.reference,
      // Both sealed: the name is chosen here, not in SQL (which sees only sealed text).
      senderName: submission.senderName,
      childName: invitation.childName,
      namedWorker: submission.namedWorker,
      formId: submission.formId,
      submittedAt: submission.submittedAt,
      urgent: submission.urgent,
      firstReadAt: submission.firstReadAt,
      reviewDate: invitation.reviewDate,
      participation: submission.participation,
    })
    .from(submission)
    .leftJoin(
      invitation,
      and(
        eq(invitation.id, submission.invitationId),
        eq(invitation.organisationId, submission.organisationId),
      ),
    )
    .where(boxCondition(organisationId, staff, box))
    .orderBy(
      desc(submission.urgent),
      sql`${submission.firstReadAt} is null desc`,
      desc(submission.submittedAt),
      asc(submission.reference),
    );
  return rows.map(({ firstReadAt, senderName, childName, ...row }) => ({
    ...row,
    senderName: senderName ?? childName,
    read: firstReadAt !== null,
  }));
}

export type OpenedBooklet = {
  id: string;
  reference: string;
  formId: string;
  formVersion: number;
  language: string;
  senderName: string | null;
  namedWorker: string | null;
  submittedAt: Date;
  urgent: boolean;
  urgentMatches: string[];
  /** Who the child said may see the answers besides their IRO (empty: only their IRO). */
  mayAlsoSee: string[];
  invited: boolean;
  reviewDate: string | null;
  participation: number | null;
  participationRecordedAt: Date | null;
  firstReadAt: Date | null;
  /**
   * "recipient": the child's IRO, who reads the answers. "shared-inbox": a manager allocating
   * it, who sees who it is from and any safeguarding flag but not the child's answers.
   */
  access: "recipient" | "shared-inbox";
  /** The child's answers, for the recipient only. */
  answers: Record<string, unknown> | null;
};

/**
 * A booklet, if this member of staff may see it (their own, or the shared inbox for a manager);
 * otherwise null, whether or not it exists. Every view is audited; the first view by the
 * child's IRO marks it read. One transaction.
 */
export async function openSubmission(input: {
  organisationId: string;
  staff: StaffActor;
  submissionId: string;
  clientAddress?: string;
  now?: Date;
}): Promise<OpenedBooklet | null> {
  const { organisationId, staff, submissionId } = input;
  if (!isUuid(submissionId) || !inOwnCouncil(organisationId, staff)) return null;
  const mayReadOwn = can(staff.roles, "booklet:read-own");
  const mayReadShared = can(staff.roles, "booklet:read-shared-inbox");
  if (!mayReadOwn && !mayReadShared) return null;
  const now = input.now ?? new Date();
  const { submission, invitation } = schema;
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ submission, reviewDate: invitation.reviewDate, childName: invitation.childName })
      .from(submission)
      .leftJoin(
        invitation,
        and(
          eq(invitation.id, submission.invitationId),
          eq(invitation.organisationId, submission.organisationId),
        ),
      )
      .where(
        and(
          eq(submission.id, submissionId),
          eq(submission.organisationId, organisationId),
          eq(submission.queue, IRO_QUEUE),
        ),
      )
      .for("update", { of: submission });
    if (!row) return null;
    const found = row.submission;
    const access =
      mayReadOwn && found.recipientStaffUserId === staff.id
        ? "recipient"
        : mayReadShared && found.recipientStaffUserId === null
          ? "shared-inbox"
          : null;
    if (!access) return null;
    let firstReadAt = found.firstReadAt;
    if (access === "recipient" && !firstReadAt) {
      firstReadAt = now;
      await tx
        .update(submission)
        .set({ firstReadAt: now, firstReadBy: staff.id })
        .where(and(eq(submission.id, found.id), isNull(submission.firstReadAt)));
    }
    await recordAudit(
      {
        organisationId,
        action: "booklet.viewed",
        actorStaffUserId: staff.id,
        subjectType: "submission",
        subjectId: found.id,
        clientAddress: input.clientAddress,
        detail: { reference: found.reference, access, answersShown: access === "recipient" },
      },
      tx,
    );
    return {
      id: found.id,
      reference: found.reference,
      formId: found.formId,
      formVersion: found.formVersion,
      language: found.language,
      senderName: found.senderName ?? row.childName,
      namedWorker: found.namedWorker,
      submittedAt: found.submittedAt,
      urgent: found.urgent,
      urgentMatches: found.urgentMatches,
      mayAlsoSee: found.mayAlsoSee,
      invited: found.invitationId !== null,
      reviewDate: row.reviewDate,
      participation: found.participation,
      participationRecordedAt: found.participationRecordedAt,
      firstReadAt,
      access,
      answers: access === "recipient" ? answersOf(found) : null,
    } satisfies OpenedBooklet;
  });
}

/**
 * The review's participation category (1–6), recorded by the child's IRO only. False when there
 * is no such booklet for them; InvalidParticipationError outside 1–6.
 */
export async function recordParticipation(input: {
  organisationId: string;
  staff: StaffActor;
  submissionId: string;
  category: number;
  clientAddress?: string;
  now?: Date;
}): Promise<boolean> {
  const { organisationId, staff, submissionId, category } = input;
  if (!isParticipationCategory(category)) throw new InvalidParticipationError(category);
  if (!can(staff.roles, "booklet:read-own")) throw new NotAllowedError("booklet:read-own");
  if (!isUuid(submissionId) || !inOwnCouncil(organisationId, staff)) return false;
  const now = input.now ?? new Date();
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.submission)
      .set({ participation: category, participationRecordedAt: now })
      .where(
        and(eq(schema.submission.id, submissionId), boxCondition(organisationId, staff, "mine")),
      )
      .returning({ id: schema.submission.id, reference: schema.submission.reference });
    if (!updated) return false;
    await recordAudit(
      {
        organisationId,
        action: "booklet.participation-recorded",
        actorStaffUserId: staff.id,
        subjectType: "submission",
        subjectId: updated.id,
        clientAddress: input.clientAddress,
        detail: { reference: updated.reference, category },
      },
      tx,
    );
    return true;
  });
}

export type AllocationTarget = { id: string; name: string };

/** The active IROs of one council, by name: who a manager can allocate a booklet to. */
export async function listIros(organisationId: string): Promise<AllocationTarget[]> {
  const iros = await staffWithRole(organisationId, "iro");
  return iros.map(({ id, name }) => ({ id, name }));
}

export type AllocationResult =
  | { status: "allocated"; reference: string; iroName: string }
  | { status: "not-found" }
  | { status: "not-an-iro" };

/**
 * Moves a booklet from the shared inbox to an IRO of the same council, audited, and queues an
 * email telling the IRO (no child's words in it), in one transaction.
 */
export async function allocateToIro(input: {
  organisationId: string;
  staff: StaffActor;
  submissionId: string;
  iroStaffUserId: string;
  clientAddress?: string;
}): Promise<AllocationResult> {
  const { organisationId, staff, submissionId, iroStaffUserId } = input;
  if (!can(staff.roles, "booklet:allocate")) throw new NotAllowedError("booklet:allocate");
  if (!isUuid(submissionId) || !inOwnCouncil(organisationId, staff)) {
    return { status: "not-found" };
  }
  if (!isUuid(iroStaffUserId)) return { status: "not-an-iro" };
  const result = await db().transaction(async (tx): Promise<AllocationResult> => {
    const [target] = await staffWithRole(organisationId, "iro", { only: iroStaffUserId, tx });
    if (!target) return { status: "not-an-iro" };
    const [moved] = await tx
      .update(schema.submission)
      .set({ recipientStaffUserId: target.id })
      .where(
        and(eq(schema.submission.id, submissionId), boxCondition(organisationId, staff, "shared")),
      )
      .returning({
        id: schema.submission.id,
        reference: schema.submission.reference,
        urgent: schema.submission.urgent,
      });
    if (!moved) return { status: "not-found" };
    await recordAudit(
      {
        organisationId,
        action: "booklet.allocated",
        actorStaffUserId: staff.id,
        subjectType: "submission",
        subjectId: moved.id,
        clientAddress: input.clientAddress,
        detail: { reference: moved.reference, to: target.id },
      },
      tx,
    );
    const values = { reference: moved.reference, iro: target.name };
    const key = moved.urgent ? "allocatedUrgent" : "allocated";
    await enqueueEmail(tx, {
      organisationId,
      template: "booklet.allocated",
      recipient: target.email,
      ...(await emailWords("en", `inbox:inbox.emails.${key}`, values)),
      subjectType: "submission",
      subjectId: moved.id,
    });
    return { status: "allocated", reference: moved.reference, iroName: target.name };
  });
  if (result.status === "allocated") wakeOutboxWorker();
  return result;
}

/** How many working days before a review an unread booklet is raised with the managers. */
export const UNREAD_ALERT_WORKING_DAYS = 2;
/** No review more than this many calendar days away can be within 2 working days. */
const LOOKAHEAD_DAYS = 14;

export type UnreadAlertRun = {
  /** Booklets now marked as raised with the managers. */
  submissions: number;
  /** Emails queued (one per manager per council). */
  emails: number;
};

/**
 * For every council: booklets to IROs still unread when their review is 2 working days away or
 * less. Each council's managers get one email listing the references (never the child's words),
 * and each booklet is raised once, in one transaction per council. Safe to run from several
 * instances at once. Meant for a daily job, never a page load.
 */
export async function alertUnreadBeforeReviews(input: { now: Date }): Promise<UnreadAlertRun> {
  const today = londonDateOf(input.now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + LOOKAHEAD_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const t = await emailTranslator("en");
  const organisations = await db()
    .select({
      id: schema.organisation.id,
      name: schema.organisation.name,
      bankHolidayRegion: schema.organisation.bankHolidayRegion,
    })
    .from(schema.organisation)
    .orderBy(asc(schema.organisation.slug));
  const run: UnreadAlertRun = { submissions: 0, emails: 0 };
  for (const organisation of organisations) {
    const calendar = calendarFor(organisation.bankHolidayRegion);
    const counted = await db().transaction(async (tx) => {
      const candidates = await tx
        .select({
          id: schema.submission.id,
          reference: schema.submission.reference,
          reviewDate: schema.invitation.reviewDate,
          iroName: schema.staffUser.name,
        })
        .from(schema.submission)
        .innerJoin(
          schema.invitation,
          and(
            eq(schema.invitation.id, schema.submission.invitationId),
            eq(schema.invitation.organisationId, schema.submission.organisationId),
          ),
        )
        .leftJoin(schema.staffUser, eq(schema.staffUser.id, schema.submission.recipientStaffUserId))
        .where(
          and(
            eq(schema.submission.organisationId, organisation.id),
            eq(schema.submission.queue, IRO_QUEUE),
            isNull(schema.submission.firstReadAt),
            isNull(schema.submission.managerAlertedAt),
            lte(schema.invitation.reviewDate, horizon),
          ),
        )
        .orderBy(asc(schema.invitation.reviewDate), asc(schema.submission.reference));
      const due = candidates.filter(
        (c) => calendar.subtractWorkingDays(c.reviewDate, UNREAD_ALERT_WORKING_DAYS) <= today,
      );
      if (due.length === 0) return { submissions: 0, emails: 0 };
      const managers = await staffWithRole(organisation.id, "manager", { tx });
      // Nobody to tell: leave them unmarked, so a manager added later is told.
      if (managers.length === 0) return { submissions: 0, emails: 0 };
      // Claims the booklets: a run elsewhere at the same moment finds them already raised.
      const claimed = await tx
        .update(schema.submission)
        .set({ managerAlertedAt: input.now })
        .where(
          and(
            inArray(
              schema.submission.id,
              due.map((d) => d.id),
            ),
            isNull(schema.submission.managerAlertedAt),
            isNull(schema.submission.firstReadAt),
          ),
        )
        .returning({ id: schema.submission.id });
      const claimedIds = new Set(claimed.map((c) => c.id));
      const listed = due.filter((d) => claimedIds.has(d.id));
      if (listed.length === 0) return { submissions: 0, emails: 0 };
      const lines = listed
        .map((d) =>
          t("inbox:inbox.emails.unreadAlert.line", {
            reference: d.reference,
            reviewDate: formatReviewDate(d.reviewDate, "en-GB"),
            iro: d.iroName ?? t("inbox:inbox.emails.unreadAlert.sharedInbox"),
          }),
        )
        .join("\n");
      const values = { council: organisation.name, count: listed.length, lines };
      for (const manager of managers) {
        await enqueueEmail(tx, {
          organisationId: organisation.id,
          template: "booklet.unread-before-review",
          recipient: manager.email,
          ...(await emailWords("en", "inbox:inbox.emails.unreadAlert", values)),
        });
      }
      return { submissions: listed.length, emails: managers.length };
    });
    run.submissions += counted.submissions;
    run.emails += counted.emails;
  }
  if (run.emails > 0) wakeOutboxWorker();
  return run;
}
