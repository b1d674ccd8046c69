// The pieces the annual report's tables are made of, and the tables added for the complete
// statutory report (docs/decisions/048-complete-statutory-tables.md): the five-year trend,
// timeliness at every stage by procedure, contact methods of every representation, the
// satisfaction questionnaires, Ombudsman referrals and lessons learnt. Pure, like the report.

import {
  CONTACT_METHODS,
  OMBUDSMAN_OUTCOMES,
  PROCEDURES,
  REPRESENTATION_KINDS,
  STAGES,
  type ComplaintCategory,
  type ContactMethod,
  type Disability,
  type Ethnicity,
  type MadeBy,
  type OmbudsmanOutcome,
  type Outcome,
  type Procedure,
  type RepresentationKind,
  type Stage,
} from "#db/schema/constants";
import type { IsoDate } from "#app/utils/dates";

/** One representation as the annual report sees it. null = not (yet) recorded by the officer. */
export type ReportCase = {
  /** The case's reference (lessons learnt list it). */
  reference?: string;
  receivedOn: IsoDate;
  kind: RepresentationKind;
  procedure: Procedure | null;
  category: ComplaintCategory | null;
  serviceArea: string | null; // a key from the council's list, e.g. "neighbourhood"
  madeBy: MadeBy | null;
  contactMethod: ContactMethod | null;
  outcome: Outcome | null; // set when a complaint is closed
  closedOn?: IsoDate | null;
  /** Each stage the complaint reached: whether it was answered, and if so whether in time. */
  stages: { stage: Stage; responded: boolean; withinTimescale: boolean | null }[];
  ombudsman: boolean;
  /** The day it went to the Ombudsman (null: not referred, or the day is not known). */
  ombudsmanOn?: IsoDate | null;
  ombudsmanOutcome?: OmbudsmanOutcome | null;
  /** What the council changed, for an upheld or partly upheld complaint. */
  lessonsLearnt?: string | null;
  ethnicity: Ethnicity; // of the child (service user), "not-stated" if unknown
  disability: Disability;
  advocacyOffered: boolean;
  advocacyTaken: boolean;
};

/** A representation as the five-year trend counts it. */
export type TrendCase = Pick<ReportCase, "receivedOn" | "kind">;

/**
 * The satisfaction questionnaires of the year: how many were sent and came back, and the
 * anonymous answers (each a submission's choices) that came back.
 */
export type SatisfactionFigures = {
  sent: number;
  returned: number;
  answers: { feltListened?: unknown; satisfied?: unknown }[];
};

/** A council's reporting year: 1 April startYear to 31 March the year after. */
export type ReportYear = { startYear: number; from: IsoDate; to: IsoDate };

/** A number counted, words written (lessons learnt), or null: not recorded / makes no sense. */
export type ReportCell = number | string | null;

export type ReportTable = {
  id: string;
  /** Row header column ids: one for most tables, two for outcomes (service, category). */
  rowDimensions: string[];
  columns: string[];
  /** labels are ids like "kind:comment", "service:neighbourhood", "category:finance". */
  rows: { labels: string[]; cells: ReportCell[] }[];
  /** The "Total" row; null where a total makes no sense (a list, such as lessons learnt). */
  totals: ReportCell[] | null;
};

export const NOT_RECORDED = "not-recorded";

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

export const inYear = (year: ReportYear, date: IsoDate | null | undefined) =>
  Boolean(date) && date! >= year.from && date! <= year.to;

/** Counts by row and column, for tables filled in one pass over the cases. */
export class Tally {
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

export const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);

/** Column sums; null for a column if any row has anything but a number there. */
export function columnTotals(rows: ReportTable["rows"], columnCount: number): ReportCell[] {
  return Array.from({ length: columnCount }, (_, i) => {
    let total = 0;
    for (const row of rows) {
      const cell = row.cells[i];
      if (typeof cell !== "number") return null;
      total += cell;
    }
    return total;
  });
}

/** A table whose last column is "total": the sum of the other columns in the row. */
export function tableWithTotalColumn(
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

/** Who made it, as a column id: "madeBy:child", "madeBy:other" or "madeBy:not-recorded". */
export const madeByOf = (c: Pick<ReportCase, "madeBy">) => `madeBy:${c.madeBy ?? NOT_RECORDED}`;
export const contactOf = (c: Pick<ReportCase, "contactMethod">) =>
  `contact:${c.contactMethod ?? NOT_RECORDED}`;

const CONTACT_ROWS = [...CONTACT_METHODS, NOT_RECORDED].map((method) => [`contact:${method}`]);

/** How complaints were made (what councils publish), by who made them. */
export function complaintContactTable(complaints: ReportCase[], madeByColumns: string[]) {
  const tally = new Tally();
  for (const c of complaints) tally.add(contactOf(c), madeByOf(c));
  return tableWithTotalColumn("contact-methods", ["contact"], madeByColumns, CONTACT_ROWS, tally);
}

/** How every representation was made, by type. */
export function allContactTable(cases: ReportCase[]) {
  const tally = new Tally();
  for (const c of cases) tally.add(contactOf(c), `kind:${c.kind}`);
  return tableWithTotalColumn(
    "contact-methods-all",
    ["contact"],
    REPRESENTATION_KINDS.map((kind) => `kind:${kind}`),
    CONTACT_ROWS,
    tally,
  );
}

/** The stage row's label: corporate Stage 3 has the council's own name for it. */
export const stageLabel = (procedure: string, stage: Stage) =>
  procedure === "corporate" && stage === 3 ? "stage:corporate-3" : `stage:${stage}`;

/**
 * Every stage under each procedure: how many complaints reached it, and of those how many were
 * answered in time, late, or not (yet) answered.
 */
export function stageTimelinessTable(complaints: ReportCase[]): ReportTable {
  const tally = new Tally();
  for (const c of complaints) {
    const procedure = `procedure:${c.procedure ?? NOT_RECORDED}`;
    for (const stage of STAGES) {
      // Looked up once, so a stage listed twice is still one complaint.
      const reached = c.stages.find((s) => s.stage === stage);
      if (!reached) continue;
      const column = !reached.responded
        ? "not-answered"
        : reached.withinTimescale === true
          ? "answered-in-time"
          : "answered-late";
      tally.add(`${procedure}|${stageLabel(c.procedure ?? NOT_RECORDED, stage)}`, column);
    }
  }
  const rowLabels = [...PROCEDURES, NOT_RECORDED].flatMap((procedure) =>
    STAGES.map((stage) => [`procedure:${procedure}`, stageLabel(procedure, stage)]),
  );
  return tableWithTotalColumn(
    "stage-timeliness",
    ["procedure", "stage"],
    ["answered-in-time", "answered-late", "not-answered"],
    rowLabels,
    tally,
  );
}

/** Representations received by type, in the chosen year and the four before it. */
export function trendTable(cases: TrendCase[], startYear: number): ReportTable {
  const years = Array.from({ length: 5 }, (_, i) => startYear - 4 + i);
  const tally = new Tally();
  for (const c of cases) tally.add(`kind:${c.kind}`, `year:${reportYearOf(c.receivedOn)}`);
  const columns = years.map((year) => `year:${year}`);
  const rows = REPRESENTATION_KINDS.map((kind) => ({
    labels: [`kind:${kind}`],
    cells: columns.map((column) => tally.get(`kind:${kind}`, column)),
  }));
  return {
    id: "five-year-trend",
    rowDimensions: ["kind"],
    columns,
    rows,
    totals: columnTotals(rows, columns.length),
  };
}

const FELT_LISTENED = ["yes", "no", "not-sure"] as const;
const SATISFIED = ["yes", "partly", "no"] as const;

/** Questionnaires sent and returned, and what the returned ones said. */
export function satisfactionTable(figures: SatisfactionFigures): ReportTable {
  const answerOf = (value: unknown, allowed: readonly string[]) =>
    typeof value === "string" && allowed.includes(value) ? value : NOT_RECORDED;
  const count = (question: "feltListened" | "satisfied", allowed: readonly string[]) =>
    [...allowed, NOT_RECORDED].map((value) => ({
      labels: [`${question}:${value}`],
      cells: [figures.answers.filter((a) => answerOf(a[question], allowed) === value).length],
    }));
  return {
    id: "satisfaction",
    rowDimensions: ["satisfaction"],
    columns: ["questionnaires"],
    rows: [
      { labels: ["satisfaction:sent"], cells: [figures.sent] },
      { labels: ["satisfaction:returned"], cells: [figures.returned] },
      ...count("feltListened", FELT_LISTENED),
      ...count("satisfied", SATISFIED),
    ],
    // Sent, returned and the answers count the same questionnaires: adding them means nothing.
    totals: [null],
  };
}

/** Complaints referred to the Ombudsman in the year, by what the Ombudsman decided. */
export function ombudsmanTable(referred: ReportCase[]): ReportTable {
  const tally = new Tally();
  for (const c of referred) {
    tally.add(
      `ombudsmanOutcome:${c.ombudsmanOutcome ?? "awaiting"}`,
      `procedure:${c.procedure ?? NOT_RECORDED}`,
    );
  }
  return tableWithTotalColumn(
    "ombudsman",
    ["ombudsmanOutcome"],
    [...PROCEDURES, NOT_RECORDED].map((p) => `procedure:${p}`),
    [...OMBUDSMAN_OUTCOMES, "awaiting"].map((outcome) => [`ombudsmanOutcome:${outcome}`]),
    tally,
  );
}

const compare = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);

/** Every upheld or partly upheld complaint and what the council changed (null: not recorded). */
export function lessonsTable(
  complaints: ReportCase[],
  serviceOf: (c: ReportCase) => string,
): ReportTable {
  const rows = complaints
    .filter((c) => c.outcome === "upheld" || c.outcome === "partly-upheld")
    .sort((a, b) => compare(a.receivedOn, b.receivedOn) || compare(a.reference, b.reference))
    .map((c) => ({
      labels: [`reference:${c.reference ?? ""}`, serviceOf(c), `outcome:${c.outcome}`],
      cells: [c.lessonsLearnt?.trim() ? c.lessonsLearnt.trim() : null],
    }));
  return {
    id: "lessons-learnt",
    rowDimensions: ["reference", "service", "outcome"],
    columns: ["lessons-learnt"],
    rows,
    totals: null,
  };
}
