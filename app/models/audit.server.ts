import { db, schema, type Transaction } from "#db/client";

export type AuditAction =
  | "sign-in"
  | "sign-in.first"
  | "sign-in.failed"
  | "sign-in.throttled"
  | "sign-in.sso-refused"
  | "sign-in.sso-required"
  | "second-factor.failed"
  | "second-factor.throttled"
  | "second-factor.set-up"
  | "second-factor.removed"
  | "sign-out"
  | "session.expired"
  | "staff.created"
  | "staff.disabled"
  | "staff.enabled"
  | "staff.sso-linked"
  | "staff.sso-unlinked"
  | "staff.password-exception"
  | "password.changed"
  | "password.reset-requested"
  | "password.reset"
  | "council.created"
  | "settings.changed"
  | "team.changed"
  | "compliment.passed-on"
  | "access.refused"
  | "invitation.created"
  | "form.submitted"
  | "submission.viewed"
  | "submission.allocated"
  | "booklet.participation-recorded"
  | "mailbox.viewed"
  | "representation.viewed"
  | "representation.logged"
  | "representation.classified"
  | "representation.assigned"
  | "representation.acknowledged"
  | "representation.extended"
  | "representation.responded"
  | "representation.escalated"
  | "representation.ombudsman"
  | "representation.closed"
  | "representation.note-added"
  | "representation.reply-sent"
  | "representations.imported"
  | "advocacy.viewed"
  | "advocacy.accepted"
  | "advocacy.contact-recorded"
  | "advocacy.details-recorded"
  | "advocacy.closed"
  | "report.viewed"
  | "report.figures-saved"
  | "refusals.viewed"
  | "satisfaction.answered"
  | "summary.viewed"
  | "conference.recorded"
  | "conference.viewed"
  | "conference.handed-over"
  | "review.recorded"
  | "review.deleted"
  | "retention.purged";

export type AuditEntry = {
  organisationId: string;
  action: AuditAction;
  actorStaffUserId?: string | null;
  subjectType?: string;
  subjectId?: string;
  clientAddress?: string;
  detail?: Record<string, unknown>;
};

export async function recordAudit(entry: AuditEntry, tx?: Transaction): Promise<void> {
  await (tx ?? db()).insert(schema.auditEvent).values(auditRowOf(entry));
}

/** The row of one audit entry, for a caller that writes it as part of a larger statement. */
export function auditRowOf(entry: AuditEntry): typeof schema.auditEvent.$inferInsert {
  return {
    organisationId: entry.organisationId,
    action: entry.action,
    actorStaffUserId: entry.actorStaffUserId ?? null,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    clientAddress: entry.clientAddress,
    detail: entry.detail ?? {},
  };
}
