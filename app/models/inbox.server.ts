// The one inbox, for every destination without a case of its own: who may list and open what
// arrived, allocating from the shared inbox, and telling managers about items still unread just
// before their event. Who may do what comes from the destination's entry in the registry; every
// rule about who sees what lives here, not in the routes.
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { answersOf } from "#app/forms/stored-answers";
import type { BankHolidayRegion, StaffRole } from "#db/schema/constants";
import { inboxDestinations, type InboxDestination } from "#app/destinations/registry";
import { calendarFor } from "#app/utils/working-days";
import { londonDateOf } from "#app/utils/dates";
import { staffWithRole } from "./staff.server";
import { recordAudit } from "./audit.server";
import { emailTranslator, emailWords } from "./email-text.server";
import { formatReviewDate, isUuid } from "./invitation.server";
import { enqueueEmail, emailQueued } from "./outbox.server";
import { can, type Permission } from "./permissions";

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

/** What reading one box of a destination's inbox needs. */
function boxPermission(destination: InboxDestination, box: InboxBox): Permission {
  return box === "mine" ? destination.read.own : destination.read.shared;
}

/** A member of staff acting for another council than their own gets nothing. */
function inOwnCouncil(organisationId: string, staff: StaffActor): boolean {
  return staff.organisationId === organisationId;
}

/** The rows of one inbox: the reader's own, or the shared one awaiting allocation. */
export function boxCondition(
  organisationId: string,
  staff: StaffActor,
  destination: InboxDestination,
  box: InboxBox,
) {
  return and(
    eq(schema.submission.organisationId, organisationId),
    eq(schema.submission.queue, destination.id),
    box === "mine"
      ? eq(schema.submission.recipientStaffUserId, staff.id)
      : isNull(schema.submission.recipientStaffUserId),
  );
}

export type InboxRow = {
  id: string;
  reference: string;
  /** The sender's name, as they gave it (or as the invitation has it). */
  senderName: string | null;
  /** The worker a sender named when there was no invitation (shared inbox). */
  namedWorker: string | null;
  formId: string;
  submittedAt: Date;
  urgent: boolean;
  read: boolean;
  reviewDate: string | null;
  participation: number | null;
};

/** A window on a list: `limit` rows after skipping `offset` (staff lists are read a page at a time). */
export type ListWindow = { limit: number; offset: number };

/**
 * One inbox, urgent first, then unread, then newest: one window of it and how many there are in
 * all. The order is the index `submission_inbox`'s, so a page costs its own rows, not the whole
 * box. "mine" needs the destination's permission to read its own; "shared", to read the shared
 * inbox; otherwise NotAllowedError.
 */
export async function readInbox(
  input: {
    organisationId: string;
    staff: StaffActor;
    destination: InboxDestination;
    box: InboxBox;
  },
  window?: ListWindow,
): Promise<{ rows: InboxRow[]; total: number }> {
  const { organisationId, staff, destination, box } = input;
  const permission = boxPermission(destination, box);
  if (!can(staff.roles, permission)) throw new NotAllowedError(permission);
  if (!inOwnCouncil(organisationId, staff)) throw new NotAllowedError(permission);
  const { submission, invitation } = schema;
  const inBox = boxCondition(organisationId, staff, destination, box);
  const rowsQuery = db()
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
      reviewDate: invitation.eventDate,
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
    .where(inBox)
    .orderBy(
      desc(submission.urgent),
      sql`${submission.firstReadAt} is null desc`,
      desc(submission.submittedAt),
      asc(submission.reference),
    );
  // Both at once: with the database some way off, one wait instead of two.
  const [rows, [counted]] = await Promise.all([
    window ? rowsQuery.limit(window.limit).offset(window.offset) : rowsQuery,
    db().select({ total: count() }).from(submission).where(inBox),
  ]);
  return {
    rows: rows.map(({ firstReadAt, senderName, childName, ...row }) => ({
      ...row,
      senderName: senderName ?? childName,
      read: firstReadAt !== null,
    })),
    total: counted?.total ?? 0,
  };
}

/** The whole of one inbox, in its order (see `readInbox`). */
export async function listInbox(input: Parameters<typeof readInbox>[0]): Promise<InboxRow[]> {
  return (await readInbox(input)).rows;
}

export type OpenedItem = {
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
  /** Who the sender said may see the answers besides its reader (empty: only the reader). */
  mayAlsoSee: string[];
  invited: boolean;
  reviewDate: string | null;
  participation: number | null;
  participationRecordedAt: Date | null;
  firstReadAt: Date | null;
  /**
   * "recipient": the one it is for (the child's IRO), who reads the answers. "shared-inbox": a
   * manager allocating it, who sees who it is from and any safeguarding flag but not the answers.
   */
  access: "recipient" | "shared-inbox";
  /** The answers, for the recipient only. */
  answers: Record<string, unknown> | null;
};

/**
 * One item, if this member of staff may see it (their own, or the shared inbox for a manager);
 * otherwise null, whether or not it exists. Every view is audited; the first view by its reader
 * marks it read. One transaction.
 */
export async function openSubmission(input: {
  organisationId: string;
  staff: StaffActor;
  destination: InboxDestination;
  submissionId: string;
  clientAddress?: string;
  now?: Date;
}): Promise<OpenedItem | null> {
  const { organisationId, staff, destination, submissionId } = input;
  if (!isUuid(submissionId) || !inOwnCouncil(organisationId, staff)) return null;
  const mayReadOwn = can(staff.roles, destination.read.own);
  const mayReadShared = can(staff.roles, destination.read.shared);
  if (!mayReadOwn && !mayReadShared) return null;
  const now = input.now ?? new Date();
  const { submission, invitation } = schema;
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ submission, reviewDate: invitation.eventDate, childName: invitation.childName })
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
          eq(submission.queue, destination.id),
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
        action: "submission.viewed",
        actorStaffUserId: staff.id,
        subjectType: "submission",
        subjectId: found.id,
        clientAddress: input.clientAddress,
        detail: {
          reference: found.reference,
          destination: destination.id,
          access,
          answersShown: access === "recipient",
        },
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
    } satisfies OpenedItem;
  });
}

export type AllocationTarget = { id: string; name: string };

/** Who an item can be allocated to: the active staff of one council with the reader's role. */
export async function listAllocationTargets(
  organisationId: string,
  destination: InboxDestination,
): Promise<AllocationTarget[]> {
  const role = destination.tell?.inviter;
  if (!role) return [];
  const people = await staffWithRole(organisationId, role);
  return people.map(({ id, name }) => ({ id, name }));
}

export type AllocationResult =
  | { status: "allocated"; reference: string; readerName: string }
  | { status: "not-found" }
  | { status: "not-a-reader" };

/**
 * Moves an item from the shared inbox to a reader of the same council (someone with the
 * destination's reader role), audited, and queues an email telling them (no answers in it), in one
 * transaction.
 */
export async function allocate(input: {
  organisationId: string;
  staff: StaffActor;
  destination: InboxDestination;
  submissionId: string;
  toStaffUserId: string;
  clientAddress?: string;
}): Promise<AllocationResult> {
  const { organisationId, staff, destination, submissionId, toStaffUserId } = input;
  const permission = destination.allocate;
  if (!permission || !can(staff.roles, permission)) {
    throw new NotAllowedError(permission ?? destination.read.shared);
  }
  if (!isUuid(submissionId) || !inOwnCouncil(organisationId, staff)) {
    return { status: "not-found" };
  }
  const role = destination.tell?.inviter;
  if (!isUuid(toStaffUserId) || !role) return { status: "not-a-reader" };
  const result = await db().transaction(async (tx): Promise<AllocationResult> => {
    const [target] = await staffWithRole(organisationId, role, { only: toStaffUserId, tx });
    if (!target) return { status: "not-a-reader" };
    const [moved] = await tx
      .update(schema.submission)
      .set({ recipientStaffUserId: target.id })
      .where(
        and(
          eq(schema.submission.id, submissionId),
          boxCondition(organisationId, staff, destination, "shared"),
        ),
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
        action: "submission.allocated",
        actorStaffUserId: staff.id,
        subjectType: "submission",
        subjectId: moved.id,
        clientAddress: input.clientAddress,
        detail: { reference: moved.reference, destination: destination.id, to: target.id },
      },
      tx,
    );
    const values = { reference: moved.reference, reader: target.name };
    const key = moved.urgent ? "allocatedUrgent" : "allocated";
    await enqueueEmail(tx, {
      organisationId,
      template: `${destination.id}.allocated`,
      recipient: target.email,
      ...(await emailWords("en", `${destination.inbox.words}.emails.${key}`, values)),
      subjectType: "submission",
      subjectId: moved.id,
    });
    return { status: "allocated", reference: moved.reference, readerName: target.name };
  });
  if (result.status === "allocated") emailQueued();
  return result;
}

/** No event more than this many calendar days away can be within the alert's working days. */
const LOOKAHEAD_DAYS = 14;

export type UnreadAlertRun = {
  /** Items now marked as raised with the managers. */
  submissions: number;
  /** Emails queued (one per manager per council and destination). */
  emails: number;
};

/**
 * For every council and every destination that asks for it: items still unread when their event
 * (a review) is that many working days away or less. Each council's managers get one email listing
 * the references (never the answers), and each item is raised once, in one transaction per council.
 * Safe to run from several instances at once. Meant for a daily job, never a page load.
 */
export async function alertUnreadBeforeEvents(input: { now: Date }): Promise<UnreadAlertRun> {
  const run: UnreadAlertRun = { submissions: 0, emails: 0 };
  const organisations = await db()
    .select({
      id: schema.organisation.id,
      name: schema.organisation.name,
      bankHolidayRegion: schema.organisation.bankHolidayRegion,
    })
    .from(schema.organisation)
    .orderBy(asc(schema.organisation.slug));
  for (const destination of inboxDestinations()) {
    const workingDays = destination.inbox.unreadAlertWorkingDays;
    if (workingDays === null) continue;
    for (const organisation of organisations) {
      const counted = await alertOneCouncil(input.now, organisation, destination, workingDays);
      run.submissions += counted.submissions;
      run.emails += counted.emails;
    }
  }
  if (run.emails > 0) emailQueued();
  return run;
}

async function alertOneCouncil(
  now: Date,
  organisation: { id: string; name: string; bankHolidayRegion: BankHolidayRegion },
  destination: InboxDestination,
  workingDays: number,
): Promise<UnreadAlertRun> {
  const today = londonDateOf(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + LOOKAHEAD_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const calendar = calendarFor(organisation.bankHolidayRegion);
  const words = `${destination.inbox.words}.emails.unreadAlert`;
  const t = await emailTranslator("en");
  return db().transaction(async (tx) => {
    const candidates = await tx
      .select({
        id: schema.submission.id,
        reference: schema.submission.reference,
        eventDate: schema.invitation.eventDate,
        readerName: schema.staffUser.name,
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
          eq(schema.submission.queue, destination.id),
          isNull(schema.submission.firstReadAt),
          isNull(schema.submission.managerAlertedAt),
          lte(schema.invitation.eventDate, horizon),
        ),
      )
      .orderBy(asc(schema.invitation.eventDate), asc(schema.submission.reference));
    const due = candidates.filter(
      (c) => calendar.subtractWorkingDays(c.eventDate, workingDays) <= today,
    );
    if (due.length === 0) return { submissions: 0, emails: 0 };
    const managers = await staffWithRole(organisation.id, "manager", { tx });
    // Nobody to tell: leave them unmarked, so a manager added later is told.
    if (managers.length === 0) return { submissions: 0, emails: 0 };
    // Claims them: a run elsewhere at the same moment finds them already raised.
    const claimed = await tx
      .update(schema.submission)
      .set({ managerAlertedAt: now })
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
        t(`${words}.line`, {
          reference: d.reference,
          eventDate: formatReviewDate(d.eventDate, "en-GB"),
          reader: d.readerName ?? t(`${words}.sharedInbox`),
        }),
      )
      .join("\n");
    const values = { council: organisation.name, count: listed.length, lines };
    for (const manager of managers) {
      await enqueueEmail(tx, {
        organisationId: organisation.id,
        template: `${destination.id}.unread-before-event`,
        recipient: manager.email,
        ...(await emailWords("en", words, values)),
      });
    }
    return { submissions: listed.length, emails: managers.length };
  });
}
