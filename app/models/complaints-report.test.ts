import { and, count, eq, gte, lte } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import {
  COMPLAINT_CATEGORIES,
  CONTACT_METHODS,
  DISABILITIES,
  ETHNICITIES,
  MADE_BY,
  OUTCOMES,
  PROCEDURES,
  REPRESENTATION_KINDS,
} from "#db/schema/constants";
import type { ReportTable } from "#app/complaints/annual-report";
import { IMPORT_COLUMNS, OPTIONAL_IMPORT_COLUMNS } from "#app/complaints/import-csv";
import {
  allUsersFigures,
  annualReport,
  importRepresentations,
  loadReportCases,
  saveAllUsersFigures,
} from "./complaints-report.server";
import type { StaffActor } from "./inbox.server";
import { organisationForHost } from "./organisation.server";
import { changeRepresentation } from "./representation/change.server";
import { logRepresentation } from "./representation/logged.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";
import { seededRandom } from "#test/support/seeded-random";

async function councils() {
  const westmoor = (await organisationForHost("localhost"))!;
  const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  return { westmoor, aberhaven };
}

async function staff(email: string): Promise<StaffActor> {
  const { westmoor, aberhaven } = await councils();
  const organisationId = email.endsWith("@aberhaven.example") ? aberhaven.id : westmoor.id;
  const found = await findStaffByEmail(organisationId, email);
  const member = found && (await getStaffMember(organisationId, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

type Response = "in-time" | "late" | "none";

/** One generated row: what the file says, kept as plain values to count from. */
type Generated = {
  reference: string;
  receivedOn: string;
  kind: (typeof REPRESENTATION_KINDS)[number];
  procedure: (typeof PROCEDURES)[number] | "";
  category: (typeof COMPLAINT_CATEGORIES)[number] | "";
  serviceArea: string;
  madeBy: (typeof MADE_BY)[number];
  contactMethod: (typeof CONTACT_METHODS)[number];
  stages: Response[];
  ombudsman: boolean;
  outcome: (typeof OUTCOMES)[number] | "";
  ethnicity: (typeof ETHNICITIES)[number] | "";
  disability: (typeof DISABILITIES)[number] | "";
  advocacyOffered: boolean;
  advocacyTaken: boolean;
};

const isoDay = (start: string, plusDays: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);

function generate(count: number, seed: number, services: string[], prefix: string): Generated[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = random.pick(REPRESENTATION_KINDS);
    const complaint = kind === "complaint";
    // Most in the year from April 2021; a few either side of it.
    const receivedOn = random.chance(0.06)
      ? isoDay("2021-03-01", Math.floor(random.next() * 31))
      : random.chance(0.04)
        ? isoDay("2022-04-01", Math.floor(random.next() * 30))
        : isoDay("2021-04-01", Math.floor(random.next() * 365));
    const reached = complaint ? Math.floor(random.next() * 4) : 0;
    const offered = random.chance(0.5);
    return {
      reference: random.chance(0.3) ? "" : `${prefix}-${i}`,
      receivedOn,
      kind,
      procedure: random.chance(0.2) ? "" : random.pick(PROCEDURES),
      category: complaint || random.chance(0.5) ? random.pick(COMPLAINT_CATEGORIES) : "",
      serviceArea: random.pick(services),
      madeBy: random.pick(MADE_BY),
      contactMethod: random.pick(CONTACT_METHODS),
      stages: Array.from({ length: reached }, () =>
        random.pick(["in-time", "late", "none"] as const),
      ),
      ombudsman: complaint && random.chance(0.05),
      outcome: complaint && random.chance(0.7) ? random.pick(OUTCOMES) : "",
      ethnicity: random.chance(0.2) ? "" : random.pick(ETHNICITIES),
      disability: random.chance(0.2) ? "" : random.pick(DISABILITIES),
      advocacyOffered: offered,
      advocacyTaken: offered && random.chance(0.4),
    };
  });
}

function csvOf(rows: Generated[], extra: Record<number, Partial<Record<string, string>>> = {}) {
  const yesNo = (value: boolean) => (value ? "yes" : "no");
  const lines = rows.map((row, index) => {
    const values: Record<string, string> = {
      reference: row.reference,
      received_on: row.receivedOn,
      type: row.kind,
      procedure: row.procedure,
      category: row.category,
      service_area: row.serviceArea,
      made_by: row.madeBy,
      contact_method: row.contactMethod,
      stage1_response: row.stages[0] ?? "",
      stage2_response: row.stages[1] ?? "",
      stage3_response: row.stages[2] ?? "",
      ombudsman: row.ombudsman ? "yes" : "",
      outcome: row.outcome,
      ethnicity: row.ethnicity,
      disability: row.disability,
      advocacy_offered: yesNo(row.advocacyOffered),
      advocacy_taken: yesNo(row.advocacyTaken),
      ...extra[index],
    };
    return IMPORT_COLUMNS.map((column) => values[column] ?? "").join(",");
  });
  return [IMPORT_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}

/** The value in one cell of one table, found by its row labels and column id. */
function cellOf(tables: ReportTable[], id: string, labels: string[], column: string) {
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`no table ${id}`);
  const row = table.rows.find((r) => r.labels.join("|") === labels.join("|"));
  const index = table.columns.indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${id}`);
  return row ? row.cells[index] : 0;
}

const totalOf = (tables: ReportTable[], id: string, column: string) => {
  const table = tables.find((t) => t.id === id)!;
  return table.totals![table.columns.indexOf(column)];
};

async function countRows() {
  const [representations] = await db().select({ n: count() }).from(schema.representation);
  const [stages] = await db().select({ n: count() }).from(schema.representationStage);
  const [imports] = await db()
    .select({ n: count() })
    .from(schema.auditEvent)
    .where(eq(schema.auditEvent.action, "representations.imported"));
  return { representations: representations!.n, stages: stages!.n, imports: imports!.n };
}

describe("the annual report from imported representations", () => {
  test("320 generated representations: every table equals counts made from the file", async () => {
    const { westmoor } = await councils();
    const officer = await staff("complaints@westmoor.example");
    const services = westmoor.serviceAreas.map((area) => area.key);
    const [before] = await db()
      .select({ n: count() })
      .from(schema.representation)
      .where(
        and(
          eq(schema.representation.organisationId, westmoor.id),
          gte(schema.representation.receivedOn, "2021-04-01"),
          lte(schema.representation.receivedOn, "2022-03-31"),
        ),
      );
    expect(before!.n).toBe(0);

    const generated = generate(320, 20240601, services, "GEN");
    const imported = await importRepresentations({
      organisation: westmoor,
      staff: officer,
      text: csvOf(generated),
      clientAddress: "10.1.1.1",
    });
    expect(imported).toEqual({ ok: true, count: 320 });

    // One more, logged by the officer and answered in time through the case page, so the
    // report also counts a stage answered on a known day.
    const logged = await logRepresentation({
      organisation: westmoor,
      staff: officer,
      portalUrl: "http://localhost:3000",
      logged: {
        kind: "complaint",
        procedure: "statutory",
        category: "finance",
        serviceArea: "fostering",
        madeBy: "child",
        contactMethod: "letter",
        lookedAfterChild: false,
        iroStaffUserId: null,
        ethnicity: "asian",
        disability: "no",
        complimentStaffUserId: null,
        complimentTeamId: null,
        receivedOn: "2021-06-01",
        senderName: "Ali",
        childName: "Ali",
        summary: "Pocket money not paid",
        replyMethod: null,
        replyTo: null,
        language: "en",
        advocacyOffered: true,
        advocacyTaken: false,
      },
    });
    expect(
      await changeRepresentation({
        organisation: westmoor,
        staff: officer,
        id: logged!.id,
        change: { type: "respond", on: "2021-06-08" },
        note: "",
        portalUrl: "http://localhost:3000",
      }),
    ).toEqual({ ok: true });
    const all: Generated[] = [
      ...generated,
      {
        reference: logged!.reference,
        receivedOn: "2021-06-01",
        kind: "complaint",
        procedure: "statutory",
        category: "finance",
        serviceArea: "fostering",
        madeBy: "child",
        contactMethod: "letter",
        stages: ["in-time"],
        ombudsman: false,
        outcome: "",
        ethnicity: "asian",
        disability: "no",
        advocacyOffered: true,
        advocacyTaken: false,
      },
    ];

    const figures = { "ethnicity:white": 1200, "ethnicity:asian": 140, "disability:yes": 95 };
    expect(
      await saveAllUsersFigures({
        organisation: westmoor,
        staff: officer,
        startYear: 2021,
        figures,
      }),
    ).toEqual({ ok: true });

    const report = (await annualReport({
      organisation: westmoor,
      staff: officer,
      startYear: 2021,
      clientAddress: "10.1.1.1",
    }))!;
    const { tables } = report;

    // Counted here, straight from the generated rows.
    const inYear = all.filter((r) => r.receivedOn >= "2021-04-01" && r.receivedOn <= "2022-03-31");
    const complaints = inYear.filter((r) => r.kind === "complaint");
    expect(report.caseCount).toBe(inYear.length);
    expect(inYear.length).toBeGreaterThan(250);
    expect(inYear.length).toBeLessThan(all.length);
    const n = <T>(rows: T[], where: (row: T) => boolean) => rows.filter(where).length;
    const or = (value: string) => value || "not-recorded";

    for (const kind of REPRESENTATION_KINDS) {
      for (const procedure of [...PROCEDURES, "not-recorded"]) {
        expect(
          cellOf(tables, "by-type", [`kind:${kind}`], `procedure:${procedure}`),
          `${kind} ${procedure}`,
        ).toBe(n(inYear, (r) => r.kind === kind && or(r.procedure) === procedure));
      }
      expect(cellOf(tables, "by-type", [`kind:${kind}`], "total")).toBe(
        n(inYear, (r) => r.kind === kind),
      );
    }
    expect(totalOf(tables, "by-type", "total")).toBe(inYear.length);

    for (const service of services) {
      const row = [`service:${service}`];
      const about = complaints.filter((r) => r.serviceArea === service);
      for (const madeBy of MADE_BY) {
        expect(cellOf(tables, "complaints-by-service-and-made-by", row, `madeBy:${madeBy}`)).toBe(
          n(about, (r) => r.madeBy === madeBy),
        );
      }
      for (const category of COMPLAINT_CATEGORIES) {
        expect(
          cellOf(tables, "complaints-by-service-and-category", row, `category:${category}`),
        ).toBe(n(about, (r) => r.category === category));
        for (const outcome of OUTCOMES) {
          expect(
            cellOf(tables, "outcomes", [...row, `category:${category}`], `outcome:${outcome}`),
          ).toBe(n(about, (r) => r.category === category && r.outcome === outcome));
        }
      }
      for (const stage of [1, 2]) {
        const id = `stage-${stage}-responses`;
        const answered = (r: Generated) => ["in-time", "late"].includes(r.stages[stage - 1] ?? "");
        const inTime = (r: Generated) => r.stages[stage - 1] === "in-time";
        for (const madeBy of MADE_BY) {
          const mine = about.filter((r) => r.madeBy === madeBy);
          expect(cellOf(tables, id, row, `${madeBy}-responded`), `${id} ${service}`).toBe(
            n(mine, answered),
          );
          expect(cellOf(tables, id, row, `${madeBy}-in-time`)).toBe(n(mine, inTime));
        }
        expect(cellOf(tables, id, row, "responded")).toBe(n(about, answered));
        expect(cellOf(tables, id, row, "in-time")).toBe(n(about, inTime));
      }
    }
    expect(totalOf(tables, "complaints-by-service-and-made-by", "total")).toBe(complaints.length);
    expect(totalOf(tables, "outcomes", "total")).toBe(n(complaints, (r) => r.outcome !== ""));

    for (const ethnicity of ETHNICITIES) {
      const row = [`ethnicity:${ethnicity}`];
      expect(cellOf(tables, "equalities-ethnicity", row, "complaints")).toBe(
        n(complaints, (r) => (r.ethnicity || "not-stated") === ethnicity),
      );
    }
    for (const disability of DISABILITIES) {
      expect(
        cellOf(tables, "equalities-disability", [`disability:${disability}`], "complaints"),
      ).toBe(n(complaints, (r) => (r.disability || "not-stated") === disability));
    }
    expect(cellOf(tables, "equalities-ethnicity", ["ethnicity:white"], "all-users")).toBe(1200);
    expect(cellOf(tables, "equalities-ethnicity", ["ethnicity:asian"], "all-users")).toBe(140);
    expect(cellOf(tables, "equalities-ethnicity", ["ethnicity:black"], "all-users")).toBeNull();
    expect(cellOf(tables, "equalities-disability", ["disability:yes"], "all-users")).toBe(95);

    for (const method of CONTACT_METHODS) {
      for (const madeBy of MADE_BY) {
        // Complaints only, as councils publish them.
        expect(cellOf(tables, "contact-methods", [`contact:${method}`], `madeBy:${madeBy}`)).toBe(
          n(complaints, (r) => r.contactMethod === method && r.madeBy === madeBy),
        );
      }
    }

    const byChildren = complaints.filter((r) => r.madeBy === "child");
    expect(cellOf(tables, "advocacy", ["advocacy:complaints-by-children"], "children")).toBe(
      byChildren.length,
    );
    expect(cellOf(tables, "advocacy", ["advocacy:offered"], "children")).toBe(
      n(byChildren, (r) => r.advocacyOffered),
    );
    expect(cellOf(tables, "advocacy", ["advocacy:taken-up"], "children")).toBe(
      n(byChildren, (r) => r.advocacyTaken),
    );

    // The viewing and the import were both audited.
    const audited = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.organisationId, westmoor.id),
          eq(schema.auditEvent.actorStaffUserId, officer.id),
        ),
      );
    expect(audited.find((a) => a.action === "representations.imported")?.detail).toEqual({
      count: 320,
    });
    expect(audited.find((a) => a.action === "report.viewed")?.detail).toMatchObject({
      startYear: 2021,
    });
    expect(audited.some((a) => a.action === "report.figures-saved")).toBe(true);
  });

  test("imported rows: made-up references, closed history, open complaints carry on", async () => {
    const { westmoor } = await councils();
    const officer = await staff("complaints@westmoor.example");
    // A file made before the optional columns were added still imports.
    const header = IMPORT_COLUMNS.filter((c) => !OPTIONAL_IMPORT_COLUMNS.includes(c)).join(",");
    const text = [
      header,
      ",2022-05-10,complaint,statutory,finance,neighbourhood,child,letter,late,in-time,,yes,upheld,,,yes,yes",
      "KEEP-ME,2022-05-11,complaint,corporate,other,fostering,other,email,none,,,,,white,no,,",
      ",2022-05-12,compliment,,,fostering,other,email,,,,,,,,,",
    ].join("\n");
    const now = new Date("2022-06-01T12:00:00Z");
    expect(
      await importRepresentations({ organisation: westmoor, staff: officer, text, now }),
    ).toEqual({
      ok: true,
      count: 3,
    });
    const rows = await db()
      .select()
      .from(schema.representation)
      .where(
        and(
          eq(schema.representation.organisationId, westmoor.id),
          gte(schema.representation.receivedOn, "2022-05-10"),
          lte(schema.representation.receivedOn, "2022-05-12"),
        ),
      )
      .orderBy(schema.representation.receivedOn);
    expect(rows).toHaveLength(3);
    const [closed, open, compliment] = rows as [
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
    ];
    expect(closed.reference).toMatch(/^IMP-[A-Z2-9]{6}$/);
    expect(closed).toMatchObject({
      source: "imported",
      stage: 2,
      outcome: "upheld",
      // The end of its reporting year is still to come on the day of import: closed today.
      closedOn: "2022-06-01",
      ombudsmanOn: "2022-06-01",
      advocacyOffered: true,
      advocacyTaken: true,
    });
    expect(closed.confirmedAt).not.toBeNull();
    expect(closed.notified).toContain("complaints-officers");
    expect(open).toMatchObject({ reference: "KEEP-ME", closedOn: null, outcome: null, stage: 1 });
    expect(compliment).toMatchObject({ kind: "compliment", closedOn: "2022-06-01", stage: 1 });
    const stages = await db()
      .select()
      .from(schema.representationStage)
      .where(eq(schema.representationStage.representationId, closed.id))
      .orderBy(schema.representationStage.stage);
    expect(stages).toMatchObject([
      { stage: 1, startedOn: "2022-05-10", respondedInTime: false, respondedOn: null },
      { stage: 2, startedOn: "2022-05-10", respondedInTime: true, respondedOn: null },
    ]);
    const cases = await loadReportCases(westmoor.id, 2022);
    const keep = cases.find((c) => c.receivedOn === "2022-05-11")!;
    expect(keep.stages).toEqual([{ stage: 1, responded: false, withinTimescale: null }]);
  });
});

describe("a file with a problem imports nothing", () => {
  test("one bad row among good ones: that row's problem, and no rows written", async () => {
    const { westmoor } = await councils();
    const officer = await staff("complaints@westmoor.example");
    const services = westmoor.serviceAreas.map((area) => area.key);
    const generated = generate(40, 77, services, "BAD");
    const before = await countRows();
    const result = await importRepresentations({
      organisation: westmoor,
      staff: officer,
      text: csvOf(generated, { 17: { type: "grumble" } }),
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          row: 19, // the header is row 1, so the 18th representation is row 19
          column: "type",
          key: "report:import.errors.notOneOf",
          values: { column: "type", value: "grumble", allowed: "comment, compliment, complaint" },
        },
      ],
    });
    expect(await countRows()).toEqual(before);
  });

  test("a reference the council already has is a problem for that row", async () => {
    const { westmoor } = await councils();
    const officer = await staff("complaints@westmoor.example");
    const services = westmoor.serviceAreas.map((area) => area.key);
    const first = generate(3, 5, services, "DUP").map((row, i) => ({
      ...row,
      reference: `OLD-${i}`,
    }));
    expect(
      await importRepresentations({ organisation: westmoor, staff: officer, text: csvOf(first) }),
    ).toEqual({ ok: true, count: 3 });
    const before = await countRows();
    const second = generate(6, 6, services, "NEW");
    second[2]!.reference = "old-1"; // the same reference, whatever its case
    const result = await importRepresentations({
      organisation: westmoor,
      staff: officer,
      text: csvOf(second).replace("\r\n", "\r\n\r\n"), // a blank row after the header
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          row: 5,
          column: "reference",
          key: "report:import.referenceExists",
          values: { column: "reference", value: "old-1" },
        },
      ],
    });
    expect(await countRows()).toEqual(before);
  });
});

describe("who may see the report, save figures and import", () => {
  test.each([
    "iro@westmoor.example",
    "admin@westmoor.example",
    "advocacy@westmoor.example",
    "manager@aberhaven.example",
    "complaints@aberhaven.example",
  ])("%s cannot see Westmoor's report or save its figures", async (email) => {
    const { westmoor } = await councils();
    const other = await staff(email);
    expect(
      await annualReport({ organisation: westmoor, staff: other, startYear: 2021 }),
    ).toBeNull();
    expect(
      await saveAllUsersFigures({
        organisation: westmoor,
        staff: other,
        startYear: 2021,
        figures: { "ethnicity:white": 1 },
      }),
    ).toBeNull();
  });

  test("a manager sees the report but may not import; nor may anyone outside the council", async () => {
    const { westmoor, aberhaven } = await councils();
    const text = csvOf(generate(2, 9, ["neighbourhood"], "NOPE"));
    const before = await countRows();
    for (const email of [
      "manager@westmoor.example",
      "iro@westmoor.example",
      "advocacy@westmoor.example",
      "complaints@aberhaven.example",
    ]) {
      const other = await staff(email);
      expect(
        await importRepresentations({ organisation: westmoor, staff: other, text }),
        email,
      ).toBeNull();
    }
    expect(await countRows()).toEqual(before);
    const manager = await staff("manager@westmoor.example");
    expect(
      await annualReport({ organisation: westmoor, staff: manager, startYear: 2021 }),
    ).not.toBeNull();
    // Aberhaven's own report never counts Westmoor's cases.
    const theirs = await staff("complaints@aberhaven.example");
    const report = await annualReport({ organisation: aberhaven, staff: theirs, startYear: 2021 });
    expect(report?.caseCount).toBe(0);
  });

  test("figures: whole numbers from 0 for the listed keys only; empty means unknown", async () => {
    const { westmoor } = await councils();
    const manager = await staff("manager@westmoor.example");
    const scope = { organisation: westmoor, staff: manager, startYear: 2019 };
    expect(await saveAllUsersFigures({ ...scope, figures: { "ethnicity:white": -1 } })).toEqual({
      ok: false,
      invalid: ["ethnicity:white"],
    });
    expect(await saveAllUsersFigures({ ...scope, figures: { "ethnicity:purple": 3 } })).toEqual({
      ok: false,
      invalid: ["ethnicity:purple"],
    });
    expect(await saveAllUsersFigures({ ...scope, figures: { "disability:no": 2.5 } })).toEqual({
      ok: false,
      invalid: ["disability:no"],
    });
    await saveAllUsersFigures({ ...scope, figures: { "ethnicity:white": 10, "disability:no": 0 } });
    expect(await allUsersFigures(westmoor.id, 2019)).toEqual({
      "ethnicity:white": 10,
      "disability:no": 0,
    });
    await saveAllUsersFigures({
      ...scope,
      figures: { "ethnicity:white": null, "disability:no": 4 },
    });
    expect(await allUsersFigures(westmoor.id, 2019)).toEqual({ "disability:no": 4 });
  });
});
