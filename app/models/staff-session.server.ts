import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, ne } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import { env } from "#app/config.server";
import type { SecondFactorFor } from "#db/schema/constants";
import { recordAudit, type AuditAction } from "./audit.server";
import { secondFactorNeeded } from "./permissions";
import {
  addressKey,
  clearLimit,
  countAgainstLimit,
  uncount,
  type Limit,
} from "./rate-limit.server";
import {
  findStaffByEmail,
  getStaffMember,
  normaliseEmail,
  verifyPassword,
  type StaffMember,
} from "./staff.server";

/**
 * How long a member of staff may be idle before being signed out (the STAFF_IDLE_SECONDS
 * setting). WCAG 2.2.1 asks for a warning before this; the staff pages give one two minutes ahead.
 */
export const idleTimeoutSeconds = () => env().STAFF_IDLE_SECONDS;
export const ABSOLUTE_LIMIT_SECONDS = 12 * 60 * 60;
const TOUCH_EVERY_MS = 60_000;

const THROTTLE_WINDOW_SECONDS = 15 * 60;
const ACCOUNT_FAILURES_ALLOWED = 5;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

function signInLimits(organisationId: string, email: string, address: string, perAddress: number) {
  const account: Limit = {
    key: `sign-in:account:${organisationId}:${normaliseEmail(email)}`,
    max: ACCOUNT_FAILURES_ALLOWED,
    windowSeconds: THROTTLE_WINDOW_SECONDS,
  };
  const byAddress: Limit = {
    key: `sign-in:address:${addressKey(address)}`,
    max: perAddress,
    windowSeconds: THROTTLE_WINDOW_SECONDS,
  };
  return { account, byAddress };
}

export type SignInAttempt = {
  organisationId: string;
  email: string;
  password: string;
  clientAddress: string;
  addressLimit: number;
  /** The council requires single sign-on: only the accounts its admin named may use a password. */
  ssoRequired?: boolean;
  /** Who at this council needs a second factor (admins and managers when not said). */
  secondFactorFor?: SecondFactorFor;
};

export type SignInResult =
  | { ok: true; token: string; staff: StaffMember }
  | { ok: false; reason: "wrong-credentials" }
  | { ok: false; reason: "sso-required" }
  /** The password was right; a code from an authenticator app is needed (first set up if not). */
  | { ok: false; reason: "second-factor"; staffUserId: string; setUp: boolean }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/**
 * Checks an email and password for one council. Every attempt is counted first, against the
 * account and the address (one atomic upsert each, shared by every instance), and the password
 * is checked only while both are within their limits: 25 guesses at once still get 5 checks.
 * Past a limit nobody is told whether the password was right. A right password clears the
 * account's count and takes its attempt back from the address's.
 */
export async function signIn(attempt: SignInAttempt): Promise<SignInResult> {
  const { organisationId, email, password, clientAddress } = attempt;
  const limits = signInLimits(organisationId, email, clientAddress, attempt.addressLimit);
  const audit = { organisationId, clientAddress, detail: { email: normaliseEmail(email) } };

  // `max` attempts are checked; the ones after them wait for the window to end.
  const counted = [
    await countAgainstLimit(limits.account),
    await countAgainstLimit(limits.byAddress),
  ];
  const over = counted.filter((state) => state.blocked);
  if (over.length > 0) {
    await recordAudit({ ...audit, action: "sign-in.throttled" });
    const seconds = Math.max(...over.map((state) => state.retryAfterSeconds));
    return {
      ok: false,
      reason: "throttled",
      retryAfterMinutes: Math.max(1, Math.ceil(seconds / 60)),
    };
  }

  const account = await findStaffByEmail(organisationId, email);
  const valid = await verifyPassword(account?.passwordHash, password);
  if (!account || !valid) {
    await recordAudit({ ...audit, action: "sign-in.failed" });
    return { ok: false, reason: "wrong-credentials" };
  }

  await clearLimit(limits.account.key);
  await uncount(limits.byAddress.key);
  if (attempt.ssoRequired && !account.passwordWhenSsoRequired) {
    await recordAudit({ ...audit, action: "sign-in.sso-required", actorStaffUserId: account.id });
    return { ok: false, reason: "sso-required" };
  }
  const staff = await getStaffMember(organisationId, account.id);
  if (!staff) throw new Error("signed-in account vanished");
  if (
    account.totpSecret ||
    secondFactorNeeded(staff.roles, attempt.secondFactorFor ?? "admins-and-managers")
  ) {
    return {
      ok: false,
      reason: "second-factor",
      staffUserId: account.id,
      setUp: !account.totpSecret,
    };
  }
  const token = await db().transaction((tx) =>
    startSession({ ...audit, staffUserId: account.id, action: "sign-in" }, tx),
  );
  return { ok: true, token, staff };
}

/**
 * A new session for an account, audited (as `action`) in the same transaction. Returns its token,
 * which only the browser keeps: the database holds its hash.
 */
export async function startSession(
  input: {
    organisationId: string;
    staffUserId: string;
    action: Extract<AuditAction, "sign-in" | "sign-in.first">;
    clientAddress?: string;
    detail?: Record<string, unknown>;
  },
  tx: Transaction,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const [session] = await tx
    .insert(schema.staffSession)
    .values({
      organisationId: input.organisationId,
      staffUserId: input.staffUserId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + ABSOLUTE_LIMIT_SECONDS * 1000),
    })
    .returning({ id: schema.staffSession.id });
  // For the admin's list of accounts nobody has used for a while.
  await tx
    .update(schema.staffUser)
    .set({ lastSignedInAt: new Date() })
    .where(eq(schema.staffUser.id, input.staffUserId));
  await recordAudit(
    {
      organisationId: input.organisationId,
      action: input.action,
      actorStaffUserId: input.staffUserId,
      subjectType: "staff_session",
      subjectId: session?.id,
      clientAddress: input.clientAddress,
      detail: input.detail,
    },
    tx,
  );
  return token;
}

/**
 * Ends every session of an account (a reset password, a disabled account), or every one but
 * `except` (the browser that changed its own password); how many were ended.
 */
export async function endSessionsOf(
  tx: Transaction,
  organisationId: string,
  staffUserId: string,
  except?: string,
): Promise<number> {
  const ended = await tx
    .update(schema.staffSession)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(schema.staffSession.organisationId, organisationId),
        eq(schema.staffSession.staffUserId, staffUserId),
        isNull(schema.staffSession.revokedAt),
        except ? ne(schema.staffSession.id, except) : undefined,
      ),
    )
    .returning({ id: schema.staffSession.id });
  return ended.length;
}

/**
 * After a password is replaced (changed by its owner, or reset by link): every session of the
 * account ends but `keepSessionId` (the browser that changed it), audited as `action` with how
 * many ended.
 */
export async function endSessionsForNewPassword(
  tx: Transaction,
  input: {
    organisationId: string;
    staffUserId: string;
    action: Extract<AuditAction, "password.changed" | "password.reset">;
    keepSessionId?: string;
    clientAddress?: string;
  },
): Promise<void> {
  const ended = await endSessionsOf(
    tx,
    input.organisationId,
    input.staffUserId,
    input.keepSessionId,
  );
  await recordAudit(
    {
      organisationId: input.organisationId,
      action: input.action,
      actorStaffUserId: input.staffUserId,
      subjectType: "staff_user",
      subjectId: input.staffUserId,
      clientAddress: input.clientAddress,
      detail: { sessionsEnded: ended },
    },
    tx,
  );
}

export type SessionLookup =
  | { status: "valid"; staff: StaffMember; sessionId: string; idleExpiresAt: Date }
  | { status: "none" }
  /** Signed out for being idle (or at the day's limit): whose session it was. */
  | { status: "expired"; staffUserId: string };

/**
 * The member of staff a session token belongs to, for this council only. A token from another
 * council's site is treated as no session at all. Activity moves the idle deadline on.
 */
export async function findSession(organisationId: string, token: string): Promise<SessionLookup> {
  if (!token) return { status: "none" };
  const [session] = await db()
    .select()
    .from(schema.staffSession)
    .where(
      and(
        eq(schema.staffSession.tokenHash, hashToken(token)),
        eq(schema.staffSession.organisationId, organisationId),
        isNull(schema.staffSession.revokedAt),
      ),
    );
  if (!session) return { status: "none" };
  const now = Date.now();
  const idleDeadline = session.lastSeenAt.getTime() + idleTimeoutSeconds() * 1000;
  if (now >= idleDeadline || now >= session.expiresAt.getTime()) {
    await db()
      .update(schema.staffSession)
      .set({ revokedAt: new Date(now) })
      .where(eq(schema.staffSession.id, session.id));
    await recordAudit({
      organisationId,
      action: "session.expired",
      actorStaffUserId: session.staffUserId,
      subjectType: "staff_session",
      subjectId: session.id,
      detail: { reason: now >= session.expiresAt.getTime() ? "absolute" : "idle" },
    });
    return { status: "expired", staffUserId: session.staffUserId };
  }
  const staff = await getStaffMember(organisationId, session.staffUserId);
  if (!staff) return { status: "none" };
  let lastSeen = session.lastSeenAt.getTime();
  if (now - lastSeen > TOUCH_EVERY_MS) {
    lastSeen = now;
    await db()
      .update(schema.staffSession)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(schema.staffSession.id, session.id));
  }
  const idleExpiresAt = new Date(
    Math.min(lastSeen + idleTimeoutSeconds() * 1000, session.expiresAt.getTime()),
  );
  return { status: "valid", staff, sessionId: session.id, idleExpiresAt };
}

/** Keeps a session alive now (the "Stay signed in" button). */
export async function extendSession(organisationId: string, sessionId: string): Promise<void> {
  await db()
    .update(schema.staffSession)
    .set({ lastSeenAt: new Date() })
    .where(
      and(
        eq(schema.staffSession.id, sessionId),
        eq(schema.staffSession.organisationId, organisationId),
      ),
    );
}

export async function signOut(
  organisationId: string,
  sessionId: string,
  staffUserId: string,
  clientAddress?: string,
): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(schema.staffSession)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(schema.staffSession.id, sessionId),
          eq(schema.staffSession.organisationId, organisationId),
        ),
      );
    await recordAudit(
      {
        organisationId,
        action: "sign-out",
        actorStaffUserId: staffUserId,
        subjectType: "staff_session",
        subjectId: sessionId,
        clientAddress,
      },
      tx,
    );
  });
}
