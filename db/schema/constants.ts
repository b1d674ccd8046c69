// Value lists used by the schema, the models and the forms. One place, so a new role or region is
// added once.

export const STAFF_ROLES = [
  "iro",
  "cp_chair",
  "fgc_coordinator",
  "complaints_officer",
  "advocacy_provider",
  "manager",
  "admin",
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const BANK_HOLIDAY_REGIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

export const LANGUAGES = ["en", "cy", "pl", "ur"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text a council writes in its own words, kept per language; English is required. */
export type LocalisedText = { en: string } & Partial<Record<Language, string>>;

/** Where "Exit this page" goes unless a council chooses another neutral site. */
export const NEUTRAL_EXIT_URL = "https://www.bbc.co.uk/weather";

// Comments, compliments and complaints ("representations"). The categories, outcomes and
// equalities lists are the ones councils' annual reports use (see docs/domain.md).
export const REPRESENTATION_KINDS = ["comment", "compliment", "complaint"] as const;
export type RepresentationKind = (typeof REPRESENTATION_KINDS)[number];

export const PROCEDURES = ["statutory", "corporate"] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const COMPLAINT_CATEGORIES = [
  "communication",
  "finance",
  "management-decisions",
  "professional-conduct",
  "service-delivery",
  "child-protection",
  "environment",
  "discrimination",
  "other",
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** Who made it: the child or young person themselves, or someone else. */
export const MADE_BY = ["child", "other"] as const;
export type MadeBy = (typeof MADE_BY)[number];

/** How the person making it is related to the child (the form asks; "child" is made by the child). */
export const RELATIONSHIPS = ["child", "parent", "carer", "relative", "other"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const CONTACT_METHODS = [
  "form",
  "letter",
  "in-person",
  "email",
  "telephone",
  "text",
] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const OUTCOMES = ["upheld", "partly-upheld", "not-upheld", "withdrawn"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ETHNICITIES = ["white", "mixed", "asian", "black", "other", "not-stated"] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

export const DISABILITIES = ["yes", "no", "not-stated"] as const;
export type Disability = (typeof DISABILITIES)[number];

/** How the person wants a reply. "none" is allowed for comments and compliments only. */
export const REPLY_METHODS = ["email", "phone", "text", "letter", "none"] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];

export const STAGES = [1, 2, 3] as const;
export type Stage = (typeof STAGES)[number];

// Conferences whose families give feedback (docs/decisions/044-conference-feedback.md).
export const CONFERENCE_KINDS = ["child-protection", "family-group"] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

export const CHILD_PROTECTION_CONFERENCE_TYPES = ["initial", "review", "transfer-in"] as const;
export type ChildProtectionConferenceType = (typeof CHILD_PROTECTION_CONFERENCE_TYPES)[number];

/** The aims a referrer states when they refer a family to a Family Group Conference. */
export const FGC_AIMS = [
  "prevent-care",
  "child-in-need-plan",
  "legal-proceedings",
  "permanency",
  "school-attendance",
  "child-protection-plan",
  "contact",
] as const;
export type FgcAim = (typeof FGC_AIMS)[number];

// A council's own set-up (docs/decisions/046-council-settings.md).
/** The Ombudsman a council's complainants go to after its own procedure: England's or Wales's. */
export const OMBUDSMEN = ["lgsco", "psow"] as const;
export type Ombudsman = (typeof OMBUDSMEN)[number];

/** Working days within which a complaint is acknowledged: councils choose one of these. */
export const ACKNOWLEDGEMENT_DAYS = [2, 3, 5] as const;

/** What the Ombudsman decided about a complaint referred to them. */
export const OMBUDSMAN_OUTCOMES = [
  "premature",
  "not-investigated",
  "no-fault",
  "fault-no-injustice",
  "fault-and-injustice",
] as const;
export type OmbudsmanOutcome = (typeof OMBUDSMAN_OUTCOMES)[number];

/** The child's status when an advocate was asked for (the advocacy figures count by it). */
export const ADVOCACY_CHILD_STATUSES = [
  "in-care",
  "child-protection-plan",
  "child-in-need",
  "care-leaver",
  "other",
] as const;
export type AdvocacyChildStatus = (typeof ADVOCACY_CHILD_STATUSES)[number];

/** How an advocacy referral ended. */
export const ADVOCACY_OUTCOMES = [
  "achieved",
  "partly-achieved",
  "not-achieved",
  "withdrawn",
  "no-contact",
] as const;
export type AdvocacyOutcome = (typeof ADVOCACY_OUTCOMES)[number];

/** How a council's staff sign in: "sso-required" leaves a password only to accounts it names. */
export const STAFF_SIGN_IN = ["password-or-sso", "sso-required"] as const;
export type StaffSignIn = (typeof STAFF_SIGN_IN)[number];

/** Who must give a code from an authenticator app after their password. */
export const SECOND_FACTOR_FOR = ["admins-and-managers", "everyone"] as const;
export type SecondFactorFor = (typeof SECOND_FACTOR_FOR)[number];
