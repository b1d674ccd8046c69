import { readFileSync } from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import type { Language } from "#db/schema/constants";
import { fallbackLanguage, namespaces, supportedLanguages } from "./i18n";
import { maxAgeOf, SITE_COOKIES } from "#app/privacy/cookies";

const LOCALES_FOLDER = path.resolve(process.cwd(), "locales");

/**
 * Every namespace of every language, read once from `locales/` when the server starts (the
 * development server re-reads them when a file changes).
 */
export const resources = Object.fromEntries(
  supportedLanguages.map((language) => [
    language,
    Object.fromEntries(
      namespaces.map((namespace) => [
        namespace,
        JSON.parse(
          readFileSync(path.join(LOCALES_FOLDER, language, `${namespace}.json`), "utf8"),
        ) as Record<string, unknown>,
      ]),
    ),
  ]),
) as Record<Language, Resource[string]>;

/** Remembers the language a visitor chose with the switcher (a year; not a tracking cookie). */
export const languageCookie = createCookie(SITE_COOKIES.language.name, {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: maxAgeOf("language"),
});

/** A word the page asked for is not in `locales/` (raised only when words are strict, in tests). */
export class MissingWordsError extends Error {
  constructor(what: string) {
    super(`Missing words: ${what}`);
    this.name = "MissingWordsError";
  }
}

/**
 * Tests run with PORTAL_STRICT_WORDS=1: a key with no words, or a placeholder given no value,
 * throws, so no page can show a person `work.staff.manage` or `{{name}}` and still pass. Otherwise
 * a person sees the key (and an empty placeholder), and the server carries on.
 */
const strictWords = () => process.env.PORTAL_STRICT_WORDS === "1";

const options = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: "common",
  ns: [...namespaces],
  resources,
  interpolation: { escapeValue: false },
  parseMissingKeyHandler(key: string, defaultValue?: string) {
    if (defaultValue !== undefined) return defaultValue;
    if (strictWords()) throw new MissingWordsError(key);
    return key;
  },
  missingInterpolationHandler(text: string, match: RegExpExecArray, values?: object) {
    const name = (match[1] ?? "").split(",")[0]!.trim();
    // A value given as undefined on purpose (an optional line) is left empty.
    if (strictWords() && !(values && Object.hasOwn(values, name))) {
      throw new MissingWordsError(`{{${name}}} in "${text}"`);
    }
    return "";
  },
};

/** Locale from `?lng=`, then the cookie, then Accept-Language, then English. */
export const languages = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    searchParamKey: "lng",
  },
  i18next: options,
});

export async function getLanguage(request: Request): Promise<Language> {
  return (await languages.getLocale(request)) as Language;
}

/**
 * One i18next instance per language, made on first use and shared by every request in that
 * language: nothing ever changes an instance's language, so sharing is safe, and a request no
 * longer pays for building one (measured: a fifth of a page's server time).
 */
const instances = new Map<Language, Promise<I18n>>();

export function i18nFor(language: Language): Promise<I18n> {
  let instance = instances.get(language);
  if (!instance) {
    const made = createInstance();
    instance = made
      .use(initReactI18next)
      .init({ ...options, lng: language })
      .then(() => made);
    instances.set(language, instance);
  }
  return instance;
}

export async function translatorFor(request: Request) {
  const language = await getLanguage(request);
  const i18n = await i18nFor(language);
  return { language, t: i18n.getFixedT(language, [...namespaces]) };
}
