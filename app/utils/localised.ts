import type { Language, LocalisedText } from "#db/schema/constants";

/** A council's own text in the visitor's language, or its English text. */
export function localised(text: LocalisedText, language: Language): string {
  return text[language] ?? text.en;
}

/** Whether the council's own text exists in that language (so the page can say when it is not). */
export function hasLanguage(text: LocalisedText, language: Language): boolean {
  return Boolean(text[language]);
}
