// A council's settings, as data: each topic is one page for the admin, each field one column of
// the council's row. One route shows any topic, one schema per topic checks it, one model
// function saves it (docs/decisions/046-council-settings.md). Words: `settings:fields.<id>`.
import {
  ACKNOWLEDGEMENT_DAYS,
  BANK_HOLIDAY_REGIONS,
  OMBUDSMEN,
  SECOND_FACTOR_FOR,
  STAFF_SIGN_IN,
} from "#db/schema/constants";
import { RECORD_KINDS } from "#app/privacy/retention";

export type SettingField =
  | {
      id: TextColumn;
      /** "issuer": an OpenID Connect provider's address (https, or http on this machine). */
      kind: "text" | "email" | "phone" | "address" | "issuer";
      max: number;
      /** An empty value is refused. */
      required: boolean;
      multiline?: boolean;
    }
  | { id: ChoiceColumn; kind: "choice"; options: readonly string[] }
  | {
      id: LocalisedColumn;
      kind: "localised";
      max: number;
      multiline?: boolean;
      /** The English text is needed (every other language falls back to it). */
      required: boolean;
    }
  | {
      id: "anonymityThreshold" | "participationTarget" | "inactiveAccountDays";
      kind: "number";
      min: number;
      max: number;
    }
  /** Never shown again once saved: an empty box keeps the saved one. */
  | { id: "ssoClientSecret"; kind: "secret"; max: number }
  /** The council's own safeguarding phrases, one a line, per language. */
  | { id: "safeguardingPhrases"; kind: "phrases" }
  /** Days each kind of record is kept, where the council differs from the schedule. */
  | { id: "retention"; kind: "retention" };

type TextColumn =
  | "name"
  | "shortName"
  | "publicUrl"
  | "contactEmail"
  | "contactPhone"
  | "outOfHoursPhone"
  | "postalAddress"
  | "dutyTeamEmail"
  | "dataProtectionOfficerEmail"
  | "ssoIssuer"
  | "ssoClientId";
type ChoiceColumn =
  "ombudsman" | "bankHolidayRegion" | "acknowledgementDays" | "staffSignIn" | "secondFactorFor";
type LocalisedColumn = "bookletTitle" | "pledge" | "corporateStage3Name" | "areaName";

export type SettingsTopic = { id: string; fields: readonly SettingField[] };

export const SETTINGS_TOPICS = [
  {
    id: "council",
    fields: [
      { id: "name", kind: "text", max: 200, required: true },
      { id: "shortName", kind: "text", max: 80, required: true },
      { id: "publicUrl", kind: "address", max: 300, required: true },
      { id: "contactEmail", kind: "email", max: 320, required: true },
      { id: "contactPhone", kind: "phone", max: 40, required: true },
      { id: "outOfHoursPhone", kind: "phone", max: 40, required: true },
      { id: "postalAddress", kind: "text", max: 400, required: false, multiline: true },
      { id: "dutyTeamEmail", kind: "email", max: 320, required: true },
      { id: "dataProtectionOfficerEmail", kind: "email", max: 320, required: true },
      { id: "ombudsman", kind: "choice", options: OMBUDSMEN },
      { id: "bankHolidayRegion", kind: "choice", options: BANK_HOLIDAY_REGIONS },
    ],
  },
  {
    id: "booklet",
    fields: [
      { id: "bookletTitle", kind: "localised", max: 80, required: true },
      { id: "pledge", kind: "localised", max: 2000, required: false, multiline: true },
    ],
  },
  {
    id: "complaints",
    fields: [
      {
        id: "acknowledgementDays",
        kind: "choice",
        options: ACKNOWLEDGEMENT_DAYS.map(String),
      },
      { id: "corporateStage3Name", kind: "localised", max: 120, required: false },
    ],
  },
  { id: "safeguarding", fields: [{ id: "safeguardingPhrases", kind: "phrases" }] },
  {
    id: "privacy",
    fields: [
      { id: "anonymityThreshold", kind: "number", min: 2, max: 50 },
      { id: "participationTarget", kind: "number", min: 1, max: 100 },
      { id: "retention", kind: "retention" },
    ],
  },
  {
    id: "staff-accounts",
    fields: [
      { id: "inactiveAccountDays", kind: "number", min: 14, max: 730 },
      { id: "secondFactorFor", kind: "choice", options: SECOND_FACTOR_FOR },
    ],
  },
  {
    id: "sign-in",
    fields: [
      { id: "ssoIssuer", kind: "issuer", max: 300, required: false },
      { id: "ssoClientId", kind: "text", max: 200, required: false },
      { id: "ssoClientSecret", kind: "secret", max: 1000 },
      { id: "staffSignIn", kind: "choice", options: STAFF_SIGN_IN },
    ],
  },
] as const satisfies readonly SettingsTopic[];

/** A service area's name, in each language (its own page, not a column of the council's row). */
export const SERVICE_AREA_NAME = {
  id: "service-area",
  fields: [{ id: "areaName", kind: "localised", max: 120, required: true }],
} as const satisfies SettingsTopic;

export type SettingsTopicId = (typeof SETTINGS_TOPICS)[number]["id"];

export function settingsTopic(id: string | undefined): SettingsTopic | undefined {
  return SETTINGS_TOPICS.find((topic) => topic.id === id);
}

/** Longest safeguarding phrase, and most phrases per language. */
export const MAX_PHRASE = 100;
export const MAX_PHRASES = 200;
/** The most days a record may be kept (100 years). */
export const MAX_RETENTION_DAYS = 36_500;

export { RECORD_KINDS };
