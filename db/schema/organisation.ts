import { relations } from "drizzle-orm";
import { jsonb, pgEnum, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import {
  BANK_HOLIDAY_REGIONS,
  NEUTRAL_EXIT_URL,
  type Language,
  type Ombudsman,
  type LocalisedText,
  type SecondFactorFor,
  type StaffSignIn,
} from "./constants";
import { sealedText } from "./sealed";
import { team } from "./staff";
import { staffUser } from "./staff";

export const bankHolidayRegion = pgEnum("bank_holiday_region", BANK_HOLIDAY_REGIONS);

export type ServiceArea = {
  key: string;
  name: LocalisedText;
  /** The independent reviewing or child protection conference service: its complaints also go
   * to that service's managers. */
  reviewingService?: boolean;
  /** The day it was retired: it stays on old cases and in old reports, and is offered no more. */
  retiredOn?: string;
};

/** A council (or a regional consortium member). Every domain row belongs to one. */
export const organisation = pgTable("organisation", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Short stable identifier used in URLs, logs and configuration. */
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  /** Host names this council is reached at; empty for the default council of a deployment. */
  hostnames: text("hostnames").array().notNull().default([]),
  /**
   * The council's own public address, e.g. "https://haveyoursay.westmoor.gov.uk": every absolute
   * link (emails, letters, QR codes) starts with it, never with what a request said.
   */
  publicUrl: text("public_url"),
  contactEmail: text("contact_email").notNull(),
  contactPhone: text("contact_phone").notNull(),
  outOfHoursPhone: text("out_of_hours_phone").notNull(),
  postalAddress: text("postal_address").notNull(),
  /** Where "Exit this page" goes: a neutral site. */
  exitUrl: text("exit_url").notNull().default(NEUTRAL_EXIT_URL),
  bankHolidayRegion: bankHolidayRegion("bank_holiday_region")
    .notNull()
    .default("england-and-wales"),
  /** The Ombudsman that applies: England's (LGSCO) or Wales's (PSOW). */
  ombudsman: text("ombudsman").$type<Ombudsman>().notNull().default("lgsco"),
  /** Working days within which a complaint is acknowledged (2, 3 or 5). */
  acknowledgementDays: smallint("acknowledgement_days").notNull().default(3),
  /** What the council calls Stage 3 of its corporate procedure, e.g. "Chief Executive review". */
  corporateStage3Name: jsonb("corporate_stage3_name").$type<LocalisedText>(),
  serviceAreas: jsonb("service_areas").$type<ServiceArea[]>().notNull().default([]),
  /** Names a council may change, per language, e.g. the booklet title and its Pledge. */
  bookletTitle: jsonb("booklet_title").$type<LocalisedText>().notNull(),
  pledge: jsonb("pledge").$type<LocalisedText>().notNull(),
  /** The council's own parts of the accessibility statement and privacy notice. */
  accessibilityStatement: jsonb("accessibility_statement").$type<LocalisedText>().notNull(),
  accessibilityStatementPreparedOn: text("accessibility_statement_prepared_on").notNull(),
  privacyNotice: jsonb("privacy_notice").$type<LocalisedText>().notNull(),
  dataProtectionOfficerEmail: text("data_protection_officer_email").notNull(),
  /** The children's services duty team: told at once when a child may not be safe. */
  dutyTeamEmail: text("duty_team_email").notNull().default(""),
  /** The council's own additions to the shipped safeguarding phrases, per language. */
  safeguardingPhrases: jsonb("safeguarding_phrases")
    .$type<Partial<Record<Language, string[]>>>()
    .notNull()
    .default({}),
  /** How long personal data is kept, in days, where the council differs from the defaults. */
  retention: jsonb("retention").$type<Partial<Record<string, number>>>().notNull().default({}),
  /**
   * Summaries show no figure and no comment for a group of fewer responses than this, so nobody
   * in a small group can be recognised by what they said.
   */
  anonymityThreshold: smallint("anonymity_threshold").notNull().default(3),
  /** The share of reviews the council aims for children to take part in (categories 1, 2, 4, 5). */
  participationTarget: smallint("participation_target").notNull().default(95),
  /** Staff accounts not signed in for this many days are listed for the admin to review. */
  inactiveAccountDays: smallint("inactive_account_days").notNull().default(90),
  /**
   * Single sign-on through the council's own OpenID Connect provider (Microsoft Entra ID, Google
   * Workspace, …): its issuer, the portal's client id there and its secret (sealed).
   */
  ssoIssuer: text("sso_issuer").notNull().default(""),
  ssoClientId: text("sso_client_id").notNull().default(""),
  ssoClientSecret: sealedText("sso_client_secret"),
  /** "password-or-sso", or "sso-required": only accounts named by the admin may use a password. */
  staffSignIn: text("staff_sign_in").$type<StaffSignIn>().notNull().default("password-or-sso"),
  /** Who needs a code from an authenticator app after their password: admins and managers, or all. */
  secondFactorFor: text("second_factor_for")
    .$type<SecondFactorFor>()
    .notNull()
    .default("admins-and-managers"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** When an admin last changed a setting: pages kept ready-made from before are not used. */
  settingsChangedAt: timestamp("settings_changed_at", { withTimezone: true })
    .notNull()
    .defaultNow(),
});

export const organisationRelations = relations(organisation, ({ many }) => ({
  teams: many(team),
  staff: many(staffUser),
}));
