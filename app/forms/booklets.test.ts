// The four review consultation forms: their words match the key convention exactly, their
// conditions make sense, and the child booklets share the ids the system relies on.
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { REVIEW_FORMS } from "./registry";
import { listenToMe11to18 } from "./listen-to-me-11-18";
import { listenToMe5to11 } from "./listen-to-me-5-11";
import { listenToMeExpress } from "./listen-to-me-express";
import type { Condition, FormDefinition, Page, Question } from "./types";

type Json = { [key: string]: string | Json };

function flatten(object: Json, prefix = ""): [string, string][] {
  return Object.entries(object).flatMap(([key, value]) =>
    typeof value === "string" ? [[prefix + key, value]] : flatten(value, `${prefix}${key}.`),
  );
}

/** Every form offered for a review, with its English words. */
const forms: [FormDefinition, Json][] = REVIEW_FORMS.map((form) => [
  form,
  JSON.parse(fs.readFileSync(`locales/en/${form.namespace}.json`, "utf8")) as Json,
]);
const childBooklets = [listenToMe5to11, listenToMe11to18, listenToMeExpress];
const onePerPage = [listenToMe5to11, listenToMeExpress];

const questionsOf = (form: FormDefinition) => form.pages.flatMap((page) => page.questions);

/** The keys the renderer looks up for a form, by the convention in types.ts. */
function neededKeys(form: FormDefinition): string[] {
  const keys = ["title", "description", "start.lead", "start.help"];
  for (const page of form.pages) {
    if (page.questions.length > 1) keys.push(`pages.${page.id}.title`);
    for (const question of page.questions) {
      const base = `questions.${question.id}`;
      keys.push(`${base}.label`);
      if (question.hint) keys.push(`${base}.hint`);
      if (question.required) keys.push(`${base}.required`);
      if (question.kind === "single" || question.kind === "multiple") {
        for (const option of question.options) keys.push(`${base}.options.${option.value}`);
      }
    }
  }
  return keys;
}

/** The answers a question can give, or undefined when it is free text or a date. */
function valuesOf(question: Question): readonly string[] | undefined {
  switch (question.kind) {
    case "feelings":
      return ["1", "2", "3", "4", "5"];
    case "yes-no-not-sure":
      return ["yes", "no", "not-sure"];
    case "single":
    case "multiple":
      return question.options.map((option) => option.value);
    default:
      return undefined;
  }
}

const conditionsOf = (page: Page) =>
  [page.showIf, ...page.questions.map((question) => question.showIf)].filter(
    (condition): condition is Condition => condition !== undefined,
  );

describe.each(forms.map(([form, words]) => [form.id, form, words] as const))(
  "%s",
  (_id, form, words) => {
    const entries = flatten(words);
    const questions = questionsOf(form);

    test("has the words for every key it needs, and no others", () => {
      const needed = neededKeys(form);
      const present = entries.map(([key]) => key);
      expect(
        needed.filter((key) => !present.includes(key)),
        "missing",
      ).toEqual([]);
      const allowed = new Set([...needed, "start.time"]);
      expect(
        present.filter((key) => !allowed.has(key)),
        "unused",
      ).toEqual([]);
    });

    test("words are plain text with typographic apostrophes and no stray variables", () => {
      for (const [key, text] of entries) {
        expect(text.trim(), key).not.toBe("");
        expect(text, key).not.toMatch(/[<>]/);
        expect(text, key).not.toContain("'");
        const variables = [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]);
        expect(variables, key).toEqual(
          key === "title" ? variables.filter((v) => v === "bookletTitle") : [],
        );
      }
      if (form.audience !== "parent-or-carer") expect(words.title).toContain("{{bookletTitle}}");
    });

    test("ids are lowercase-kebab-case and unique", () => {
      const ids = [...form.pages.map((page) => page.id), ...questions.map((q) => q.id)];
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(new Set(ids).size, "page and question ids together").toBe(ids.length);
    });

    test("every condition looks at a question on an earlier page, at values it can take", () => {
      let hasAnswerCondition = false;
      form.pages.forEach((page, index) => {
        const earlier = form.pages.slice(0, index).flatMap((p) => p.questions);
        for (const condition of conditionsOf(page)) {
          if (!("question" in condition)) continue;
          hasAnswerCondition = true;
          const target = earlier.find((question) => question.id === condition.question);
          expect(target, `${page.id}: ${condition.question}`).toBeDefined();
          const values = valuesOf(target!);
          expect(values, `${condition.question} has fixed answers`).toBeDefined();
          expect(condition.oneOf.length).toBeGreaterThan(0);
          for (const value of condition.oneOf) expect(values).toContain(value);
        }
      });
      expect(hasAnswerCondition, "at least one question is shown only after an answer").toBe(true);
    });

    test("a question shown only after an answer is never required", () => {
      for (const page of form.pages) {
        for (const question of page.questions) {
          const conditions = [page.showIf, question.showIf].filter(Boolean) as Condition[];
          if (conditions.some((condition) => "question" in condition)) {
            expect(question.required, question.id).toBeFalsy();
          }
        }
      }
    });

    test("text limits and choices are sound", () => {
      for (const question of questions) {
        if (question.kind === "long-text") expect(question.maxLength, question.id).toBe(2000);
        if (question.kind === "text") {
          expect(question.maxLength, question.id).toBeGreaterThanOrEqual(100);
          expect(question.maxLength, question.id).toBeLessThanOrEqual(200);
        }
        if (question.kind === "single" || question.kind === "multiple") {
          const values = question.options.map((option) => option.value);
          expect(new Set(values).size, question.id).toBe(values.length);
          for (const value of values) expect(value).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        }
        if (question.kind === "multiple" && question.exclusive) {
          expect(valuesOf(question), question.id).toContain(question.exclusive);
        }
      }
    });
  },
);

test("each form says who it is for", () => {
  const summary = (form: FormDefinition) => ({
    id: form.id,
    namespace: form.namespace,
    version: form.version,
    audience: form.audience,
    ageBand: form.ageBand,
    style: form.style,
    readAloud: form.readAloud,
    destination: form.destination,
    languages: form.languages,
  });
  const languages = ["en", "cy", "pl", "ur"];
  expect(forms.map(([form]) => summary(form))).toEqual([
    {
      id: "listen-to-me-5-11",
      namespace: "listen-to-me-5-11",
      version: 1,
      audience: "child",
      ageBand: { from: 5, to: 11 },
      style: "young",
      readAloud: true,
      destination: "iro",
      languages,
    },
    {
      id: "listen-to-me-11-18",
      namespace: "listen-to-me-11-18",
      version: 1,
      audience: "young-person",
      ageBand: { from: 11, to: 18 },
      style: "standard",
      readAloud: true,
      destination: "iro",
      languages,
    },
    {
      id: "listen-to-me-express",
      namespace: "listen-to-me-express",
      version: 1,
      audience: "child",
      ageBand: undefined,
      style: "express",
      readAloud: true,
      destination: "iro",
      languages,
    },
    {
      id: "review-consultation-parent",
      namespace: "review-consultation-parent",
      version: 1,
      audience: "parent-or-carer",
      ageBand: undefined,
      style: "standard",
      readAloud: false,
      destination: "iro",
      languages,
    },
  ]);
});

describe.each(childBooklets.map((form) => [form.id, form] as const))(
  "%s shares the ids the system relies on",
  (_id, form) => {
    const find = (id: string) => {
      const index = form.pages.findIndex((page) => page.questions.some((q) => q.id === id));
      const page = form.pages[index]!;
      return { index, page, question: page?.questions.find((q) => q.id === id) };
    };

    test("name and IRO name are asked only without an invitation", () => {
      const name = find("name");
      expect(name.page.id).toBe("about-you");
      expect(name.page.showIf).toEqual({ invited: false });
      expect(name.question).toEqual({
        id: "name",
        kind: "text",
        required: true,
        role: "sender-name",
        maxLength: 100,
        autoComplete: "given-name",
      });
      const iro = find("iro-name");
      expect(iro.page.id).toBe(form.style === "standard" ? "about-you" : "your-iro");
      expect(iro.page.showIf).toEqual({ invited: false });
      expect(iro.question).toEqual({
        id: "iro-name",
        kind: "text",
        role: "named-worker",
        hint: true,
        maxLength: 100,
      });
      expect(iro.question?.required).toBeFalsy();
    });

    test("asks about an advocate", () => {
      expect(find("advocate").question?.kind).toBe("yes-no-not-sure");
    });

    test("ends with anything else, then who can see the answers", () => {
      const last = form.pages.length - 1;
      const share = find("share-with");
      expect(share.index).toBe(last);
      expect(share.page.id).toBe("who-can-see");
      expect(share.page.questions).toHaveLength(1);
      expect(share.question).toMatchObject({
        kind: "multiple",
        required: true,
        hint: true,
        role: "may-also-see",
        exclusive: "iro-only",
      });
      const values =
        share.question?.kind === "multiple" ? share.question.options.map((o) => o.value) : [];
      expect(values).toEqual(["iro-only", "social-worker", "carer"]);

      const anything = find("anything-else");
      expect(anything.index).toBe(last - 1);
      expect(anything.question).toMatchObject({ kind: "long-text", maxLength: 2000 });
      expect(anything.question?.required).toBeFalsy();
    });
  },
);

test.each(onePerPage.map((form) => [form.id, form] as const))(
  "%s has one question and a picture on every page",
  (_id, form) => {
    for (const page of form.pages) {
      expect(page.questions, page.id).toHaveLength(1);
      expect(page.picture, page.id).toBeDefined();
    }
  },
);

test("the Express booklet answers with pictures and keeps writing to a minimum", () => {
  const questions = questionsOf(listenToMeExpress);
  expect(questions.filter((q) => q.kind === "long-text").map((q) => q.id)).toEqual([
    "tell-us-more",
    "anything-else",
  ]);
  for (const question of questions) {
    if (question.kind === "single" || question.kind === "multiple") {
      for (const option of question.options) {
        expect(option.emoji, `${question.id}: ${option.value}`).toBeTruthy();
      }
    }
  }
});
