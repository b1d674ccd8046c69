// Characters nobody means to type: control characters (a NUL cannot even be stored), the
// "not a character" code points and halves of a pair. Every posted form has them replaced with
// "�" as it is read (app/web/forms.server.ts), so nothing unusual reaches the database; every
// check of typed text then asks the person, kindly, to take the "�" out.
import { z } from "zod";

/** The message shown on a field holding an unusual character. */
export const UNUSUAL_CHARACTER = "common:form.unusualCharacter";

/** The replacement character: what a form post's unusual characters (and bad bytes) become. */
export const REPLACEMENT = "\uFFFD";

// C0 controls except tab, line feed and carriage return; DEL and the C1 controls; U+FFFE/FFFF;
// with the "u" flag a surrogate range matches only a half without its pair.
const CONTROL =
  "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF\\uD800-\\uDFFF";
const UNUSUAL = new RegExp(`[${CONTROL}]`, "gu");
const UNUSUAL_IN_ANY_BOX = new RegExp(`[${CONTROL}\\uFFFD]`, "u");
const UNUSUAL_IN_ONE_LINE = new RegExp(`[${CONTROL}\\uFFFD\\t\\n\\r]`, "u");

/**
 * Whether the text holds a character nobody means to type. Tabs and line breaks are fine in a
 * box of many lines, and at either end of one line (where they are trimmed away).
 */
export function hasUnusualCharacter(text: string, lines: "one" | "many" = "one"): boolean {
  return lines === "many" ? UNUSUAL_IN_ANY_BOX.test(text) : UNUSUAL_IN_ONE_LINE.test(text.trim());
}

/** The text with each unusual character made "�", so it can be stored and shown again. */
export function replaceUnusualCharacters(text: string): string {
  return text.replace(UNUSUAL, REPLACEMENT);
}

/**
 * Typed text for a schema: a string with no unusual character (tabs and line breaks allowed
 * with `lines: "many"`). Chain `.trim()`, `.min()`, `.max()` as with `z.string()`.
 */
export const plainText = (lines: "one" | "many" = "one") =>
  z.string().refine((text) => !hasUnusualCharacter(text, lines), UNUSUAL_CHARACTER);

/**
 * The fields among these typed values that hold an unusual character, each with the message:
 * for forms checked without a schema. Fields named in `manyLines` are boxes of many lines.
 */
export function unusualCharacterProblems(
  values: Record<string, unknown>,
  manyLines: readonly string[] = [],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : [value];
    const lines = manyLines.includes(name) ? "many" : "one";
    if (texts.some((text) => typeof text === "string" && hasUnusualCharacter(text, lines)))
      problems[name] = UNUSUAL_CHARACTER;
  }
  return problems;
}
