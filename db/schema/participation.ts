import { relations, sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  type AnyPgColumn,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, organisationId, sealedJson, sealedText } from "./columns";
import { staffUser } from "./staff";
import { representation } from "./representations";
import { conference } from "./conferences";

/**
 * An invitation to have one's say about one event: a child's review (from their IRO), a closed
 * complaint (sent by the portal when the case closes), and later a conference or a family group
 * conference. The link token and the short code are only ever stored as keyed hashes; both stop
 * working when `expiresAt` passes, and a one-shot invitation also once it has been answered.
 */
export const invitation = pgTable(
  "invitation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    /** The member of staff who invited the person (what they send goes to them); null: the portal. */
    invitedBy: uuid("invited_by_staff_user_id").references(() => staffUser.id),
    /** First name or known-as name only: how the form greets the child it is about. */
    childName: sealedText("child_name"),
    formId: text("form_id").notNull(),
    language: text("language").notNull(),
    /** What the invitation is about: "review", "complaint-closed" (EVENT_KINDS). */
    eventKind: text("event_kind").notNull().default("review"),
    eventDate: date("event_date", { mode: "string" }).notNull(),
    /** Which event, where staff name one (a conference's reference), for summaries of one event. */
    eventReference: text("event_reference"),
    /** The closed complaint a satisfaction questionnaire is about: one invitation per case. */
    representationId: uuid("representation_id")
      .unique()
      .references((): AnyPgColumn => representation.id, { onDelete: "cascade" }),
    /** Answered once, then the link stops working; otherwise it reopens the person's draft. */
    oneShot: boolean("one_shot").notNull().default(false),
    /** A conference's invitation: many people may answer through one link and code. */
    conferenceId: uuid("conference_id").references((): AnyPgColumn => conference.id, {
      onDelete: "cascade",
    }),
    /**
     * A conference's link and code, sealed with the server's key, so its chair can print the card
     * again while it takes answers. Null for anyone's own invitation (shown once, never kept).
     */
    secretsSealed: text("secrets_sealed"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    linkTokenHash: text("link_token_hash").notNull().unique(),
    /** null: the invitation is a link only (sent by email), with no code to type. */
    codeHash: text("code_hash").unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => staffUser.id),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
  },
  (t) => [index("invitation_by_inviter").on(t.organisationId, t.invitedBy, t.eventDate)],
);

/**
 * A form being filled in. The browser holds a random token (cookie); a resume code lets the
 * visitor carry on elsewhere. Answers are encrypted at rest until the form is sent.
 */
export const draft = pgTable(
  "draft",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    formId: text("form_id").notNull(),
    formVersion: integer("form_version").notNull(),
    invitationId: uuid("invitation_id").references(() => invitation.id),
    language: text("language").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    resumeCodeHash: text("resume_code_hash").unique(),
    /** The answers so far, sealed with the server's key (AES-256-GCM). */
    answersSealed: text("answers_sealed").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set once, in the transaction that stores the submission; the answers are then wiped. */
    submissionId: uuid("submission_id"),
  },
  (t) => [
    index("draft_by_expiry").on(t.expiresAt),
    // Deleting an expired invitation checks that no draft points at it: by index, not by scan.
    index("draft_by_invitation").on(t.invitationId),
  ],
);

/**
 * What a child, parent or family member sent, exactly as that form version asked it, with where
 * it was routed. One row per draft, whatever happens to the request.
 */
export const submission = pgTable(
  "submission",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    reference: text("reference").notNull(),
    formId: text("form_id").notNull(),
    formVersion: integer("form_version").notNull(),
    language: text("language").notNull(),
    /** Choice answers only (values from the form's own lists), so they can be counted. */
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    /** Everything the person wrote in their own words (text, names, dates, contact details), sealed. */
    writtenAnswers: sealedJson<Record<string, string | string[]>>("written_answers"),
    draftId: uuid("draft_id").unique(),
    invitationId: uuid("invitation_id").references(() => invitation.id),
    /**
     * The event it is about, copied from the invitation so summaries can be filtered by event
     * and by inviter even where an anonymous response keeps no link to its invitation.
     */
    eventKind: text("event_kind"),
    eventDate: date("event_date", { mode: "string" }),
    eventReference: text("event_reference"),
    invitedBy: uuid("invited_by_staff_user_id").references(() => staffUser.id),
    /** Which staff inbox it belongs to, e.g. "iro". */
    queue: text("queue").notNull(),
    /** The one person who must act; null means the service's shared inbox, for allocation. */
    recipientStaffUserId: uuid("recipient_staff_user_id").references(() => staffUser.id),
    /** How the sender named themselves (a child's first name), for the inbox. */
    senderName: sealedText("sender_name"),
    /** The IRO's name as a child typed it, when there was no invitation. */
    namedWorker: sealedText("named_worker"),
    /** Who the child said may see the answers, besides their IRO. */
    mayAlsoSee: text("may_also_see")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    urgent: boolean("urgent").notNull().default(false),
    /** The safeguarding phrases found, so the reader sees why it was flagged. */
    urgentMatches: text("urgent_matches")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    firstReadAt: timestamp("first_read_at", { withTimezone: true }),
    firstReadBy: uuid("first_read_by").references(() => staffUser.id),
    /** The review's participation category, 1–6 (docs/domain.md), recorded by the IRO. */
    participation: smallint("participation"),
    participationRecordedAt: timestamp("participation_recorded_at", { withTimezone: true }),
    /** When the IRO's manager was told it was still unread close to the review. */
    managerAlertedAt: timestamp("manager_alerted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("submission_reference_per_organisation").on(t.organisationId, t.reference),
    // An inbox in the order it is shown (urgent, then unread, then newest), so that a page of it
    // is read straight from the index and its count from the index alone.
    index("submission_inbox").on(
      t.organisationId,
      t.queue,
      t.recipientStaffUserId,
      t.urgent.desc().nullsFirst(),
      sql`(${t.firstReadAt} is null) desc`,
      t.submittedAt.desc().nullsFirst(),
      t.reference,
    ),
    index("submission_by_form").on(t.organisationId, t.formId, t.submittedAt),
    // Deleting an expired invitation checks that no submission points at it.
    index("submission_by_invitation").on(t.invitationId),
    // A conference's answers, counted on its page and summarised on their own.
    index("submission_by_event")
      .on(t.organisationId, t.eventReference, t.formId)
      .where(sql`event_reference is not null`),
  ],
);

/**
 * Email waiting to be sent, written in the same transaction as what caused it. A worker claims
 * rows with FOR UPDATE SKIP LOCKED, so any number of instances deliver each message once.
 */
export const outboxMessage = pgTable(
  "outbox_message",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: organisationId(),
    /** What kind of message, e.g. "booklet.received"; for the mailbox page and for tests. */
    template: text("template").notNull(),
    /** An email address, sealed: a complainant's is their contact detail. */
    recipient: sealedText("recipient").notNull(),
    subject: text("subject").notNull(),
    /** Emptied once the message has been delivered and kept for the council's retention period. */
    bodyText: sealedText("body_text"),
    /** A code or secret the message carries, sealed; put into the body only when it is sent. */
    sealedSecret: text("sealed_secret"),
    /** Stable per message, so a receiver can recognise a repeat. */
    messageId: text("message_id").notNull().unique(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    createdAt: createdAt(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A worker holds the message until then; after it, another may try. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** Given up after too many attempts; shown to administrators. */
    failedAt: timestamp("failed_at", { withTimezone: true }),
    /** The mail server's answer, sealed: it often repeats the address it could not reach. */
    lastError: sealedText("last_error"),
  },
  (t) => [
    index("outbox_due")
      .on(t.nextAttemptAt)
      .where(sql`sent_at is null and failed_at is null`),
  ],
);

export const invitationRelations = relations(invitation, ({ one }) => ({
  iro: one(staffUser, { fields: [invitation.invitedBy], references: [staffUser.id] }),
}));

export const submissionRelations = relations(submission, ({ one }) => ({
  invitation: one(invitation, { fields: [submission.invitationId], references: [invitation.id] }),
  recipient: one(staffUser, {
    fields: [submission.recipientStaffUserId],
    references: [staffUser.id],
  }),
}));
