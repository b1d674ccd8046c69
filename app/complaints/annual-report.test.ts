import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportTables } from "#app/components/report-tables";
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
  STAGES,
  type Stage,
} from "#db/schema/constants";
import englishWords from "#locales/en/report.json";
import {
  buildAnnualReport,
  labelKey,
  reportToCsv,
  reportYear,
  reportYearOf,
  REPORT_TABLE_IDS,
  type AllUsersFigures,
  type ReportCase,
  type ReportTable,
} from "./annual-report";
import { parseCsv } from "./import-csv";
import { seededRandom } from "#test/support/seeded-random";

const SERVICES = ["neighbourhood", "specialist", "youth-offending", "strategic", "commissioned"];

function aCase(overrides: Partial<ReportCase> = {}): ReportCase {
  return {
    receivedOn: "2025-06-10",
    kind: "complaint",
    procedure: "statutory",
    category: "communication",
    serviceArea: "neighbourhood",
    madeBy: "child",
    contactMethod: "letter",
    outcome: null,
    stages: [],
    ombudsman: false,
    ethnicity: "not-stated",
    disability: "not-stated",
    advocacyOffered: false,
    advocacyTaken: false,
    ...overrides,
  };
}

const tableById = (tables: ReportTable[], id: string) => {
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table;
};

/** A table as { "row label|row label": { column: cell } }, easy to compare by hand. */
function asRecord(table: ReportTable) {
  return Object.fromEntries(
    table.rows.map((row) => [
      row.labels.join("|"),
      Object.fromEntries(table.columns.map((column, i) => [column, row.cells[i]])),
    ]),
  );
}

describe("report years run from 1 April to 31 March", () => {
  it.each([
    { date: "2026-03-31", year: 2025 },
    { date: "2026-04-01", year: 2026 },
    { date: "2026-01-01", year: 2025 },
    { date: "2025-12-31", year: 2025 },
    { date: "2025-04-01", year: 2025 },
    { date: "2025-03-31", year: 2024 },
  ])("$date is in the year starting April $year", ({ date, year }) => {
    expect(reportYearOf(date)).toBe(year);
  });

  it("gives the first and last day of a year", () => {
    expect(reportYear(2025)).toEqual({ startYear: 2025, from: "2025-04-01", to: "2026-03-31" });
  });
});

describe("labelKey", () => {
  it("turns ids into nested translation keys", () => {
    expect(labelKey("kind:comment")).toBe("labels.kind.comment");
    expect(labelKey("table:by-type")).toBe("labels.table.by-type");
    expect(labelKey("total-row")).toBe("labels.total-row");
  });
});

describe("a small report worked out by hand", () => {
  const year = reportYear(2025);
  const cases: ReportCase[] = [
    // Outside the year on both sides: never counted.
    aCase({ receivedOn: "2025-03-31" }),
    aCase({ receivedOn: "2026-04-01" }),
    // 1: a child's complaint, answered in time at stage 1, late at stage 2, upheld.
    aCase({
      receivedOn: "2025-04-01",
      madeBy: "child",
      contactMethod: "text",
      ethnicity: "white",
      disability: "yes",
      advocacyOffered: true,
      advocacyTaken: true,
      outcome: "upheld",
      stages: [
        { stage: 1, responded: true, withinTimescale: true },
        { stage: 2, responded: true, withinTimescale: false },
      ],
    }),
    // 2: a parent's complaint about a team that no longer exists; stage 1 not answered.
    aCase({
      receivedOn: "2026-03-31",
      serviceArea: "old-team",
      madeBy: "other",
      contactMethod: "telephone",
      procedure: null,
      category: null,
      outcome: "withdrawn",
      stages: [{ stage: 1, responded: false, withinTimescale: null }],
    }),
    // 3: a child's complaint, stage 1 listed twice by mistake: still one complaint.
    aCase({
      serviceArea: "specialist",
      category: "finance",
      procedure: "corporate",
      ethnicity: "asian",
      advocacyOffered: true,
      stages: [
        { stage: 1, responded: true, withinTimescale: true },
        { stage: 1, responded: true, withinTimescale: true },
      ],
    }),
    // 4 and 5: a comment with no service recorded, and a compliment.
    aCase({ kind: "comment", serviceArea: null, procedure: null, madeBy: "other" }),
    aCase({ kind: "compliment", procedure: "corporate", contactMethod: "email" }),
  ];
  const allUsers: AllUsersFigures = {
    "ethnicity:white": 500,
    "ethnicity:mixed": 40,
    "ethnicity:asian": 60,
    "ethnicity:black": 30,
    "ethnicity:other": 10,
    "ethnicity:not-stated": 5,
    "disability:yes": 70,
    "disability:no": 400,
    // disability:not-stated not known
  };
  const tables = buildAnnualReport({
    cases,
    year,
    serviceAreas: ["neighbourhood", "specialist", "strategic"],
    allUsers,
  });

  it("has the tables in order, the first ten as they always were", () => {
    expect(tables.map((t) => t.id)).toEqual([...REPORT_TABLE_IDS]);
    expect(tables.map((t) => t.id)).toEqual(
      expect.arrayContaining([
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
      ]),
    );
  });

  it("counts representations by type and procedure", () => {
    const table = tableById(tables, "by-type");
    expect(table.rowDimensions).toEqual(["kind"]);
    expect(asRecord(table)).toEqual({
      "kind:comment": {
        "procedure:statutory": 0,
        "procedure:corporate": 0,
        "procedure:not-recorded": 1,
        total: 1,
      },
      "kind:compliment": {
        "procedure:statutory": 0,
        "procedure:corporate": 1,
        "procedure:not-recorded": 0,
        total: 1,
      },
      "kind:complaint": {
        "procedure:statutory": 1,
        "procedure:corporate": 1,
        "procedure:not-recorded": 1,
        total: 3,
      },
    });
    expect(table.totals).toEqual([1, 2, 2, 5]);
  });

  it("shows every service, even with no complaints, and a not-recorded row", () => {
    const table = tableById(tables, "complaints-by-service-and-made-by");
    expect(table.columns).toEqual(["madeBy:child", "madeBy:other", "madeBy:not-recorded", "total"]);
    expect(table.rows).toEqual([
      { labels: ["service:neighbourhood"], cells: [1, 0, 0, 1] },
      { labels: ["service:specialist"], cells: [1, 0, 0, 1] },
      { labels: ["service:strategic"], cells: [0, 0, 0, 0] },
      { labels: ["service:not-recorded"], cells: [0, 1, 0, 1] },
    ]);
    expect(table.totals).toEqual([2, 1, 0, 3]);
  });

  it("counts complaints by category, with a not-recorded column", () => {
    const table = tableById(tables, "complaints-by-service-and-category");
    const byService = asRecord(table);
    expect(byService["service:neighbourhood"]!["category:communication"]).toBe(1);
    expect(byService["service:specialist"]!["category:finance"]).toBe(1);
    expect(byService["service:not-recorded"]!["category:not-recorded"]).toBe(1);
    expect(table.totals!.at(-1)).toBe(3);
  });

  it("shows outcomes only for pairs with a closed complaint", () => {
    const table = tableById(tables, "outcomes");
    expect(table.rowDimensions).toEqual(["service", "category"]);
    expect(table.columns).toEqual([...OUTCOMES.map((o) => `outcome:${o}`), "total"]);
    expect(table.rows).toEqual([
      { labels: ["service:neighbourhood", "category:communication"], cells: [1, 0, 0, 0, 1] },
      { labels: ["service:not-recorded", "category:not-recorded"], cells: [0, 0, 0, 1, 1] },
    ]);
    expect(table.totals).toEqual([1, 0, 0, 1, 2]);
  });

  it("counts stage answers and answers in time", () => {
    const stage1 = tableById(tables, "stage-1-responses");
    expect(stage1.columns).toEqual([
      "child-responded",
      "child-in-time",
      "other-responded",
      "other-in-time",
      "not-recorded-responded",
      "not-recorded-in-time",
      "responded",
      "in-time",
    ]);
    // The unanswered stage 1 of complaint 2 is not counted, so no not-recorded row.
    expect(stage1.rows).toEqual([
      { labels: ["service:neighbourhood"], cells: [1, 1, 0, 0, 0, 0, 1, 1] },
      { labels: ["service:specialist"], cells: [1, 1, 0, 0, 0, 0, 1, 1] },
      { labels: ["service:strategic"], cells: [0, 0, 0, 0, 0, 0, 0, 0] },
    ]);
    expect(stage1.totals).toEqual([2, 2, 0, 0, 0, 0, 2, 2]);
    const stage2 = tableById(tables, "stage-2-responses");
    expect(stage2.rows[0]).toEqual({
      labels: ["service:neighbourhood"],
      cells: [1, 0, 0, 0, 0, 0, 1, 0],
    });
    expect(stage2.totals).toEqual([1, 0, 0, 0, 0, 0, 1, 0]);
  });

  it("counts every stage's timeliness under each procedure, corporate Stage 3 by its own name", () => {
    const table = tableById(tables, "stage-timeliness");
    expect(table.rowDimensions).toEqual(["procedure", "stage"]);
    expect(table.rows.map((r) => r.labels[1])).toEqual([
      "stage:1",
      "stage:2",
      "stage:3",
      "stage:1",
      "stage:2",
      "stage:corporate-3",
      "stage:1",
      "stage:2",
      "stage:3",
    ]);
    expect(asRecord(table)).toMatchObject({
      // Complaint 1: Stage 1 in time, Stage 2 late.
      "procedure:statutory|stage:1": { "answered-in-time": 1, "answered-late": 0, total: 1 },
      "procedure:statutory|stage:2": { "answered-in-time": 0, "answered-late": 1, total: 1 },
      // Complaint 3: Stage 1 listed twice, counted once.
      "procedure:corporate|stage:1": { "answered-in-time": 1, total: 1 },
      // Complaint 2: no procedure, Stage 1 not answered.
      "procedure:not-recorded|stage:1": { "not-answered": 1, total: 1 },
    });
    expect(table.totals).toEqual([2, 1, 1, 4]);
  });

  it("compares the children complained about with all service users", () => {
    const ethnicity = tableById(tables, "equalities-ethnicity");
    expect(asRecord(ethnicity)["ethnicity:white"]).toEqual({ complaints: 1, "all-users": 500 });
    expect(asRecord(ethnicity)["ethnicity:not-stated"]).toEqual({ complaints: 1, "all-users": 5 });
    expect(ethnicity.totals).toEqual([3, 645]);
    const disability = tableById(tables, "equalities-disability");
    expect(disability.rows).toEqual([
      { labels: ["disability:yes"], cells: [1, 70] },
      { labels: ["disability:no"], cells: [0, 400] },
      { labels: ["disability:not-stated"], cells: [2, null] },
    ]);
    // One figure unknown: the total of all users would be wrong, so there is none.
    expect(disability.totals).toEqual([3, null]);
  });

  it("counts contact methods of complaints, as councils publish them", () => {
    const table = tableById(tables, "contact-methods");
    expect(asRecord(table)).toMatchObject({
      "contact:letter": { "madeBy:child": 1, "madeBy:other": 0, total: 1 },
      "contact:text": { "madeBy:child": 1, "madeBy:other": 0, total: 1 },
      "contact:telephone": { "madeBy:child": 0, "madeBy:other": 1, total: 1 },
      "contact:email": { "madeBy:child": 0, "madeBy:other": 0, total: 0 },
      "contact:not-recorded": { total: 0 },
    });
    expect(table.totals).toEqual([2, 1, 0, 3]);
  });

  it("counts contact methods of every representation, by type", () => {
    const table = tableById(tables, "contact-methods-all");
    expect(asRecord(table)).toMatchObject({
      "contact:letter": { "kind:comment": 1, "kind:compliment": 0, "kind:complaint": 1 },
      "contact:email": { "kind:comment": 0, "kind:compliment": 1, "kind:complaint": 0 },
      "contact:text": { "kind:complaint": 1 },
      "contact:telephone": { "kind:complaint": 1 },
    });
    expect(table.totals).toEqual([1, 1, 3, 5]);
  });

  it("lists what was changed after the upheld complaint, not recorded where nothing was", () => {
    const table = tableById(tables, "lessons-learnt");
    expect(table.rows).toEqual([
      { labels: ["reference:", "service:neighbourhood", "outcome:upheld"], cells: [null] },
    ]);
    expect(table.totals).toBeNull();
  });

  it("counts advocacy among children who complained, with no totals", () => {
    const table = tableById(tables, "advocacy");
    expect(table.rows).toEqual([
      { labels: ["advocacy:complaints-by-children"], cells: [2] },
      { labels: ["advocacy:offered"], cells: [2] },
      { labels: ["advocacy:taken-up"], cells: [1] },
    ]);
    expect(table.totals).toEqual([null]);
  });

  it("gives tables of zeros for a year with no cases", () => {
    const empty = buildAnnualReport({ cases: [], year, serviceAreas: ["a"], allUsers: {} });
    expect(tableById(empty, "by-type").totals).toEqual([0, 0, 0, 0]);
    expect(tableById(empty, "outcomes").rows).toEqual([]);
    expect(tableById(empty, "outcomes").totals).toEqual([0, 0, 0, 0, 0]);
    expect(tableById(empty, "complaints-by-service-and-made-by").rows).toEqual([
      { labels: ["service:a"], cells: [0, 0, 0, 0] },
    ]);
    expect(tableById(empty, "five-year-trend").totals).toEqual([0, 0, 0, 0, 0]);
    expect(tableById(empty, "satisfaction").rows[0]).toEqual({
      labels: ["satisfaction:sent"],
      cells: [0],
    });
    expect(tableById(empty, "lessons-learnt").rows).toEqual([]);
    expect(tableById(empty, "equalities-ethnicity").totals).toEqual([0, null]);
  });
});

// ---------------------------------------------------------------------------------------------
// Many made-up cases, and every cell worked out again in a plain, slow way.

const BOUNDARY_DATES = [
  "2024-03-31",
  "2024-04-01",
  "2025-03-31",
  "2025-04-01",
  "2026-03-31",
  "2026-04-01",
];
// "commissioned" is never used, so its rows are all zeros; "old-team" is not in the list.
const GENERATED_SERVICES = ["neighbourhood", "specialist", "youth-offending", "strategic"];

function makeCases(count: number, seed: number): ReportCase[] {
  const random = seededRandom(seed).next;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const maybe = <T>(chance: number, value: T): T | null => (random() < chance ? value : null);
  const firstDay = Date.UTC(2024, 2, 1);
  const lastDay = Date.UTC(2026, 4, 31);

  return Array.from({ length: count }, () => {
    const receivedOn =
      random() < 0.1
        ? pick(BOUNDARY_DATES)
        : new Date(firstDay + Math.floor(random() * ((lastDay - firstDay) / 864e5 + 1)) * 864e5)
            .toISOString()
            .slice(0, 10);
    const kind = random() < 0.6 ? "complaint" : pick(REPRESENTATION_KINDS);
    const stages: ReportCase["stages"] = [];
    if (kind === "complaint") {
      const reached = Math.floor(random() * 4);
      for (let stage = 1; stage <= reached; stage++) {
        const responded = random() < 0.8;
        stages.push({
          stage: stage as Stage,
          responded,
          // Sometimes answered with no record of whether it was in time.
          withinTimescale: responded ? (random() < 0.1 ? null : random() < 0.6) : null,
        });
      }
    }
    const advocacyOffered = random() < 0.4;
    const outcome = kind === "complaint" ? maybe(0.6, pick(OUTCOMES)) : null;
    const ombudsman = kind === "complaint" && random() < 0.15;
    return {
      reference: `R-${Math.floor(random() * 1e9)}`,
      receivedOn,
      kind,
      procedure: maybe(0.85, pick(PROCEDURES)),
      category: maybe(0.85, pick(COMPLAINT_CATEGORIES)),
      serviceArea:
        random() < 0.1 ? pick([null, "old-team", "Neighbourhood"]) : pick(GENERATED_SERVICES),
      madeBy: maybe(0.85, pick(MADE_BY)),
      contactMethod: maybe(0.85, pick(CONTACT_METHODS)),
      outcome,
      stages,
      ombudsman,
      // Sometimes referred a year or more after it came in.
      ombudsmanOn: ombudsman ? pick([receivedOn, "2025-04-01", "2026-03-31", "2026-04-01"]) : null,
      ombudsmanOutcome: ombudsman ? maybe(0.7, pick(OMBUDSMAN_OUTCOMES)) : null,
      lessonsLearnt:
        outcome === "upheld" || outcome === "partly-upheld"
          ? maybe(0.7, `Changed, "so-called", step ${Math.floor(random() * 100)}`)
          : null,
      ethnicity: pick(ETHNICITIES),
      disability: pick(DISABILITIES),
      advocacyOffered,
      advocacyTaken: advocacyOffered && random() < 0.4,
    } satisfies ReportCase;
  });
}

const CASES = makeCases(400, 20250401);

/** Which cases a table is about, before rows and columns. */
function populationOf(tableId: string, cases: ReportCase[]): ReportCase[] {
  const complaints = cases.filter((c) => c.kind === "complaint");
  if (tableId === "by-type" || tableId === "contact-methods-all") return cases;
  if (tableId === "compliments-by-service") return cases.filter((c) => c.kind === "compliment");
  if (tableId === "outcomes") return complaints.filter((c) => c.outcome !== null);
  const stage = /^stage-(\d)-responses$/.exec(tableId);
  if (stage) {
    return complaints.filter((c) =>
      c.stages.some((s) => s.stage === Number(stage[1]) && s.responded),
    );
  }
  return complaints;
}

/** Does a case belong under a row label or column id? */
function matches(c: ReportCase, id: string, tableId: string, serviceAreas: string[]): boolean {
  const [dimension, value] = id.split(":");
  const stageNumber = Number(/^stage-(\d)/.exec(tableId)?.[1]);
  const stage = c.stages.find((s) => s.stage === stageNumber && s.responded);
  switch (dimension) {
    case "kind":
      return c.kind === value;
    case "procedure":
      return value === "not-recorded" ? c.procedure === null : c.procedure === value;
    case "category":
      return value === "not-recorded" ? c.category === null : c.category === value;
    case "service":
      return value === "not-recorded"
        ? !serviceAreas.includes(c.serviceArea ?? "")
        : c.serviceArea === value;
    case "outcome":
      return c.outcome === value;
    case "madeBy":
      return value === "not-recorded" ? c.madeBy === null : c.madeBy === value;
    case "contact":
      return value === "not-recorded" ? c.contactMethod === null : c.contactMethod === value;
    case "ethnicity":
      return c.ethnicity === value;
    case "disability":
      return c.disability === value;
    case "advocacy":
      if (value === "complaints-by-children") return c.madeBy === "child";
      if (value === "offered") return c.madeBy === "child" && c.advocacyOffered;
      return c.madeBy === "child" && c.advocacyTaken;
    case "child-responded":
      return c.madeBy === "child";
    case "other-responded":
      return c.madeBy === "other";
    case "not-recorded-responded":
      return c.madeBy === null;
    case "not-recorded-in-time":
      return c.madeBy === null && stage?.withinTimescale === true;
    case "child-in-time":
      return c.madeBy === "child" && stage?.withinTimescale === true;
    case "other-in-time":
      return c.madeBy === "other" && stage?.withinTimescale === true;
    case "in-time":
      return stage?.withinTimescale === true;
    case "responded":
    case "total":
    case "complaints":
    case "children":
      return true;
    default:
      throw new Error(`the test does not know ${id}`);
  }
}

function expectedRowLabels(tableId: string, population: ReportCase[], serviceAreas: string[]) {
  const nonEmpty = (labels: string[]) =>
    population.some((c) => labels.every((id) => matches(c, id, tableId, serviceAreas)));
  const services = [...serviceAreas, "not-recorded"].map((s) => `service:${s}`);
  const everything = (name: string, values: readonly string[]) =>
    values.map((value) => [`${name}:${value}`]);
  switch (tableId) {
    case "by-type":
      return everything("kind", REPRESENTATION_KINDS);
    case "contact-methods":
    case "contact-methods-all":
      return everything("contact", [...CONTACT_METHODS, "not-recorded"]);
    case "equalities-ethnicity":
      return everything("ethnicity", ETHNICITIES);
    case "equalities-disability":
      return everything("disability", DISABILITIES);
    case "advocacy":
      return everything("advocacy", ["complaints-by-children", "offered", "taken-up"]);
    case "outcomes":
      return services
        .flatMap((service) =>
          [...COMPLAINT_CATEGORIES, "not-recorded"].map((cat) => [service, `category:${cat}`]),
        )
        .filter(nonEmpty);
    default:
      return services
        .map((s) => [s])
        .filter((labels, i) => i < serviceAreas.length || nonEmpty(labels));
  }
}

/** Tables whose rows are not the cases received in the year by a label: checked one by one. */
const COUNTED_OTHERWISE = [
  "five-year-trend",
  "stage-timeliness",
  "satisfaction",
  "ombudsman",
  "lessons-learnt",
];

const ALL_USERS: AllUsersFigures = {
  "ethnicity:white": 1234,
  "ethnicity:mixed": 120,
  "ethnicity:asian": 210,
  "ethnicity:black": 98,
  "ethnicity:other": 31,
  "ethnicity:not-stated": 17,
  "disability:yes": 56,
  "disability:no": 1400,
};

describe.each([2024, 2025])("generated cases, report year %i", (startYear) => {
  const year = reportYear(startYear);
  const tables = buildAnnualReport({
    cases: CASES,
    year,
    serviceAreas: SERVICES,
    allUsers: ALL_USERS,
  });
  const inYear = CASES.filter((c) => reportYearOf(c.receivedOn) === startYear);

  it("the made-up cases cover the awkward corners", () => {
    expect(inYear.length).toBeGreaterThan(100);
    expect(CASES.length - inYear.length).toBeGreaterThan(100);
    for (const date of [year.from, year.to]) {
      expect(inYear.some((c) => c.receivedOn === date)).toBe(true);
    }
    expect(inYear.some((c) => c.serviceArea === null)).toBe(true);
    expect(inYear.some((c) => c.serviceArea === "old-team")).toBe(true);
    expect(inYear.some((c) => c.procedure === null && c.kind === "complaint")).toBe(true);
    expect(inYear.some((c) => c.category === null && c.outcome !== null)).toBe(true);
    expect(
      inYear.some((c) => c.stages.some((s) => s.responded && s.withinTimescale === null)),
    ).toBe(true);
    expect(inYear.some((c) => c.madeBy === null && c.kind === "complaint")).toBe(true);
    expect(inYear.some((c) => c.contactMethod === null && c.kind === "complaint")).toBe(true);
    expect(inYear.some((c) => c.lessonsLearnt && c.outcome === "upheld")).toBe(true);
  });

  it("the tables counted otherwise match counts made case by case", () => {
    // Trend: each of the five years by type, from every case given.
    const trend = tableById(tables, "five-year-trend");
    const years = [4, 3, 2, 1, 0].map((back) => startYear - back);
    expect(trend.columns).toEqual(years.map((y) => `year:${y}`));
    for (const row of trend.rows) {
      years.forEach((y, i) => {
        expect(row.cells[i], `${row.labels[0]} ${y}`).toBe(
          CASES.filter(
            (c) =>
              `kind:${c.kind}` === row.labels[0] &&
              c.receivedOn >= `${y}-04-01` &&
              c.receivedOn <= `${y + 1}-03-31`,
          ).length,
        );
      });
    }
    // Timeliness: complaints received in the year, each stage reached once.
    const timeliness = tableById(tables, "stage-timeliness");
    const complaints = inYear.filter((c) => c.kind === "complaint");
    for (const procedure of [...PROCEDURES, "not-recorded"]) {
      for (const stage of STAGES) {
        const row = timeliness.rows.find(
          (r) =>
            r.labels[0] === `procedure:${procedure}` &&
            r.labels[1] ===
              (procedure === "corporate" && stage === 3 ? "stage:corporate-3" : `stage:${stage}`),
        )!;
        const reached = complaints
          .filter((c) => (c.procedure ?? "not-recorded") === procedure)
          .map((c) => c.stages.find((s) => s.stage === stage))
          .filter((s) => s !== undefined);
        expect(row.cells, `${procedure} ${stage}`).toEqual([
          reached.filter((s) => s.responded && s.withinTimescale === true).length,
          reached.filter((s) => s.responded && s.withinTimescale !== true).length,
          reached.filter((s) => !s.responded).length,
          reached.length,
        ]);
      }
    }
    // Ombudsman: referred in the year, whenever received.
    const ombudsman = tableById(tables, "ombudsman");
    const referred = CASES.filter(
      (c) => c.ombudsman && c.ombudsmanOn! >= year.from && c.ombudsmanOn! <= year.to,
    );
    expect(referred.length).toBeGreaterThan(1);
    if (startYear === 2025) {
      expect(referred.some((c) => reportYearOf(c.receivedOn) !== startYear)).toBe(true);
    }
    for (const outcome of [...OMBUDSMAN_OUTCOMES, "awaiting"]) {
      const row = ombudsman.rows.find((r) => r.labels[0] === `ombudsmanOutcome:${outcome}`)!;
      const mine = referred.filter((c) => (c.ombudsmanOutcome ?? "awaiting") === outcome);
      expect(row.cells).toEqual([
        ...[...PROCEDURES, "not-recorded"].map(
          (p) => mine.filter((c) => (c.procedure ?? "not-recorded") === p).length,
        ),
        mine.length,
      ]);
    }
    // Lessons: every upheld or partly upheld complaint received in the year, by date.
    const lessons = tableById(tables, "lessons-learnt");
    const upheld = complaints.filter(
      (c) => c.outcome === "upheld" || c.outcome === "partly-upheld",
    );
    expect(lessons.rows.length).toBe(upheld.length);
    expect(lessons.rows.map((r) => r.cells[0]).sort()).toEqual(
      upheld.map((c) => c.lessonsLearnt ?? null).sort(),
    );
    expect(lessons.rows.map((r) => r.labels[0]).sort()).toEqual(
      upheld.map((c) => `reference:${c.reference}`).sort(),
    );
  });

  it("every cell of every table matches a count made case by case", () => {
    for (const table of tables.filter((t) => !COUNTED_OTHERWISE.includes(t.id))) {
      const population = populationOf(table.id, inYear);
      expect(
        table.rows.map((r) => r.labels),
        table.id,
      ).toEqual(expectedRowLabels(table.id, population, SERVICES));
      for (const row of table.rows) {
        table.columns.forEach((column, i) => {
          const expected =
            column === "all-users"
              ? (ALL_USERS[row.labels[0]!] ?? null)
              : population.filter((c) =>
                  [...row.labels, column].every((id) => matches(c, id, table.id, SERVICES)),
                ).length;
          expect(row.cells[i], `${table.id} ${row.labels.join(" ")} ${column}`).toBe(expected);
        });
      }
    }
  });

  it("rows add up to their total, and the total row is the column sums", () => {
    for (const table of tables) {
      if (!table.totals) continue;
      for (const row of table.rows) {
        expect(row.cells.length).toBe(table.columns.length);
        expect(row.labels.length).toBe(table.rowDimensions.length);
        const cell = (column: string) => row.cells[table.columns.indexOf(column)]!;
        if (table.columns.includes("total")) {
          const others = row.cells.slice(0, -1).reduce<number>((a, b) => a + Number(b), 0);
          expect(cell("total"), table.id).toBe(others);
        }
        if (table.columns.includes("responded")) {
          const plus = (...columns: string[]) => columns.reduce((a, c) => a + Number(cell(c)), 0);
          expect(cell("responded")).toBe(
            plus("child-responded", "other-responded", "not-recorded-responded"),
          );
          expect(cell("in-time")).toBe(
            plus("child-in-time", "other-in-time", "not-recorded-in-time"),
          );
        }
      }
      if (table.id === "advocacy" || table.id === "satisfaction") {
        expect(table.totals).toEqual([null]);
        continue;
      }
      table.columns.forEach((column, i) => {
        const cells = table.rows.map((r) => r.cells[i] ?? null);
        const expected = cells.includes(null)
          ? null
          : cells.reduce<number>((a, b) => a + Number(b), 0);
        expect(table.totals![i], `${table.id} total ${column}`).toBe(expected);
      });
    }
  });

  it("counts each case in the year exactly once in the tables about all of them", () => {
    const complaints = inYear.filter((c) => c.kind === "complaint").length;
    const grandTotal = (id: string) => tableById(tables, id).totals!.at(-1);
    expect(grandTotal("by-type")).toBe(inYear.length);
    expect(grandTotal("contact-methods-all")).toBe(inYear.length);
    expect(grandTotal("contact-methods")).toBe(complaints);
    expect(grandTotal("stage-timeliness")).toBe(
      inYear
        .filter((c) => c.kind === "complaint")
        .reduce((n, c) => n + new Set(c.stages.map((s) => s.stage)).size, 0),
    );
    expect(tableById(tables, "five-year-trend").totals!.at(-1)).toBe(inYear.length);
    expect(grandTotal("complaints-by-service-and-made-by")).toBe(complaints);
    expect(grandTotal("complaints-by-service-and-category")).toBe(complaints);
    expect(tableById(tables, "equalities-ethnicity").totals![0]).toBe(complaints);
    expect(tableById(tables, "equalities-disability").totals).toEqual([complaints, null]);
  });

  it("keeps service rows in the council's order, with a row for a service with no cases", () => {
    const labels = tableById(tables, "complaints-by-service-and-made-by").rows.map(
      (r) => r.labels[0],
    );
    expect(labels).toEqual([...SERVICES.map((s) => `service:${s}`), "service:not-recorded"]);
    const commissioned = tableById(tables, "complaints-by-service-and-category").rows[4]!;
    expect(commissioned.cells.every((cell) => cell === 0)).toBe(true);
  });

  it("the CSV file holds exactly the same labels and numbers", () => {
    // Labels with commas, quotes, line breaks and a formula-like start, to test the escaping.
    const label = (id: string) => (id === "total-row" ? "=Total" : `${id}, "so-called"\nnext`);
    const shown = (id: string) => (id === "total-row" ? "'=Total" : label(id));
    const csv = reportToCsv(tables, label);
    const lines = parseCsv(csv);
    let at = 0;
    const next = () => lines[at++];
    tables.forEach((table, index) => {
      if (index > 0) expect(next()).toEqual([""]);
      expect(next()).toEqual([shown(`table:${table.id}`)]);
      expect(next()).toEqual([
        ...table.rowDimensions.map((d) => shown(`dimension:${d}`)),
        ...table.columns.map(shown),
      ]);
      // Words stay words (lessons learnt); figures are read back as numbers.
      const asNumbers = (fields: string[]) =>
        fields
          .slice(table.rowDimensions.length)
          .map((f) => (f === "" ? null : /^\d+$/.test(f) ? Number(f) : f));
      for (const row of table.rows) {
        const fields = next()!;
        expect(fields.slice(0, table.rowDimensions.length)).toEqual(row.labels.map(shown));
        expect(asNumbers(fields)).toEqual(row.cells);
      }
      if (!table.totals) return;
      const totals = next()!;
      expect(totals.slice(0, table.rowDimensions.length)).toEqual([
        "'=Total",
        ...table.rowDimensions.slice(1).map(() => ""),
      ]);
      expect(asNumbers(totals)).toEqual(table.totals);
    });
    expect(at).toBe(lines.length);
  });

  it("the screen shows the same numbers as the tables", () => {
    const html = renderToStaticMarkup(
      createElement(ReportTables, { tables, label: (id: string) => `[${id}]` }),
    );
    const numbers = [...html.matchAll(/<td class="numeric">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    const expected = tables.flatMap((t) => [
      ...t.rows.flatMap((r) => r.cells),
      ...(t.totals ?? []),
    ]);
    expect(numbers).toEqual(expected.filter((n) => typeof n === "number"));
    const gaps = html.match(/\[not-recorded-cell\]/g) ?? [];
    expect(gaps.length).toBe(expected.filter((n) => n === null).length);
    expect(html.match(/<tfoot>/g)?.length).toBe(tables.filter((t) => t.totals).length);
  });
});

describe("reportToCsv", () => {
  const table: ReportTable = {
    id: "t",
    rowDimensions: ["service", "category"],
    columns: ["a", "b"],
    rows: [{ labels: ["service:x", "category:y"], cells: [1, null] }],
    totals: [1, null],
  };

  it("writes the layout with CRLF line ends and an empty line between tables", () => {
    const csv = reportToCsv([table, { ...table, id: "u" }], (id) => id.toUpperCase());
    expect(csv).toBe(
      [
        "TABLE:T",
        "DIMENSION:SERVICE,DIMENSION:CATEGORY,A,B",
        "SERVICE:X,CATEGORY:Y,1,",
        "TOTAL-ROW,,1,",
        "",
        "TABLE:U",
        "DIMENSION:SERVICE,DIMENSION:CATEGORY,A,B",
        "SERVICE:X,CATEGORY:Y,1,",
        "TOTAL-ROW,,1,",
        "",
      ].join("\r\n"),
    );
  });

  // csv: how the title is written; back: what a spreadsheet then shows.
  it.each([
    { text: "plain", csv: "plain", back: "plain" },
    { text: "Smith, Jones", csv: '"Smith, Jones"', back: "Smith, Jones" },
    { text: 'The "best" team', csv: '"The ""best"" team"', back: 'The "best" team' },
    { text: "two\nlines", csv: '"two\nlines"', back: "two\nlines" },
    { text: "a\r\nb", csv: '"a\r\nb"', back: "a\r\nb" },
    { text: '=HYPERLINK("x")', csv: '"\'=HYPERLINK(""x"")"', back: '\'=HYPERLINK("x")' },
    { text: "+44 team", csv: "'+44 team", back: "'+44 team" },
    { text: "-1", csv: "'-1", back: "'-1" },
    { text: "@SUM(A1)", csv: "'@SUM(A1)", back: "'@SUM(A1)" },
    { text: "\tTabbed", csv: "'\tTabbed", back: "'\tTabbed" },
    { text: "\rReturn", csv: '"\'\rReturn"', back: "'\rReturn" },
    { text: "a=b", csv: "a=b", back: "a=b" },
  ])("writes $text safely", ({ text, csv, back }) => {
    const file = reportToCsv([{ ...table, rows: [] }], (id) => (id === "table:t" ? text : id));
    expect(file.startsWith(`${csv}\r\n`)).toBe(true);
    expect(parseCsv(file)[0]).toEqual([back]);
  });
});

describe("the English words", () => {
  const lookUp = (key: string): unknown =>
    key
      .split(".")
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], englishWords);

  it("have a label for every id the report asks for (except council service names)", () => {
    const asked = new Set<string>(["not-recorded-cell"]);
    const tables = buildAnnualReport({
      cases: CASES,
      year: reportYear(2025),
      serviceAreas: SERVICES,
      allUsers: ALL_USERS,
    });
    reportToCsv(tables, (id) => {
      asked.add(id);
      return id;
    });
    for (const category of [...COMPLAINT_CATEGORIES, "not-recorded"])
      asked.add(`category:${category}`);
    // Years, references and corporate Stage 3 are named by the labeller (report-labels.ts).
    expect(typeof lookUp("labels.year")).toBe("string");
    expect(typeof lookUp("labels.stage.3")).toBe("string");
    const missing = [...asked]
      .filter((id) => !id.startsWith("service:") || id === "service:not-recorded")
      .filter((id) => !/^(year|reference):/.test(id) && id !== "stage:corporate-3")
      .filter((id) => typeof lookUp(labelKey(id)) !== "string");
    expect(missing).toEqual([]);
    expect(asked.size).toBeGreaterThan(60);
  });
});
