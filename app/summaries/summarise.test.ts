import { describe, expect, it } from "vitest";
import { parseCsv } from "#app/complaints/import-csv";
import type { FormDefinition } from "#app/forms/types";
import {
  addResponses,
  applyThreshold,
  COMMENTS_SHOWN,
  OTHER_ANSWERS,
  percentOf,
  startSummary,
  summarise,
  summaryCsvRows,
  toCsv,
  type CsvLabels,
  type SummaryResponse,
} from "./summarise";

/** A small form with every kind of question, so the counting is tested apart from the booklets. */
const form: FormDefinition = {
  id: "sample",
  version: 2,
  referencePrefix: "SMP",
  audience: "anyone",
  namespace: "sample",
  style: "standard",
  readAloud: false,
  destination: "iro",
  languages: ["en"],
  pages: [
    { id: "who", questions: [{ id: "name", kind: "text" }] },
    { id: "mood", questions: [{ id: "feel", kind: "feelings" }] },
    {
      id: "meeting",
      questions: [
        {
          id: "helped",
          kind: "single",
          options: [{ value: "a-lot" }, { value: "a-bit" }, { value: "not-at-all" }],
        },
        {
          id: "who-came",
          kind: "multiple",
          options: [{ value: "iro" }, { value: "carer" }, { value: "other" }],
        },
        { id: "advocate", kind: "yes-no-not-sure" },
        { id: "service", kind: "service-area" },
        { id: "when", kind: "date" },
        { id: "better", kind: "long-text" },
      ],
    },
  ],
};

const day = (n: number) => new Date(Date.UTC(2025, 0, n, 12));
/** What people wrote, by day. Everyone also gave a name, which is never summarised. */
const written: Record<number, string> = {
  1: "More time to talk",
  3: "  ",
  4: "Nothing, it was fine",
  5: "Shorter meetings\nin the afternoon",
};
const response = (n: number, answers: Record<string, unknown>): SummaryResponse => ({
  answers,
  written: written[n] === undefined ? null : { name: "Sam", better: written[n] },
  submittedAt: day(n),
});

const rows: SummaryResponse[] = [
  response(1, { feel: "5", helped: "a-lot", "who-came": ["iro", "carer"], advocate: "yes" }),
  response(2, { feel: "4", helped: "a-lot", "who-came": ["iro"], service: "east" }),
  response(3, { feel: "1", helped: "not-at-all", advocate: "not-sure", service: "west" }),
  // From version 1, which had a "maybe" answer and a "friend" option.
  response(4, { feel: "5", helped: "maybe", "who-came": ["friend", "pet"], service: "east" }),
  response(5, { helped: "", "who-came": [], advocate: "no", service: "not-sure" }),
];

const countsOf = (summary: ReturnType<typeof summarise>, id: string) => {
  const tally = summary.choices.find((choice) => choice.questionId === id)!;
  return { answered: tally.answered, counts: tally.counts.map((c) => `${c.value}=${c.count}`) };
};

describe("summarise", () => {
  const summary = summarise(form, rows);

  it("counts every response and tallies only choice questions, in the form's order", () => {
    expect(summary.formId).toBe("sample");
    expect(summary.responses).toBe(5);
    expect(summary.choices.map((c) => [c.questionId, c.kind, c.ordered])).toEqual([
      ["feel", "feelings", true],
      ["helped", "single", true],
      ["who-came", "multiple", false],
      ["advocate", "yes-no-not-sure", true],
      ["service", "service-area", false],
    ]);
    // Names (text) and typed dates are never summarised.
    expect(summary.comments.map((c) => c.questionId)).toEqual(["better"]);
  });

  it.each([
    ["feel", 4, ["1=1", "2=0", "3=0", "4=1", "5=2"]],
    // "maybe" is not on this version of the form.
    ["helped", 4, ["a-lot=2", "a-bit=0", "not-at-all=1", `${OTHER_ANSWERS}=1`]],
    // Two people ticked the IRO: counts add up to more than the 3 who answered. Two old options
    // from one person are one "other", and stay apart from the form's own "other" option.
    ["who-came", 3, ["iro=2", "carer=1", "other=0", `${OTHER_ANSWERS}=1`]],
    ["advocate", 3, ["yes=1", "no=1", "not-sure=1"]],
    // Most chosen first, then by key.
    ["service", 4, ["east=2", "not-sure=1", "west=1"]],
  ])("tallies %s", (id, answered, counts) => {
    expect(countsOf(summary, id)).toEqual({ answered, counts });
  });

  it("lists comments newest first, leaving out blank ones", () => {
    expect(summary.comments[0]!.comments).toEqual([
      { text: "Shorter meetings\nin the afternoon", submittedAt: day(5) },
      { text: "Nothing, it was fine", submittedAt: day(4) },
      { text: "More time to talk", submittedAt: day(1) },
    ]);
    expect(summary.comments[0]!.total).toBe(3);
  });

  it("keeps only the newest comments to show, however many pages they come in, and counts all", () => {
    const many: SummaryResponse[] = Array.from({ length: COMMENTS_SHOWN + 30 }, (_, i) => ({
      answers: {},
      written: { better: `comment ${i}` },
      submittedAt: day(1 + (i % 28)),
    }));
    const whole = summarise(form, many);
    let paged = startSummary(form);
    for (let i = 0; i < many.length; i += 7)
      paged = addResponses(paged, form, many.slice(i, i + 7));
    for (const summary of [whole, paged]) {
      const [list] = summary.comments;
      expect(list!.total).toBe(many.length);
      expect(list!.comments).toHaveLength(COMMENTS_SHOWN);
      const times = list!.comments.map((c) => c.submittedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      // Nothing older is kept while a newer one was left out.
      const oldestKept = Math.min(...times);
      const keptTexts = new Set(list!.comments.map((c) => c.text));
      const newerLeftOut = many.filter(
        (r) => r.submittedAt.getTime() > oldestKept && !keptTexts.has(String(r.written!.better)),
      );
      expect(newerLeftOut).toEqual([]);
    }
    expect(paged.comments).toEqual(whole.comments);
  });

  it("with no responses lists every option at zero", () => {
    const empty = summarise(form, []);
    expect(empty.responses).toBe(0);
    expect(countsOf(empty, "feel")).toEqual({
      answered: 0,
      counts: ["1=0", "2=0", "3=0", "4=0", "5=0"],
    });
    expect(countsOf(empty, "who-came").counts).toEqual(["iro=0", "carer=0", "other=0"]);
    expect(countsOf(empty, "service").counts).toEqual([]);
    expect(empty.comments).toEqual([{ questionId: "better", comments: [], total: 0 }]);
  });

  it.each([
    ["a list for a one-answer question", { helped: ["a-lot"] }, "helped", 0],
    ["a number", { feel: 5 }, "feel", 0],
    ["a repeated tick", { "who-came": ["iro", "iro"] }, "who-came", 1],
    ["a single value for a multiple choice", { "who-came": "carer" }, "who-came", 1],
  ])("copes with %s", (_, answers, id, answered) => {
    const tally = summarise(form, [response(1, answers)]).choices.find((c) => c.questionId === id)!;
    expect(tally.answered).toBe(answered);
    expect(tally.counts.reduce((sum, c) => sum + c.count, 0)).toBe(answered);
  });

  it("never reads comments from the readable answers", () => {
    const summary = summarise(form, [response(2, { better: "not sealed" })]);
    expect(summary.comments[0]!.comments).toEqual([]);
  });

  it("refuses responses to another form", () => {
    expect(() => addResponses(startSummary(form), { ...form, id: "other" }, rows)).toThrow();
  });
});

describe("addResponses", () => {
  it.each([[[5]], [[1, 4]], [[2, 2, 1]], [[1, 1, 1, 1, 1]], [[0, 3, 0, 2]]])(
    "pages of %j give the same summary as one call",
    (sizes) => {
      let summary = startSummary(form);
      let at = 0;
      for (const size of sizes) {
        summary = addResponses(summary, form, rows.slice(at, at + size));
        at += size;
      }
      expect(summary).toEqual(summarise(form, rows));
    },
  );

  it("leaves the summary it was given unchanged", () => {
    const first = summarise(form, rows.slice(0, 2));
    const copy = structuredClone(first);
    addResponses(first, form, rows.slice(2));
    expect(first).toEqual(copy);
  });
});

describe("percentOf", () => {
  it.each([
    [0, 0, 0],
    [0, 4, 0],
    [1, 3, 33],
    [2, 3, 67],
    [1, 8, 13], // 12.5: halves round up
    [3, 8, 38], // 37.5
    [1, 200, 1], // 0.5
    [1, 201, 0],
    [5, 5, 100],
    [2, 1, 200], // a multiple choice count is never more than answered, but the sum is fine
  ])("%i of %i is %i%%", (count, answered, percent) => {
    expect(percentOf(count, answered)).toBe(percent);
  });
});

describe("applyThreshold", () => {
  const withResponses = (n: number) => ({ ...summarise(form, []), responses: n });

  it.each([
    [4, 5, "too-few"],
    [5, 5, "shown"],
    [6, 5, "shown"],
    [0, 1, "too-few"],
    [0, 0, "shown"],
  ])("%i responses with a threshold of %i: %s", (responses, threshold, status) => {
    const shown = applyThreshold(withResponses(responses), threshold);
    expect(shown.status).toBe(status);
    if (shown.status === "too-few") {
      expect(shown).toEqual({ status: "too-few", responses, threshold });
      expect("summary" in shown).toBe(false);
    } else {
      expect(shown.summary.responses).toBe(responses);
    }
  });
});

describe("summaryCsvRows", () => {
  const summary = summarise(form, rows);
  const label: CsvLabels = {
    question: (id) => `[${id}]`,
    option: (id, value) => `[${id}.${value}]`,
  };

  it("lays out the heading, the responses, and per question who answered and each option", () => {
    const csv = summaryCsvRows(summary, label);
    expect(csv.slice(0, 8)).toEqual([
      ["Question", "Answer", "Count", "Percent"],
      ["Responses", "", "5", ""],
      ["[feel]", "Answered", "4", ""],
      ["[feel]", "[feel.1]", "1", "25"],
      ["[feel]", "[feel.2]", "0", "0"],
      ["[feel]", "[feel.3]", "0", "0"],
      ["[feel]", "[feel.4]", "1", "25"],
      ["[feel]", "[feel.5]", "2", "50"],
    ]);
    expect(csv).toContainEqual(["[helped]", `[helped.${OTHER_ANSWERS}]`, "1", "25"]);
    expect(csv).toContainEqual(["[who-came]", "[who-came.iro]", "2", "67"]);
  });

  it("has the same numbers as the tallies, after a round trip through the CSV file", () => {
    const read = parseCsv(toCsv(summaryCsvRows(summary, label)));
    const expected = summary.choices.flatMap((tally) => [
      [tally.answered, null],
      ...tally.counts.map((c) => [c.count, percentOf(c.count, tally.answered)]),
    ]);
    const numbers = read
      .slice(2)
      .map(([, , count, percent]) => [Number(count), percent === "" ? null : Number(percent)]);
    expect(numbers).toEqual(expected);
    expect(read[1]).toEqual(["Responses", "", "5", ""]);
  });

  it("uses the caller's words for its own headings", () => {
    const csv = summaryCsvRows(summarise(form, []), { ...label, heading: (id) => `{${id}}` });
    expect(csv[0]).toEqual(["{question}", "{answer}", "{count}", "{percent}"]);
    expect(csv[1]).toEqual(["{responses}", "", "0", ""]);
  });
});

describe("toCsv", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+44 1234", "'+44 1234"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
    ["\tindented", "'\tindented"],
    ['=HYPERLINK("x", "y")', `"'=HYPERLINK(""x"", ""y"")"`],
    ["a=b", "a=b"],
  ])("writes %j as %j", (field, written) => {
    expect(toCsv([[field]])).toBe(`${written}\r\n`);
  });

  it("ends every row with CRLF and reads back the same (apart from the apostrophes)", () => {
    const table = [
      ["Question", "Answer"],
      ['Why, "really"?', "Line one\nline two"],
    ];
    expect(toCsv(table)).toBe('Question,Answer\r\n"Why, ""really""?","Line one\nline two"\r\n');
    expect(parseCsv(toCsv(table))).toEqual(table);
  });
});
