import { and, eq, lte, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { db, schema } from "#db/client";
import { env } from "#app/config.server";
import { keyedHash } from "#app/utils/secrets.server";

export type Limit = { key: string; max: number; windowSeconds: number };
/** After counting one event: `blocked` when it is past `max` (so `max` events are allowed). */
export type LimitState = { blocked: boolean; retryAfterSeconds: number; count: number };

/**
 * A visitor's address as it appears in a limit's key: a keyed hash, never the address itself,
 * so the table cannot be read back (or joined) to addresses. Rows go when their window ends.
 */
export function addressKey(clientAddress: string): string {
  return keyedHash("rate-address", clientAddress);
}

function stateOf(count: number, resetAt: Date, max: number): LimitState {
  const retryAfterSeconds = Math.max(0, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  return { blocked: count > max, retryAfterSeconds, count };
}

/**
 * Counts one event in a fixed window shared by every instance (one atomic upsert; a row whose
 * window has ended starts again at 1). Count first, then act only when not `blocked`: parallel
 * attempts cannot all slip under the limit.
 */
export async function countAgainstLimit(limit: Limit): Promise<LimitState> {
  const window = sql`make_interval(secs => ${limit.windowSeconds})`;
  const expired = sql`${schema.rateLimit.resetAt} <= now()`;
  const [row] = await db()
    .insert(schema.rateLimit)
    .values({ key: limit.key, count: 1, resetAt: sql`now() + ${window}` })
    .onConflictDoUpdate({
      target: schema.rateLimit.key,
      set: {
        count: sql`case when ${expired} then 1 else ${schema.rateLimit.count} + 1 end`,
        resetAt: sql`case when ${expired} then now() + ${window} else ${schema.rateLimit.resetAt} end`,
      },
    })
    .returning();
  if (!row) throw new Error("rate limit upsert returned nothing");
  return stateOf(row.count, row.resetAt, limit.max);
}

export async function clearLimit(key: string): Promise<void> {
  await db().delete(schema.rateLimit).where(eq(schema.rateLimit.key, key));
}

/**
 * Takes back one event counted in the window (an attempt that turned out not to count). A row
 * counting nothing is deleted, so a right code leaves no trace of the address that typed it.
 */
export async function uncount(key: string): Promise<void> {
  await db()
    .delete(schema.rateLimit)
    .where(and(eq(schema.rateLimit.key, key), lte(schema.rateLimit.count, 1)));
  await db()
    .update(schema.rateLimit)
    .set({ count: sql`greatest(${schema.rateLimit.count} - 1, 0)` })
    .where(eq(schema.rateLimit.key, key));
}

/** Deletes every limit whose window has ended (housekeeping); how many went. */
export async function purgeExpiredLimits(): Promise<number> {
  const gone = await db()
    .delete(schema.rateLimit)
    .where(lte(schema.rateLimit.resetAt, sql`now()`))
    .returning({ key: schema.rateLimit.key });
  return gone.length;
}

/**
 * Counts every limit that `wanted` gives (rows of key, max, window_seconds) in one statement,
 * each as `countAgainstLimit` counts one; true when any is now past its `max`.
 */
async function countAgainstLimits(wanted: SQL): Promise<boolean> {
  const limit = schema.rateLimit;
  const expired = sql`${limit}.${sql.identifier(limit.resetAt.name)} <= now()`;
  const result = await db().execute<{ over: boolean }>(sql`
    with wanted as (${wanted}),
    counted as (
      insert into ${limit} (${sql.identifier(limit.key.name)}, ${sql.identifier(limit.count.name)}, ${sql.identifier(limit.resetAt.name)})
      select wanted.key, 1, now() + make_interval(secs => wanted.window_seconds) from wanted
      on conflict (${sql.identifier(limit.key.name)}) do update set
        ${sql.identifier(limit.count.name)} = case when ${expired} then 1 else ${limit}.${sql.identifier(limit.count.name)} + 1 end,
        ${sql.identifier(limit.resetAt.name)} = case when ${expired} then excluded.${sql.identifier(limit.resetAt.name)} else ${limit}.${sql.identifier(limit.resetAt.name)} end
      returning ${sql.identifier(limit.key.name)} as key, ${sql.identifier(limit.count.name)} as count
    )
    select coalesce(bool_or(counted.count > wanted.max), false) as over
    from counted join wanted on wanted.key = counted.key`);
  const rows = Array.isArray(result) ? result : (result as { rows: { over: boolean }[] }).rows;
  return rows[0]?.over === true;
}

/** Limits as rows of (key, max, window_seconds), for `countAgainstLimits`. */
const rowsOf = (limits: Limit[]) =>
  sql.join(
    limits.map((l) => sql`(${l.key}::text, ${l.max}::integer, ${l.windowSeconds}::integer)`),
    sql`, `,
  );

const HOUR = 60 * 60;

/** The address's (and for sending, the browser's) limits on public forms. */
function visitorLimits(
  what: "send" | "start",
  visitor: { organisation: { id: string }; clientAddress: string; csrfToken: string },
): Limit[] {
  const config = env();
  const council = visitor.organisation.id;
  const address = addressKey(visitor.clientAddress);
  return [
    what === "send"
      ? { key: `send:${council}:${address}`, max: config.SEND_ADDRESS_LIMIT }
      : { key: `start:${council}:${address}`, max: config.START_ADDRESS_LIMIT },
    ...(what === "send"
      ? [
          {
            key: `send-browser:${council}:${keyedHash("rate-browser", visitor.csrfToken)}`,
            max: config.SEND_SESSION_LIMIT,
          },
        ]
      : []),
  ].map((limit) => ({ ...limit, windowSeconds: HOUR }));
}

const invitationKeyPrefix = (council: string) => `send-invitation:${council}:`;
const invitationMax = () => env().SEND_ADDRESS_LIMIT * 10;

/**
 * One public form sent (or started), counted per council in hourly windows shared by every
 * instance: per address, and for sending also per browser (its CSRF token, hashed). True when
 * this one is over a limit: attempts count, so a bot that keeps trying stays refused.
 * Every limit is counted in one statement.
 */
export async function overFormLimits(
  what: "send" | "start",
  visitor: { organisation: { id: string }; clientAddress: string; csrfToken: string },
  /**
   * An anonymous answer through this invitation: counted against the invitation, never the
   * address or the browser, so nothing that could point to the person is kept even for an hour.
   */
  anonymousInvitation?: string,
): Promise<boolean> {
  const council = visitor.organisation.id;
  // `max` forms are allowed; the one after them is refused.
  const limits: Limit[] = anonymousInvitation
    ? [
        {
          key: `${invitationKeyPrefix(council)}${anonymousInvitation}`,
          max: invitationMax(),
          windowSeconds: HOUR,
        },
      ]
    : visitorLimits(what, visitor);
  return countAgainstLimits(
    sql`select * from (values ${rowsOf(limits)}) as v(key, max, window_seconds)`,
  );
}

/**
 * A "Send", counted as `overFormLimits("send", …)` counts it, in one statement that finds the
 * draft itself: `draft` selects its invitation_id (no row: nothing is counted, as a visitor
 * without a draft is sent back to the start). For an anonymous form sent through an invitation,
 * the invitation's limit is counted instead of the address's and the browser's.
 */
export async function overSendLimits(
  visitor: { organisation: { id: string }; clientAddress: string; csrfToken: string },
  draft: SQLWrapper,
  anonymous: boolean,
): Promise<boolean> {
  const council = visitor.organisation.id;
  const visitorRows = sql`select v.* from (values ${rowsOf(visitorLimits("send", visitor))}) as v(key, max, window_seconds)`;
  if (!anonymous) {
    return countAgainstLimits(sql`${visitorRows} where exists (${draft})`);
  }
  return countAgainstLimits(sql`
    select ${invitationKeyPrefix(council)}::text || d.invitation_id::text as key,
      ${invitationMax()}::integer as max, ${HOUR}::integer as window_seconds
    from (${draft}) as d where d.invitation_id is not null
    union all
    ${visitorRows} where exists (select 1 from (${draft}) as d where d.invitation_id is null)`);
}

export type Guess = {
  /** Past `CODE_ATTEMPT_LIMIT` guesses in the window: do not even look. */
  tooMany: boolean;
  /** The guess was right: it is taken back, so only wrong guesses use up the allowance. */
  wasRight: () => Promise<void>;
};

/**
 * One guess at a short secret (an invitation or resume code, a tracking secret), counted per
 * council and address in 15-minute windows before it is checked (so parallel guesses cannot slip
 * past); a right one is taken back, so children sharing an address (a children's home, a school)
 * are never stopped by codes that worked.
 */
export async function countGuess(
  what: "code" | "track",
  organisationId: string,
  clientAddress: string,
): Promise<Guess> {
  const key = `${what}:${organisationId}:${addressKey(clientAddress)}`;
  const limit = await countAgainstLimit({
    key,
    max: env().CODE_ATTEMPT_LIMIT,
    windowSeconds: 15 * 60,
  });
  return { tooMany: limit.blocked, wasRight: () => uncount(key) };
}
