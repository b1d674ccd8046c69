// A second factor for password accounts: a code from an authenticator app (TOTP, RFC 6238: six
// digits, every 30 seconds), or one of ten single-use recovery codes. Needed by admins and
// managers, and by everyone where the council says so; set up at the first sign-in that needs it.
// A code works once, guesses are limited like passwords, and no session exists until it passes.
// docs/decisions/052-second-factor.md
import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { db, schema } from "#db/client";
import { keyedHash, seal, unseal } from "#db/sealing";
import { recordAudit } from "./audit.server";
import type { StaffActor } from "./inbox.server";
import { isUuid } from "./invitation.server";
import { clearLimit, countAgainstLimit } from "./rate-limit.server";
import { mayManage } from "./staff-accounts.server";
import { endSessionsOf, startSession } from "./staff-session.server";

const PERIOD_SECONDS = 30;
/** A code from the step before or after is accepted too (a phone's clock a little out). */
const WINDOW = 1;
const GUESSES_ALLOWED = 5;
const GUESS_WINDOW_SECONDS = 15 * 60;
export const RECOVERY_CODES = 10;
/** Letters and digits nobody mixes up (no 0/O, 1/l/I). */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

const totpOf = (secret: string, label = "", issuer = "") =>
  new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new shared secret for an authenticator app (160 bits, base32). */
export const newAuthenticatorSecret = () => new Secret({ size: 20 }).base32;

/** What the app's QR code holds: otpauth://totp/<council>:<email>?secret=…&issuer=<council> */
export const authenticatorUri = (secret: string, email: string, council: string) =>
  totpOf(secret, email, council).toString();

/** The time-step a code is right for now, or undefined. */
function stepOf(secret: string, code: string): number | undefined {
  const delta = totpOf(secret).validate({ token: code, window: WINDOW });
  if (delta === null) return undefined;
  return Math.floor(Date.now() / 1000 / PERIOD_SECONDS) + delta;
}

const recoveryHash = (organisationId: string, staffUserId: string, code: string) =>
  keyedHash("recovery-code", `${organisationId}:${staffUserId}:${code.replace(/[\s-]/g, "")}`);

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const letters = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(31)]).join("");
    return `${letters.slice(0, 5)}-${letters.slice(5)}`;
  });
}

/** How long a right password waits for its code (the pending cookie's life). */
export const PENDING_MINUTES = 10;

/**
 * A sign-in whose password was right, waiting for its second factor: kept sealed by the browser
 * (no session exists yet), with the secret being set up, if it is being set up.
 */
export type PendingSignIn = {
  organisationId: string;
  staffUserId: string;
  redirectTo: string;
  startedAt: number;
  secret?: string;
};

export const sealPendingSignIn = (pending: PendingSignIn) => seal(JSON.stringify(pending));

/** The pending sign-in a browser holds, if it is this council's and in time. */
export function openPendingSignIn(
  organisationId: string,
  sealed: string | undefined,
): PendingSignIn | undefined {
  if (!sealed) return undefined;
  try {
    const pending = JSON.parse(unseal(sealed)) as PendingSignIn;
    const fresh = Date.now() - pending.startedAt < PENDING_MINUTES * 60_000;
    return pending.organisationId === organisationId && fresh ? pending : undefined;
  } catch {
    return undefined;
  }
}

export type SecondFactorResult =
  | { ok: true; token: string; recoveryCodes?: string[] }
  | { ok: false; reason: "wrong-code" | "throttled"; retryAfterMinutes?: number };

type Attempt = { organisationId: string; staffUserId: string; clientAddress?: string };

/** Counts a guess for the account; undefined while within the limit. */
async function throttled(attempt: Attempt): Promise<SecondFactorResult | undefined> {
  const state = await countAgainstLimit({
    key: `second-factor:${attempt.organisationId}:${attempt.staffUserId}`,
    max: GUESSES_ALLOWED,
    windowSeconds: GUESS_WINDOW_SECONDS,
  });
  if (!state.blocked) return undefined;
  await recordAudit({
    organisationId: attempt.organisationId,
    action: "second-factor.throttled",
    actorStaffUserId: attempt.staffUserId,
    clientAddress: attempt.clientAddress,
  });
  return {
    ok: false,
    reason: "throttled",
    retryAfterMinutes: Math.max(1, Math.ceil(state.retryAfterSeconds / 60)),
  };
}

async function wrong(attempt: Attempt): Promise<SecondFactorResult> {
  await recordAudit({
    organisationId: attempt.organisationId,
    action: "second-factor.failed",
    actorStaffUserId: attempt.staffUserId,
    clientAddress: attempt.clientAddress,
  });
  return { ok: false, reason: "wrong-code" };
}

const ofAccount = (attempt: Attempt) =>
  and(
    eq(schema.staffUser.organisationId, attempt.organisationId),
    eq(schema.staffUser.id, attempt.staffUserId),
    eq(schema.staffUser.active, true),
  );

/**
 * Finishes a sign-in whose password was right: a code from the app (each time-step's code once)
 * or an unused recovery code (then used up). A session starts only now.
 */
export async function checkSecondFactor(
  attempt: Attempt & { code: string },
): Promise<SecondFactorResult> {
  const over = await throttled(attempt);
  if (over) return over;
  const [account] = await db()
    .select({ secret: schema.staffUser.totpSecret })
    .from(schema.staffUser)
    .where(ofAccount(attempt));
  if (!account?.secret) return wrong(attempt);
  const code = attempt.code.trim().toLowerCase();
  let used: "authenticator" | "recovery-code" | undefined;
  const step = /^[0-9]{6}$/.test(code.replace(/\s/g, ""))
    ? stepOf(account.secret, code.replace(/\s/g, ""))
    : undefined;
  if (step !== undefined) {
    // Kept only if this step's code was not used before: two tabs at once get one sign-in.
    const kept = await db()
      .update(schema.staffUser)
      .set({
        totpUsedSteps: sql`(array[${step}::integer] || ${schema.staffUser.totpUsedSteps})[1:4]`,
      })
      .where(
        and(
          ofAccount(attempt),
          sql`not (${step}::integer = any(${schema.staffUser.totpUsedSteps}))`,
        ),
      )
      .returning({ id: schema.staffUser.id });
    if (kept.length > 0) used = "authenticator";
  } else {
    const hash = recoveryHash(attempt.organisationId, attempt.staffUserId, code);
    const spent = await db()
      .update(schema.staffUser)
      .set({
        recoveryCodeHashes: sql`array_remove(${schema.staffUser.recoveryCodeHashes}, ${hash})`,
      })
      .where(and(ofAccount(attempt), sql`${hash} = any(${schema.staffUser.recoveryCodeHashes})`))
      .returning({ id: schema.staffUser.id });
    if (spent.length > 0) used = "recovery-code";
  }
  if (!used) return wrong(attempt);
  await clearLimit(`second-factor:${attempt.organisationId}:${attempt.staffUserId}`);
  const token = await db().transaction((tx) =>
    startSession(
      {
        organisationId: attempt.organisationId,
        staffUserId: attempt.staffUserId,
        clientAddress: attempt.clientAddress,
        action: "sign-in",
        detail: { method: "password", secondFactor: used },
      },
      tx,
    ),
  );
  return { ok: true, token };
}

/**
 * Sets up the authenticator app, once its first code proves it holds `secret`: the secret is kept
 * (sealed), ten recovery codes are made (shown to the person now, kept only as keyed hashes) and
 * the session starts.
 */
export async function setUpSecondFactor(
  attempt: Attempt & { secret: string; code: string },
): Promise<SecondFactorResult> {
  const over = await throttled(attempt);
  if (over) return over;
  const step = stepOf(attempt.secret, attempt.code.replace(/\s/g, ""));
  if (step === undefined) return wrong(attempt);
  const recoveryCodes = newRecoveryCodes();
  const token = await db().transaction(async (tx) => {
    const [set] = await tx
      .update(schema.staffUser)
      .set({
        totpSecret: attempt.secret,
        totpEnrolledAt: new Date(),
        totpUsedSteps: [step],
        recoveryCodeHashes: recoveryCodes.map((code) =>
          recoveryHash(attempt.organisationId, attempt.staffUserId, code),
        ),
      })
      // Set up once: a second browser holding another secret cannot replace it.
      .where(and(ofAccount(attempt), sql`${schema.staffUser.totpSecret} is null`))
      .returning({ id: schema.staffUser.id });
    if (!set) return undefined;
    await recordAudit(
      {
        organisationId: attempt.organisationId,
        action: "second-factor.set-up",
        actorStaffUserId: attempt.staffUserId,
        subjectType: "staff_user",
        subjectId: attempt.staffUserId,
        clientAddress: attempt.clientAddress,
      },
      tx,
    );
    return startSession(
      {
        organisationId: attempt.organisationId,
        staffUserId: attempt.staffUserId,
        clientAddress: attempt.clientAddress,
        action: "sign-in",
        detail: { method: "password", secondFactor: "set-up" },
      },
      tx,
    );
  });
  if (!token) return wrong(attempt);
  await clearLimit(`second-factor:${attempt.organisationId}:${attempt.staffUserId}`);
  return { ok: true, token, recoveryCodes };
}

/**
 * An admin takes away a person's authenticator (a lost or new phone): every session of theirs
 * ends, and they set a new one up at their next sign-in.
 */
export async function removeSecondFactor(input: {
  organisationId: string;
  staff: StaffActor;
  id: string;
  clientAddress?: string;
}): Promise<"done" | "not-found"> {
  mayManage(input.organisationId, input.staff);
  if (!isUuid(input.id)) return "not-found";
  return db().transaction(async (tx) => {
    const [changed] = await tx
      .update(schema.staffUser)
      .set({ totpSecret: null, totpEnrolledAt: null, totpUsedSteps: [], recoveryCodeHashes: [] })
      .where(
        and(
          eq(schema.staffUser.organisationId, input.organisationId),
          eq(schema.staffUser.id, input.id),
        ),
      )
      .returning({ id: schema.staffUser.id });
    if (!changed) return "not-found";
    const ended = await endSessionsOf(tx, input.organisationId, input.id);
    await recordAudit(
      {
        organisationId: input.organisationId,
        action: "second-factor.removed",
        actorStaffUserId: input.staff.id,
        subjectType: "staff_user",
        subjectId: input.id,
        clientAddress: input.clientAddress,
        detail: { sessionsEnded: ended },
      },
      tx,
    );
    return "done";
  });
}
