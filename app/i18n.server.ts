import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import type { Language } from "#db/schema/constants";
import cyCommon from "#locales/cy/common.json";
import cyHome from "#locales/cy/home.json";
import cyLegal from "#locales/cy/legal.json";
import cyStaff from "#locales/cy/staff.json";
import enCommon from "#locales/en/common.json";
import enHome from "#locales/en/home.json";
import enLegal from "#locales/en/legal.json";
import enStaff from "#locales/en/staff.json";
import plCommon from "#locales/pl/common.json";
import plHome from "#locales/pl/home.json";
import plLegal from "#locales/pl/legal.json";
import plStaff from "#locales/pl/staff.json";
import urCommon from "#locales/ur/common.json";
import urHome from "#locales/ur/home.json";
import urLegal from "#locales/ur/legal.json";
import urStaff from "#locales/ur/staff.json";
import { fallbackLanguage, namespaces, supportedLanguages } from "./i18n";

export const resources = {
  en: { common: enCommon, home: enHome, legal: enLegal, staff: enStaff },
  cy: { common: cyCommon, home: cyHome, legal: cyLegal, staff: cyStaff },
  pl: { common: plCommon, home: plHome, legal: plLegal, staff: plStaff },
  ur: { common: urCommon, home: urHome, legal: urLegal, staff: urStaff },
} satisfies Record<Language, Resource[string]>;

/** Remembers the language a visitor chose with the switcher (a year; not a tracking cookie). */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const options = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: "common",
  ns: [...namespaces],
  resources,
  interpolation: { escapeValue: false },
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

/** A fresh i18next instance for one request, already in the visitor's language. */
export async function createRequestI18n(language: Language): Promise<I18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({ ...options, lng: language });
  return instance;
}

export async function translatorFor(request: Request) {
  const language = await getLanguage(request);
  return { language, t: await languages.getFixedT(language, [...namespaces]) };
}
