// Refusals: a member of staff (or a visitor) asked for something that was not theirs, or sent a
// form without its anti-forgery token. Each is one "access.refused" audit entry; a manager sees
// the accounts that keep being refused, by page.
import { and, count, desc, eq, gte, isNotNull, max, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { replaceUnusualCharacters } from "#app/utils/plain-text";
import { recordAudit } from "./audit.server";

/**
 * Why it was refused: "item" (not theirs, or not there: answered "not found"), "csrf" (a form
 * without its token) or "permission" (a page their role does not allow, written by requireStaff).
 */
export type RefusalKind = "item" | "csrf" | "permission";

export type Refusal = {
  organisationId: string;
  kind: Exclude<RefusalKind, "permission">;
  /** The member of staff signed in, if any. */
  actorStaffUserId: string | null;
  /** The page asked for (the address's path, without its query). */
  path: string;
  /** What was asked for, e.g. "submission" and the id in the address. */
  subjectType?: string;
  subjectId?: string;
  /** Kept only for a signed-in member of staff: a public visitor's address is not kept. */
  clientAddress?: string;
};

/** Text from an address, made safe and short enough to keep. */
const kept = (text: string, limit: number) => replaceUnusualCharacters(text).slice(0, limit);

/** Writes one refusal to the audit trail. */
export async function recordRefusal(refusal: Refusal): Promise<void> {
  const signedIn = refusal.actorStaffUserId !== null;
  await recordAudit({
    organisationId: refusal.organisationId,
    action: "access.refused",
    actorStaffUserId: refusal.actorStaffUserId,
    subjectType: refusal.subjectType,
    subjectId: refusal.subjectId === undefined ? undefined : kept(refusal.subjectId, 100),
    clientAddress: signedIn ? refusal.clientAddress : undefined,
    detail: { kind: refusal.kind, path: kept(refusal.path, 300) },
  });
}

export type RepeatedRefusal = {
  staffUserId: string;
  name: string;
  email: string;
  path: string;
  refusals: number;
  kinds: RefusalKind[];
  lastAt: Date;
};

/**
 * Accounts of one council refused since a moment, by account and page, the most recent first:
 * one page of rows (counted and cut in the database) and how many rows there are in all.
 */
export async function listRepeatedRefusals(input: {
  organisationId: string;
  since: Date;
  limit: number;
  offset: number;
}): Promise<{ rows: RepeatedRefusal[]; total: number }> {
  const { auditEvent, staffUser } = schema;
  // One page whatever item it was asked for: an id in the address (a uuid, a long token or a
  // number) shows as "…", so an account trying many ids is one row with their count.
  const path = sql<string>`regexp_replace(coalesce(${auditEvent.detail}->>'path', ''),
    '/([0-9A-Fa-f-]{36}|[0-9A-Za-z_-]{20,}|[0-9]+)(/|$)', '/…\\2', 'g')`;
  const kind = sql<string>`coalesce(${auditEvent.detail}->>'kind', 'permission')`;
  const where = and(
    eq(auditEvent.organisationId, input.organisationId),
    eq(auditEvent.action, "access.refused"),
    gte(auditEvent.at, input.since),
    isNotNull(auditEvent.actorStaffUserId),
  );
  const grouped = db()
    .select({
      staffUserId: staffUser.id,
      name: staffUser.name,
      email: staffUser.email,
      path: sql<string>`${path}`.as("path"),
      refusals: count().as("refusals"),
      kinds: sql<string[]>`array_agg(distinct ${kind} order by ${kind})`.as("kinds"),
      lastAt: max(auditEvent.at).as("last_at"),
    })
    .from(auditEvent)
    // The account must be of the same council as the entry: nothing of another council shows.
    .innerJoin(
      staffUser,
      and(
        eq(staffUser.id, auditEvent.actorStaffUserId),
        eq(staffUser.organisationId, auditEvent.organisationId),
      ),
    )
    .where(where)
    .groupBy(staffUser.id, staffUser.name, staffUser.email, path)
    .as("grouped");
  const [rows, [counted]] = await Promise.all([
    db()
      .select()
      .from(grouped)
      .orderBy(desc(grouped.lastAt), grouped.name, grouped.path)
      .limit(input.limit)
      .offset(input.offset),
    db().select({ total: count() }).from(grouped),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row,
      refusals: Number(row.refusals),
      kinds: row.kinds as RefusalKind[],
      lastAt: new Date(row.lastAt as Date | string),
    })),
    total: Number(counted?.total ?? 0),
  };
}
