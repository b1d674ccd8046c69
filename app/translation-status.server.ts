import cy from "#locales/cy/translation-status.json";
import en from "#locales/en/translation-status.json";
import pl from "#locales/pl/translation-status.json";
import ur from "#locales/ur/translation-status.json";
import type { Language } from "#db/schema/constants";

export type TranslationStatus = {
  language: Language;
  /** "source" for English; "draft" until a qualified translator has reviewed it. */
  status: "source" | "draft" | "reviewed";
  needsReview: boolean;
  note: string;
};

/** Which shipped languages still need a qualified translator's review (shown on the statement). */
export function translationStatus(): TranslationStatus[] {
  return [en, cy, pl, ur] as TranslationStatus[];
}
