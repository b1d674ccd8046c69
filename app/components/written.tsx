import { directionOf } from "#app/i18n";

/**
 * What a person wrote, marked with the language they wrote it in (so a screen reader reads it in
 * that language, and Urdu runs right to left on an English page), keeping their line breaks.
 * Without a language it takes the page's.
 */
export function Written({ text, language }: { text: string; language?: string }) {
  return (
    <span
      className="answer-text"
      lang={language}
      dir={language ? directionOf(language) : undefined}
    >
      {text}
    </span>
  );
}
