import { LANGUAGES, type Language } from "#db/schema/constants";

export const supportedLanguages: readonly Language[] = LANGUAGES;
export const fallbackLanguage: Language = "en";
export const namespaces = [
  "common",
  "home",
  "legal",
  "staff",
  "forms",
  "inbox",
  "listen-to-me-5-11",
  "listen-to-me-11-18",
  "listen-to-me-express",
  "review-consultation-parent",
  "have-your-say-child",
  "have-your-say",
  "advocacy-request",
  "complaints",
  "triage",
  "advocacy",
  "report",
  "complaint-satisfaction",
  "summaries",
  "conferences",
  "conference-parent",
  "conference-young-person",
  "conference-young-person-express",
  "fgc-family",
  "fgc-young-person",
  "fgc-referrer",
  "after-your-review",
  "after-your-review-express",
  "reviews",
  "settings",
  "account",
] as const;
export type Namespace = (typeof namespaces)[number];

const rightToLeft = new Set<Language>(["ur"]);

export function directionOf(language: string): "ltr" | "rtl" {
  return rightToLeft.has(language as Language) ? "rtl" : "ltr";
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}
