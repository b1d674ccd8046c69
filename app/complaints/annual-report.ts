// The yearly report on comments, compliments and complaints that each service gives councillors.
// Pure: the caller loads the cases and the officer's figures; this only counts and lays out.
// Every value the officer has not recorded is counted in a "not recorded" row or column, so each
// table adds up the same way in every direction.

import {
  COMPLAINT_CATEGORIES,
  DISABILITIES,
  ETHNICITIES,
  MADE_BY,
  OUTCOMES,
  PROCEDURES,
  REPRESENTATION_KINDS,
  type Stage,
} from "#db/schema/constants";
import { csvText } from "#app/utils/csv";
import {
  NOT_RECORDED,
  Tally,
  allContactTable,
  columnTotals,
  complaintContactTable,
  inYear as within,
  lessonsTable,
  madeByOf,
  ombudsmanTable,
  satisfactionTable,
  stageTimelinessTable,
  tableWithTotalColumn,
  trendTable,
  type ReportCase,
  type ReportCell,
  type ReportTable,
  type ReportYear,
  type SatisfactionFigures,
  type TrendCase,
} from "./annual-report-tables";

export {
  NOT_RECORDED,
  reportYear,
  reportYearOf,
  type ReportCase,
  type ReportCell,
  type ReportTable,
  type ReportYear,
  type SatisfactionFigures,
  type TrendCase,
} from "./annual-report-tables";

/**
 * The figures for all of the council's service users, entered by the officer:
 * "ethnicity:white" → 1234, "disability:yes" → 56. Missing = unknown.
 */
export type AllUsersFigures = Partial<Record<string, number>>;

/** The order the tables appear in, on screen and in the CSV file. */
export const REPORT_TABLE_IDS = [
  "by-type",
  "five-year-trend",
  "compliments-by-service",
  "complaints-by-service-and-made-by",
  "complaints-by-service-and-category",
  "outcomes",
  "stage-1-responses",
  "stage-2-responses",
  "stage-3-responses",
  "stage-timeliness",
  "equalities-ethnicity",
  "equalities-disability",
  "contact-methods",
  "contact-methods-all",
  "advocacy",
  "satisfaction",
  "ombudsman",
  "lessons-learnt",
] as const;

/** Who made it, as the columns of the tables counted by it. */
const MADE_BY_COLUMNS = [...MADE_BY, NOT_RECORDED].map((m) => `madeBy:${m}`);

/** Stage tables: counted per who made it, then the two "total" columns. */
const STAGE_COLUMNS = [
  "child-responded",
  "child-in-time",
  "other-responded",
  "other-in-time",
  "not-recorded-responded",
  "not-recorded-in-time",
  "responded",
  "in-time",
] as const;

/**
 * A translation key for a label id. i18next reads ":" as "namespace" and "." as "go one level
 * down", so "kind:comment" becomes "labels.kind.comment".
 */
export function labelKey(id: string): string {
  return `labels.${id.split(":").join(".")}`;
}

export function buildAnnualReport(input: {
  /** The year's cases, and any others referred to the Ombudsman in it. */
  cases: ReportCase[];
  year: ReportYear;
  serviceAreas: string[];
  allUsers: AllUsersFigures;
  /** Every representation received in the year and the four before (default: `cases`). */
  trend?: TrendCase[];
  /** The satisfaction questionnaires of the year (default: none sent). */
  satisfaction?: SatisfactionFigures;
}): ReportTable[] {
  const { year, allUsers } = input;
  const services = [...new Set(input.serviceAreas)].filter((key) => key !== NOT_RECORDED);
  const knownServices = new Set(services);
  const inYear = input.cases.filter((c) => within(year, c.receivedOn));
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
  const compliments = new Tally();
  for (const c of inYear) {
    byType.add(`kind:${c.kind}`, `procedure:${c.procedure ?? NOT_RECORDED}`);
    if (c.kind === "compliment") compliments.add(serviceOf(c), madeByOf(c));
  }

  const byMadeBy = new Tally();
  const byCategory = new Tally();
  const outcomes = new Tally();
  const stageTallies = new Map<Stage, Tally>([
    [1, new Tally()],
    [2, new Tally()],
    [3, new Tally()],
  ]);
  for (const c of complaints) {
    const service = serviceOf(c);
    const who = c.madeBy ?? NOT_RECORDED;
    byMadeBy.add(service, madeByOf(c));
    byCategory.add(service, categoryOf(c));
    if (c.outcome !== null) outcomes.add(`${service}|${categoryOf(c)}`, `outcome:${c.outcome}`);
    for (const [stage, tally] of stageTallies) {
      // Look the stage up once, so a stage listed twice is still one complaint.
      const reached = c.stages.find((s) => s.stage === stage && s.responded);
      if (!reached) continue;
      tally.add(service, `${who}-responded`);
      if (reached.withinTimescale === true) tally.add(service, `${who}-in-time`);
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
      const counted = STAGE_COLUMNS.slice(0, 6).map((column) => tally.get(labels[0]!, column));
      const responded = counted[0]! + counted[2]! + counted[4]!;
      const inTime = counted[1]! + counted[3]! + counted[5]!;
      return { labels, cells: [...counted, responded, inTime] };
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

  // Referrals count in the year they were made, whenever the complaint came in.
  const referred = input.cases.filter(
    (c) => c.kind === "complaint" && c.ombudsman && within(year, c.ombudsmanOn ?? c.receivedOn),
  );

  const tables: ReportTable[] = [
    tableWithTotalColumn(
      "by-type",
      ["kind"],
      [...PROCEDURES, NOT_RECORDED].map((p) => `procedure:${p}`),
      REPRESENTATION_KINDS.map((kind) => [`kind:${kind}`]),
      byType,
    ),
    trendTable(input.trend ?? input.cases, year.startYear),
    tableWithTotalColumn(
      "compliments-by-service",
      ["service"],
      MADE_BY_COLUMNS,
      serviceRows(compliments),
      compliments,
    ),
    tableWithTotalColumn(
      "complaints-by-service-and-made-by",
      ["service"],
      MADE_BY_COLUMNS,
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
    stageTable(3),
    stageTimelinessTable(complaints),
    equalitiesTable("ethnicity", ETHNICITIES, (c) => c.ethnicity),
    equalitiesTable("disability", DISABILITIES, (c) => c.disability),
    complaintContactTable(complaints, MADE_BY_COLUMNS),
    allContactTable(inYear),
    {
      id: "advocacy",
      rowDimensions: ["advocacy"],
      columns: ["children"],
      rows: advocacyRows,
      // Offered and taken up are among the children counted above: adding them up means nothing.
      totals: [null],
    },
    satisfactionTable(input.satisfaction ?? { sent: 0, returned: 0, answers: [] }),
    ombudsmanTable(referred),
    lessonsTable(complaints, serviceOf),
  ];
  return tables;
}

const csvCell = (cell: ReportCell) =>
  cell === null ? "" : typeof cell === "number" ? String(cell) : csvText(cell);

/**
 * The tables as a CSV file (RFC 4180) to open in a spreadsheet: for each table its title, a
 * heading line, its rows and its total row (if it has one), with an empty line between tables.
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
        [...row.labels.map((id) => csvText(label(id))), ...row.cells.map(csvCell)].join(","),
      );
    }
    if (table.totals) {
      const totalLabels = table.rowDimensions.map((_, i) => (i === 0 ? label("total-row") : ""));
      lines.push([...totalLabels.map(csvText), ...table.totals.map(csvCell)].join(","));
    }
  });
  return lines.map((line) => `${line}\r\n`).join("");
}
