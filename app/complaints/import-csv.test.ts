import { describe, expect, it } from "vitest";
import englishWords from "#locales/en/report.json";
import { i18nFor } from "#app/i18n.server";
import { LANGUAGES } from "#db/schema/constants";
import {
  IMPORT_COLUMNS,
  IMPORT_PROBLEM_KEYS,
  OPTIONAL_IMPORT_COLUMNS,
  parseCsv,
  readImport,
  UnclosedQuoteError,
  type ImportedCase,
  type ImportProblem,
  type ImportResult,
} from "./import-csv";

const SERVICE_AREAS = ["neighbourhood", "specialist", "youth-offending"];
const OPTIONS = { serviceAreas: SERVICE_AREAS, today: "2026-05-01" };

type Row = Partial<Record<string, string>>;

/** A complaint row with every column valid; tests change one or two values. */
const GOOD_ROW: Row = {
  reference: "C-001",
  received_on: "2025-04-30",
  type: "complaint",
  procedure: "statutory",
  category: "finance",
  service_area: "neighbourhood",
  made_by: "child",
  contact_method: "text",
  stage1_response: "in-time",
  stage2_response: "late",
  stage3_response: "none",
  ombudsman: "yes",
  outcome: "partly-upheld",
  ethnicity: "black",
  disability: "yes",
  advocacy_offered: "yes",
  advocacy_taken: "yes",
};

const GOOD_CASE: ImportedCase = {
  reference: "C-001",
  receivedOn: "2025-04-30",
  kind: "complaint",
  procedure: "statutory",
  category: "finance",
  serviceArea: "neighbourhood",
  madeBy: "child",
  contactMethod: "text",
  stages: [
    { stage: 1, responded: true, withinTimescale: true },
    { stage: 2, responded: true, withinTimescale: false },
    { stage: 3, responded: false, withinTimescale: null },
  ],
  ombudsman: true,
  ombudsmanOn: null,
  ombudsmanOutcome: null,
  lessonsLearnt: null,
  outcome: "partly-upheld",
  ethnicity: "black",
  disability: "yes",
  advocacyOffered: true,
  advocacyTaken: true,
};

const quote = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** One row of a file, its values in the order of the columns. */
const line = (row: Row, columns: readonly string[] = IMPORT_COLUMNS) =>
  columns.map((c) => quote(row[c] ?? "")).join(",");

/** A file with the documented header and one line per row. */
function file(rows: Row[], columns: readonly string[] = IMPORT_COLUMNS): string {
  const lines = [columns.join(","), ...rows.map((row) => line(row, columns))];
  return `${lines.join("\n")}\n`;
}

function problemsOf(result: ImportResult): ImportProblem[] {
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.problems;
}

function casesOf(result: ImportResult): ImportedCase[] {
  if (!result.ok)
    throw new Error(`expected the file to be accepted: ${JSON.stringify(result.problems)}`);
  return result.cases;
}

/** Just where and what, to compare lists of problems briefly. */
const brief = (problems: ImportProblem[]) =>
  problems.map(({ row, column, key }) => ({
    row,
    column,
    key: key.replace("report:import.errors.", ""),
  }));

describe("parseCsv", () => {
  it("reads plain rows", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("reads quoted values with commas, quotes and line breaks", () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\r\nlines"\r\nx,,"",y')).toEqual([
      ["a", "b, c", 'say "hi"', "two\r\nlines"],
      ["x", "", "", "y"],
    ]);
  });

  it("accepts CRLF, LF and CR line ends", () => {
    expect(parseCsv("a\r\nb\nc\rd")).toEqual([["a"], ["b"], ["c"], ["d"]]);
  });

  it("drops a byte order mark and ignores the line break at the end", () => {
    expect(parseCsv("\uFEFFa,b\r\n")).toEqual([["a", "b"]]);
  });

  it("keeps empty values at the end of a line and empty lines in the middle", () => {
    expect(parseCsv("a,\n\nb")).toEqual([["a", ""], [""], ["b"]]);
  });

  it("reads nothing from an empty text", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\uFEFF")).toEqual([]);
  });

  it("keeps a stray quote inside an unquoted value", () => {
    expect(parseCsv('5" screen,b')).toEqual([['5" screen', "b"]]);
  });

  it("reports the row where a quote opened and never closed", () => {
    const text = 'h1,h2\n"multi\nline",ok\nx,"never closed\nmore\n';
    expect(() => parseCsv(text)).toThrow(UnclosedQuoteError);
    try {
      parseCsv(text);
    } catch (error) {
      expect((error as UnclosedQuoteError).row).toBe(3);
    }
  });
});

describe("readImport: a good file", () => {
  it("reads every column into a case", () => {
    expect(casesOf(readImport(file([GOOD_ROW]), OPTIONS))).toEqual([GOOD_CASE]);
  });

  it("reads gaps as not recorded, and the Ombudsman's day and decision and lessons learnt", () => {
    const rows: Row[] = [
      {
        ...GOOD_ROW,
        service_area: "",
        made_by: "not recorded",
        contact_method: "Not-Recorded",
        ombudsman_on: "2025-09-01",
        ombudsman_outcome: "Fault and injustice",
        lessons_learnt: "A new checklist for call-backs",
      },
      {
        ...GOOD_ROW,
        reference: "C-002",
        service_area: "not recorded",
        made_by: "",
        contact_method: "",
        ombudsman: "",
        ombudsman_outcome: "premature",
      },
    ];
    const cases = casesOf(readImport(file(rows), OPTIONS));
    expect(cases[0]).toMatchObject({
      serviceArea: null,
      madeBy: null,
      contactMethod: null,
      ombudsman: true,
      ombudsmanOn: "2025-09-01",
      ombudsmanOutcome: "fault-and-injustice",
      lessonsLearnt: "A new checklist for call-backs",
    });
    // A decision says it went to the Ombudsman, even with the ombudsman column left empty.
    expect(cases[1]).toMatchObject({
      serviceArea: null,
      madeBy: null,
      contactMethod: null,
      ombudsman: true,
      ombudsmanOn: null,
      ombudsmanOutcome: "premature",
      lessonsLearnt: null,
    });
  });

  it("reads a file made before the optional columns were added", () => {
    const columns = IMPORT_COLUMNS.filter((c) => !OPTIONAL_IMPORT_COLUMNS.includes(c));
    expect(columns.length).toBe(IMPORT_COLUMNS.length - 3);
    expect(casesOf(readImport(file([GOOD_ROW], columns), OPTIONS))).toEqual([GOOD_CASE]);
  });

  it("reads comments and compliments with blanks given their meaning", () => {
    const rows: Row[] = [
      {
        received_on: "2026-05-01", // today is allowed
        type: "comment",
        service_area: "specialist",
        made_by: "other",
        contact_method: "email",
      },
      {
        reference: "K-9",
        received_on: "2024-02-29",
        type: "compliment",
        procedure: "corporate",
        service_area: "youth-offending",
        made_by: "child",
        contact_method: "in-person",
        ombudsman: "no",
        ethnicity: "not-stated",
        disability: "no",
        advocacy_offered: "yes",
        advocacy_taken: "no",
      },
    ];
    expect(casesOf(readImport(file(rows), OPTIONS))).toEqual([
      {
        reference: null,
        receivedOn: "2026-05-01",
        kind: "comment",
        procedure: null,
        category: null,
        serviceArea: "specialist",
        madeBy: "other",
        contactMethod: "email",
        outcome: null,
        stages: [],
        ombudsman: false,
        ombudsmanOn: null,
        ombudsmanOutcome: null,
        lessonsLearnt: null,
        ethnicity: "not-stated",
        disability: "not-stated",
        advocacyOffered: false,
        advocacyTaken: false,
      },
      {
        reference: "K-9",
        receivedOn: "2024-02-29",
        kind: "compliment",
        procedure: "corporate",
        category: null,
        serviceArea: "youth-offending",
        madeBy: "child",
        contactMethod: "in-person",
        outcome: null,
        stages: [],
        ombudsman: false,
        ombudsmanOn: null,
        ombudsmanOutcome: null,
        lessonsLearnt: null,
        ethnicity: "not-stated",
        disability: "no",
        advocacyOffered: true,
        advocacyTaken: false,
      },
    ]);
  });

  it("accepts columns in any order and any case, and values with spaces and capitals", () => {
    const columns = [...IMPORT_COLUMNS].reverse();
    const header = columns.map((c) => ` ${c.toUpperCase()} `).join(",");
    const shouty: Row = {
      ...GOOD_ROW,
      reference: "  C-001 ",
      type: "Complaint",
      procedure: " STATUTORY",
      service_area: "Neighbourhood",
      contact_method: "Text ",
      stage1_response: "In-Time",
      stage2_response: "LATE",
      outcome: "Partly upheld",
      ethnicity: "Black",
      advocacy_taken: "Yes",
    };
    const body = columns.map((c) => quote(shouty[c] ?? "")).join(",");
    expect(casesOf(readImport(`${header}\n${body}`, OPTIONS))).toEqual([GOOD_CASE]);
  });

  it("reads a file saved by Excel: byte order mark, CRLF, quoted commas and line breaks", () => {
    const text = file([
      { ...GOOD_ROW, reference: 'Smith, "A"\nsecond line' },
      { ...GOOD_ROW, reference: "C-002" },
    ])
      .replaceAll("\n", "\r\n")
      .replace(/^/, "\uFEFF");
    const cases = casesOf(readImport(text, OPTIONS));
    expect(cases.map((c) => c.reference)).toEqual(['Smith, "A"\r\nsecond line', "C-002"]);
  });

  it("skips blank rows, including rows of empty cells", () => {
    const text = `${file([GOOD_ROW])}\n,,,,\n${line({ ...GOOD_ROW, reference: "C-002" })}\n\n`;
    expect(casesOf(readImport(text, OPTIONS))).toHaveLength(2);
  });

  it("ignores empty columns with no heading, such as a spreadsheet's trailing commas", () => {
    const text = file([GOOD_ROW]).replace(/\n/g, ",,\n");
    expect(casesOf(readImport(text, OPTIONS))).toEqual([GOOD_CASE]);
  });

  it("accepts a stage with no answer followed by the next stage", () => {
    const row = {
      ...GOOD_ROW,
      stage1_response: "none",
      stage2_response: "in-time",
      stage3_response: "",
    };
    expect(casesOf(readImport(file([row]), OPTIONS))[0]!.stages).toEqual([
      { stage: 1, responded: false, withinTimescale: null },
      { stage: 2, responded: true, withinTimescale: true },
    ]);
  });
});

describe("readImport: each kind of bad value", () => {
  it.each<{ change: Row; column: string | null; key: string; why: string }>([
    {
      why: "reference too long",
      change: { reference: "x".repeat(41) },
      column: "reference",
      key: "tooLong",
    },
    { why: "no date", change: { received_on: "" }, column: "received_on", key: "required" },
    {
      why: "UK-style date",
      change: { received_on: "30/04/2025" },
      column: "received_on",
      key: "notADate",
    },
    {
      why: "no such day",
      change: { received_on: "2025-02-29" },
      column: "received_on",
      key: "notADate",
    },
    {
      why: "month 13",
      change: { received_on: "2025-13-01" },
      column: "received_on",
      key: "notADate",
    },
    {
      why: "date and time",
      change: { received_on: "2025-04-30T10:00" },
      column: "received_on",
      key: "notADate",
    },
    {
      why: "future date",
      change: { received_on: "2026-05-02" },
      column: "received_on",
      key: "dateInFuture",
    },
    { why: "no type", change: { type: "" }, column: "type", key: "required" },
    { why: "unknown type", change: { type: "concern" }, column: "type", key: "notOneOf" },
    {
      why: "unknown procedure",
      change: { procedure: "informal" },
      column: "procedure",
      key: "notOneOf",
    },
    {
      why: "complaint with no category",
      change: { category: "" },
      column: "category",
      key: "categoryRequired",
    },
    { why: "unknown category", change: { category: "money" }, column: "category", key: "notOneOf" },
    {
      why: "unknown service area",
      change: { service_area: "old-team" },
      column: "service_area",
      key: "unknownServiceArea",
    },
    { why: "made_by parent", change: { made_by: "parent" }, column: "made_by", key: "notOneOf" },
    {
      why: "an Ombudsman's decision, but ombudsman says no",
      change: { ombudsman: "no", ombudsman_outcome: "no-fault" },
      column: "ombudsman_outcome",
      key: "ombudsmanNotReferred",
    },
    {
      why: "an Ombudsman day, but ombudsman says no",
      change: { ombudsman: "no", ombudsman_on: "2025-06-01" },
      column: "ombudsman_on",
      key: "ombudsmanNotReferred",
    },
    {
      why: "referred before it was received",
      change: { ombudsman_on: "2025-04-29" },
      column: "ombudsman_on",
      key: "dateBeforeReceived",
    },
    {
      why: "referred in the future",
      change: { ombudsman_on: "2026-05-02" },
      column: "ombudsman_on",
      key: "dateInFuture",
    },
    {
      why: "not a referral day",
      change: { ombudsman_on: "June 2025" },
      column: "ombudsman_on",
      key: "notADate",
    },
    {
      why: "an Ombudsman's decision not on the list",
      change: { ombudsman_outcome: "guilty" },
      column: "ombudsman_outcome",
      key: "notOneOf",
    },
    {
      why: "lessons learnt for a complaint not upheld",
      change: { outcome: "not-upheld", lessons_learnt: "We changed the form" },
      column: "lessons_learnt",
      key: "lessonsNotUpheld",
    },
    {
      why: "lessons learnt for an open complaint",
      change: { outcome: "", lessons_learnt: "We changed the form" },
      column: "lessons_learnt",
      key: "lessonsNotUpheld",
    },
    {
      why: "lessons learnt too long",
      change: { lessons_learnt: "x".repeat(2001) },
      column: "lessons_learnt",
      key: "tooLong",
    },
    {
      why: "lessons learnt for a comment",
      change: {
        type: "comment",
        category: "",
        stage1_response: "",
        stage2_response: "",
        stage3_response: "",
        outcome: "",
        lessons_learnt: "Changed",
      },
      column: "lessons_learnt",
      key: "onlyForComplaints",
    },
    {
      why: "contact by fax",
      change: { contact_method: "fax" },
      column: "contact_method",
      key: "notOneOf",
    },
    {
      why: "stage answer 'yes'",
      change: { stage1_response: "yes" },
      column: "stage1_response",
      key: "notOneOf",
    },
    {
      why: "stage 2 without stage 1",
      change: { stage1_response: "" },
      column: "stage2_response",
      key: "stageSkipped",
    },
    {
      why: "stage 3 without stage 2",
      change: { stage2_response: "" },
      column: "stage3_response",
      key: "stageSkipped",
    },
    {
      why: "ombudsman 'maybe'",
      change: { ombudsman: "maybe" },
      column: "ombudsman",
      key: "notOneOf",
    },
    { why: "unknown outcome", change: { outcome: "resolved" }, column: "outcome", key: "notOneOf" },
    {
      why: "unknown ethnicity",
      change: { ethnicity: "british" },
      column: "ethnicity",
      key: "notOneOf",
    },
    {
      why: "unknown disability",
      change: { disability: "unknown" },
      column: "disability",
      key: "notOneOf",
    },
    {
      why: "advocacy offered 'y'",
      change: { advocacy_offered: "y" },
      column: "advocacy_offered",
      key: "notOneOf",
    },
    {
      why: "advocacy taken, never offered",
      change: { advocacy_offered: "" },
      column: "advocacy_taken",
      key: "advocacyTakenNotOffered",
    },
    {
      why: "advocacy taken 'true'",
      change: { advocacy_taken: "true" },
      column: "advocacy_taken",
      key: "notOneOf",
    },
  ])("$why → $column $key", ({ change, column, key }) => {
    const problems = problemsOf(
      readImport(file([GOOD_ROW, { ...GOOD_ROW, reference: "C-002", ...change }]), OPTIONS),
    );
    expect(brief(problems)).toEqual([{ row: 3, column, key }]);
  });

  it.each(["stage1_response", "stage2_response", "stage3_response", "outcome"])(
    "%s on a comment is a problem",
    (column) => {
      const row = {
        ...GOOD_ROW,
        type: "comment",
        category: "",
        stage1_response: "",
        stage2_response: "",
        stage3_response: "",
        outcome: "",
        [column]: column === "outcome" ? "upheld" : "late",
      };
      // A later stage alone is reported once, as complaints-only, not also as a skipped stage.
      expect(brief(problemsOf(readImport(file([row]), OPTIONS)))).toEqual([
        { row: 2, column, key: "onlyForComplaints" },
      ]);
    },
  );

  it("gives the values a message needs", () => {
    const row = { ...GOOD_ROW, service_area: "Old team", reference: "y".repeat(41) };
    expect(problemsOf(readImport(file([row]), OPTIONS))).toEqual([
      {
        row: 2,
        column: "reference",
        key: "report:import.errors.tooLong",
        values: { column: "reference", value: "y".repeat(41), max: 40 },
      },
      {
        row: 2,
        column: "service_area",
        key: "report:import.errors.unknownServiceArea",
        values: {
          column: "service_area",
          value: "Old team",
          allowed: "neighbourhood, specialist, youth-offending",
        },
      },
    ]);
  });

  it("reports a reference used twice, on the later rows", () => {
    const rows = [
      GOOD_ROW,
      { ...GOOD_ROW, reference: "C-002" },
      { ...GOOD_ROW, reference: "c-001" },
      GOOD_ROW,
    ];
    const problems = problemsOf(readImport(file(rows), OPTIONS));
    expect(brief(problems)).toEqual([
      { row: 4, column: "reference", key: "duplicateReference" },
      { row: 5, column: "reference", key: "duplicateReference" },
    ]);
    expect(problems[0]!.values).toEqual({ column: "reference", value: "c-001", firstRow: 2 });
  });

  it("does not count blank references as duplicates", () => {
    const rows = [
      { ...GOOD_ROW, reference: "" },
      { ...GOOD_ROW, reference: " " },
    ];
    expect(casesOf(readImport(file(rows), OPTIONS))).toHaveLength(2);
  });

  it("reports a value in a column with no heading", () => {
    const text = file([GOOD_ROW]).replace(/\n$/, ",oops\n");
    expect(brief(problemsOf(readImport(text, OPTIONS)))).toEqual([
      { row: 2, column: null, key: "valueWithoutColumn" },
    ]);
  });
});

describe("readImport: the whole file", () => {
  it("rejects a mix of good and bad rows, listing every problem by row", () => {
    const rows: Row[] = [
      GOOD_ROW,
      { ...GOOD_ROW, reference: "C-002", type: "grumble", received_on: "yesterday" },
      { ...GOOD_ROW, reference: "C-003" },
      { ...GOOD_ROW, reference: "C-004", made_by: "parent", stage1_response: "", outcome: "won" },
    ];
    expect(brief(problemsOf(readImport(file(rows), OPTIONS)))).toEqual([
      { row: 3, column: "received_on", key: "notADate" },
      { row: 3, column: "type", key: "notOneOf" },
      { row: 5, column: "made_by", key: "notOneOf" },
      { row: 5, column: "stage2_response", key: "stageSkipped" },
      { row: 5, column: "outcome", key: "notOneOf" },
    ]);
  });

  it("numbers rows as a spreadsheet does: blank rows count, a two-line value is one row", () => {
    const text =
      file([{ ...GOOD_ROW, reference: "two\nlines" }]) + "\n" + line({ ...GOOD_ROW, type: "x" });
    expect(brief(problemsOf(readImport(text, OPTIONS)))).toEqual([
      { row: 4, column: "type", key: "notOneOf" },
    ]);
  });

  it.each([
    { why: "an empty file", text: "", key: "emptyFile" },
    { why: "only a byte order mark and line breaks", text: "\uFEFF\r\n\r\n", key: "emptyFile" },
    { why: "only the header", text: file([]), key: "noRows" },
    { why: "a header and blank rows", text: `${file([])}\n,,\n`, key: "noRows" },
  ])("rejects $why", ({ text, key }) => {
    expect(brief(problemsOf(readImport(text, OPTIONS)))).toEqual([{ row: 1, column: null, key }]);
  });

  it("rejects a file with more rows than allowed, before checking them", () => {
    const rows = [
      GOOD_ROW,
      { ...GOOD_ROW, reference: "C-2", type: "bad" },
      { ...GOOD_ROW, reference: "C-3" },
    ];
    expect(problemsOf(readImport(file(rows), { ...OPTIONS, maxRows: 2 }))).toEqual([
      {
        row: 1,
        column: null,
        key: "report:import.errors.tooManyRows",
        values: { rows: 3, max: 2 },
      },
    ]);
    expect(brief(problemsOf(readImport(file(rows), { ...OPTIONS, maxRows: 3 })))).toEqual([
      { row: 3, column: "type", key: "notOneOf" },
    ]);
  });

  it("allows 5000 rows by default", () => {
    const row = line({ ...GOOD_ROW, reference: "" });
    const header = IMPORT_COLUMNS.join(",");
    expect(
      casesOf(readImport([header, ...Array(5000).fill(row)].join("\n"), OPTIONS)),
    ).toHaveLength(5000);
    expect(
      brief(problemsOf(readImport([header, ...Array(5001).fill(row)].join("\n"), OPTIONS))),
    ).toEqual([{ row: 1, column: null, key: "tooManyRows" }]);
  });

  it("reports header problems on row 1 and stops there", () => {
    const columns = [
      ...IMPORT_COLUMNS.filter((c) => c !== "outcome" && c !== "made_by"),
      "notes",
      "Type",
    ];
    expect(brief(problemsOf(readImport(file([{ type: "nonsense" }], columns), OPTIONS)))).toEqual([
      { row: 1, column: "notes", key: "unknownColumn" },
      { row: 1, column: "type", key: "duplicateColumn" },
      { row: 1, column: "made_by", key: "missingColumn" },
      { row: 1, column: "outcome", key: "missingColumn" },
    ]);
  });

  it("reports an unclosed quote on the row where it opened", () => {
    // Written by hand, as line() would quote the quote properly.
    const text = `${file([GOOD_ROW])}${line(GOOD_ROW).replace("C-001", '"C-002')}\n`;
    expect(brief(problemsOf(readImport(text, OPTIONS)))).toEqual([
      { row: 3, column: null, key: "unclosedQuote" },
    ]);
  });
});

describe("the words of every problem", () => {
  it("are filled in every language (a missing column is named)", async () => {
    const text = "reference,received_on,type,type,extra\nOLD-1,31/02/2025,moan,x,y,z\n";
    const problems = problemsOf(readImport(text, OPTIONS));
    expect(problems.map((p) => p.key)).toContain("report:import.errors.missingColumn");
    for (const language of LANGUAGES) {
      const i18n = await i18nFor(language);
      for (const problem of problems) {
        // Words are strict in tests: an unfilled {{column}} throws.
        const words = i18n.t(problem.key, problem.values);
        if (problem.column) expect(words, problem.key).toContain(problem.column);
      }
    }
  });
});

describe("the English words for the import", () => {
  const import_ = englishWords.import as {
    errors: Record<string, string>;
    columnsHelp: Record<string, string>;
  };

  it("have a message for every problem", () => {
    for (const key of IMPORT_PROBLEM_KEYS) expect(typeof import_.errors[key], key).toBe("string");
    expect(Object.keys(import_.errors).sort()).toEqual([...IMPORT_PROBLEM_KEYS].sort());
  });

  it("explain every column", () => {
    expect(Object.keys(import_.columnsHelp)).toEqual([...IMPORT_COLUMNS]);
  });
});
