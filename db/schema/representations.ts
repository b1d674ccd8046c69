import { relations, sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, organisationId, sealedText } from "./columns";
import type {
  AdvocacyChildStatus,
  AdvocacyOutcome,
  ComplaintCategory,
  ContactMethod,
  Disability,
  Ethnicity,
  MadeBy,
  OmbudsmanOutcome,
  Outcome,
  Procedure,
  Relationship,
  ReplyMethod,
  RepresentationKind,
} from "./constants";
import { submission } from "./participation";
import { staffUser, team, teamMember } from "./staff";

/**
 * A comment, compliment or complaint ("representation"), however it arrived: through the
 * portal's form, logged by the complaints officer from a letter or call, or imported from before
 * the portal. Its stages and their clocks are in `representation_stage`; its history is the
 * audit trail (every change is audited with the officer's note).
 */
export const representation = pgTable(
  "representation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    reference: text("reference").notNull(),
    /** Keyed hash of the secret the person was given to check progress; null when not given. */
    trackingSecretHash: text("tracking_secret_hash"),
    source: text("source").$type<"form" | "logged" | "imported">().notNull(),
    submissionId: uuid("submission_id")
      .unique()
      .references(() => submission.id),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    kind: text("kind").$type<RepresentationKind>().notNull(),
    procedure: text("procedure").$type<Procedure>(),
    category: text("category").$type<ComplaintCategory>(),
    serviceArea: text("service_area"),
    /** A worker or team the person named, in their words. */
    namedWorker: sealedText("named_worker"),
    /** Null: not recorded (imported history). */
    madeBy: text("made_by").$type<MadeBy>(),
    relationship: text("relationship").$type<Relationship>(),
    /** Null: not recorded (imported history). */
    contactMethod: text("contact_method").$type<ContactMethod>(),
    senderName: sealedText("sender_name"),
    childName: sealedText("child_name"),
    /** What the officer wrote down for a letter or call (form answers stay on the submission). */
    summary: sealedText("summary"),
    language: text("language").notNull().default("en"),
    replyMethod: text("reply_method").$type<ReplyMethod>(),
    /** The email address, phone number or postal address for the reply. */
    replyTo: sealedText("reply_to"),
    lookedAfterChild: boolean("looked_after_child").notNull().default(false),
    iroStaffUserId: uuid("iro_staff_user_id").references(() => staffUser.id),
    ethnicity: text("ethnicity").$type<Ethnicity>().notNull().default("not-stated"),
    disability: text("disability").$type<Disability>().notNull().default("not-stated"),
    advocacyOffered: boolean("advocacy_offered").notNull().default(false),
    advocacyTaken: boolean("advocacy_taken").notNull().default(false),
    urgent: boolean("urgent").notNull().default(false),
    urgentMatches: text("urgent_matches")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The officer has checked the classification (a compliment: agreed to pass it on). */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    acknowledgedOn: date("acknowledged_on", { mode: "string" }),
    stage: smallint("stage").notNull().default(1),
    responderStaffUserId: uuid("responder_staff_user_id").references(() => staffUser.id),
    responderTeamId: uuid("responder_team_id").references(() => team.id),
    complimentStaffUserId: uuid("compliment_staff_user_id").references(() => staffUser.id),
    complimentTeamId: uuid("compliment_team_id").references(() => team.id),
    /** A team member without an account the compliment is about. */
    complimentMemberId: uuid("compliment_member_id").references(() => teamMember.id, {
      onDelete: "set null",
    }),
    /** Who the compliment was passed to (names and addresses of staff), when it was sent. */
    complimentPassedTo: jsonb("compliment_passed_to").$type<{ name: string; email: string }[]>(),
    ombudsmanOn: date("ombudsman_on", { mode: "string" }),
    ombudsmanOutcome: text("ombudsman_outcome").$type<OmbudsmanOutcome>(),
    /** For an upheld or partly upheld complaint: what the council changed ("lessons learnt"). */
    lessonsLearnt: sealedText("lessons_learnt"),
    outcome: text("outcome").$type<Outcome>(),
    closedOn: date("closed_on", { mode: "string" }),
    /** Routing keys already acted on, so nobody is told twice. */
    notified: text("notified")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("representation_reference_per_organisation").on(t.organisationId, t.reference),
    index("representation_received").on(t.organisationId, t.receivedOn),
    // The open queue: a few hundred open cases among a council's hundred thousand.
    index("representation_open")
      .on(t.organisationId, t.receivedOn)
      .where(sql`closed_on is null`),
    // Closed cases, most recently closed first, a page at a time from where the last one ended.
    index("representation_closed")
      .on(t.organisationId, t.closedOn, t.id)
      .where(sql`closed_on is not null`),
  ],
);

/** One stage of a complaint and its clock, in working days from the day it started. */
export const representationStage = pgTable(
  "representation_stage",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    representationId: uuid("representation_id")
      .notNull()
      .references(() => representation.id, { onDelete: "cascade" }),
    stage: smallint("stage").notNull(),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    extensionReason: sealedText("extension_reason"),
    /** The day the complainant agreed to the extension. */
    extensionAgreedOn: date("extension_agreed_on", { mode: "string" }),
    respondedOn: date("responded_on", { mode: "string" }),
    /** Set for imported history, where only "in time or late" is known. */
    respondedInTime: boolean("responded_in_time"),
    /** Stage 2: the independent investigator; Stage 3: the panel or reviewer. */
    conductedBy: text("conducted_by"),
    createdAt: createdAt(),
  },
  (t) => [unique("one_row_per_stage").on(t.representationId, t.stage)],
);

/**
 * A child's request for an advocate, sent to the council's commissioned provider. What the child
 * wrote stays on the submission; this row is what the provider works from.
 */
export const advocacyReferral = pgTable(
  "advocacy_referral",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    reference: text("reference").notNull(),
    submissionId: uuid("submission_id")
      .unique()
      .references(() => submission.id),
    representationId: uuid("representation_id").references(() => representation.id),
    childName: sealedText("child_name").notNull(),
    /** A safe way, and a good time, to get in touch with the child. */
    contactWay: sealedText("contact_way").notNull(),
    contactTime: sealedText("contact_time"),
    issue: sealedText("issue").notNull(),
    outcomeWanted: sealedText("outcome_wanted"),
    language: text("language").notNull(),
    interpreterLanguage: sealedText("interpreter_language"),
    communicationNeeds: sealedText("communication_needs"),
    consent: boolean("consent").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** Working-day target for first contact (the next working day after receipt). */
    contactDueOn: date("contact_due_on", { mode: "string" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => staffUser.id),
    firstContactOn: date("first_contact_on", { mode: "string" }),
    firstContactNote: sealedText("first_contact_note"),
    childStatus: text("child_status").$type<AdvocacyChildStatus>(),
    /** What the child wanted the advocate to help with, in the provider's words. */
    childWanted: sealedText("child_wanted"),
    outcome: text("outcome").$type<AdvocacyOutcome>(),
    outcomeNote: sealedText("outcome_note"),
    closedOn: date("closed_on", { mode: "string" }),
    closedBy: uuid("closed_by").references(() => staffUser.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("advocacy_reference_per_organisation").on(t.organisationId, t.reference),
    index("advocacy_by_received").on(t.organisationId, t.receivedAt),
    // The provider's open referrals, newest first, and how many: however old an open one is.
    index("advocacy_open")
      .on(t.organisationId, t.receivedAt, t.reference)
      .where(sql`closed_on is null`),
  ],
);

/** The short questionnaire a complainant is invited to after their complaint closes. */
/**
 * Satisfaction questionnaires as they were kept before they went through the one pipeline. Start-up
 * moves every row into an invitation (and, if answered, an anonymous submission) and removes it;
 * no new rows are written. Kept until a later release drops the table.
 */
export const satisfactionResponse = pgTable("satisfaction_response", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: organisationId(),
  representationId: uuid("representation_id")
    .notNull()
    .unique()
    .references(() => representation.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  respondedAt: timestamp("responded_at", { withTimezone: true }),
  feltListened: text("felt_listened"),
  satisfied: text("satisfied"),
  doBetter: sealedText("do_better"),
});

/** The all-service-users figures the officer enters for the annual report's equalities table. */
export const allUsersFigure = pgTable(
  "all_users_figure",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    startYear: integer("start_year").notNull(),
    key: text("key").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [unique("one_figure_per_year").on(t.organisationId, t.startYear, t.key)],
);

export const representationRelations = relations(representation, ({ many, one }) => ({
  stages: many(representationStage),
  submission: one(submission, {
    fields: [representation.submissionId],
    references: [submission.id],
  }),
}));

export const representationStageRelations = relations(representationStage, ({ one }) => ({
  representation: one(representation, {
    fields: [representationStage.representationId],
    references: [representation.id],
  }),
}));
