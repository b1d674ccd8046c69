// The retention schedule: every kind of record the portal keeps, how long it is kept by
// default, what it holds and who can see it. One source for the purge (app/models/retention)
// and the privacy notice, so they cannot drift. A council may keep a kind for a different number
// of days (`organisation.retention`); what it holds and who sees it are the same everywhere.

/** Every kind of record, in the order the privacy notice lists them. */
export const RECORD_KINDS = [
  "formsSent",
  "closedCases",
  "advocacyReferrals",
  "satisfactionAnswers",
  "invitations",
  "drafts",
  "emailBodies",
  "emailRecords",
  "auditEntries",
  "staffSessions",
  "rateLimits",
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

/** Who can see a kind of record (words in `legal:privacy.whoSees.<key>`). */
export type Viewers =
  | "iroAndManagers"
  | "complaintsStaff"
  | "advocacyProvider"
  | "complaintsOfficer"
  | "onlyYou"
  | "administrators"
  | "auditReaders"
  | "nobody";

export type RetentionRule = {
  kind: RecordKind;
  /** Days kept when the council has not chosen otherwise (0: as soon as `countsFrom`). */
  defaultDays: number;
  /**
   * The moment the days count from (words in `legal:privacy.from.<key>`). A record that has not
   * reached that moment (a case still open, an email not yet sent) is kept.
   */
  countsFrom:
    | "sent"
    | "closed"
    | "received"
    | "invited"
    | "linkStops"
    | "lastChanged"
    | "delivered"
    | "deliveredOrGivenUp"
    | "written"
    | "signedOut"
    | "windowEnds";
  /** Who can see it while it is kept. */
  seenBy: Viewers;
  /** False where the record is not one council's (limit counters are shared by all). */
  councilMayChange: boolean;
};

const YEAR = 365;

/**
 * Defaults for an English or Welsh council (the reasons are in the project's decision records):
 * complaint records and the audit trail for 6 years (the Limitation Act period the Local
 * Government Ombudsman and councils' own schedules use); working copies that staff copy into
 * the child's record in shorter periods.
 */
export const RETENTION_SCHEDULE: readonly RetentionRule[] = [
  {
    kind: "formsSent",
    defaultDays: 2 * YEAR,
    countsFrom: "sent",
    seenBy: "iroAndManagers",
    councilMayChange: true,
  },
  {
    kind: "closedCases",
    defaultDays: 6 * YEAR,
    countsFrom: "closed",
    seenBy: "complaintsStaff",
    councilMayChange: true,
  },
  {
    kind: "advocacyReferrals",
    defaultDays: 6 * YEAR,
    countsFrom: "received",
    seenBy: "advocacyProvider",
    councilMayChange: true,
  },
  {
    kind: "satisfactionAnswers",
    defaultDays: 2 * YEAR,
    countsFrom: "sent",
    seenBy: "complaintsOfficer",
    councilMayChange: true,
  },
  {
    kind: "invitations",
    defaultDays: YEAR,
    countsFrom: "linkStops",
    seenBy: "iroAndManagers",
    councilMayChange: true,
  },
  // As long as a saved form can be carried on: the deployment's DRAFT_DAYS (30 by default).
  {
    kind: "drafts",
    defaultDays: 30,
    countsFrom: "lastChanged",
    seenBy: "onlyYou",
    councilMayChange: false,
  },
  {
    kind: "emailBodies",
    defaultDays: 30,
    countsFrom: "delivered",
    seenBy: "administrators",
    councilMayChange: true,
  },
  {
    kind: "emailRecords",
    defaultDays: YEAR,
    countsFrom: "deliveredOrGivenUp",
    seenBy: "administrators",
    councilMayChange: true,
  },
  {
    kind: "auditEntries",
    defaultDays: 6 * YEAR,
    countsFrom: "written",
    seenBy: "auditReaders",
    councilMayChange: true,
  },
  {
    kind: "staffSessions",
    defaultDays: 30,
    countsFrom: "signedOut",
    seenBy: "nobody",
    councilMayChange: true,
  },
  // Deleted as soon as their window (at most an hour) ends, by housekeeping every 15 minutes.
  {
    kind: "rateLimits",
    defaultDays: 0,
    countsFrom: "windowEnds",
    seenBy: "nobody",
    councilMayChange: false,
  },
];

/** The fewest and most days a council may choose (1 day to 100 years). */
export const MIN_DAYS = 1;
export const MAX_DAYS = 36_500;

export type RetentionDays = Record<RecordKind, number>;

const isRecordKind = (key: string): key is RecordKind =>
  (RECORD_KINDS as readonly string[]).includes(key);

/**
 * The days each kind is kept for one council: its own choices where they are whole numbers of
 * days in range and the kind is the council's to change, the defaults everywhere else. Drafts
 * last as long as the deployment lets a saved form be carried on (DRAFT_DAYS).
 */
export function retentionDaysFor(
  overrides: unknown,
  deployment: { draftDays?: number } = {},
): RetentionDays {
  const days = Object.fromEntries(
    RETENTION_SCHEDULE.map((rule) => [rule.kind, rule.defaultDays]),
  ) as RetentionDays;
  if (deployment.draftDays !== undefined) days.drafts = deployment.draftDays;
  if (!overrides || typeof overrides !== "object" || Array.isArray(overrides)) return days;
  for (const [key, value] of Object.entries(overrides)) {
    if (!isRecordKind(key)) continue;
    const rule = RETENTION_SCHEDULE.find((r) => r.kind === key);
    if (!rule?.councilMayChange) continue;
    if (
      typeof value === "number" &&
      Number.isInteger(value) &&
      value >= MIN_DAYS &&
      value <= MAX_DAYS
    )
      days[key] = value;
  }
  return days;
}

/** A period in the largest whole unit that fits: 730 days reads as 2 years. */
export function periodOf(days: number): { unit: "years" | "days"; count: number } {
  return days % YEAR === 0 ? { unit: "years", count: days / YEAR } : { unit: "days", count: days };
}
