import type { TFunction } from "i18next";
import { createRequestI18n } from "#app/i18n.server";
import { isLanguage } from "#app/i18n";

const translators = new Map<string, Promise<TFunction>>();

/** Words for an email, in the reader's language (staff email is in English). */
export function emailTranslator(language: string): Promise<TFunction> {
  const lng = isLanguage(language) ? language : "en";
  let translator = translators.get(lng);
  if (!translator) {
    translator = createRequestI18n(lng).then((instance) => instance.t);
    translators.set(lng, translator);
  }
  return translator;
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
