import { describe, expect, test } from "vitest";
import {
  checkForm,
  checkPage,
  firstUnfinishedPage,
  isoDateOf,
  nextPage,
  readPage,
  storedAnswersSchema,
  visiblePages,
} from "./engine";
import { allForms, findForm } from "./registry";
import type { Answers, FormDefinition } from "./types";

/** A small form using every kind of question, so the engine is tested apart from the booklets. */
const sample: FormDefinition = {
  id: "sample",
  version: 1,
  referencePrefix: "SMP",
  audience: "child",
  namespace: "sample",
  style: "standard",
  readAloud: false,
  destination: "iro",
  languages: ["en"],
  pages: [
    {
      id: "who",
      showIf: { invited: false },
      questions: [{ id: "name", kind: "text", required: true, maxLength: 10 }],
    },
    { id: "mood", questions: [{ id: "feel", kind: "feelings" }] },
    {
      id: "why",
      showIf: { question: "feel", oneOf: ["1", "2"] },
      questions: [{ id: "why-sad", kind: "long-text", maxLength: 20 }],
    },
    {
      id: "more",
      questions: [
        { id: "birthday", kind: "date" },
        {
          id: "pets",
          kind: "multiple",
          options: [{ value: "none" }, { value: "cat" }, { value: "dog" }],
          exclusive: "none",
        },
        { id: "advocate", kind: "yes-no-not-sure", required: true },
      ],
    },
  ],
};

const form = (entries: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries))
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
};

describe("which pages show", () => {
  test.each([
    { invited: false, answers: {}, pages: ["who", "mood", "more"] },
    { invited: true, answers: {}, pages: ["mood", "more"] },
    { invited: true, answers: { feel: "2" }, pages: ["mood", "why", "more"] },
    { invited: true, answers: { feel: "4" }, pages: ["mood", "more"] },
  ])("invited $invited, answers $answers → $pages", ({ invited, answers, pages }) => {
    expect(visiblePages(sample, answers as Answers, { invited }).map((p) => p.id)).toEqual(pages);
  });

  test("the next page follows the answer just given", () => {
    expect(nextPage(sample, "mood", { feel: "1" }, { invited: true })?.id).toBe("why");
    expect(nextPage(sample, "mood", { feel: "5" }, { invited: true })?.id).toBe("more");
    expect(nextPage(sample, "more", {}, { invited: true })).toBeUndefined();
  });
});

describe("checking a page", () => {
  const more = sample.pages[3]!;
  test("keeps exactly what was typed, so a page with a problem loses nothing", () => {
    const typed = readPage(
      more,
      form({
        "birthday-day": "31",
        "birthday-month": "2",
        "birthday-year": "20x6",
        pets: ["cat", "dog"],
      }),
    );
    expect(typed).toEqual({ birthday: ["31", "2", "20x6"], pets: ["cat", "dog"], advocate: "" });
    const result = checkPage(sample, more, typed, { invited: true });
    expect(result).toEqual({
      ok: false,
      problems: {
        birthday: { key: "forms:errors.date" },
        advocate: { key: "sample:questions.advocate.required" },
      },
    });
  });

  test("cleans answers that pass: dates as YYYY-MM-DD, optional blanks left out", () => {
    const typed = readPage(
      more,
      form({
        "birthday-day": "7",
        "birthday-month": "03",
        "birthday-year": "2015",
        advocate: "not-sure",
      }),
    );
    expect(checkPage(sample, more, typed, { invited: true })).toEqual({
      ok: true,
      answers: { birthday: "2015-03-07", advocate: "not-sure" },
    });
  });

  test.each([
    { pets: ["none", "cat"], problem: "forms:errors.exclusive" },
    { pets: ["hamster"], problem: "forms:errors.choose" },
  ])("refuses $pets", ({ pets, problem }) => {
    const result = checkPage(sample, more, { pets, advocate: "yes" }, { invited: true });
    expect(result.ok ? undefined : result.problems.pets?.key).toBe(problem);
  });

  test("too long text says how long it may be", () => {
    const result = checkPage(
      sample,
      sample.pages[0]!,
      { name: "Bartholomew the Third" },
      { invited: false },
    );
    expect(result).toEqual({
      ok: false,
      problems: { name: { key: "forms:errors.tooLong", values: { max: 10 } } },
    });
  });

  test.each([
    [["29", "2", "2024"], "2024-02-29"],
    [["29", "2", "2025"], undefined],
    [["1", "13", "2025"], undefined],
    [[" 1 ", "1", "2025"], "2025-01-01"],
  ])("the date %j is %s", (parts, iso) => {
    expect(isoDateOf(parts)).toBe(iso);
  });
});

describe("checking the whole form", () => {
  test("stores only what was shown: an answer on a page hidden by a changed mind is dropped", () => {
    const answers = { feel: "4", "why-sad": "old answer", advocate: "no" };
    expect(checkForm(sample, answers, { invited: true })).toEqual({
      ok: true,
      answers: { feel: "4", advocate: "no" },
    });
  });

  test("names the first page with a problem", () => {
    expect(checkForm(sample, { feel: "3" }, { invited: false })).toMatchObject({
      ok: false,
      pageId: "who",
    });
  });

  test("resumes at the first page not yet answered", () => {
    expect(firstUnfinishedPage(sample, { feel: "3" }, { invited: true })?.id).toBe("more");
    expect(
      firstUnfinishedPage(sample, { feel: "3", advocate: "yes" }, { invited: true }),
    ).toBeUndefined();
  });
});

describe("stored answers", () => {
  test("are read with the schema of the version they were given in", () => {
    const schema = storedAnswersSchema(sample);
    expect(schema.safeParse({ feel: "3", birthday: "2015-03-07", pets: ["cat"] }).success).toBe(
      true,
    );
    expect(schema.safeParse({ feel: "9" }).success).toBe(false);
    expect(schema.safeParse({ unknown: "x" }).success).toBe(false);
  });

  test("a new version of a form does not change how an old one is read", () => {
    const v2: FormDefinition = { ...sample, version: 2, pages: sample.pages.slice(1) };
    expect(storedAnswersSchema(sample).safeParse({ name: "Sam" }).success).toBe(true);
    expect(storedAnswersSchema(v2).safeParse({ name: "Sam" }).success).toBe(false);
  });

  test("every shipped form finds itself by id and version", () => {
    for (const { id } of allForms()) {
      expect(findForm(id)?.id).toBe(id);
      expect(findForm(id, 1)?.version).toBe(1);
      expect(findForm(id, 99)).toBeUndefined();
    }
    expect(findForm("nope")).toBeUndefined();
  });
});
