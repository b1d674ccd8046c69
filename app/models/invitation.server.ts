// An IRO's invitation to one child: the link and short code that open the child's booklet, where
// the invitation has got to, and the one-hour window in which the IRO can see (and print) the
// link and code after they are made. Every query is scoped by council, and IRO views by the IRO.
import { formatDay } from "#app/utils/dates";
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#db/client";
import { LANGUAGES, type Language } from "#db/schema/constants";
import { env } from "#app/config.server";
import { readCookie } from "#app/utils/cookies.server";
import { cookieNameOf, maxAgeOf } from "#app/privacy/cookies";
import {
  keyedHash,
  keyedHashes,
  normaliseCode,
  randomToken,
  seal,
  shortCode,
  unseal,
} from "#app/utils/secrets.server";
import { recordAudit } from "./audit.server";

export type Invitation = typeof schema.invitation.$inferSelect;

/** Where an invitation has got to, as an IRO would say it. */
export const INVITATION_STATUSES = ["sent", "opened", "in-progress", "submitted", "read"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export type InvitationSummary = {
  id: string;
  childName: string;
  formId: string;
  language: Language;
  reviewDate: string;
  createdAt: Date;
  expiresAt: Date;
  /** The link and code no longer work (the review day plus the grace days has passed). */
  expired: boolean;
  status: InvitationStatus;
  /** The booklet sent with this invitation, once there is one. */
  submissionId: string | null;
};

const LINK_PURPOSE = "invitation-link";
const CODE_PURPOSE = "invitation-code";
const MS_PER_DAY = 86_400_000;

// Calendar dates ------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateParts(isoDate: string): [number, number, number] {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = dateParts(isoDate);
  return new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

const londonHour = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  hourCycle: "h23",
});

/**
 * The moment a calendar day starts in the UK. Clocks change at 01:00 UTC, so the offset at UTC
 * midnight is also the offset at UK midnight.
 */
function startOfLondonDay(isoDate: string): Date {
  const [y, m, d] = dateParts(isoDate);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const offsetHours = Number(londonHour.format(utcMidnight));
  return new Date(utcMidnight - offsetHours * 3_600_000);
}

/**
 * When an invitation stops working: the end of the review day in the UK, plus the grace days
 * (a review that moves, or a child who is late, still gets through).
 */
export function invitationExpiry(reviewDate: string, graceDays: number): Date {
  return startOfLondonDay(addDays(reviewDate, graceDays + 1));
}

/** "Tuesday 9 June 2026" in the given language (a calendar date: no time zone can move it). */
export const formatReviewDate = (isoDate: string, language: string) =>
  formatDay(isoDate, language, "full");

// Creating and renewing ------------------------------------------------------------------------

export type NewInvitation = {
  organisationId: string;
  iroStaffUserId: string;
  childName: string;
  formId: string;
  language: Language;
  /** YYYY-MM-DD */
  reviewDate: string;
  createdBy: string;
  clientAddress?: string;
};

export type IssuedSecrets = { linkToken: string; code: string };

function freshSecrets() {
  const linkToken = randomToken();
  const code = shortCode();
  return {
    secrets: { linkToken, code },
    hashes: {
      linkTokenHash: keyedHash(LINK_PURPOSE, linkToken),
      codeHash: keyedHash(CODE_PURPOSE, normaliseCode(code)),
    },
  };
}

/** A unique-constraint clash (a repeated code: about 1 in 10^12), seen through drizzle's wrapper. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

const ATTEMPTS = 5;

/**
 * Makes an invitation with a new link and code. Only their keyed hashes are stored; the plain
 * link token and code are returned once, for the IRO to give to the child.
 */
export async function createInvitation(
  input: NewInvitation,
): Promise<{ invitation: Invitation; linkToken: string; code: string }> {
  if (!(LANGUAGES as readonly string[]).includes(input.language)) {
    throw new RangeError(`Unknown language ${input.language}`);
  }
  const expiresAt = invitationExpiry(input.reviewDate, env().INVITATION_GRACE_DAYS);
  for (let attempt = 1; ; attempt++) {
    const { secrets, hashes } = freshSecrets();
    const created = await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(schema.invitation)
        .values({
          organisationId: input.organisationId,
          iroStaffUserId: input.iroStaffUserId,
          childName: input.childName.trim(),
          formId: input.formId,
          language: input.language,
          reviewDate: input.reviewDate,
          ...hashes,
          expiresAt,
          createdBy: input.createdBy,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return undefined;
      await recordAudit(
        {
          organisationId: input.organisationId,
          action: "invitation.created",
          actorStaffUserId: input.createdBy,
          subjectType: "invitation",
          subjectId: row.id,
          clientAddress: input.clientAddress,
          detail: {
            iroStaffUserId: input.iroStaffUserId,
            formId: input.formId,
            language: input.language,
            reviewDate: input.reviewDate,
          },
        },
        tx,
      );
      return row;
    });
    if (created) return { invitation: created, ...secrets };
    if (attempt >= ATTEMPTS) throw new Error("Could not make a unique invitation code");
  }
}

/**
 * "Make a new link and code": replaces both, so the old ones stop working at once, and returns
 * the new ones (once). Only the invitation's own IRO may; undefined when it is not theirs.
 */
export async function renewInvitationSecrets(input: {
  organisationId: string;
  iroStaffUserId: string;
  invitationId: string;
  clientAddress?: string;
}): Promise<IssuedSecrets | undefined> {
  if (!isUuid(input.invitationId)) return undefined;
  for (let attempt = 1; ; attempt++) {
    const { secrets, hashes } = freshSecrets();
    try {
      const renewed = await db().transaction(async (tx) => {
        const [row] = await tx
          .update(schema.invitation)
          .set(hashes)
          .where(
            and(
              eq(schema.invitation.id, input.invitationId),
              eq(schema.invitation.organisationId, input.organisationId),
              eq(schema.invitation.iroStaffUserId, input.iroStaffUserId),
            ),
          )
          .returning({ id: schema.invitation.id });
        if (!row) return false;
        // Recorded as the invitation being issued again: the action names stay one list.
        await recordAudit(
          {
            organisationId: input.organisationId,
            action: "invitation.created",
            actorStaffUserId: input.iroStaffUserId,
            subjectType: "invitation",
            subjectId: row.id,
            clientAddress: input.clientAddress,
            detail: { renewed: true },
          },
          tx,
        );
        return true;
      });
      return renewed ? secrets : undefined;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

// What the IRO sees ---------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything that is not a UUID cannot be one of ours (and must not reach SQL). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function statusOf(row: {
  openedAt: Date | null;
  startedAt: Date | null;
  submittedAt: Date | null;
  firstReadAt: Date | null;
}): InvitationStatus {
  if (row.firstReadAt) return "read";
  if (row.submittedAt) return "submitted";
  if (row.startedAt) return "in-progress";
  if (row.openedAt) return "opened";
  return "sent";
}

async function invitationsWithStatus(where: SQL | undefined, now: Date) {
  const { invitation, submission } = schema;
  const rows = await db()
    .select({
      id: invitation.id,
      childName: invitation.childName,
      formId: invitation.formId,
      language: invitation.language,
      reviewDate: invitation.reviewDate,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
      openedAt: invitation.openedAt,
      startedAt: invitation.startedAt,
      submittedAt: sql<Date | null>`max(${submission.submittedAt})`.mapWith(submission.submittedAt),
      firstReadAt: sql<Date | null>`max(${submission.firstReadAt})`.mapWith(submission.firstReadAt),
      submissionId: sql<
        string | null
      >`(array_agg(${submission.id}::text order by ${submission.submittedAt} desc))[1]`,
    })
    .from(invitation)
    .leftJoin(
      submission,
      and(
        eq(submission.invitationId, invitation.id),
        eq(submission.organisationId, invitation.organisationId),
      ),
    )
    .where(where)
    .groupBy(invitation.id)
    .orderBy(desc(invitation.reviewDate), desc(invitation.createdAt));
  return rows.map((row): InvitationSummary => ({
    id: row.id,
    childName: row.childName,
    formId: row.formId,
    language: row.language as Language,
    reviewDate: row.reviewDate,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt.getTime() <= now.getTime(),
    status: statusOf(row),
    submissionId: row.submissionId,
  }));
}

/** One IRO's invitations, newest review first, each with where it has got to. */
export function listInvitations(input: {
  organisationId: string;
  iroStaffUserId: string;
  now?: Date;
}): Promise<InvitationSummary[]> {
  return invitationsWithStatus(
    and(
      eq(schema.invitation.organisationId, input.organisationId),
      eq(schema.invitation.iroStaffUserId, input.iroStaffUserId),
    ),
    input.now ?? new Date(),
  );
}

/** One invitation, only for its own IRO in their own council. */
export async function getInvitation(input: {
  organisationId: string;
  iroStaffUserId: string;
  invitationId: string;
  now?: Date;
}): Promise<InvitationSummary | undefined> {
  if (!isUuid(input.invitationId)) return undefined;
  const [row] = await invitationsWithStatus(
    and(
      eq(schema.invitation.id, input.invitationId),
      eq(schema.invitation.organisationId, input.organisationId),
      eq(schema.invitation.iroStaffUserId, input.iroStaffUserId),
    ),
    input.now ?? new Date(),
  );
  return row;
}

// What the child's visit finds ----------------------------------------------------------------

export type VisitorInvitation =
  | {
      status: "ok";
      invitation: {
        id: string;
        formId: string;
        language: Language;
        childName: string;
        reviewDate: string;
        iroName: string;
      };
    }
  | { status: "expired"; iroName: string; childName: string }
  | { status: "unknown" };

/** The invitation a child's link or typed code opens, in this council only. */
export async function findInvitationForVisitor(
  organisationId: string,
  lookup: { token: string } | { code: string },
  now: Date = new Date(),
): Promise<VisitorInvitation> {
  const match =
    "token" in lookup
      ? lookup.token
        ? inArray(schema.invitation.linkTokenHash, keyedHashes(LINK_PURPOSE, lookup.token))
        : undefined
      : normaliseCode(lookup.code)
        ? inArray(schema.invitation.codeHash, keyedHashes(CODE_PURPOSE, normaliseCode(lookup.code)))
        : undefined;
  if (!match) return { status: "unknown" };
  const [row] = await db()
    .select({
      id: schema.invitation.id,
      formId: schema.invitation.formId,
      language: schema.invitation.language,
      childName: schema.invitation.childName,
      reviewDate: schema.invitation.reviewDate,
      expiresAt: schema.invitation.expiresAt,
      iroName: schema.staffUser.name,
    })
    .from(schema.invitation)
    .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.invitation.iroStaffUserId))
    .where(and(eq(schema.invitation.organisationId, organisationId), match));
  if (!row) return { status: "unknown" };
  if (row.expiresAt.getTime() <= now.getTime()) {
    return { status: "expired", iroName: row.iroName, childName: row.childName };
  }
  return {
    status: "ok",
    invitation: {
      id: row.id,
      formId: row.formId,
      language: row.language as Language,
      childName: row.childName,
      reviewDate: row.reviewDate,
      iroName: row.iroName,
    },
  };
}

const sameCouncil = (organisationId?: string) =>
  organisationId ? eq(schema.invitation.organisationId, organisationId) : undefined;

/** The child has opened the link or typed the code (the first time only is kept). */
export async function markInvitationOpened(id: string, organisationId?: string): Promise<void> {
  if (!isUuid(id)) return;
  await db()
    .update(schema.invitation)
    .set({ openedAt: new Date() })
    .where(
      and(
        eq(schema.invitation.id, id),
        isNull(schema.invitation.openedAt),
        sameCouncil(organisationId),
      ),
    );
}

/** The child has answered a first question (the first time only is kept). */
export async function markInvitationStarted(id: string, organisationId?: string): Promise<void> {
  if (!isUuid(id)) return;
  // the database's clock for both, so that "opened" is never after "started"
  await db()
    .update(schema.invitation)
    .set({ startedAt: sql`now()`, openedAt: sql`coalesce(${schema.invitation.openedAt}, now())` })
    .where(
      and(
        eq(schema.invitation.id, id),
        isNull(schema.invitation.startedAt),
        sameCouncil(organisationId),
      ),
    );
}

// Showing the link and code once ---------------------------------------------------------------

/** How long the IRO can see (and print) a new link and code. */
export const ISSUED_SECRETS_SECONDS = maxAgeOf("invitationSecrets");

const secretsCookieName = (production: boolean) =>
  // Scoped to the invitation's path, so __Host- (which needs Path=/) cannot be used.
  cookieNameOf("invitationSecrets", production);

export const invitationPath = (invitationId: string) => `/staff/invitations/${invitationId}`;

type SealedSecrets = { i: string; s: string; t: string; c: string; e: number };

/**
 * A Set-Cookie header that lets this IRO's browser show the new link and code for an hour, on
 * this invitation's pages only. The cookie is sealed with the server's key, HttpOnly and
 * SameSite=Strict; nothing is stored on the server.
 */
export function issuedSecretsCookie(input: {
  production: boolean;
  invitationId: string;
  staffUserId: string;
  secrets: IssuedSecrets;
  now?: Date;
}): string {
  const payload: SealedSecrets = {
    i: input.invitationId,
    s: input.staffUserId,
    t: input.secrets.linkToken,
    c: input.secrets.code,
    e: (input.now ?? new Date()).getTime() + ISSUED_SECRETS_SECONDS * 1000,
  };
  return [
    `${secretsCookieName(input.production)}=${seal(JSON.stringify(payload))}`,
    `Path=${invitationPath(input.invitationId)}`,
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${ISSUED_SECRETS_SECONDS}`,
    ...(input.production ? ["Secure"] : []),
  ].join("; ");
}

/**
 * The link and code made for this invitation in the last hour, from this browser's cookie, if
 * they are still the ones that work (a later "make a new link" elsewhere replaces them).
 */
export async function readIssuedSecrets(
  request: Request,
  input: {
    production: boolean;
    organisationId: string;
    staffUserId: string;
    invitationId: string;
    now?: Date;
  },
): Promise<(IssuedSecrets & { visibleUntil: Date }) | undefined> {
  const sealed = readCookie(request.headers.get("Cookie"), secretsCookieName(input.production));
  if (!sealed || !isUuid(input.invitationId)) return undefined;
  let payload: SealedSecrets;
  try {
    payload = JSON.parse(unseal(sealed)) as SealedSecrets;
  } catch {
    return undefined;
  }
  const now = input.now ?? new Date();
  if (
    payload.i !== input.invitationId ||
    payload.s !== input.staffUserId ||
    typeof payload.t !== "string" ||
    typeof payload.c !== "string" ||
    !(payload.e > now.getTime())
  ) {
    return undefined;
  }
  const [row] = await db()
    .select({
      linkTokenHash: schema.invitation.linkTokenHash,
      codeHash: schema.invitation.codeHash,
    })
    .from(schema.invitation)
    .where(
      and(
        eq(schema.invitation.id, input.invitationId),
        eq(schema.invitation.organisationId, input.organisationId),
        eq(schema.invitation.iroStaffUserId, input.staffUserId),
      ),
    );
  if (
    !row ||
    !keyedHashes(LINK_PURPOSE, payload.t).includes(row.linkTokenHash) ||
    !keyedHashes(CODE_PURPOSE, normaliseCode(payload.c)).includes(row.codeHash)
  ) {
    return undefined;
  }
  return { linkToken: payload.t, code: payload.c, visibleUntil: new Date(payload.e) };
}
