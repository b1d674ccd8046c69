// The complaints annual report from the database, the all-users equalities figures the officer
// enters for it, and importing representations recorded before the portal. The counting itself
// is pure (app/complaints/annual-report.ts); this loads the cases and checks who may see them.
import { and, asc, count, eq, gte, inArray, lte, min, or, sql } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import { DISABILITIES, ETHNICITIES, type Stage } from "#db/schema/constants";
import {
  buildAnnualReport,
  reportYear,
  reportYearOf,
  type AllUsersFigures,
  type ReportCase,
  type ReportTable,
  type SatisfactionFigures,
  type TrendCase,
} from "#app/complaints/annual-report";
import { complaintSatisfaction } from "#app/forms/complaint-satisfaction";
import { stageDeadline } from "#app/complaints/clock";
import {
  parseCsv,
  readImport,
  type ImportedCase,
  type ImportProblem,
} from "#app/complaints/import-csv";
import { routeRepresentation } from "#app/routing/route-representation";
import type { IsoDate } from "#app/utils/dates";
import { randomCharacters } from "#app/utils/secrets.server";
import { recordAudit } from "./audit.server";
import type { StaffActor } from "./inbox.server";
import type { Organisation } from "./organisation.server";
import { can } from "./permissions";
import { calendarOf, todayInLondon } from "./representation/common.server";

/** The event a satisfaction questionnaire is sent for. */
const SATISFACTION_EVENT = "complaint-closed";

const mayReadReport = (organisationId: string, staff: StaffActor) =>
  staff.organisationId === organisationId && can(staff.roles, "report:read");

const mayImport = (organisationId: string, staff: StaffActor) =>
  staff.organisationId === organisationId && can(staff.roles, "representation:triage");

/** The first reporting year anyone can ask for: nothing older is kept. */
export const EARLIEST_REPORT_YEAR = 2000;

/** A year someone asked for (e.g. from the address bar), or undefined if it is not one. */
export function reportYearFrom(text: string | null, now = new Date()): number | undefined {
  if (!text || !/^\d{4}$/.test(text)) return undefined;
  const year = Number(text);
  const current = reportYearOf(todayInLondon(now));
  return year >= EARLIEST_REPORT_YEAR && year <= current ? year : undefined;
}

// ---------------------------------------------------------------------------------------------
// Loading the cases

/**
 * Every representation received in the reporting year beginning in April of `startYear`, and any
 * complaint referred to the Ombudsman in it, as the report counts them. A stage is answered when
 * its answer day is known or (imported history) when it is known to have been answered in time
 * or late.
 */
export async function loadReportCases(
  organisationId: string,
  startYear: number,
): Promise<ReportCase[]> {
  const { from, to } = reportYear(startYear);
  const { representation, representationStage } = schema;
  const counted = and(
    eq(representation.organisationId, organisationId),
    or(
      and(gte(representation.receivedOn, from), lte(representation.receivedOn, to)),
      and(gte(representation.ombudsmanOn, from), lte(representation.ombudsmanOn, to)),
    ),
  );
  // Only what the tables count: never the person's words.
  const rows = await db()
    .select({
      id: representation.id,
      reference: representation.reference,
      receivedOn: representation.receivedOn,
      kind: representation.kind,
      procedure: representation.procedure,
      category: representation.category,
      serviceArea: representation.serviceArea,
      madeBy: representation.madeBy,
      contactMethod: representation.contactMethod,
      outcome: representation.outcome,
      closedOn: representation.closedOn,
      ombudsmanOn: representation.ombudsmanOn,
      ombudsmanOutcome: representation.ombudsmanOutcome,
      lessonsLearnt: representation.lessonsLearnt,
      ethnicity: representation.ethnicity,
      disability: representation.disability,
      advocacyOffered: representation.advocacyOffered,
      advocacyTaken: representation.advocacyTaken,
    })
    .from(representation)
    .where(counted)
    .orderBy(asc(representation.receivedOn));
  const stages = await db()
    .select({
      representationId: representationStage.representationId,
      stage: representationStage.stage,
      dueOn: representationStage.dueOn,
      respondedOn: representationStage.respondedOn,
      respondedInTime: representationStage.respondedInTime,
    })
    .from(representationStage)
    .innerJoin(representation, eq(representation.id, representationStage.representationId))
    .where(and(eq(representationStage.organisationId, organisationId), counted))
    .orderBy(asc(representationStage.stage));
  const stagesOf = new Map<string, ReportCase["stages"]>();
  for (const stage of stages) {
    const responded = stage.respondedOn !== null || stage.respondedInTime !== null;
    const list = stagesOf.get(stage.representationId) ?? [];
    list.push({
      stage: stage.stage as Stage,
      responded,
      withinTimescale:
        stage.respondedInTime ?? (stage.respondedOn ? stage.respondedOn <= stage.dueOn : null),
    });
    stagesOf.set(stage.representationId, list);
  }
  return rows.map((row) => ({
    reference: row.reference,
    receivedOn: row.receivedOn,
    kind: row.kind,
    procedure: row.procedure,
    category: row.category,
    serviceArea: row.serviceArea,
    madeBy: row.madeBy,
    contactMethod: row.contactMethod,
    outcome: row.outcome,
    closedOn: row.closedOn,
    stages: stagesOf.get(row.id) ?? [],
    ombudsman: row.ombudsmanOn !== null,
    ombudsmanOn: row.ombudsmanOn,
    ombudsmanOutcome: row.ombudsmanOutcome,
    lessonsLearnt: row.lessonsLearnt,
    ethnicity: row.ethnicity,
    disability: row.disability,
    advocacyOffered: row.advocacyOffered,
    advocacyTaken: row.advocacyTaken,
  }));
}

/** Every representation received in the year beginning in April of `startYear` and the four before. */
export async function loadTrendCases(
  organisationId: string,
  startYear: number,
): Promise<TrendCase[]> {
  const { representation } = schema;
  return db()
    .select({ receivedOn: representation.receivedOn, kind: representation.kind })
    .from(representation)
    .where(
      and(
        eq(representation.organisationId, organisationId),
        gte(representation.receivedOn, reportYear(startYear - 4).from),
        lte(representation.receivedOn, reportYear(startYear).to),
      ),
    );
}

/**
 * The satisfaction questionnaires of the year: those sent (when a complaint was closed) on a day
 * in it, how many came back, and the anonymous answers, which carry the day they were invited.
 */
export async function loadSatisfaction(
  organisationId: string,
  startYear: number,
): Promise<SatisfactionFigures> {
  const { from, to } = reportYear(startYear);
  const { invitation, submission } = schema;
  const [[invited], answers] = await Promise.all([
    db()
      .select({
        sent: count(),
        returned: sql<number>`count(${invitation.answeredAt})`.mapWith(Number),
      })
      .from(invitation)
      .where(
        and(
          eq(invitation.organisationId, organisationId),
          eq(invitation.formId, complaintSatisfaction.id),
          eq(invitation.eventKind, SATISFACTION_EVENT),
          gte(invitation.eventDate, from),
          lte(invitation.eventDate, to),
        ),
      ),
    db()
      .select({ answers: submission.answers })
      .from(submission)
      .where(
        and(
          eq(submission.organisationId, organisationId),
          eq(submission.formId, complaintSatisfaction.id),
          eq(submission.eventKind, SATISFACTION_EVENT),
          gte(submission.eventDate, from),
          lte(submission.eventDate, to),
        ),
      ),
  ]);
  return {
    sent: invited?.sent ?? 0,
    returned: invited?.returned ?? 0,
    answers: answers.map((row) => ({
      feltListened: row.answers.feltListened,
      satisfied: row.answers.satisfied,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// All-users figures

/** The keys the officer can enter a figure for: "ethnicity:white", …, "disability:yes", …. */
export const ALL_USERS_KEYS: readonly string[] = [
  ...ETHNICITIES.map((value) => `ethnicity:${value}`),
  ...DISABILITIES.map((value) => `disability:${value}`),
];

/** The all-service-users figures entered for a year (a key without a figure is unknown). */
export async function allUsersFigures(
  organisationId: string,
  startYear: number,
): Promise<AllUsersFigures> {
  const rows = await db()
    .select({ key: schema.allUsersFigure.key, count: schema.allUsersFigure.count })
    .from(schema.allUsersFigure)
    .where(
      and(
        eq(schema.allUsersFigure.organisationId, organisationId),
        eq(schema.allUsersFigure.startYear, startYear),
      ),
    );
  return Object.fromEntries(rows.map((row) => [row.key, row.count]));
}

/** Largest figure accepted: more than any council's children's services population. */
export const MAX_FIGURE = 10_000_000;

/**
 * Replaces the year's figures with these (null or missing: not known). Whole numbers from 0 to
 * MAX_FIGURE, for the listed keys only. Null for anyone who may not read the report.
 */
export async function saveAllUsersFigures(input: {
  organisation: Pick<Organisation, "id">;
  staff: StaffActor;
  startYear: number;
  figures: Partial<Record<string, number | null>>;
  clientAddress?: string;
}): Promise<{ ok: true } | { ok: false; invalid: string[] } | null> {
  const { organisation, staff, startYear, figures } = input;
  if (!mayReadReport(organisation.id, staff)) return null;
  const invalid = Object.entries(figures)
    .filter(
      ([key, value]) =>
        !ALL_USERS_KEYS.includes(key) ||
        (value !== null &&
          value !== undefined &&
          !(Number.isSafeInteger(value) && value >= 0 && value <= MAX_FIGURE)),
    )
    .map(([key]) => key);
  if (invalid.length > 0 || !Number.isSafeInteger(startYear)) return { ok: false, invalid };
  const { allUsersFigure } = schema;
  const entered = ALL_USERS_KEYS.flatMap((key) => {
    const count = figures[key];
    return typeof count === "number" ? [{ key, count }] : [];
  });
  await db().transaction(async (tx) => {
    await tx
      .delete(allUsersFigure)
      .where(
        and(
          eq(allUsersFigure.organisationId, organisation.id),
          eq(allUsersFigure.startYear, startYear),
        ),
      );
    if (entered.length > 0) {
      await tx
        .insert(allUsersFigure)
        .values(
          entered.map((figure) => ({ organisationId: organisation.id, startYear, ...figure })),
        );
    }
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "report.figures-saved",
        actorStaffUserId: staff.id,
        subjectType: "report",
        clientAddress: input.clientAddress,
        detail: { startYear, figures: Object.fromEntries(entered.map((f) => [f.key, f.count])) },
      },
      tx,
    );
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// The report

export type AnnualReport = {
  startYear: number;
  from: IsoDate;
  to: IsoDate;
  tables: ReportTable[];
  /** Representations received in the year. */
  caseCount: number;
  allUsers: AllUsersFigures;
  /** The years that can be chosen, newest first: from the first case (or five back) to now. */
  years: number[];
};

/**
 * The year's tables, for the complaints officer and managers only (null for anyone else). Each
 * look is audited, on screen or downloaded.
 */
export async function annualReport(input: {
  organisation: Pick<Organisation, "id" | "serviceAreas">;
  staff: StaffActor;
  startYear: number;
  clientAddress?: string;
  format?: "page" | "csv";
  now?: Date;
}): Promise<AnnualReport | null> {
  const { organisation, staff, startYear } = input;
  if (!mayReadReport(organisation.id, staff)) return null;
  const year = reportYear(startYear);
  const [cases, trend, satisfaction, allUsers, [first]] = await Promise.all([
    loadReportCases(organisation.id, startYear),
    loadTrendCases(organisation.id, startYear),
    loadSatisfaction(organisation.id, startYear),
    allUsersFigures(organisation.id, startYear),
    db()
      .select({ receivedOn: min(schema.representation.receivedOn) })
      .from(schema.representation)
      .where(eq(schema.representation.organisationId, organisation.id)),
  ]);
  const current = reportYearOf(todayInLondon(input.now));
  const earliest = Math.max(
    EARLIEST_REPORT_YEAR,
    Math.min(current - 4, first?.receivedOn ? reportYearOf(first.receivedOn) : current, startYear),
  );
  const years = Array.from({ length: current - earliest + 1 }, (_, i) => current - i);
  const tables = buildAnnualReport({
    cases,
    year,
    serviceAreas: organisation.serviceAreas.map((area) => area.key),
    allUsers,
    trend,
    satisfaction,
  });
  await recordAudit({
    organisationId: organisation.id,
    action: "report.viewed",
    actorStaffUserId: staff.id,
    subjectType: "report",
    clientAddress: input.clientAddress,
    detail: { report: "complaints", startYear, format: input.format ?? "page" },
  });
  const caseCount = cases.filter(
    (c) => c.receivedOn >= year.from && c.receivedOn <= year.to,
  ).length;
  return { ...year, tables, caseCount, allUsers, years };
}

// ---------------------------------------------------------------------------------------------
// Importing history

export type ImportOutcome =
  { ok: true; count: number } | { ok: false; problems: ImportProblem[] } | null;

/** Rows inserted per statement (PostgreSQL allows 65,535 parameters in one). */
const CHUNK = 500;

const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/**
 * The row number (as a spreadsheet shows it) of each case readImport returned, in order: it
 * skips blank rows in the same way, and a file it accepted has one case for every other row.
 */
function rowNumbersOf(text: string): number[] {
  return parseCsv(text)
    .map((fields, index) => ({ blank: fields.every((f) => f.trim() === ""), row: index + 1 }))
    .slice(1)
    .filter(({ blank }) => !blank)
    .map(({ row }) => row);
}

/** Another import got there first with one of the same references: the whole import starts over. */
class ReferenceTaken extends Error {}

/**
 * The day an imported case counts as closed: the end of its reporting year, or today if that is
 * still to come (the file says whether it is closed, not when).
 */
function closedOnFor(receivedOn: IsoDate, today: IsoDate): IsoDate {
  const { to } = reportYear(reportYearOf(receivedOn));
  return to < today ? to : today;
}

async function insertImported(
  tx: Transaction,
  organisation: Pick<Organisation, "id" | "serviceAreas" | "bankHolidayRegion">,
  cases: (ImportedCase & { reference: string })[],
  today: IsoDate,
) {
  const calendar = calendarOf(organisation);
  const now = new Date();
  const reviewing = new Set(
    organisation.serviceAreas.filter((area) => area.reviewingService).map((area) => area.key),
  );
  const values = cases.map((c) => {
    const complaint = c.kind === "complaint";
    // Comments and compliments from before the portal are history; a complaint is closed if
    // the file gives its outcome, and otherwise carries on here.
    const closedOn = !complaint || c.outcome ? closedOnFor(c.receivedOn, today) : null;
    const reached = c.stages.map((s) => s.stage);
    // Nobody is told about history: every notification the rules would send counts as sent.
    const notified = routeRepresentation({
      kind: c.kind,
      confirmed: true,
      urgent: false,
      dutyTeamEmail: "",
      lookedAfterChild: false,
      iroStaffUserId: null,
      aboutReviewingService: c.serviceArea !== null && reviewing.has(c.serviceArea),
      complimentFor: null,
      advocacyRequested: false,
      responder: null,
    }).map((n) => n.key);
    return {
      organisationId: organisation.id,
      reference: c.reference,
      source: "imported" as const,
      receivedOn: c.receivedOn,
      kind: c.kind,
      procedure: c.procedure,
      category: c.category,
      serviceArea: c.serviceArea,
      madeBy: c.madeBy,
      contactMethod: c.contactMethod,
      ethnicity: c.ethnicity,
      disability: c.disability,
      advocacyOffered: c.advocacyOffered,
      advocacyTaken: c.advocacyTaken,
      confirmedAt: now,
      stage: reached.length > 0 ? Math.max(...reached) : 1,
      outcome: complaint ? c.outcome : null,
      closedOn,
      // Without its day, a referral counts as made when the case closed (or today, if open).
      ombudsmanOn: c.ombudsmanOn ?? (c.ombudsman ? (closedOn ?? today) : null),
      ombudsmanOutcome: c.ombudsman ? (c.ombudsmanOutcome ?? null) : null,
      lessonsLearnt: complaint ? (c.lessonsLearnt ?? null) : null,
      notified,
    };
  });
  const ids = new Map<string, string>();
  for (const chunk of chunks(values)) {
    const inserted = await tx
      .insert(schema.representation)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ id: schema.representation.id, reference: schema.representation.reference });
    if (inserted.length !== chunk.length) throw new ReferenceTaken();
    for (const row of inserted) ids.set(row.reference, row.id);
  }
  const stages = cases.flatMap((c) =>
    c.kind !== "complaint"
      ? []
      : c.stages.map((s) => ({
          organisationId: organisation.id,
          representationId: ids.get(c.reference)!,
          stage: s.stage,
          // Only whether each stage was answered in time is known: its clock runs from receipt.
          startedOn: c.receivedOn,
          dueOn: stageDeadline(calendar, {
            procedure: c.procedure,
            stage: s.stage,
            startedOn: c.receivedOn,
          }),
          respondedInTime: s.responded ? s.withinTimescale === true : null,
        })),
  );
  for (const chunk of chunks(stages)) {
    await tx.insert(schema.representationStage).values(chunk);
  }
}

/**
 * Imports a CSV file of representations, all or nothing: any problem with any row (including a
 * reference this council already has) imports nothing and lists every problem. For the
 * complaints officer only (null for anyone else). One transaction, audited with the count.
 */
export async function importRepresentations(input: {
  organisation: Pick<Organisation, "id" | "serviceAreas" | "bankHolidayRegion">;
  staff: StaffActor;
  text: string;
  clientAddress?: string;
  now?: Date;
}): Promise<ImportOutcome> {
  const { organisation, staff } = input;
  if (!mayImport(organisation.id, staff)) return null;
  const today = todayInLondon(input.now);
  const read = readImport(input.text, {
    serviceAreas: organisation.serviceAreas.map((area) => area.key),
    today,
  });
  if (!read.ok) return { ok: false, problems: read.problems };
  const rows = rowNumbersOf(input.text);

  for (let attempt = 0; ; attempt++) {
    try {
      return await db().transaction(async (tx) => {
        // References already used here (compared as the file's own check does, ignoring case).
        const given = read.cases.flatMap((c) => (c.reference ? [c.reference.toLowerCase()] : []));
        const taken = new Set<string>();
        for (const chunk of chunks(given)) {
          const found = await tx
            .select({ reference: sql<string>`lower(${schema.representation.reference})` })
            .from(schema.representation)
            .where(
              and(
                eq(schema.representation.organisationId, organisation.id),
                inArray(sql`lower(${schema.representation.reference})`, chunk),
              ),
            );
          for (const row of found) taken.add(row.reference);
        }
        const problems: ImportProblem[] = read.cases.flatMap((c, index) =>
          c.reference && taken.has(c.reference.toLowerCase())
            ? [
                {
                  row: rows[index] ?? 0,
                  column: "reference",
                  key: "report:import.referenceExists",
                  values: { column: "reference", value: c.reference },
                },
              ]
            : [],
        );
        if (problems.length > 0) return { ok: false, problems } as const;

        // A made-up reference for each row without one, unlike any in the file or already here.
        const used = new Set(given);
        const cases = [];
        for (const c of read.cases) {
          let reference = c.reference;
          while (!reference) {
            const candidate = `IMP-${randomCharacters(6)}`;
            if (used.has(candidate.toLowerCase())) continue;
            used.add(candidate.toLowerCase());
            reference = candidate;
          }
          cases.push({ ...c, reference });
        }
        await insertImported(tx, organisation, cases, today);
        await recordAudit(
          {
            organisationId: organisation.id,
            action: "representations.imported",
            actorStaffUserId: staff.id,
            subjectType: "representation",
            clientAddress: input.clientAddress,
            detail: { count: cases.length },
          },
          tx,
        );
        return { ok: true, count: cases.length } as const;
      });
    } catch (error) {
      // A made-up reference met one already here, or another import took a reference: the
      // transaction is undone; the next attempt sees the other import's references.
      if (!(error instanceof ReferenceTaken) || attempt >= 2) throw error;
    }
  }
}
