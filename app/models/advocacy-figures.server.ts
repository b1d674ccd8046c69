// The advocacy figures for a reporting year (April to March): requests for an advocate received,
// how many were in touch within 1 working day, the children's status and how the referrals ended.
// Counted in the database, one council at a time, for the council's advocacy provider and its
// managers (permission "advocacy:figures"). The page and its CSV file read the same figures and
// show them as the same tables (docs/decisions/047-advocacy-to-its-end.md).
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { ReportTable } from "#app/complaints/annual-report";
import { startOfLondonDay, type IsoDate } from "#app/utils/dates";
import { db, schema } from "#db/client";
import {
  ADVOCACY_CHILD_STATUSES,
  ADVOCACY_OUTCOMES,
  type AdvocacyChildStatus,
  type AdvocacyOutcome,
} from "#db/schema/constants";
import { recordAudit } from "./audit.server";
import type { StaffActor } from "./inbox.server";
import type { Organisation } from "./organisation.server";
import { can } from "./permissions";

/** A referral whose child's status was never recorded (closed without contact, or still open). */
export const NOT_RECORDED = "not-recorded";
/** A referral not closed yet. */
export const STILL_OPEN = "still-open";

export type AdvocacyFigures = {
  /** The April the reporting year starts in. */
  startYear: number;
  /** Referrals received in the year (by the UK day they arrived). */
  received: number;
  /**
   * Of those: in touch by the next working day after receipt (first contact on or before the day
   * it was due), in touch later, and no first contact recorded (open or closed).
   */
  contact: { inTime: number; late: number; notContacted: number };
  byChildStatus: { status: AdvocacyChildStatus | typeof NOT_RECORDED; referrals: number }[];
  byOutcome: { outcome: AdvocacyOutcome | typeof STILL_OPEN; referrals: number }[];
};

/**
 * The year's figures; null for anyone but the council's advocacy provider and managers. Every
 * look, on the page or as a file, is audited.
 */
export async function advocacyFigures(input: {
  organisation: Pick<Organisation, "id">;
  staff: StaffActor;
  startYear: number;
  clientAddress?: string;
  /** "page" or "csv", for the audit. */
  format?: "page" | "csv";
}): Promise<AdvocacyFigures | null> {
  const { organisation, staff, startYear } = input;
  if (staff.organisationId !== organisation.id || !can(staff.roles, "advocacy:figures"))
    return null;
  const from: IsoDate = `${startYear}-04-01`;
  const until: IsoDate = `${startYear + 1}-04-01`;
  const { advocacyReferral: referral } = schema;
  const inPeriod = and(
    eq(referral.organisationId, organisation.id),
    gte(referral.receivedAt, startOfLondonDay(from)),
    lt(referral.receivedAt, startOfLondonDay(until)),
  );
  const count = sql<number>`count(*)::int`;
  const [[totals], byStatus, byOutcome] = await Promise.all([
    db()
      .select({
        received: count,
        inTime: sql<number>`(count(*) filter (where ${referral.firstContactOn} <= ${referral.contactDueOn}))::int`,
        late: sql<number>`(count(*) filter (where ${referral.firstContactOn} > ${referral.contactDueOn}))::int`,
        notContacted: sql<number>`(count(*) filter (where ${referral.firstContactOn} is null))::int`,
      })
      .from(referral)
      .where(inPeriod),
    db()
      .select({ status: referral.childStatus, referrals: count })
      .from(referral)
      .where(inPeriod)
      .groupBy(referral.childStatus),
    db()
      .select({ outcome: referral.outcome, referrals: count })
      .from(referral)
      .where(inPeriod)
      .groupBy(referral.outcome),
  ]);
  await recordAudit({
    organisationId: organisation.id,
    action: "report.viewed",
    actorStaffUserId: staff.id,
    subjectType: "report",
    clientAddress: input.clientAddress,
    detail: { report: "advocacy-figures", from, until, format: input.format ?? "page" },
  });
  const statuses = new Map(byStatus.map((row) => [row.status, Number(row.referrals)]));
  const outcomes = new Map(byOutcome.map((row) => [row.outcome, Number(row.referrals)]));
  return {
    startYear,
    received: Number(totals?.received ?? 0),
    contact: {
      inTime: Number(totals?.inTime ?? 0),
      late: Number(totals?.late ?? 0),
      notContacted: Number(totals?.notContacted ?? 0),
    },
    byChildStatus: [
      ...ADVOCACY_CHILD_STATUSES.map((status) => ({
        status,
        referrals: statuses.get(status) ?? 0,
      })),
      { status: NOT_RECORDED, referrals: statuses.get(null) ?? 0 },
    ],
    byOutcome: [
      ...ADVOCACY_OUTCOMES.map((outcome) => ({ outcome, referrals: outcomes.get(outcome) ?? 0 })),
      { outcome: STILL_OPEN, referrals: outcomes.get(null) ?? 0 },
    ],
  };
}

/** The order the tables appear in, on the page and in the CSV file. */
export const ADVOCACY_TABLE_IDS = ["contact", "child-status", "outcome"] as const;

/**
 * The figures as the report tables the page shows and the CSV file holds. Ids are labels:
 * "table:contact", "dimension:contact", "contact:in-time", "status:in-care", "outcome:achieved".
 */
export function advocacyTables(figures: AdvocacyFigures): ReportTable[] {
  const table = (id: string, rows: [string, number][]): ReportTable => ({
    id,
    rowDimensions: [id],
    columns: ["referrals"],
    rows: rows.map(([label, referrals]) => ({ labels: [label], cells: [referrals] })),
    totals: [figures.received],
  });
  return [
    table("contact", [
      ["contact:in-time", figures.contact.inTime],
      ["contact:late", figures.contact.late],
      ["contact:none", figures.contact.notContacted],
    ]),
    table(
      "child-status",
      figures.byChildStatus.map((row) => [`status:${row.status}`, row.referrals]),
    ),
    table(
      "outcome",
      figures.byOutcome.map((row) => [`outcome:${row.outcome}`, row.referrals]),
    ),
  ];
}
