// The yearly report on comments, compliments and complaints that each service gives councillors.
// Pure: the caller loads the cases and the officer's figures; this only counts and lays out.
// Every value the officer has not recorded is counted in a "not recorded" row or column, so each
// table adds up the same way in every direction.

import {
  COMPLAINT_CATEGORIES,
  CONTACT_METHODS,
  DISABILITIES,
  ETHNICITIES,
  MADE_BY,
  OUTCOMES,
  PROCEDURES,
  REPRESENTATION_KINDS,
  type ComplaintCategory,
  type ContactMethod,
  type Disability,
  type Ethnicity,
  type MadeBy,
  type Outcome,
  type Procedure,
  type RepresentationKind,
  type Stage,
} from "#db/schema/constants";
import { csvText } from "#app/utils/csv";
import type { IsoDate } from "#app/utils/dates";

/** One representation as the annual report sees it. null = not (yet) recorded by the officer. */
export type ReportCase = {
  receivedOn: IsoDate;
  kind: RepresentationKind;
  procedure: Procedure | null;
  category: ComplaintCategory | null;
  serviceArea: string | null; // a key from the council's list, e.g. "neighbourhood"
  madeBy: MadeBy;
  contactMethod: ContactMethod;
  outcome: Outcome | null; // set when a complaint is closed
  /** Each stage the complaint reached: whether it was answered, and if so whether in time. */
  stages: { stage: Stage; responded: boolean; withinTimescale: boolean | null }[];
  ombudsman: boolean;
  ethnicity: Ethnicity; // of the child (service user), "not-stated" if unknown
  disability: Disability;
  advocacyOffered: boolean;
  advocacyTaken: boolean;
};

/**
 * The figures for all of the council's service users, entered by the officer:
 * "ethnicity:white" → 1234, "disability:yes" → 56. Missing = unknown.
 */
export type AllUsersFigures = Partial<Record<string, number>>;

/** A council's reporting year: 1 April startYear to 31 March the year after. */
export type ReportYear = { startYear: number; from: IsoDate; to: IsoDate };

export type ReportTable = {
  id: string;
  /** Row header column ids: one for most tables, two for outcomes (service, category). */
  rowDimensions: string[];
  columns: string[];
  /** labels are ids like "kind:comment", "service:neighbourhood", "category:finance". */
  rows: { labels: string[]; cells: (number | null)[] }[];
  /** The "Total" row; null where a total makes no sense. */
  totals: (number | null)[];
};

export const NOT_RECORDED = "not-recorded";

/** The order the tables appear in, on screen and in the CSV file. */
export const REPORT_TABLE_IDS = [
  "by-type",
  "complaints-by-service-and-made-by",
  "complaints-by-service-and-category",
  "outcomes",
  "stage-1-responses",
  "stage-2-responses",
  "equalities-ethnicity",
  "equalities-disability",
  "contact-methods",
  "advocacy",
] as const;

/** Stage tables: counted per child/other, then the two "total" columns. */
const STAGE_COLUMNS = [
  "child-responded",
  "child-in-time",
  "other-responded",
  "other-in-time",
  "responded",
  "in-time",
] as const;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function reportYear(startYear: number): ReportYear {
  return {
    startYear,
    from: `${pad(startYear, 4)}-04-01`,
    to: `${pad(startYear + 1, 4)}-03-31`,
  };
}

/** The report year a date falls in: January to March belong to the year that began last April. */
export function reportYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/**
 * A translation key for a label id. i18next reads ":" as "namespace" and "." as "go one level
 * down", so "kind:comment" becomes "labels.kind.comment".
 */
export function labelKey(id: string): string {
  return `labels.${id.split(":").join(".")}`;
}

/** Counts by row and column, for tables filled in one pass over the cases. */
class Tally {
  private readonly counts = new Map<string, Map<string, number>>();

  add(row: string, column: string) {
    let columns = this.counts.get(row);
    if (!columns) {
      columns = new Map();
      this.counts.set(row, columns);
    }
    columns.set(column, (columns.get(column) ?? 0) + 1);
  }

  get(row: string, column: string): number {
    return this.counts.get(row)?.get(column) ?? 0;
  }

  has(row: string): boolean {
    return this.counts.has(row);
  }
}

const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);

/** Column sums; null for a column if any row has null there. */
function columnTotals(rows: ReportTable["rows"], columnCount: number): (number | null)[] {
  return Array.from({ length: columnCount }, (_, i) => {
    let total = 0;
    for (const row of rows) {
      const cell = row.cells[i];
      if (cell === null || cell === undefined) return null;
      total += cell;
    }
    return total;
  });
}

/** A table whose last column is "total": the sum of the other columns in the row. */
function tableWithTotalColumn(
  id: string,
  rowDimensions: string[],
  countedColumns: string[],
  rowLabels: string[][],
  tally: Tally,
): ReportTable {
  const rows = rowLabels.map((labels) => {
    const counts = countedColumns.map((column) => tally.get(labels.join("|"), column));
    return { labels, cells: [...counts, sum(counts)] };
  });
  const columns = [...countedColumns, "total"];
  return { id, rowDimensions, columns, rows, totals: columnTotals(rows, columns.length) };
}

export function buildAnnualReport(input: {
  cases: ReportCase[];
  year: ReportYear;
  serviceAreas: string[];
  allUsers: AllUsersFigures;
}): ReportTable[] {
  const { year, allUsers } = input;
  const services = [...new Set(input.serviceAreas)].filter((key) => key !== NOT_RECORDED);
  const knownServices = new Set(services);
  const inYear = input.cases.filter((c) => c.receivedOn >= year.from && c.receivedOn <= year.to);
  const complaints = inYear.filter((c) => c.kind === "complaint");

  // A case filed under a service the council has since removed counts as not recorded, so the
  // table still adds up to the number of cases.
  const serviceOf = (c: ReportCase) => {
    const known = c.serviceArea !== null && knownServices.has(c.serviceArea);
    return `service:${known ? c.serviceArea : NOT_RECORDED}`;
  };
  const categoryOf = (c: ReportCase) => `category:${c.category ?? NOT_RECORDED}`;

  // Every service is shown, even with no cases, so councillors see where nothing came in.
  const serviceRows = (tally: Tally) => {
    const rows = services.map((key) => [`service:${key}`]);
    const notRecorded = `service:${NOT_RECORDED}`;
    return tally.has(notRecorded) ? [...rows, [notRecorded]] : rows;
  };

  const byType = new Tally();
  const contact = new Tally();
  for (const c of inYear) {
    byType.add(`kind:${c.kind}`, `procedure:${c.procedure ?? NOT_RECORDED}`);
    contact.add(`contact:${c.contactMethod}`, `madeBy:${c.madeBy}`);
  }

  const byMadeBy = new Tally();
  const byCategory = new Tally();
  const outcomes = new Tally();
  const stageTallies = new Map<Stage, Tally>([
    [1, new Tally()],
    [2, new Tally()],
  ]);
  for (const c of complaints) {
    const service = serviceOf(c);
    byMadeBy.add(service, `madeBy:${c.madeBy}`);
    byCategory.add(service, categoryOf(c));
    if (c.outcome !== null) outcomes.add(`${service}|${categoryOf(c)}`, `outcome:${c.outcome}`);
    for (const [stage, tally] of stageTallies) {
      // Look the stage up once, so a stage listed twice is still one complaint.
      const reached = c.stages.find((s) => s.stage === stage && s.responded);
      if (!reached) continue;
      tally.add(service, `${c.madeBy}-responded`);
      if (reached.withinTimescale === true) tally.add(service, `${c.madeBy}-in-time`);
    }
  }

  // Outcomes: only the pairs with a closed complaint, or the table would run to pages.
  const outcomeRows: string[][] = [];
  for (const service of [...services, NOT_RECORDED]) {
    for (const category of [...COMPLAINT_CATEGORIES, NOT_RECORDED]) {
      const labels = [`service:${service}`, `category:${category}`];
      if (outcomes.has(labels.join("|"))) outcomeRows.push(labels);
    }
  }

  const stageTable = (stage: Stage): ReportTable => {
    const tally = stageTallies.get(stage)!;
    const rows = serviceRows(tally).map((labels) => {
      const [child, childInTime, other, otherInTime] = STAGE_COLUMNS.slice(0, 4).map((column) =>
        tally.get(labels[0]!, column),
      ) as [number, number, number, number];
      return {
        labels,
        cells: [child, childInTime, other, otherInTime, child + other, childInTime + otherInTime],
      };
    });
    return {
      id: `stage-${stage}-responses`,
      rowDimensions: ["service"],
      columns: [...STAGE_COLUMNS],
      rows,
      totals: columnTotals(rows, STAGE_COLUMNS.length),
    };
  };

  const equalitiesTable = (
    dimension: "ethnicity" | "disability",
    values: readonly string[],
    valueOf: (c: ReportCase) => string,
  ): ReportTable => {
    const rows = values.map((value) => {
      const id = `${dimension}:${value}`;
      const figure = allUsers[id];
      // Only a real count is a figure; anything else is as good as not entered.
      const allUsersFigure =
        typeof figure === "number" && Number.isFinite(figure) && figure >= 0 ? figure : null;
      return {
        labels: [id],
        cells: [complaints.filter((c) => valueOf(c) === value).length, allUsersFigure],
      };
    });
    return {
      id: `equalities-${dimension}`,
      rowDimensions: [dimension],
      columns: ["complaints", "all-users"],
      rows,
      totals: columnTotals(rows, 2),
    };
  };

  const byChildren = complaints.filter((c) => c.madeBy === "child");
  const advocacyRows = [
    { labels: ["advocacy:complaints-by-children"], cells: [byChildren.length] },
    { labels: ["advocacy:offered"], cells: [byChildren.filter((c) => c.advocacyOffered).length] },
    { labels: ["advocacy:taken-up"], cells: [byChildren.filter((c) => c.advocacyTaken).length] },
  ];

  return [
    tableWithTotalColumn(
      "by-type",
      ["kind"],
      [...PROCEDURES, NOT_RECORDED].map((p) => `procedure:${p}`),
      REPRESENTATION_KINDS.map((kind) => [`kind:${kind}`]),
      byType,
    ),
    tableWithTotalColumn(
      "complaints-by-service-and-made-by",
      ["service"],
      MADE_BY.map((m) => `madeBy:${m}`),
      serviceRows(byMadeBy),
      byMadeBy,
    ),
    tableWithTotalColumn(
      "complaints-by-service-and-category",
      ["service"],
      [...COMPLAINT_CATEGORIES, NOT_RECORDED].map((category) => `category:${category}`),
      serviceRows(byCategory),
      byCategory,
    ),
    tableWithTotalColumn(
      "outcomes",
      ["service", "category"],
      OUTCOMES.map((o) => `outcome:${o}`),
      outcomeRows,
      outcomes,
    ),
    stageTable(1),
    stageTable(2),
    equalitiesTable("ethnicity", ETHNICITIES, (c) => c.ethnicity),
    equalitiesTable("disability", DISABILITIES, (c) => c.disability),
    tableWithTotalColumn(
      "contact-methods",
      ["contact"],
      MADE_BY.map((m) => `madeBy:${m}`),
      CONTACT_METHODS.map((method) => [`contact:${method}`]),
      contact,
    ),
    {
      id: "advocacy",
      rowDimensions: ["advocacy"],
      columns: ["children"],
      rows: advocacyRows,
      // Offered and taken up are among the children counted above: adding them up means nothing.
      totals: [null],
    },
  ];
}

const csvNumber = (n: number | null) => (n === null ? "" : String(n));

/**
 * The tables as a CSV file (RFC 4180) to open in a spreadsheet: for each table its title, a
 * heading line, its rows and its total row, with an empty line between tables.
 */
export function reportToCsv(tables: ReportTable[], label: (id: string) => string): string {
  const lines: string[] = [];
  tables.forEach((table, index) => {
    if (index > 0) lines.push("");
    lines.push(csvText(label(`table:${table.id}`)));
    const headings = [
      ...table.rowDimensions.map((dimension) => label(`dimension:${dimension}`)),
      ...table.columns.map(label),
    ];
    lines.push(headings.map(csvText).join(","));
    for (const row of table.rows) {
      lines.push(
        [...row.labels.map((id) => csvText(label(id))), ...row.cells.map(csvNumber)].join(","),
      );
    }
    const totalLabels = table.rowDimensions.map((_, i) => (i === 0 ? label("total-row") : ""));
    lines.push([...totalLabels.map(csvText), ...table.totals.map(csvNumber)].join(","));
  });
  return lines.map((line) => `${line}\r\n`).join("");
}
