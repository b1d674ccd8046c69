// Importing a year of historic representations from a CSV file, e.g. exported from the
// spreadsheet a council kept before the portal. All or nothing: a file with any bad row is
// rejected whole, with every problem listed, so the officer can fix the file and try again
// without wondering which rows went in.

import {
  COMPLAINT_CATEGORIES,
  CONTACT_METHODS,
  DISABILITIES,
  ETHNICITIES,
  MADE_BY,
  OMBUDSMAN_OUTCOMES,
  OUTCOMES,
  PROCEDURES,
  REPRESENTATION_KINDS,
  type Stage,
} from "#db/schema/constants";
import type { IsoDate } from "#app/utils/dates";
import { NOT_RECORDED, type ReportCase } from "./annual-report";

/** The columns of an import file, in the order the template has them. */
export const IMPORT_COLUMNS: readonly string[] = [
  "reference", // optional, up to 40 characters, different on every row
  "received_on", // YYYY-MM-DD, required, not in the future
  "type", // comment | compliment | complaint
  "procedure", // statutory | corporate | blank
  "category", // one of the categories, or blank; required for a complaint
  "service_area", // one of the council's service area keys | not-recorded | blank (not recorded)
  "made_by", // child | other | not-recorded | blank (not recorded)
  "contact_method", // form | letter | … | text | not-recorded | blank (not recorded)
  "stage1_response", // in-time | late | none | blank (stage not reached); complaints only
  "stage2_response",
  "stage3_response",
  "ombudsman", // yes | no | blank
  "ombudsman_on", // YYYY-MM-DD | blank: the day it went to the Ombudsman; complaints only
  "ombudsman_outcome", // one of the Ombudsman's decisions | blank (awaited); complaints only
  "outcome", // upheld | partly-upheld | not-upheld | withdrawn | blank; complaints only
  "lessons_learnt", // what the council changed, up to 2000 characters; upheld / partly upheld only
  "ethnicity", // one of the ethnicities, blank = not-stated
  "disability", // yes | no | not-stated, blank = not-stated
  "advocacy_offered", // yes | no, blank = no
  "advocacy_taken", // yes | no, blank = no; yes only if offered
];

/** Columns a file may leave out (files made before they were added): missing means empty. */
export const OPTIONAL_IMPORT_COLUMNS: readonly string[] = [
  "ombudsman_on",
  "ombudsman_outcome",
  "lessons_learnt",
];

export const MAX_REFERENCE_LENGTH = 40;
/** The longest "what we changed" (lessons learnt) kept for a complaint. */
export const MAX_LESSONS_LENGTH = 2000;
export const DEFAULT_MAX_ROWS = 5000;

/** Translation keys (namespace "report") for everything that can be wrong with a file. */
export const IMPORT_PROBLEM_KEYS = [
  "emptyFile",
  "noRows",
  "tooManyRows",
  "unclosedQuote",
  "missingColumn",
  "unknownColumn",
  "duplicateColumn",
  "valueWithoutColumn",
  "required",
  "tooLong",
  "notADate",
  "dateInFuture",
  "notOneOf",
  "unknownServiceArea",
  "categoryRequired",
  "onlyForComplaints",
  "stageSkipped",
  "advocacyTakenNotOffered",
  "duplicateReference",
  "dateBeforeReceived",
  "ombudsmanNotReferred",
  "lessonsNotUpheld",
] as const;
type ProblemName = (typeof IMPORT_PROBLEM_KEYS)[number];

/**
 * row: the line number as a spreadsheet shows it (the header is row 1).
 * key: a translation key in the "report" namespace, e.g. "report:import.errors.notADate".
 */
export type ImportProblem = {
  row: number;
  column: string | null;
  key: string;
  values?: Record<string, string | number>;
};

export type ImportedCase = Omit<ReportCase, "reference"> & { reference: string | null };

export type ImportResult =
  { ok: true; cases: ImportedCase[] } | { ok: false; problems: ImportProblem[] };

/** A quoted value that never ends: everything after it would be read wrongly. */
export class UnclosedQuoteError extends Error {
  constructor(
    /** The row (as a spreadsheet counts them) where the quote opened. */
    readonly row: number,
  ) {
    super(`A quoted value opened on row ${row} is never closed`);
    this.name = "UnclosedQuoteError";
  }
}

/**
 * Reads CSV text (RFC 4180) into rows of fields. Quoted fields may hold commas, line breaks and
 * doubled quotes. Lines may end CRLF, LF or CR. A byte order mark is dropped, and a line break at
 * the very end does not start another row. Throws UnclosedQuoteError for a quote never closed.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let atFieldStart = true;
  let inQuotes = false;
  let quoteOpenedOnRow = 0;

  const endField = () => {
    row.push(field);
    field = "";
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  let i = text.startsWith("\uFEFF") ? 1 : 0;
  while (i < text.length) {
    const char = text[i]!;
    if (inQuotes) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') inQuotes = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && atFieldStart) {
      inQuotes = true;
      quoteOpenedOnRow = rows.length + 1;
      atFieldStart = false;
    } else if (char === ",") {
      endField();
    } else if (char === "\r" || char === "\n") {
      endRow();
      if (char === "\r" && text[i + 1] === "\n") i += 1;
    } else {
      // A stray quote inside an unquoted value is kept as it is, as spreadsheets do.
      field += char;
      atFieldStart = false;
    }
    i += 1;
  }
  if (inQuotes) throw new UnclosedQuoteError(quoteOpenedOnRow);
  if (!atFieldStart || row.length > 0) endRow();
  return rows;
}

// Lenient spelling of listed values: "Partly upheld", "IN_PERSON" and "in-person" are the same.
const normalise = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const STAGE_RESPONSES = ["in-time", "late", "none"] as const;
const YES_NO = ["yes", "no"] as const;
const STAGE_COLUMNS: [Stage, string][] = [
  [1, "stage1_response"],
  [2, "stage2_response"],
  [3, "stage3_response"],
];

export function readImport(
  text: string,
  options: { serviceAreas: string[]; today: IsoDate; maxRows?: number },
): ImportResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const problems: ImportProblem[] = [];
  const problem = (
    row: number,
    column: string | null,
    name: ProblemName,
    values?: Record<string, string | number>,
  ) => {
    // Every message names its column: {{column}} is always filled.
    const named = { ...(column === null ? {} : { column }), ...values };
    problems.push({
      row,
      column,
      key: `report:import.errors.${name}`,
      ...(Object.keys(named).length > 0 ? { values: named } : {}),
    });
  };
  const rejected = (): ImportResult => ({
    ok: false,
    problems: problems.sort((a, b) => a.row - b.row),
  });

  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof UnclosedQuoteError)) throw error;
    problem(error.row, null, "unclosedQuote");
    return rejected();
  }
  const isBlank = (record: string[]) => record.every((field) => field.trim() === "");

  const header = records[0];
  if (!header || records.every(isBlank)) {
    problem(1, null, "emptyFile");
    return rejected();
  }

  // Header: exactly the documented columns, in any order. Cells left blank (a spreadsheet's
  // trailing commas) are not columns; a value under one is reported on its row.
  const positionOf = new Map<string, number>();
  header.forEach((cell, position) => {
    const name = cell.trim().toLowerCase();
    if (name === "") return;
    if (!IMPORT_COLUMNS.includes(name)) problem(1, cell.trim(), "unknownColumn");
    else if (positionOf.has(name)) problem(1, name, "duplicateColumn");
    else positionOf.set(name, position);
  });
  for (const column of IMPORT_COLUMNS) {
    if (!positionOf.has(column) && !OPTIONAL_IMPORT_COLUMNS.includes(column)) {
      problem(1, column, "missingColumn");
    }
  }
  if (problems.length > 0) return rejected();

  // Rows keep their number in the file even when blank rows between them are skipped.
  const dataRows = records
    .map((fields, index) => ({ fields, row: index + 1 }))
    .slice(1)
    .filter(({ fields }) => !isBlank(fields));
  if (dataRows.length === 0) {
    problem(1, null, "noRows");
    return rejected();
  }
  if (dataRows.length > maxRows) {
    problem(1, null, "tooManyRows", { rows: dataRows.length, max: maxRows });
    return rejected();
  }

  const serviceKeys = new Map(options.serviceAreas.map((key) => [key.trim().toLowerCase(), key]));
  const namedPositions = new Set(positionOf.values());
  const firstRowWithReference = new Map<string, number>();
  const cases: ImportedCase[] = [];

  for (const { fields, row } of dataRows) {
    const problemsBefore = problems.length;
    const raw = (column: string) => {
      const position = positionOf.get(column);
      return position === undefined ? "" : (fields[position] ?? "").trim();
    };
    /** Blank, or the words "not recorded": the council did not record it. */
    const notRecorded = (column: string) => ["", NOT_RECORDED].includes(normalise(raw(column)));

    fields.forEach((value, position) => {
      if (!namedPositions.has(position) && value.trim() !== "") {
        problem(row, null, "valueWithoutColumn", { value: value.trim() });
      }
    });

    /** A value from a fixed list; blank gives `ifBlank`, or a problem if there is none. */
    function listed<T extends string>(
      column: string,
      allowed: readonly T[],
      ifBlank?: T | null,
    ): T | null | undefined {
      const value = raw(column);
      if (value === "") {
        if (ifBlank === undefined) problem(row, column, "required", { column });
        return ifBlank;
      }
      const found = allowed.find((option) => option === normalise(value));
      if (found === undefined) {
        problem(row, column, "notOneOf", { column, value, allowed: allowed.join(", ") });
      }
      return found;
    }

    const reference = raw("reference");
    if ([...reference].length > MAX_REFERENCE_LENGTH) {
      problem(row, "reference", "tooLong", {
        column: "reference",
        value: reference,
        max: MAX_REFERENCE_LENGTH,
      });
    } else if (reference !== "") {
      const firstRow = firstRowWithReference.get(reference.toLowerCase());
      if (firstRow === undefined) firstRowWithReference.set(reference.toLowerCase(), row);
      else {
        problem(row, "reference", "duplicateReference", {
          column: "reference",
          value: reference,
          firstRow,
        });
      }
    }

    const receivedOn = raw("received_on");
    if (receivedOn === "") problem(row, "received_on", "required", { column: "received_on" });
    else if (!isRealDate(receivedOn)) {
      problem(row, "received_on", "notADate", { column: "received_on", value: receivedOn });
    } else if (receivedOn > options.today) {
      problem(row, "received_on", "dateInFuture", { column: "received_on", value: receivedOn });
    }

    const kind = listed("type", REPRESENTATION_KINDS);
    const isComplaint = kind === "complaint";
    // Only say "only for complaints" when the type is known to be something else.
    const notAComplaint = kind === "comment" || kind === "compliment";
    const complaintOnly = <T extends string>(column: string, allowed: readonly T[]) => {
      const value = listed(column, allowed, null);
      if (value && notAComplaint) {
        problem(row, column, "onlyForComplaints", { column, value: raw(column), type: kind });
      }
      return value;
    };

    const procedure = listed("procedure", PROCEDURES, null);
    const category = listed("category", COMPLAINT_CATEGORIES, null);
    if (isComplaint && raw("category") === "") {
      problem(row, "category", "categoryRequired", { column: "category" });
    }

    const serviceValue = raw("service_area");
    const serviceArea = notRecorded("service_area")
      ? null
      : serviceKeys.get(serviceValue.toLowerCase());
    if (serviceArea === undefined) {
      problem(row, "service_area", "unknownServiceArea", {
        column: "service_area",
        value: serviceValue,
        allowed: options.serviceAreas.join(", "),
      });
    }

    const madeBy = notRecorded("made_by") ? null : listed("made_by", MADE_BY);
    const contactMethod = notRecorded("contact_method")
      ? null
      : listed("contact_method", CONTACT_METHODS);

    const stages: ReportCase["stages"] = [];
    let earlierColumn: string | null = null;
    let earlierReached = true;
    for (const [stage, column] of STAGE_COLUMNS) {
      const response = complaintOnly(column, STAGE_RESPONSES);
      const reached = raw(column) !== "";
      if (reached && !earlierReached && !notAComplaint) {
        problem(row, column, "stageSkipped", {
          column,
          value: raw(column),
          earlier: earlierColumn!,
        });
      }
      if (response) {
        stages.push({
          stage,
          responded: response !== "none",
          withinTimescale: response === "none" ? null : response === "in-time",
        });
      }
      earlierReached = reached;
      earlierColumn = column;
    }

    const ombudsman = listed("ombudsman", YES_NO, "no");
    const ombudsmanOn = raw("ombudsman_on");
    if (ombudsmanOn !== "") {
      const column = "ombudsman_on";
      if (notAComplaint) {
        problem(row, column, "onlyForComplaints", { column, value: ombudsmanOn, type: kind });
      } else if (!isRealDate(ombudsmanOn)) {
        problem(row, column, "notADate", { column, value: ombudsmanOn });
      } else if (ombudsmanOn > options.today) {
        problem(row, column, "dateInFuture", { column, value: ombudsmanOn });
      } else if (isRealDate(receivedOn) && ombudsmanOn < receivedOn) {
        problem(row, column, "dateBeforeReceived", { column, value: ombudsmanOn });
      }
    }
    const ombudsmanOutcome = complaintOnly("ombudsman_outcome", OMBUDSMAN_OUTCOMES);
    // A day or a decision from the Ombudsman says it went there: "no" contradicts it.
    const referred = ombudsman === "yes" || (ombudsman === "no" && raw("ombudsman") === "");
    for (const column of ["ombudsman_on", "ombudsman_outcome"]) {
      if (raw(column) !== "" && !notAComplaint && !referred) {
        problem(row, column, "ombudsmanNotReferred", { column, value: raw(column) });
      }
    }
    const outcome = complaintOnly("outcome", OUTCOMES);
    const lessons = raw("lessons_learnt");
    if (lessons !== "") {
      const column = "lessons_learnt";
      const value = [...lessons].slice(0, 40).join("");
      if (notAComplaint) problem(row, column, "onlyForComplaints", { column, value, type: kind });
      else if ([...lessons].length > MAX_LESSONS_LENGTH) {
        problem(row, column, "tooLong", { column, value, max: MAX_LESSONS_LENGTH });
      } else if (outcome !== "upheld" && outcome !== "partly-upheld") {
        problem(row, column, "lessonsNotUpheld", { column, value });
      }
    }
    const ethnicity = listed("ethnicity", ETHNICITIES, "not-stated");
    const disability = listed("disability", DISABILITIES, "not-stated");
    const advocacyOffered = listed("advocacy_offered", YES_NO, "no");
    const advocacyTaken = listed("advocacy_taken", YES_NO, "no");
    if (advocacyTaken === "yes" && advocacyOffered === "no") {
      problem(row, "advocacy_taken", "advocacyTakenNotOffered", {
        column: "advocacy_taken",
        value: raw("advocacy_taken"),
      });
    }

    if (problems.length > problemsBefore) continue;
    cases.push({
      reference: reference === "" ? null : reference,
      receivedOn,
      kind: kind!,
      procedure: procedure ?? null,
      category: category ?? null,
      serviceArea: serviceArea ?? null,
      madeBy: madeBy ?? null,
      contactMethod: contactMethod ?? null,
      outcome: outcome ?? null,
      stages,
      ombudsman: ombudsman === "yes" || ombudsmanOn !== "" || Boolean(ombudsmanOutcome),
      ombudsmanOn: ombudsmanOn === "" ? null : ombudsmanOn,
      ombudsmanOutcome: ombudsmanOutcome ?? null,
      lessonsLearnt: lessons === "" ? null : lessons,
      ethnicity: ethnicity!,
      disability: disability!,
      advocacyOffered: advocacyOffered === "yes",
      advocacyTaken: advocacyTaken === "yes",
    });
  }

  return problems.length > 0 ? rejected() : { ok: true, cases };
}
