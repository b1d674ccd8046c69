// An invitation to have one's say about one event: a member of staff's (an IRO's to a child before
// their review, with a link and a short code), or the portal's own (a one-shot link emailed when a
// complaint closes). Where it has got to, and whether the link and code still open it. Every query
// is scoped by council, and a member of staff's views by the member of staff who invited.
import { formatDay } from "#app/utils/dates";
import { addDays, startOfLondonDay } from "#app/utils/dates";
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import { LANGUAGES, type Language } from "#db/schema/constants";
import { env } from "#app/config.server";
import { findForm } from "#app/forms/registry";
import { destinationOf } from "#app/destinations/registry";
import { isChildsOwn } from "#app/forms/types";
import {
  keyedHash,
  keyedHashes,
  normaliseCode,
  randomToken,
  shortCode,
} from "#app/utils/secrets.server";
import { recordAudit } from "./audit.server";
import { aimFact, LOOKED_AFTER_FACT } from "#app/forms/fgc-evaluations";

/** What a form may ask about a conference: its aims and whether the child was looked after. */
export function eventFactsOf(row: {
  aims: readonly string[] | null;
  lookedAfterAtReferral: boolean | null;
}): string[] {
  return [
    ...(row.aims ?? []).map(aimFact),
    ...(row.lookedAfterAtReferral ? [LOOKED_AFTER_FACT] : []),
  ];
}

export type Invitation = typeof schema.invitation.$inferSelect;

/** Where an invitation has got to, as an IRO would say it. */
export const INVITATION_STATUSES = ["sent", "opened", "in-progress", "submitted", "read"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** What an invitation is about. A new kind of event is a new word here and its words. */
export const EVENT_KINDS = [
  "review",
  "complaint-closed",
  "child-protection-conference",
  "family-group-conference",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type InvitationSummary = {
  id: string;
  childName: string | null;
  formId: string;
  language: Language;
  eventDate: string;
  createdAt: Date;
  expiresAt: Date;
  /** The link and code no longer work (the review day plus the grace days has passed). */
  expired: boolean;
  status: InvitationStatus;
  /** The booklet sent with this invitation, once there is one. */
  submissionId: string | null;
  /** A form for the child's parent or carer (the invitation is theirs, about the child). */
  forParent: boolean;
};

const LINK_PURPOSE = "invitation-link";
const CODE_PURPOSE = "invitation-code";

/**
 * When an invitation stops working: the end of the review day in the UK, plus the grace days
 * (a review that moves, or a child who is late, still gets through).
 */
export function invitationExpiry(eventDate: string, graceDays: number): Date {
  return startOfLondonDay(addDays(eventDate, graceDays + 1));
}

/** "Tuesday 9 June 2026" in the given language (a calendar date: no time zone can move it). */
export const formatReviewDate = (isoDate: string, language: string) =>
  formatDay(isoDate, language, "full");

// Creating and renewing ------------------------------------------------------------------------

export type NewInvitation = {
  organisationId: string;
  invitedBy: string;
  childName: string;
  formId: string;
  language: Language;
  /** What it is about; a review unless said. */
  eventKind?: EventKind;
  /** YYYY-MM-DD */
  eventDate: string;
  /** Which event, where staff name one (e.g. a conference's reference). */
  eventReference?: string;
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
  const form = findForm(input.formId);
  if (!form) throw new RangeError(`Unknown form ${input.formId}`);
  // An anonymous questionnaire about a review that has happened ("after your review") is
  // answered once, in the weeks after it; a booklet is for the days before the review.
  const afterTheEvent = destinationOf(form.destination).anonymous;
  const expiresAt = invitationExpiry(
    input.eventDate,
    afterTheEvent ? env().AFTER_REVIEW_DAYS : env().INVITATION_GRACE_DAYS,
  );
  for (let attempt = 1; ; attempt++) {
    const { secrets, hashes } = freshSecrets();
    const created = await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(schema.invitation)
        .values({
          organisationId: input.organisationId,
          invitedBy: input.invitedBy,
          childName: input.childName.trim(),
          formId: input.formId,
          language: input.language,
          eventKind: input.eventKind ?? "review",
          eventDate: input.eventDate,
          eventReference: input.eventReference?.trim() || null,
          oneShot: afterTheEvent,
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
            invitedBy: input.invitedBy,
            formId: input.formId,
            language: input.language,
            eventDate: input.eventDate,
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
 * The portal's own invitation, in the caller's transaction: a one-shot link (no code, nobody who
 * invited) for a person the portal writes to, such as a complainant when their case closes. The
 * plain token is returned once, for the email; only its keyed hash is kept.
 */
export async function createLinkInvitation(
  tx: Transaction,
  input: {
    organisationId: string;
    formId: string;
    language: Language;
    eventKind: EventKind;
    eventDate: string;
    representationId?: string;
    /** How many days the link works after the event. */
    openDays: number;
  },
): Promise<{ id: string; linkToken: string } | undefined> {
  const linkToken = randomToken();
  const [row] = await tx
    .insert(schema.invitation)
    .values({
      organisationId: input.organisationId,
      formId: input.formId,
      language: input.language,
      eventKind: input.eventKind,
      eventDate: input.eventDate,
      representationId: input.representationId ?? null,
      oneShot: true,
      linkTokenHash: keyedHash(LINK_PURPOSE, linkToken),
      expiresAt: invitationExpiry(input.eventDate, input.openDays),
    })
    .onConflictDoNothing()
    .returning({ id: schema.invitation.id });
  return row ? { id: row.id, linkToken } : undefined;
}

/**
 * "Make a new link and code": replaces both, so the old ones stop working at once, and returns
 * the new ones (once). Only the invitation's own IRO may; undefined when it is not theirs.
 */
export async function renewInvitationSecrets(input: {
  organisationId: string;
  invitedBy: string;
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
              eq(schema.invitation.invitedBy, input.invitedBy),
            ),
          )
          .returning({ id: schema.invitation.id });
        if (!row) return false;
        // Recorded as the invitation being issued again: the action names stay one list.
        await recordAudit(
          {
            organisationId: input.organisationId,
            action: "invitation.created",
            actorStaffUserId: input.invitedBy,
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
  answeredAt: Date | null;
}): InvitationStatus {
  if (row.firstReadAt) return "read";
  // An anonymous answer keeps no link to its invitation: the invitation says it was answered.
  if (row.submittedAt || row.answeredAt) return "submitted";
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
      eventDate: invitation.eventDate,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
      openedAt: invitation.openedAt,
      startedAt: invitation.startedAt,
      answeredAt: invitation.answeredAt,
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
    .orderBy(desc(invitation.eventDate), desc(invitation.createdAt));
  return rows.map((row): InvitationSummary => ({
    id: row.id,
    childName: row.childName,
    formId: row.formId,
    language: row.language as Language,
    eventDate: row.eventDate,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt.getTime() <= now.getTime(),
    status: statusOf(row),
    submissionId: row.submissionId,
    forParent: !isChildsOwn(findForm(row.formId) ?? { audience: "child" }),
  }));
}

/** One IRO's invitations, newest review first, each with where it has got to. */
export function listInvitations(input: {
  organisationId: string;
  invitedBy: string;
  now?: Date;
}): Promise<InvitationSummary[]> {
  return invitationsWithStatus(
    and(
      eq(schema.invitation.organisationId, input.organisationId),
      eq(schema.invitation.invitedBy, input.invitedBy),
      // A conference's invitations are on the conference's page.
      isNull(schema.invitation.conferenceId),
    ),
    input.now ?? new Date(),
  );
}

/** One invitation, only for its own IRO in their own council. */
export async function getInvitation(input: {
  organisationId: string;
  invitedBy: string;
  invitationId: string;
  now?: Date;
}): Promise<InvitationSummary | undefined> {
  if (!isUuid(input.invitationId)) return undefined;
  const [row] = await invitationsWithStatus(
    and(
      eq(schema.invitation.id, input.invitationId),
      eq(schema.invitation.organisationId, input.organisationId),
      eq(schema.invitation.invitedBy, input.invitedBy),
    ),
    input.now ?? new Date(),
  );
  return row;
}

// What a visit with the link or code finds ---------------------------------------------------

export type VisitorInvitation =
  | {
      status: "ok";
      invitation: {
        id: string;
        formId: string;
        language: Language;
        childName: string | null;
        eventDate: string;
        /** Who invited them, by name; null when the portal did (a closed complaint). */
        inviterName: string | null;
        /** A conference's invitation, used by everyone who was there. */
        conferenceId: string | null;
        /** What the forms may ask about the event (an FGC's aims). */
        eventFacts: string[];
      };
    }
  | { status: "expired"; inviterName: string | null }
  /** A one-shot invitation already answered: it opens nothing again. */
  | { status: "answered" }
  | { status: "unknown" };

/** Why a link or code opened nothing: unknown, stopped working, or (one-shot) already answered. */
export type InvitationTrouble =
  | { status: "unknown" }
  | { status: "answered" }
  | { status: "expired"; inviterName: string | null };

/**
 * Where a link's token was hashed under another name: the questionnaire links emailed before
 * invitations were one table (`/satisfaction/<token>`) keep working.
 */
export type LinkKind = "invitation" | "satisfaction";
const LINK_PURPOSES: Record<LinkKind, string> = {
  invitation: LINK_PURPOSE,
  satisfaction: "satisfaction",
};

/** The invitation a person's link or typed code opens, in this council only. */
export async function findInvitationForVisitor(
  organisationId: string,
  /** `invitationId`: a conference's, opened on the device handed round its room. */
  lookup: { token: string; kind?: LinkKind } | { code: string } | { invitationId: string },
  now: Date = new Date(),
): Promise<VisitorInvitation> {
  const match =
    "invitationId" in lookup
      ? isUuid(lookup.invitationId)
        ? eq(schema.invitation.id, lookup.invitationId)
        : undefined
      : "token" in lookup
        ? lookup.token
          ? inArray(
              schema.invitation.linkTokenHash,
              keyedHashes(LINK_PURPOSES[lookup.kind ?? "invitation"], lookup.token),
            )
          : undefined
        : normaliseCode(lookup.code)
          ? inArray(
              schema.invitation.codeHash,
              keyedHashes(CODE_PURPOSE, normaliseCode(lookup.code)),
            )
          : undefined;
  if (!match) return { status: "unknown" };
  const [row] = await db()
    .select({
      id: schema.invitation.id,
      formId: schema.invitation.formId,
      language: schema.invitation.language,
      childName: schema.invitation.childName,
      eventDate: schema.invitation.eventDate,
      expiresAt: schema.invitation.expiresAt,
      oneShot: schema.invitation.oneShot,
      answeredAt: schema.invitation.answeredAt,
      inviterName: schema.staffUser.name,
      conferenceId: schema.invitation.conferenceId,
      aims: schema.conference.aims,
      lookedAfterAtReferral: schema.conference.lookedAfterAtReferral,
    })
    .from(schema.invitation)
    .leftJoin(schema.staffUser, eq(schema.staffUser.id, schema.invitation.invitedBy))
    .leftJoin(schema.conference, eq(schema.conference.id, schema.invitation.conferenceId))
    .where(and(eq(schema.invitation.organisationId, organisationId), match));
  if (!row) return { status: "unknown" };
  if (row.oneShot && row.answeredAt) return { status: "answered" };
  if (row.expiresAt.getTime() <= now.getTime()) {
    return { status: "expired", inviterName: row.inviterName };
  }
  return {
    status: "ok",
    invitation: {
      id: row.id,
      formId: row.formId,
      language: row.language as Language,
      childName: row.childName,
      eventDate: row.eventDate,
      inviterName: row.inviterName,
      conferenceId: row.conferenceId,
      eventFacts: eventFactsOf(row),
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

/**
 * Whether a link and code the inviter's browser kept (for the hour after they were made) are
 * still the ones that work: a later "make a new link" elsewhere replaces them.
 */
export async function areCurrentSecrets(input: {
  organisationId: string;
  invitedBy: string;
  invitationId: string;
  secrets: IssuedSecrets;
}): Promise<boolean> {
  if (!isUuid(input.invitationId)) return false;
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
        eq(schema.invitation.invitedBy, input.invitedBy),
      ),
    );
  return Boolean(
    row?.codeHash &&
    keyedHashes(LINK_PURPOSE, input.secrets.linkToken).includes(row.linkTokenHash) &&
    keyedHashes(CODE_PURPOSE, normaliseCode(input.secrets.code)).includes(row.codeHash),
  );
}
