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
