import { relations } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, organisationId, sealedText } from "./columns";
import { STAFF_ROLES } from "./constants";
import { organisation } from "./organisation";

export const staffRole = pgEnum("staff_role", STAFF_ROLES);

export const team = pgTable(
  "team",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("team_name_per_organisation").on(t.organisationId, t.name)],
);

/**
 * Someone in a team: a portal account, or just a name and an email address (a social worker
 * without an account), so that a compliment about them or their team reaches them. Managers
 * are copied into every compliment about their team or its members.
 */
export const teamMember = pgTable(
  "team_member",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => team.id, { onDelete: "cascade" }),
    staffUserId: uuid("staff_user_id").references(() => staffUser.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    manager: boolean("manager").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [unique("one_membership_per_email").on(t.teamId, t.email)],
);

/**
 * A one-time link to choose a password: a new account's (the first admin of a new council gets
 * one) or a forgotten one's. Only the token's keyed hash is stored.
 */
export const signInLink = pgTable("sign_in_link", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: organisationId(),
  staffUserId: uuid("staff_user_id")
    .notNull()
    .references(() => staffUser.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  /** "welcome": a new account chooses its password; "reset": a forgotten one is replaced. */
  purpose: text("purpose").$type<"welcome" | "reset">().notNull().default("welcome"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/** A member of staff. Belongs to exactly one council; email is unique within it. */
export const staffUser = pgTable(
  "staff_user",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** A disabled account (a leaver) cannot sign in; its sessions ended when it was disabled. */
    active: boolean("active").notNull().default(true),
    lastSignedInAt: timestamp("last_signed_in_at", { withTimezone: true }),
    /** The council's identity provider's id for this person, kept at their first single sign-on. */
    ssoSubject: text("sso_subject"),
    /** Named by the admin: may still sign in with a password where single sign-on is required. */
    passwordWhenSsoRequired: boolean("password_when_sso_required").notNull().default(false),
    /** The authenticator app's shared secret (sealed); null until the person sets one up. */
    totpSecret: sealedText("totp_secret"),
    totpEnrolledAt: timestamp("totp_enrolled_at", { withTimezone: true }),
    /** The last time-steps whose codes were used: a code works once. */
    totpUsedSteps: integer("totp_used_steps").array().notNull().default([]),
    /** Keyed hashes of the single-use recovery codes not yet used. */
    recoveryCodeHashes: text("recovery_code_hashes").array().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    unique("staff_email_per_organisation").on(t.organisationId, t.email),
    unique("staff_sso_subject_per_organisation").on(t.organisationId, t.ssoSubject),
  ],
);

export const roleAssignment = pgTable(
  "role_assignment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    staffUserId: uuid("staff_user_id")
      .notNull()
      .references(() => staffUser.id, { onDelete: "cascade" }),
    role: staffRole("role").notNull(),
    teamId: uuid("team_id").references(() => team.id),
    createdAt: createdAt(),
  },
  (t) => [unique("one_assignment_per_role").on(t.staffUserId, t.role)],
);

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const staffSession = pgTable(
  "staff_session",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: organisationId(),
    staffUserId: uuid("staff_user_id")
      .notNull()
      .references(() => staffUser.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** The absolute limit, whatever the activity. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("staff_session_user").on(t.staffUserId)],
);

export const teamRelations = relations(team, ({ one }) => ({
  organisation: one(organisation, {
    fields: [team.organisationId],
    references: [organisation.id],
  }),
}));

export const staffUserRelations = relations(staffUser, ({ one, many }) => ({
  organisation: one(organisation, {
    fields: [staffUser.organisationId],
    references: [organisation.id],
  }),
  roles: many(roleAssignment),
  sessions: many(staffSession),
}));

export const roleAssignmentRelations = relations(roleAssignment, ({ one }) => ({
  staffUser: one(staffUser, { fields: [roleAssignment.staffUserId], references: [staffUser.id] }),
  team: one(team, { fields: [roleAssignment.teamId], references: [team.id] }),
}));

export const staffSessionRelations = relations(staffSession, ({ one }) => ({
  staffUser: one(staffUser, { fields: [staffSession.staffUserId], references: [staffUser.id] }),
}));
