// Limits hold when the attempts arrive all at once: every attempt is counted before anything is
// checked, so 25 wrong passwords sent together still get exactly 5 password checks (the account's
// limit), and 25 code guesses together get exactly CODE_ATTEMPT_LIMIT answers. Counted from the
// audit trail: a checked password leaves "sign-in.failed", a refused one "sign-in.throttled".
import { and, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { db, schema } from "#db/client";
import { DEMO_PASSWORD } from "#db/seed";
import { organisationForHost } from "#app/models/organisation.server";
import { countAgainstLimit, purgeExpiredLimits, countGuess } from "#app/models/rate-limit.server";
import { signIn } from "#app/models/staff-session.server";
import { env } from "#app/config.server";

const AT_ONCE = 25;

async function westmoor() {
  const organisation = await organisationForHost("localhost");
  if (!organisation) throw new Error("no Westmoor in the test database");
  return organisation;
}

/** How many audit entries of each sign-in outcome name this email. */
async function outcomes(organisationId: string, email: string) {
  const rows = await db()
    .select({ action: schema.auditEvent.action, n: sql<number>`count(*)::int` })
    .from(schema.auditEvent)
    .where(
      and(
        eq(schema.auditEvent.organisationId, organisationId),
        sql`${schema.auditEvent.detail}->>'email' = ${email}`,
      ),
    )
    .groupBy(schema.auditEvent.action);
  return Object.fromEntries(rows.map((row) => [row.action, row.n]));
}

test(`${AT_ONCE} wrong passwords at once for one account: exactly 5 are checked`, async () => {
  const council = await westmoor();
  const email = "chair@westmoor.example";
  const results = await Promise.all(
    Array.from({ length: AT_ONCE }, (_, i) =>
      signIn({
        organisationId: council.id,
        email,
        password: `wrong-${i}`,
        clientAddress: `10.20.0.${i}`,
        addressLimit: 1000,
      }),
    ),
  );
  const reasons = results.map((result) => (result.ok ? "signed in" : result.reason));
  expect(reasons.filter((reason) => reason === "wrong-credentials")).toHaveLength(5);
  expect(reasons.filter((reason) => reason === "throttled")).toHaveLength(AT_ONCE - 5);
  expect(await outcomes(council.id, email)).toEqual({
    "sign-in.failed": 5,
    "sign-in.throttled": AT_ONCE - 5,
  });
});

test(`${AT_ONCE} wrong passwords at once from one address: exactly its limit are checked`, async () => {
  const council = await westmoor();
  const addressLimit = 7;
  const results = await Promise.all(
    Array.from({ length: AT_ONCE }, (_, i) =>
      signIn({
        organisationId: council.id,
        email: `nobody-${i}@westmoor.example`,
        password: "wrong",
        clientAddress: "10.21.0.1",
        addressLimit,
      }),
    ),
  );
  const checked = results.filter((result) => !result.ok && result.reason === "wrong-credentials");
  expect(checked).toHaveLength(addressLimit);
});

test("the right password clears the account's count and gives the address its attempt back", async () => {
  const council = await westmoor();
  const address = "10.22.0.1";
  const attempt = (email: string, password: string) =>
    signIn({
      organisationId: council.id,
      email,
      password,
      clientAddress: address,
      addressLimit: 2,
    });
  expect(await attempt("nobody@westmoor.example", "wrong")).toMatchObject({
    reason: "wrong-credentials",
  });
  // Right passwords do not use up the address's allowance of failures.
  for (let i = 0; i < 3; i++) {
    expect((await attempt("fgc@westmoor.example", DEMO_PASSWORD)).ok).toBe(true);
  }
  expect(await attempt("nobody@westmoor.example", "wrong")).toMatchObject({
    reason: "wrong-credentials",
  });
  expect(await attempt("nobody@westmoor.example", "wrong")).toMatchObject({ reason: "throttled" });
});

test("the right password clears the account's count: its 5 wrong tries start again", async () => {
  const council = await westmoor();
  const attempt = (password: string, i: number) =>
    signIn({
      organisationId: council.id,
      email: "fgc@westmoor.example",
      password,
      clientAddress: `10.24.0.${i}`,
      addressLimit: 1000,
    });
  for (let i = 0; i < 4; i++) {
    expect(await attempt("wrong", i)).toMatchObject({ reason: "wrong-credentials" });
  }
  expect((await attempt(DEMO_PASSWORD, 4)).ok).toBe(true);
  // Had the 4 failures still counted, the second wrong try here would be throttled.
  for (let i = 5; i < 10; i++) {
    expect(await attempt("wrong", i)).toMatchObject({ reason: "wrong-credentials" });
  }
  expect(await attempt("wrong", 10)).toMatchObject({ reason: "throttled" });
});

test(`${AT_ONCE} code guesses at once from one address: exactly CODE_ATTEMPT_LIMIT are answered`, async () => {
  const council = await westmoor();
  const refused = await Promise.all(
    Array.from({ length: AT_ONCE }, () => countGuess("code", council.id, "10.23.0.1")),
  );
  expect(refused.filter((guess) => !guess.tooMany)).toHaveLength(env().CODE_ATTEMPT_LIMIT);
});

test("codes that work do not use up an address's guesses (a children's home shares one)", async () => {
  const council = await westmoor();
  const address = "10.25.0.1";
  for (let i = 0; i < env().CODE_ATTEMPT_LIMIT * 2; i++) {
    const guess = await countGuess("code", council.id, address);
    expect(guess.tooMany, `right code ${i + 1}`).toBe(false);
    await guess.wasRight();
  }
  // The wrong guesses still count, up to the limit.
  for (let i = 0; i < env().CODE_ATTEMPT_LIMIT; i++) {
    expect((await countGuess("code", council.id, address)).tooMany, `wrong ${i + 1}`).toBe(false);
  }
  expect((await countGuess("code", council.id, address)).tooMany).toBe(true);
});

test("a limit whose window has ended starts again, and housekeeping deletes it", async () => {
  const limit = { key: "test:window-ended", max: 2, windowSeconds: 60 };
  for (let i = 0; i < 3; i++) await countAgainstLimit(limit);
  const ended = sql`now() - interval '1 second'`;
  await db()
    .update(schema.rateLimit)
    .set({ resetAt: ended })
    .where(eq(schema.rateLimit.key, limit.key));
  expect(await countAgainstLimit(limit)).toMatchObject({ count: 1, blocked: false });
  await db()
    .update(schema.rateLimit)
    .set({ resetAt: ended })
    .where(eq(schema.rateLimit.key, limit.key));
  const current = { key: "test:window-open", max: 2, windowSeconds: 60 };
  await countAgainstLimit(current);
  expect(await purgeExpiredLimits()).toBeGreaterThanOrEqual(1);
  const left = await db().select({ key: schema.rateLimit.key }).from(schema.rateLimit);
  expect(left.map((row) => row.key)).toContain(current.key);
  expect(left.map((row) => row.key)).not.toContain(limit.key);
});
