import { relations, sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, organisationId, sealedText } from "./columns";
import { staffUser } from "./staff";

/**
 * A child protection conference or a Family Group Conference, recorded by its chair (or FGC
 * coordinator) so that the people who were there can give feedback: each of its forms has an
 * invitation (a link and a code) that many people may use until `acceptsUntil`. Who answered is
 * never kept: the conference is the only link between the answers.
 */
export const conference = pgTable(
  "conference",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    /** "child-protection" or "family-group" (CONFERENCE_KINDS). */
    kind: text("kind").notNull(),
    /** e.g. "CPC-7KQ4X2": how the chair and the summaries name it; no child is named. */
    reference: text("reference").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    /** The chair of a child protection conference, the coordinator of an FGC. */
    chairedBy: uuid("chaired_by")
      .notNull()
      .references(() => staffUser.id),
    /** A child protection conference: "initial", "review" or "transfer-in". */
    conferenceType: text("conference_type"),
    /** An FGC: the professional who referred the family, as the coordinator wrote it. */
    referrerName: sealedText("referrer_name"),
    /** An FGC: the aims the referrer stated at referral (FGC_AIMS). */
    aims: text("aims")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** An FGC: the child was looked after when they were referred. */
    lookedAfterAtReferral: boolean("looked_after_at_referral"),
    /** Answers are taken until then (the end of a UK day). */
    acceptsUntil: timestamp("accepts_until", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => staffUser.id),
  },
  (t) => [
    uniqueIndex("conference_reference_per_organisation").on(t.organisationId, t.reference),
    index("conference_by_chair").on(t.organisationId, t.chairedBy, t.heldOn),
    index("conference_by_day").on(t.organisationId, t.kind, t.heldOn),
  ],
);

/**
 * One looked-after child's review as the IRO who chaired it records it: its day and how the child
 * took part (the six participation categories), whether or not a booklet came. A child who came
 * and spoke is counted too. No child is named: the figures are the council's.
 */
export const reviewRecord = pgTable(
  "review_record",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    iroStaffUserId: uuid("iro_staff_user_id")
      .notNull()
      .references(() => staffUser.id),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    /** 1–6: attended and spoke … did not attend or take part. */
    participation: smallint("participation").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("review_record_by_day").on(t.organisationId, t.heldOn),
    index("review_record_by_iro").on(t.organisationId, t.iroStaffUserId, t.heldOn),
  ],
);

export const conferenceRelations = relations(conference, ({ one }) => ({
  chair: one(staffUser, { fields: [conference.chairedBy], references: [staffUser.id] }),
}));
