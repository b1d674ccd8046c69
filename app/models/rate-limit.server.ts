import { eq, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { env } from "#app/server/env.server";

export type Limit = { key: string; max: number; windowSeconds: number };
export type LimitState = { blocked: boolean; retryAfterSeconds: number };

function stateOf(count: number, resetAt: Date, max: number): LimitState {
  const retryAfterSeconds = Math.max(0, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  return { blocked: count >= max && retryAfterSeconds > 0, retryAfterSeconds };
}

/** Whether the limit is already reached, without counting anything. */
export async function checkLimit(limit: Limit): Promise<LimitState> {
  const [row] = await db()
    .select()
    .from(schema.rateLimit)
    .where(eq(schema.rateLimit.key, limit.key));
  return row
    ? stateOf(row.count, row.resetAt, limit.max)
    : { blocked: false, retryAfterSeconds: 0 };
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
 * One guess at a short secret (an invitation or resume code, a tracking secret), counted per
 * council and address in 15-minute windows; true once `CODE_ATTEMPT_LIMIT` is reached.
 */
export async function tooManyGuesses(
  what: "code" | "track",
  organisationId: string,
  clientAddress: string,
): Promise<boolean> {
  const limit = await countAgainstLimit({
    key: `${what}:${organisationId}:${clientAddress}`,
    max: env().CODE_ATTEMPT_LIMIT,
    windowSeconds: 15 * 60,
  });
  return limit.blocked;
}
