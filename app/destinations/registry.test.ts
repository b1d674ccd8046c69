import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { LANGUAGES } from "#db/schema/constants";
import { allForms } from "#app/forms/registry";
import { PERMISSIONS } from "#app/models/permissions";
import { allDestinations, destinationOf } from "./registry";

/** The words at `namespace:dotted.key` in one language, or undefined. */
function wordsAt(language: string, key: string): unknown {
  const [namespace, dotted] = key.split(":") as [string, string];
  const file = path.resolve("locales", language, `${namespace}.json`);
  let node: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const part of dotted.split(".")) node = (node as Record<string, unknown>)?.[part];
  return node;
}

/** The words of the one inbox's pages and emails, under a destination's `inbox.words`. */
const INBOX_WORDS = [
  "title",
  "tabsLabel",
  ...["mine", "shared"].flatMap((box) => [box, `${box}Intro`, `${box}Empty`, `${box}Caption`]),
  ...["from", "reference", "booklet", "sent", "reviewDate", "status"].map((c) => `columns.${c}`),
  "noName",
  "namedWorker",
  "noReviewDate",
  "urgent",
  "unread",
  "read",
  "homeLinkMine",
  "homeLinkShared",
  "unknownForm",
  ...["allocated", "allocatedUrgent"].flatMap((e) => [`emails.${e}.subject`, `emails.${e}.body`]),
];
const UNREAD_ALERT_WORDS = [
  "emails.unreadAlert.subject",
  "emails.unreadAlert.body",
  "emails.unreadAlert.line",
  "emails.unreadAlert.sharedInbox",
];
/** The words of one item's page, under a destination's `inbox.itemWords`. */
const ITEM_WORDS = [
  "heading",
  ...["urgentTitle", "urgentText", "urgentMatches", "onlyIro", "alsoSee"],
  ...["from", "reference", "form", "sent", "reviewDate", "namedWorker"],
  ...["answers", "answersHidden", "unknownForm", "back"],
  ...["title", "label", "hint", "choose", "submit", "done"].map((k) => `allocate.${k}`),
  "allocate.errors.missing",
  "allocate.errors.notAnIro",
];

test("every form names a destination that exists", () => {
  for (const form of allForms()) expect(() => destinationOf(form.destination)).not.toThrow();
});

test("every form has, in each of its languages, its title, start words, page headings and questions", () => {
  for (const form of allForms()) {
    for (const language of form.languages) {
      const keys = ["title", "description", "start.lead", "start.help"];
      for (const page of form.pages) {
        if (page.questions.length > 1) keys.push(`pages.${page.id}.title`);
        for (const question of page.questions) keys.push(`questions.${question.id}.label`);
      }
      for (const key of keys) {
        const at = `${form.namespace}:${key}`;
        expect(typeof wordsAt(language, at), `${form.id} ${language} ${at}`).toBe("string");
      }
      // Its name in the staff emails.
      const name = `forms:emails.formNames.${form.id}`;
      expect(typeof wordsAt(language, name), `${language} ${name}`).toBe("string");
    }
  }
});

test.each(allDestinations().map((d) => [d.id, d] as const))(
  "%s: its permissions exist and its words are there in every language",
  (_id, destination) => {
    for (const permission of [destination.read.own, destination.read.shared]) {
      expect(PERMISSIONS).toHaveProperty([permission]);
    }
    for (const language of LANGUAGES) {
      expect(typeof wordsAt(language, destination.words.beforeSend), language).toBe("string");
      // Read in the one inbox: every word its pages and emails use.
      if (destination.inbox) {
        const { words, itemWords, unreadAlertWorkingDays } = destination.inbox;
        const needed = [
          ...INBOX_WORDS.map((key) => `${words}.${key}`),
          ...(unreadAlertWorkingDays === null ? [] : UNREAD_ALERT_WORDS).map(
            (k) => `${words}.${k}`,
          ),
          ...ITEM_WORDS.map((key) => `${itemWords}.${key}`),
        ];
        for (const key of needed)
          expect(typeof wordsAt(language, key), `${language} ${key}`).toBe("string");
      }
      // With a summary: its title, lead and the home page's link.
      if (destination.summary) {
        for (const key of ["title", "lead", "homeLink"]) {
          const at = `${destination.summary.words}.${key}`;
          expect(typeof wordsAt(language, at), `${language} ${at}`).toBe("string");
        }
      }
      // Told from the pipeline: all four emails. A case of its own writes its emails itself, and
      // a destination that tells nobody has none.
      if (destination.receive || !destination.tell) expect(destination.words.emails).toBeNull();
      else
        for (const template of ["received", "shared-inbox", "urgent", "urgent-duty-team"]) {
          const words = wordsAt(language, `${destination.words.emails}.${template}`);
          expect(words, `${language} ${template}`).toMatchObject({
            subject: expect.any(String),
            body: expect.any(String),
          });
        }
    }
  },
);
