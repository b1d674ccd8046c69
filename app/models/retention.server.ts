// Deletes what is past its time under each council's retention schedule (app/privacy/retention):
// email bodies emptied, old rows deleted in an order their links allow, and one audit entry per
// council per kind of record purged, with the count, in the same transaction as the purge.
import { and, eq, isNotNull, lt, ne, notExists, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { db, schema, type Transaction } from "#db/client";
import { retentionDaysFor, type RecordKind } from "#app/privacy/retention";
import { complaintSatisfaction } from "#app/forms/complaint-satisfaction";
import { recordAudit } from "./audit.server";

/** The queue the complainants' "How did we do?" answers are kept in. */
const SATISFACTION_QUEUE = complaintSatisfaction.destination;

/** How many records of each kind were purged, per council slug. */
export type RetentionRun = Record<string, Partial<Record<RecordKind, number>>>;

/** Earlier than `days` days before now (the database's clock, so every instance agrees). */
const olderThan = (column: PgColumn | SQL, days: number): SQL =>
  sql`${column} < now() - ${days}::integer * interval '1 day'`;

type Purge = (tx: Transaction, organisationId: string, days: number) => Promise<number>;

/** Deletes these submissions, unless a case or a referral that is still kept points at them. */
async function deleteSubmissions(tx: Transaction, ids: (string | null)[]): Promise<void> {
  const own = ids.filter((id): id is string => id !== null);
  for (const id of own) {
    await tx
      .delete(schema.submission)
      .where(
        and(
          eq(schema.submission.id, id),
          notExists(
            tx
              .select({ id: schema.representation.id })
              .from(schema.representation)
              .where(eq(schema.representation.submissionId, id)),
          ),
          notExists(
            tx
              .select({ id: schema.advocacyReferral.id })
              .from(schema.advocacyReferral)
              .where(eq(schema.advocacyReferral.submissionId, id)),
          ),
        ),
      );
  }
}

/**
 * In this order: what points at a row goes before the row (drafts before invitations; cases and
 * referrals before the forms they came from).
 */
const PURGES: [RecordKind, Purge][] = [
  [
    "emailBodies",
    async (tx, organisationId, days) => {
      const emptied = await tx
        .update(schema.outboxMessage)
        .set({ bodyText: null, sealedSecret: null })
        .where(
          and(
            eq(schema.outboxMessage.organisationId, organisationId),
            isNotNull(schema.outboxMessage.bodyText),
            olderThan(schema.outboxMessage.sentAt, days),
          ),
        )
        .returning({ id: schema.outboxMessage.id });
      return emptied.length;
    },
  ],
  [
    "emailRecords",
    async (tx, organisationId, days) => {
      const deleted = await tx
        .delete(schema.outboxMessage)
        .where(
          and(
            eq(schema.outboxMessage.organisationId, organisationId),
            olderThan(
              sql`coalesce(${schema.outboxMessage.sentAt}, ${schema.outboxMessage.failedAt})`,
              days,
            ),
          ),
        )
        .returning({ id: schema.outboxMessage.id });
      return deleted.length;
    },
  ],
  [
    "drafts",
    // A draft carries its own end (DRAFT_DAYS after its last change): that is when it goes.
    async (tx, organisationId) => {
      const deleted = await tx
        .delete(schema.draft)
        .where(
          and(
            eq(schema.draft.organisationId, organisationId),
            lt(schema.draft.expiresAt, sql`now()`),
          ),
        )
        .returning({ id: schema.draft.id });
      return deleted.length;
    },
  ],
  [
    "satisfactionAnswers",
    // Anonymous answers: nothing points at them, and no invitation is kept with them.
    async (tx, organisationId, days) => {
      const deleted = await tx
        .delete(schema.submission)
        .where(
          and(
            eq(schema.submission.organisationId, organisationId),
            eq(schema.submission.queue, SATISFACTION_QUEUE),
            olderThan(schema.submission.submittedAt, days),
          ),
        )
        .returning({ id: schema.submission.id });
      return deleted.length;
    },
  ],
  [
    "advocacyReferrals",
    async (tx, organisationId, days) => {
      const deleted = await tx
        .delete(schema.advocacyReferral)
        .where(
          and(
            eq(schema.advocacyReferral.organisationId, organisationId),
            olderThan(schema.advocacyReferral.receivedAt, days),
          ),
        )
        .returning({ submissionId: schema.advocacyReferral.submissionId });
      await deleteSubmissions(
        tx,
        deleted.map((row) => row.submissionId),
      );
      return deleted.length;
    },
  ],
  [
    "closedCases",
    async (tx, organisationId, days) => {
      // Stages and satisfaction answers go with the case (ON DELETE CASCADE). A case whose
      // advocacy referral is still kept waits for it.
      const deleted = await tx
        .delete(schema.representation)
        .where(
          and(
            eq(schema.representation.organisationId, organisationId),
            isNotNull(schema.representation.closedOn),
            lt(
              schema.representation.closedOn,
              sql`(now() - ${days}::integer * interval '1 day')::date`,
            ),
            notExists(
              tx
                .select({ id: schema.advocacyReferral.id })
                .from(schema.advocacyReferral)
                .where(eq(schema.advocacyReferral.representationId, schema.representation.id)),
            ),
          ),
        )
        .returning({ submissionId: schema.representation.submissionId });
      await deleteSubmissions(
        tx,
        deleted.map((row) => row.submissionId),
      );
      return deleted.length;
    },
  ],
  [
    "formsSent",
    async (tx, organisationId, days) => {
      // A form that became a case or a referral is kept as long as that is.
      const deleted = await tx
        .delete(schema.submission)
        .where(
          and(
            eq(schema.submission.organisationId, organisationId),
            // Satisfaction answers are kept for their own time (above).
            ne(schema.submission.queue, SATISFACTION_QUEUE),
            olderThan(schema.submission.submittedAt, days),
            notExists(
              tx
                .select({ id: schema.representation.id })
                .from(schema.representation)
                .where(eq(schema.representation.submissionId, schema.submission.id)),
            ),
            notExists(
              tx
                .select({ id: schema.advocacyReferral.id })
                .from(schema.advocacyReferral)
                .where(eq(schema.advocacyReferral.submissionId, schema.submission.id)),
            ),
          ),
        )
        .returning({ id: schema.submission.id });
      return deleted.length;
    },
  ],
  [
    "invitations",
    async (tx, organisationId, days) => {
      // An invitation a kept booklet or draft came from stays with it.
      const deleted = await tx
        .delete(schema.invitation)
        .where(
          and(
            eq(schema.invitation.organisationId, organisationId),
            olderThan(schema.invitation.expiresAt, days),
            notExists(
              tx
                .select({ id: schema.submission.id })
                .from(schema.submission)
                .where(eq(schema.submission.invitationId, schema.invitation.id)),
            ),
            notExists(
              tx
                .select({ id: schema.draft.id })
                .from(schema.draft)
                .where(eq(schema.draft.invitationId, schema.invitation.id)),
            ),
          ),
        )
        .returning({ id: schema.invitation.id });
      return deleted.length;
    },
  ],
  [
    "auditEntries",
    async (tx, organisationId, days) => {
      const deleted = await tx
        .delete(schema.auditEvent)
        .where(
          and(
            eq(schema.auditEvent.organisationId, organisationId),
            olderThan(schema.auditEvent.at, days),
          ),
        )
        .returning({ id: schema.auditEvent.id });
      return deleted.length;
    },
  ],
  [
    "staffSessions",
    async (tx, organisationId, days) => {
      const deleted = await tx
        .delete(schema.staffSession)
        .where(
          and(
            eq(schema.staffSession.organisationId, organisationId),
            or(
              olderThan(schema.staffSession.revokedAt, days),
              olderThan(schema.staffSession.expiresAt, days),
            ),
          ),
        )
        .returning({ id: schema.staffSession.id });
      // Links to choose a password (welcome and reset) go the same way once spent or run out.
      const links = await tx
        .delete(schema.signInLink)
        .where(
          and(
            eq(schema.signInLink.organisationId, organisationId),
            or(
              olderThan(schema.signInLink.usedAt, days),
              olderThan(schema.signInLink.expiresAt, days),
            ),
          ),
        )
        .returning({ id: schema.signInLink.id });
      return deleted.length + links.length;
    },
  ],
];

/**
 * Purges every council's records that are past their time. Each kind is purged in its own
 * transaction together with its audit entry, so the record of a purge exists exactly when the
 * purge happened. Running it twice, or in two instances at once, deletes nothing twice.
 */
export async function purgeExpiredRecords(
  deployment: { draftDays?: number } = {},
): Promise<RetentionRun> {
  const councils = await db()
    .select({
      id: schema.organisation.id,
      slug: schema.organisation.slug,
      retention: schema.organisation.retention,
    })
    .from(schema.organisation);
  const run: RetentionRun = {};
  for (const council of councils) {
    const days = retentionDaysFor(council.retention, deployment);
    const purged: Partial<Record<RecordKind, number>> = {};
    for (const [kind, purge] of PURGES) {
      const count = await db().transaction(async (tx) => {
        const n = await purge(tx, council.id, days[kind]);
        if (n > 0) {
          await recordAudit(
            {
              organisationId: council.id,
              action: "retention.purged",
              detail: { kind, count: n, days: days[kind] },
            },
            tx,
          );
        }
        return n;
      });
      if (count > 0) purged[kind] = count;
    }
    run[council.slug] = purged;
  }
  return run;
}
