import { describe, expect, test } from "vitest";
import { checkPage } from "./engine";
import type { FormDefinition } from "./types";
import {
  hasUnusualCharacter,
  replaceUnusualCharacters,
  unusualCharacterProblems,
} from "#app/utils/plain-text";

const form: FormDefinition = {
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
      id: "all",
      questions: [
        { id: "name", kind: "text" },
        { id: "story", kind: "long-text" },
        { id: "feel", kind: "feelings" },
        { id: "pets", kind: "multiple", options: [{ value: "cat" }, { value: "dog" }] },
        { id: "birthday", kind: "date" },
      ],
    },
  ],
};
const page = form.pages[0]!;
const unusual = { key: "common:form.unusualCharacter" };

describe("unusual characters in a public answer", () => {
  test.each([
    ["a NUL", "name", "Sam\u0000"],
    ["a NUL where a posted one became “�”", "name", "Sam\uFFFD"],
    ["a bell", "name", "Sam\u0007"],
    ["DEL", "name", "Sam\u007F"],
    ["a C1 control", "name", "Sam\u0085"],
    ["a lone high surrogate", "name", "Sam\uD83D"],
    ["a lone low surrogate", "name", "\uDE00Sam"],
    ["U+FFFE", "name", "Sam\uFFFE"],
    ["U+FFFF", "name", "Sam\uFFFF"],
    ["a tab in a one-line box", "name", "Sam\tJones"],
    ["a line break inside a one-line box", "name", "Sam\nJones"],
    ["a NUL in a long answer", "story", "I felt\u0000sad"],
    ["a vertical tab in a long answer", "story", "I felt\u000Bsad"],
    ["a NUL in a choice", "feel", "3\u0000"],
    ["a NUL in one of several choices", "pets", ["cat", "dog\u0000"]],
    ["a NUL in a date box", "birthday", ["1", "2\u0000", "2015"]],
  ])("%s is refused, with the message on that answer only", (_, id, value) => {
    const answers = { name: "Sam", story: "Fine", feel: "3", [id]: value };
    const result = checkPage(form, page, answers, { invited: false });
    expect(result).toEqual({ ok: false, problems: { [id]: unusual } });
  });

  test.each([
    ["line breaks and tabs in a long answer", "story", "One\r\n\ttwo\nthree"],
    ["emoji (pairs of surrogates)", "name", "Sam 😀👍🏽"],
    ["Welsh, Polish and Urdu letters", "name", "Siân Łukasz علی"],
    ["a line break at the end of a one-line box (trimmed)", "name", "Sam\n"],
  ])("%s are kept", (_, id, value) => {
    const result = checkPage(form, page, { [id]: value }, { invited: false });
    expect(result.ok).toBe(true);
  });
});

describe("the shared check", () => {
  test("a posted form's unusual characters become “�”; everything else stays", () => {
    expect(replaceUnusualCharacters("a\u0000b😀\uD83Dc\u0085\r\n\td\uFFFF")).toBe(
      "a\uFFFDb😀\uFFFDc\uFFFD\r\n\td\uFFFD",
    );
  });

  test("tabs and line breaks only in boxes of many lines", () => {
    expect(hasUnusualCharacter("a\nb", "many")).toBe(false);
    expect(hasUnusualCharacter("a\nb")).toBe(true);
    expect(
      unusualCharacterProblems({ note: "a\nb", name: "x\u0000", ok: "fine" }, ["note"]),
    ).toEqual({ name: "common:form.unusualCharacter" });
  });
});
