import type { TFunction } from "i18next";
import { i18nFor } from "#app/i18n.server";
import { isLanguage } from "#app/i18n";

/** Words for an email, in the reader's language (staff email is in English). */
export async function emailTranslator(language: string): Promise<TFunction> {
  return (await i18nFor(isLanguage(language) ? language : "en")).t;
}

/** An email's subject and body from `<key>.subject` and `<key>.body`, in the reader's language. */
export async function emailWords(
  language: string,
  key: string,
  values: Record<string, unknown>,
): Promise<{ subject: string; bodyText: string }> {
  const t = await emailTranslator(language);
  return { subject: t(`${key}.subject`, values), bodyText: t(`${key}.body`, values) };
}

/**
 * Who has something, for an email to people without an account here (the duty team): names and
 * addresses to contact, never a link they could not open.
 */
export const contactLineOf = (people: readonly { name: string; email: string }[]) =>
  people.map((person) => `${person.name} (${person.email})`).join(", ");
