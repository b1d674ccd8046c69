// Every shipped language has every key of the English source, no extra keys, the same
// interpolation variables, and every plural form its grammar needs.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { LANGUAGES } from "#db/schema/constants";
import { namespaces } from "#app/i18n";

const PLURAL = /_(zero|one|two|few|many|other)$/;
type Json = { [key: string]: string | Json };

function flatten(object: Json, prefix = ""): [string, string][] {
  return Object.entries(object).flatMap(([key, value]) =>
    typeof value === "string" ? [[prefix + key, value]] : flatten(value, `${prefix}${key}.`),
  );
}

const read = (language: string, namespace: string) =>
  flatten(JSON.parse(fs.readFileSync(path.join("locales", language, `${namespace}.json`), "utf8")));
const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort();

describe.each(LANGUAGES.filter((l) => l !== "en"))("%s translations", (language) => {
  test.each([...namespaces])(
    "%s: same keys, variables and plural forms as English",
    (namespace) => {
      const source = new Map(read("en", namespace).map(([k, v]) => [k.replace(PLURAL, ""), v]));
      const translated = read(language, namespace);
      const keys = new Set(translated.map(([k]) => k.replace(PLURAL, "")));
      expect(
        [...source.keys()].filter((k) => !keys.has(k)),
        "missing",
      ).toEqual([]);
      expect(
        [...keys].filter((k) => !source.has(k)),
        "extra",
      ).toEqual([]);
      for (const [key, text] of translated) {
        expect(variables(text), `${key} variables`).toEqual(
          variables(source.get(key.replace(PLURAL, ""))!),
        );
      }
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const pluralBases = new Set(
        read("en", namespace)
          .filter(([k]) => PLURAL.test(k))
          .map(([k]) => k.replace(PLURAL, "")),
      );
      for (const base of pluralBases) {
        for (const category of categories) {
          expect(
            translated.some(([k]) => k === `${base}_${category}`),
            `${base}_${category}`,
          ).toBe(true);
        }
      }
    },
  );

  test("is marked for review by a qualified translator until reviewed", () => {
    const status = JSON.parse(
      fs.readFileSync(path.join("locales", language, "translation-status.json"), "utf8"),
    );
    expect(status.language).toBe(language);
    expect(status.status === "reviewed" || status.needsReview === true).toBe(true);
  });
});

test("every namespace file exists for every language, and nothing else is shipped", () => {
  for (const language of LANGUAGES) {
    const files = fs.readdirSync(path.join("locales", language)).sort();
    expect(files).toEqual(
      [...namespaces.map((n) => `${n}.json`), "translation-status.json"].sort(),
    );
  }
});
