import { eq, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { env } from "#app/server/env.server";
import { keyedHash } from "#app/utils/secrets.server";

export type Limit = { key: string; max: number; windowSeconds: number };
export type LimitState = { blocked: boolean; retryAfterSeconds: number; count: number };

/** `blocked` once `max` events are counted in the window (the next one must wait). */
function stateOf(count: number, resetAt: Date, max: number): LimitState {
  const retryAfterSeconds = Math.max(0, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  return { blocked: count >= max && retryAfterSeconds > 0, retryAfterSeconds, count };
}

/** Whether the limit is already reached, without counting anything. */
export async function checkLimit(limit: Limit): Promise<LimitState> {
  const [row] = await db()
    .select()
    .from(schema.rateLimit)
    .where(eq(schema.rateLimit.key, limit.key));
  return row
    ? stateOf(row.count, row.resetAt, limit.max)
    : { blocked: false, retryAfterSeconds: 0, count: 0 };
}

/** Counts one event in a fixed window shared by every instance (one atomic upsert). */
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
 * One public form sent (or started), counted per council in hourly windows shared by every
 * instance: per address, and for sending also per browser (its CSRF token, hashed). True when
 * this one is over a limit: attempts count, so a bot that keeps trying stays refused.
 */
export async function overFormLimits(
  what: "send" | "start",
  visitor: { organisation: { id: string }; clientAddress: string; csrfToken: string },
): Promise<boolean> {
  const config = env();
  const council = visitor.organisation.id;
  const limits: Limit[] = [
    what === "send"
      ? { key: `send:${council}:${visitor.clientAddress}`, max: config.SEND_ADDRESS_LIMIT }
      : { key: `start:${council}:${visitor.clientAddress}`, max: config.START_ADDRESS_LIMIT },
    ...(what === "send"
      ? [
          {
            key: `send-browser:${council}:${keyedHash("rate-browser", visitor.csrfToken)}`,
            max: config.SEND_SESSION_LIMIT,
          },
        ]
      : []),
  ].map((limit) => ({ ...limit, windowSeconds: 60 * 60 }));
  let over = false;
  for (const limit of limits) {
    // `max` forms are allowed; the one after them is refused.
    if ((await countAgainstLimit(limit)).count > limit.max) over = true;
  }
  return over;
}

/**
 * One guess at a short secret (an invitation or resume code, a tracking secret), counted per
 * council and address in 15-minute windows; `CODE_ATTEMPT_LIMIT` guesses are answered, and
 * true for the ones after them.
 */
export async function tooManyGuesses(
  what: "code" | "track",
  organisationId: string,
  clientAddress: string,
): Promise<boolean> {
  const max = env().CODE_ATTEMPT_LIMIT;
  const limit = await countAgainstLimit({
    key: `${what}:${organisationId}:${clientAddress}`,
    max,
    windowSeconds: 15 * 60,
  });
  return limit.count > max;
}
