// A whole generated year through the real import, on this suite's database (PGlite, or
// PostgreSQL when TEST_DATABASE_URL is set): every cell of every table of the annual report is
// counted again here, straight from the generated rows, without the report's own code. The five
// years before it feed the trend; questionnaires sent and answered feed the satisfaction table.
import { randomBytes } from "node:crypto";
import { and, count, eq, gte, lte } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
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
} from "#db/schema/constants";
import { REPORT_TABLE_IDS, reportToCsv, type ReportTable } from "#app/complaints/annual-report";
import { IMPORT_COLUMNS, parseCsv } from "#app/complaints/import-csv";
import { complaintSatisfaction } from "#app/forms/complaint-satisfaction";
import { annualReport, importRepresentations } from "./complaints-report.server";
import type { StaffActor } from "./inbox.server";
import { organisationForHost } from "./organisation.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";
import { seededRandom } from "#test/support/seeded-random";

const START_YEAR = 2019;
const FROM = "2019-04-01";
const TO = "2020-03-31";
const IMPORTED_ON = new Date("2024-06-01T12:00:00Z");
const TODAY = "2024-06-01";
const NR = "not-recorded";

async function councils() {
  const westmoor = (await organisationForHost("localhost"))!;
  const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  return { westmoor, aberhaven };
}

async function staff(organisationId: string, email: string): Promise<StaffActor> {
  const found = await findStaffByEmail(organisationId, email);
  const member = found && (await getStaffMember(organisationId, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

/** The import file's columns, as documented (checked against the import's own list below). */
const COLUMNS = [
  "reference",
  "received_on",
  "type",
  "procedure",
  "category",
  "service_area",
  "made_by",
  "contact_method",
  "stage1_response",
  "stage2_response",
  "stage3_response",
  "ombudsman",
  "ombudsman_on",
  "ombudsman_outcome",
  "outcome",
  "lessons_learnt",
  "ethnicity",
  "disability",
  "advocacy_offered",
  "advocacy_taken",
] as const;

/** One generated row, as the file says it. */
type Row = Record<(typeof COLUMNS)[number], string>;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const yearOf = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 4 ? year : year - 1;
};

function generate(seed: number, services: string[], prefix: string) {
  const random = seededRandom(seed);
  const rows: Row[] = [];
  const add = (receivedOn: string, i: number) => {
    const kind = random.weighted([
      ["comment", 2],
      ["compliment", 3],
      ["complaint", 5],
    ] as const);
    const complaint = kind === "complaint";
    const outcome = complaint && random.chance(0.7) ? random.pick(OUTCOMES) : "";
    const upheld = outcome === "upheld" || outcome === "partly-upheld";
    const referred = complaint && random.chance(0.2);
    const reached = complaint ? random.between(0, 3) : 0;
    const offered = random.chance(0.4);
    const responses = Array.from({ length: 3 }, (_, s) =>
      s < reached ? random.pick(["in-time", "late", "none"] as const) : "",
    );
    // Gaps, written every way the officer might: empty, "not recorded", "Not-Recorded".
    const gap = () => random.pick(["", "", "not recorded", "Not-Recorded"]);
    rows.push({
      // Upheld complaints keep their reference, so the lessons learnt list can be checked.
      reference: upheld || random.chance(0.7) ? `${prefix}-${i}` : "",
      received_on: receivedOn,
      type: kind,
      procedure: random.chance(0.2) ? "" : random.pick(PROCEDURES),
      category: complaint || random.chance(0.3) ? random.pick(COMPLAINT_CATEGORIES) : "",
      service_area: random.chance(0.15) ? gap() : random.pick(services),
      made_by: random.chance(0.15) ? gap() : random.pick(MADE_BY),
      contact_method: random.chance(0.15) ? gap() : random.pick(CONTACT_METHODS),
      stage1_response: responses[0]!,
      stage2_response: responses[1]!,
      stage3_response: responses[2]!,
      ombudsman: referred ? "yes" : random.pick(["", "no"]),
      // Some referrals have their day, up to 500 days after it came in (into the next year).
      ombudsman_on:
        referred && random.chance(0.6) ? addDays(receivedOn, random.between(0, 500)) : "",
      ombudsman_outcome: referred && random.chance(0.6) ? random.pick(OMBUDSMAN_OUTCOMES) : "",
      outcome,
      lessons_learnt:
        upheld && random.chance(0.7)
          ? `Changed the letters, "step" ${random.between(1, 99)},\nand the checklist`
          : "",
      ethnicity: random.chance(0.2) ? "" : random.pick(ETHNICITIES),
      disability: random.chance(0.2) ? "" : random.pick(DISABILITIES),
      advocacy_offered: offered ? "yes" : random.pick(["", "no"]),
      advocacy_taken: offered && random.chance(0.4) ? "yes" : "",
    });
  };
  let i = 0;
  // The year itself: 330 representations, both ends of it included.
  add(FROM, i++);
  add(TO, i++);
  for (let n = 0; n < 328; n++) add(addDays(FROM, random.between(0, 365)), i++);
  // The four years before (for the trend), and a few after (counted nowhere in this report).
  for (let n = 0; n < 140; n++) add(addDays("2015-04-01", random.between(0, 4 * 365)), i++);
  add("2015-04-01", i++);
  add("2019-03-31", i++);
  for (let n = 0; n < 10; n++) add(addDays("2020-04-01", random.between(0, 90)), i++);
  return rows;
}

const quote = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
const csvOf = (rows: Row[]) =>
  [COLUMNS.join(","), ...rows.map((row) => COLUMNS.map((c) => quote(row[c])).join(","))]
    .map((line) => `${line}\r\n`)
    .join("");

// ---------------------------------------------------------------------------------------------
// Counting again, from the rows, in the plainest way

/** What a row means, written out by hand from the import's documented rules. */
function meaning(row: Row, services: string[]) {
  const blank = (value: string) =>
    ["", NR].includes(value.trim().toLowerCase().replace(/\s+/g, "-"));
  const kind = row.type;
  const complaint = kind === "complaint";
  // A closed case from the past counts as closed at the end of its reporting year; an open
  // complaint referred without a day counts as referred on the day of the import.
  const endOfYear = `${yearOf(row.received_on) + 1}-03-31`;
  const closedOn = !complaint || row.outcome ? endOfYear : null;
  const referredOn = row.ombudsman === "yes" ? row.ombudsman_on || closedOn || TODAY : null;
  return {
    reference: row.reference,
    receivedOn: row.received_on,
    kind,
    procedure: row.procedure || NR,
    category: row.category || NR,
    service:
      blank(row.service_area) || !services.includes(row.service_area) ? NR : row.service_area,
    madeBy: blank(row.made_by) ? NR : row.made_by,
    contact: blank(row.contact_method) ? NR : row.contact_method,
    stages: [row.stage1_response, row.stage2_response, row.stage3_response],
    outcome: row.outcome || null,
    referredOn,
    ombudsmanOutcome: row.ombudsman_outcome || "awaiting",
    lessons: row.lessons_learnt || null,
    ethnicity: row.ethnicity || "not-stated",
    disability: row.disability || "not-stated",
    offered: row.advocacy_offered === "yes",
    taken: row.advocacy_taken === "yes",
  };
}
type Meaning = ReturnType<typeof meaning>;

type Answer = { feltListened?: string; satisfied?: string };
type Satisfaction = { sent: number; returned: number; answers: Answer[] };

function sums(rows: ReportTable["rows"], width: number) {
  return Array.from({ length: width }, (_, i) => {
    let total = 0;
    for (const row of rows) {
      const cell = row.cells[i];
      if (typeof cell !== "number") return null;
      total += cell;
    }
    return total;
  });
}

/** A table of counts: each row label(s) and column counted with `where`, then a total column. */
function counted(
  id: string,
  rowDimensions: string[],
  rowLabels: string[][],
  columns: string[],
  where: (labels: string[], column: string) => number,
  withTotal = true,
): ReportTable {
  const rows = rowLabels.map((labels) => {
    const cells = columns.map((column) => where(labels, column));
    return { labels, cells: withTotal ? [...cells, cells.reduce((a, b) => a + b, 0)] : cells };
  });
  const allColumns = withTotal ? [...columns, "total"] : columns;
  return { id, rowDimensions, columns: allColumns, rows, totals: sums(rows, allColumns.length) };
}

function expectedTables(all: Meaning[], services: string[], satisfaction: Satisfaction) {
  const inYear = all.filter((c) => c.receivedOn >= FROM && c.receivedOn <= TO);
  const complaints = inYear.filter((c) => c.kind === "complaint");
  const compliments = inYear.filter((c) => c.kind === "compliment");
  const value = (id: string) => id.slice(id.indexOf(":") + 1);
  const madeByColumns = [...MADE_BY, NR].map((m) => `madeBy:${m}`);
  const serviceRows = (cases: Meaning[]) => [
    ...services.map((s) => [`service:${s}`]),
    ...(cases.some((c) => c.service === NR) ? [[`service:${NR}`]] : []),
  ];
  const n = (cases: Meaning[], where: (c: Meaning) => boolean) => cases.filter(where).length;
  const answered = (c: Meaning, stage: number) =>
    ["in-time", "late"].includes(c.stages[stage - 1]!);
  const inTime = (c: Meaning, stage: number) => c.stages[stage - 1] === "in-time";

  const stageTable = (stage: number): ReportTable => {
    const reached = complaints.filter((c) => answered(c, stage));
    const rows = serviceRows(reached).map((labels) => {
      const here = reached.filter((c) => `service:${c.service}` === labels[0]);
      const by = (m: string) => here.filter((c) => c.madeBy === m);
      const cells = [
        n(by("child"), () => true),
        n(by("child"), (c) => inTime(c, stage)),
        n(by("other"), () => true),
        n(by("other"), (c) => inTime(c, stage)),
        n(by(NR), () => true),
        n(by(NR), (c) => inTime(c, stage)),
        here.length,
        n(here, (c) => inTime(c, stage)),
      ];
      return { labels, cells };
    });
    return {
      id: `stage-${stage}-responses`,
      rowDimensions: ["service"],
      columns: [
        "child-responded",
        "child-in-time",
        "other-responded",
        "other-in-time",
        "not-recorded-responded",
        "not-recorded-in-time",
        "responded",
        "in-time",
      ],
      rows,
      totals: sums(rows, 8),
    };
  };

  const outcomeRows = [...services, NR].flatMap((s) =>
    [...COMPLAINT_CATEGORIES, NR]
      .filter((cat) => complaints.some((c) => c.service === s && c.category === cat && c.outcome))
      .map((cat) => [`service:${s}`, `category:${cat}`]),
  );
  const timelinessRows = [...PROCEDURES, NR].flatMap((p) =>
    [1, 2, 3].map((stage) => [
      `procedure:${p}`,
      p === "corporate" && stage === 3 ? "stage:corporate-3" : `stage:${stage}`,
    ]),
  );
  const equalities = (dimension: "ethnicity" | "disability", values: readonly string[]) => {
    const rows = values.map((v) => ({
      labels: [`${dimension}:${v}`],
      cells: [n(complaints, (c) => c[dimension] === v), null],
    }));
    return {
      id: `equalities-${dimension}`,
      rowDimensions: [dimension],
      columns: ["complaints", "all-users"],
      rows,
      totals: sums(rows, 2),
    };
  };
  const contactRows = [...CONTACT_METHODS, NR].map((m) => [`contact:${m}`]);
  const children = complaints.filter((c) => c.madeBy === "child");
  const referred = all.filter(
    (c) => c.kind === "complaint" && c.referredOn && c.referredOn >= FROM && c.referredOn <= TO,
  );
  const answerRows = (question: keyof Answer, values: string[]) =>
    [...values, NR].map((v) => ({
      labels: [`${question}:${v}`],
      cells: [satisfaction.answers.filter((a) => (a[question] ?? NR) === v).length],
    }));
  const upheld = complaints
    .filter((c) => c.outcome === "upheld" || c.outcome === "partly-upheld")
    .sort((a, b) =>
      a.receivedOn === b.receivedOn
        ? a.reference < b.reference
          ? -1
          : 1
        : a.receivedOn < b.receivedOn
          ? -1
          : 1,
    );

  const tables: ReportTable[] = [
    counted(
      "by-type",
      ["kind"],
      REPRESENTATION_KINDS.map((k) => [`kind:${k}`]),
      [...PROCEDURES, NR].map((p) => `procedure:${p}`),
      ([kind], column) =>
        n(inYear, (c) => `kind:${c.kind}` === kind && c.procedure === value(column)),
    ),
    counted(
      "five-year-trend",
      ["kind"],
      REPRESENTATION_KINDS.map((k) => [`kind:${k}`]),
      [2015, 2016, 2017, 2018, 2019].map((y) => `year:${y}`),
      ([kind], column) =>
        n(all, (c) => `kind:${c.kind}` === kind && `year:${yearOf(c.receivedOn)}` === column),
      false,
    ),
    counted(
      "compliments-by-service",
      ["service"],
      serviceRows(compliments),
      madeByColumns,
      ([s], m) => n(compliments, (c) => `service:${c.service}` === s && `madeBy:${c.madeBy}` === m),
    ),
    counted(
      "complaints-by-service-and-made-by",
      ["service"],
      serviceRows(complaints),
      madeByColumns,
      ([s], m) => n(complaints, (c) => `service:${c.service}` === s && `madeBy:${c.madeBy}` === m),
    ),
    counted(
      "complaints-by-service-and-category",
      ["service"],
      serviceRows(complaints),
      [...COMPLAINT_CATEGORIES, NR].map((cat) => `category:${cat}`),
      ([s], cat) =>
        n(complaints, (c) => `service:${c.service}` === s && `category:${c.category}` === cat),
    ),
    counted(
      "outcomes",
      ["service", "category"],
      outcomeRows,
      OUTCOMES.map((o) => `outcome:${o}`),
      ([s, cat], o) =>
        n(
          complaints,
          (c) =>
            `service:${c.service}` === s &&
            `category:${c.category}` === cat &&
            `outcome:${c.outcome}` === o,
        ),
    ),
    stageTable(1),
    stageTable(2),
    stageTable(3),
    counted(
      "stage-timeliness",
      ["procedure", "stage"],
      timelinessRows,
      ["answered-in-time", "answered-late", "not-answered"],
      ([p, stageLabel], column) => {
        const stage = Number(stageLabel!.slice(-1));
        const response =
          column === "answered-in-time" ? "in-time" : column === "answered-late" ? "late" : "none";
        return n(
          complaints,
          (c) => `procedure:${c.procedure}` === p && c.stages[stage - 1] === response,
        );
      },
    ),
    equalities("ethnicity", ETHNICITIES),
    equalities("disability", DISABILITIES),
    counted("contact-methods", ["contact"], contactRows, madeByColumns, ([m], who) =>
      n(complaints, (c) => `contact:${c.contact}` === m && `madeBy:${c.madeBy}` === who),
    ),
    counted(
      "contact-methods-all",
      ["contact"],
      contactRows,
      REPRESENTATION_KINDS.map((k) => `kind:${k}`),
      ([m], kind) => n(inYear, (c) => `contact:${c.contact}` === m && `kind:${c.kind}` === kind),
    ),
    {
      id: "advocacy",
      rowDimensions: ["advocacy"],
      columns: ["children"],
      rows: [
        { labels: ["advocacy:complaints-by-children"], cells: [children.length] },
        { labels: ["advocacy:offered"], cells: [n(children, (c) => c.offered)] },
        { labels: ["advocacy:taken-up"], cells: [n(children, (c) => c.taken)] },
      ],
      totals: [null],
    },
    {
      id: "satisfaction",
      rowDimensions: ["satisfaction"],
      columns: ["questionnaires"],
      rows: [
        { labels: ["satisfaction:sent"], cells: [satisfaction.sent] },
        { labels: ["satisfaction:returned"], cells: [satisfaction.returned] },
        ...answerRows("feltListened", ["yes", "no", "not-sure"]),
        ...answerRows("satisfied", ["yes", "partly", "no"]),
      ],
      totals: [null],
    },
    counted(
      "ombudsman",
      ["ombudsmanOutcome"],
      [...OMBUDSMAN_OUTCOMES, "awaiting"].map((o) => [`ombudsmanOutcome:${o}`]),
      [...PROCEDURES, NR].map((p) => `procedure:${p}`),
      ([o], p) =>
        n(
          referred,
          (c) => `ombudsmanOutcome:${c.ombudsmanOutcome}` === o && `procedure:${c.procedure}` === p,
        ),
    ),
    {
      id: "lessons-learnt",
      rowDimensions: ["reference", "service", "outcome"],
      columns: ["lessons-learnt"],
      rows: upheld.map((c) => ({
        labels: [`reference:${c.reference}`, `service:${c.service}`, `outcome:${c.outcome}`],
        cells: [c.lessons],
      })),
      totals: null,
    },
  ];
  return { tables, inYear, complaints, referred };
}

// ---------------------------------------------------------------------------------------------
// Questionnaires as the pipeline leaves them: an invitation per closed complaint, and an
// anonymous submission (carrying the invitation's day) for each one answered.

async function sendQuestionnaires(organisationId: string, seed: number, formId: string) {
  const random = seededRandom(seed);
  const made: { eventDate: string; answered: boolean; answer: Answer | null }[] = [];
  for (let i = 0; i < 90; i++) {
    const eventDate = addDays("2019-01-01", random.between(0, 545));
    const answered = random.chance(0.55);
    const answer: Answer | null = answered
      ? {
          ...(random.chance(0.9) ? { feltListened: random.pick(["yes", "no", "not-sure"]) } : {}),
          ...(random.chance(0.9) ? { satisfied: random.pick(["yes", "partly", "no"]) } : {}),
        }
      : null;
    made.push({ eventDate, answered, answer });
    await db()
      .insert(schema.invitation)
      .values({
        organisationId,
        formId,
        language: "en",
        eventKind: "complaint-closed",
        eventDate,
        oneShot: true,
        answeredAt: answered ? new Date(`${eventDate}T15:00:00Z`) : null,
        linkTokenHash: randomBytes(24).toString("hex"),
        expiresAt: new Date(`${addDays(eventDate, 60)}T00:00:00Z`),
      });
    if (answer) {
      await db()
        .insert(schema.submission)
        .values({
          organisationId,
          reference: `SAT-${randomBytes(5).toString("hex")}`,
          formId,
          formVersion: 1,
          language: "en",
          answers: answer,
          writtenAnswers: {},
          queue: formId,
          eventKind: "complaint-closed",
          eventDate,
        });
    }
  }
  const mine = made.filter((m) => m.eventDate >= FROM && m.eventDate <= TO);
  return {
    sent: mine.length,
    returned: mine.filter((m) => m.answered).length,
    answers: mine.flatMap((m) => (m.answer ? [m.answer] : [])),
  };
}

describe("a generated year, imported, counted again cell by cell", () => {
  test("every table equals counts made from the file; the CSV equals the page", async () => {
    const { westmoor, aberhaven } = await councils();
    const officer = await staff(westmoor.id, "complaints@westmoor.example");
    const services = westmoor.serviceAreas.map((area) => area.key);
    const [before] = await db()
      .select({ n: count() })
      .from(schema.representation)
      .where(
        and(
          gte(schema.representation.receivedOn, "2015-04-01"),
          lte(schema.representation.receivedOn, "2020-06-30"),
        ),
      );
    expect(before!.n).toBe(0);
    expect([...COLUMNS].sort()).toEqual([...IMPORT_COLUMNS].sort());

    const rows = generate(20190401, services, "Y");
    const imported = await importRepresentations({
      organisation: westmoor,
      staff: officer,
      text: csvOf(rows),
      now: IMPORTED_ON,
    });
    expect(imported).toEqual({ ok: true, count: rows.length });

    // Another council's year, and its questionnaires: none of it may show in Westmoor's report.
    const theirs = generate(
      7,
      aberhaven.serviceAreas.map((a) => a.key),
      "A",
    ).slice(0, 120);
    const aberOfficer = await staff(aberhaven.id, "complaints@aberhaven.example");
    expect(
      await importRepresentations({
        organisation: aberhaven,
        staff: aberOfficer,
        text: csvOf(theirs),
        now: IMPORTED_ON,
      }),
    ).toEqual({ ok: true, count: 120 });
    await sendQuestionnaires(aberhaven.id, 11, complaintSatisfaction.id);
    // Another form's invitations about a closed complaint are not this questionnaire.
    await sendQuestionnaires(westmoor.id, 12, "have-your-say-child");
    const satisfaction = await sendQuestionnaires(westmoor.id, 13, complaintSatisfaction.id);

    const page = (await annualReport({
      organisation: westmoor,
      staff: officer,
      startYear: START_YEAR,
    }))!;
    const expected = expectedTables(
      rows.map((row) => meaning(row, services)),
      services,
      satisfaction,
    );

    // The data covers what it must, so the checks below can fail.
    expect(expected.inYear.length).toBeGreaterThanOrEqual(300);
    expect(page.caseCount).toBe(expected.inYear.length);
    for (const gap of ["service", "madeBy", "contact"] as const) {
      expect(expected.complaints.filter((c) => c[gap] === NR).length, gap).toBeGreaterThan(5);
    }
    expect(expected.referred.length).toBeGreaterThan(5);
    expect(expected.referred.some((c) => c.receivedOn < FROM)).toBe(true);
    expect(satisfaction.sent).toBeGreaterThan(30);
    expect(satisfaction.answers.length).toBeGreaterThan(10);

    expect(page.tables.map((t) => t.id)).toEqual([...REPORT_TABLE_IDS]);
    for (const table of expected.tables) {
      expect(
        page.tables.find((t) => t.id === table.id),
        table.id,
      ).toEqual(table);
    }

    // The trend, in words: each of the five years, by type.
    const trend = page.tables.find((t) => t.id === "five-year-trend")!;
    expect(trend.columns).toEqual([
      "year:2015",
      "year:2016",
      "year:2017",
      "year:2018",
      "year:2019",
    ]);
    expect(trend.totals).toEqual(
      [2015, 2016, 2017, 2018, 2019].map(
        (y) => rows.filter((r) => yearOf(r.received_on) === y).length,
      ),
    );

    // The CSV download, made from its own look at the report, says the same cell for cell.
    const download = (await annualReport({
      organisation: westmoor,
      staff: officer,
      startYear: START_YEAR,
      format: "csv",
    }))!;
    const lines = parseCsv(reportToCsv(download.tables, (id) => `[${id}]`));
    let at = 0;
    for (const [index, table] of page.tables.entries()) {
      if (index > 0) expect(lines[at++]).toEqual([""]);
      expect(lines[at++]).toEqual([`[table:${table.id}]`]);
      expect(lines[at++]).toEqual([
        ...table.rowDimensions.map((d) => `[dimension:${d}]`),
        ...table.columns.map((c) => `[${c}]`),
      ]);
      const cell = (value: ReportTable["rows"][number]["cells"][number]) =>
        value === null ? "" : String(value);
      for (const row of table.rows) {
        expect(lines[at++], `${table.id} ${row.labels.join(" ")}`).toEqual([
          ...row.labels.map((id) => `[${id}]`),
          ...row.cells.map(cell),
        ]);
      }
      if (table.totals) {
        expect(lines[at++]).toEqual([
          "[total-row]",
          ...table.rowDimensions.slice(1).map(() => ""),
          ...table.totals.map(cell),
        ]);
      }
    }
    expect(at).toBe(lines.length);

    // And a year with nothing in it has the same tables, all zeros where it counts.
    const empty = (await annualReport({
      organisation: westmoor,
      staff: officer,
      startYear: 2010,
    }))!;
    expect(empty.tables.map((t) => t.id)).toEqual([...REPORT_TABLE_IDS]);
    expect(empty.caseCount).toBe(0);
    const trendBefore = empty.tables.find((t) => t.id === "five-year-trend")!;
    expect(trendBefore.totals).toEqual([0, 0, 0, 0, 0]);
    const westmoorCount = await db()
      .select({ n: count() })
      .from(schema.representation)
      .where(eq(schema.representation.organisationId, westmoor.id));
    expect(westmoorCount[0]!.n).toBeGreaterThanOrEqual(rows.length);
  });
});
