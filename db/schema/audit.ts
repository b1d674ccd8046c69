import { bigserial, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { auditDetail, organisationId } from "./columns";
import { staffUser } from "./staff";

/**
 * Append-only record of who did what. Every staff view of a child's words, every sign-in and
 * every change to a case is written here.
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: organisationId(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorStaffUserId: uuid("actor_staff_user_id").references(() => staffUser.id),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    clientAddress: text("client_address"),
    /** What happened; words someone wrote (a note, a reason) are sealed. */
    detail: auditDetail("detail").notNull().default({}),
  },
  (t) => [
    index("audit_event_by_organisation_time").on(t.organisationId, t.at),
    index("audit_event_by_action").on(t.organisationId, t.action, t.at),
  ],
);
