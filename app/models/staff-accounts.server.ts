// What happens to a staff account after it is made: its own password changed or reset, and a
// leaver's account disabled by an admin (and enabled again), with the accounts nobody has signed
// in to for a while listed for review. Every change is audited in its own transaction.
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import type { StaffRole } from "#db/schema/constants";
import { recordAudit } from "./audit.server";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { isUuid } from "./invitation.server";
import type { Organisation } from "./organisation.server";
import { enqueueEmail, emailQueued, SECRET_PLACE } from "./outbox.server";
import { can } from "./permissions";
import { addressKey, countAgainstLimit } from "./rate-limit.server";
import { createSignInLink, RESET_LINK_MINUTES } from "./sign-in-link.server";
import { endSessionsForNewPassword, endSessionsOf } from "./staff-session.server";
import { hashPassword, normaliseEmail, verifyPassword } from "./staff.server";
import { emailWords } from "./email-text.server";
import { signInRuleProblem, ssoRequired, type SignInSettings } from "./single-sign-on.server";

/** Reset emails asked for from one address, and for one account, in RESET_WINDOW_SECONDS. */
const RESETS_PER_ADDRESS = 10;
const RESETS_PER_ACCOUNT = 3;
const RESET_WINDOW_SECONDS = 60 * 60;

/** Refuses anyone but an admin of this council (a route answers 403). */
export function mayManage(organisationId: string, staff: StaffActor): void {
  if (staff.organisationId !== organisationId || !can(staff.roles, "staff:manage")) {
    throw new NotAllowedError("staff:manage");
  }
}

/**
 * Changes a signed-in person's own password, when they know the current one. Every other
 * session of theirs ends (this browser stays signed in). "wrong-password" changes nothing.
 */
export async function changeOwnPassword(input: {
  organisationId: string;
  staffUserId: string;
  sessionId: string;
  current: string;
  password: string;
  clientAddress?: string;
}): Promise<"changed" | "wrong-password"> {
  const [account] = await db()
    .select({ passwordHash: schema.staffUser.passwordHash })
    .from(schema.staffUser)
    .where(
      and(
        eq(schema.staffUser.organisationId, input.organisationId),
        eq(schema.staffUser.id, input.staffUserId),
        eq(schema.staffUser.active, true),
      ),
    );
  if (!(await verifyPassword(account?.passwordHash, input.current))) return "wrong-password";
  const passwordHash = await hashPassword(input.password);
  await db().transaction(async (tx) => {
    await tx
      .update(schema.staffUser)
      .set({ passwordHash })
      .where(eq(schema.staffUser.id, input.staffUserId));
    await endSessionsForNewPassword(tx, {
      organisationId: input.organisationId,
      staffUserId: input.staffUserId,
      action: "password.changed",
      keepSessionId: input.sessionId,
      clientAddress: input.clientAddress,
    });
  });
  return "changed";
}

/**
 * Someone asks for a link to choose a new password. When the address is an active account of
 * this council, the link is emailed to it (it works once, for RESET_LINK_MINUTES); the answer is
 * the same either way, so nobody learns which addresses have accounts. Requests are counted per
 * address and per account: past either limit, nothing is sent.
 */
export async function requestPasswordReset(input: {
  organisation: Pick<Organisation, "id" | "name"> & SignInSettings;
  email: string;
  /** Where the link leads: the council's own address, never the request's. */
  portalUrl: string;
  language: string;
  clientAddress: string;
}): Promise<"asked" | "throttled"> {
  const { organisation } = input;
  const email = normaliseEmail(input.email);
  const [byAddress, byAccount] = await Promise.all([
    countAgainstLimit({
      key: `password-reset:address:${addressKey(input.clientAddress)}`,
      max: RESETS_PER_ADDRESS,
      windowSeconds: RESET_WINDOW_SECONDS,
    }),
    countAgainstLimit({
      key: `password-reset:account:${organisation.id}:${email}`,
      max: RESETS_PER_ACCOUNT,
      windowSeconds: RESET_WINDOW_SECONDS,
    }),
  ]);
  if (byAddress.blocked) return "throttled";
  const [account] = await db()
    .select({
      id: schema.staffUser.id,
      name: schema.staffUser.name,
      passwordWhenSsoRequired: schema.staffUser.passwordWhenSsoRequired,
    })
    .from(schema.staffUser)
    .where(
      and(
        eq(schema.staffUser.organisationId, organisation.id),
        eq(schema.staffUser.email, email),
        eq(schema.staffUser.active, true),
      ),
    );
  // Too many for one account looks like any other answer: the owner already has links. An
  // account that signs in through the council's own service has no password to reset.
  const mustUseSso = ssoRequired(organisation) && !account?.passwordWhenSsoRequired;
  if (!account || byAccount.blocked || mustUseSso) return "asked";
  const words = await emailWords(input.language, "account:reset.email", {
    name: account.name,
    council: organisation.name,
    minutes: RESET_LINK_MINUTES,
    // The token is sealed in the outbox and put into the email only when it is sent.
    link: `${input.portalUrl}/staff/reset-password/${SECRET_PLACE}`,
    forgotLink: `${input.portalUrl}/staff/forgot-password`,
  });
  await db().transaction(async (tx) => {
    const token = await createSignInLink(
      { organisationId: organisation.id, staffUserId: account.id },
      tx,
      "reset",
    );
    await enqueueEmail(tx, {
      organisationId: organisation.id,
      template: "staff.password-reset",
      recipient: email,
      ...words,
      secret: token,
      subjectType: "staff_user",
      subjectId: account.id,
    });
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "password.reset-requested",
        actorStaffUserId: account.id,
        subjectType: "staff_user",
        subjectId: account.id,
        clientAddress: input.clientAddress,
      },
      tx,
    );
  });
  emailQueued();
  return "asked";
}

export type StaffAccount = {
  id: string;
  name: string;
  email: string;
  active: boolean;
  lastSignedInAt: Date | null;
  createdAt: Date;
  roles: StaffRole[];
  /** Linked to an identity at the council's sign-in service (at its first single sign-on). */
  ssoLinked: boolean;
  /** May use a password where the council requires single sign-on. */
  passwordWhenSsoRequired: boolean;
  /** When its owner set up an authenticator app, if they have. */
  secondFactorSince: Date | null;
};

const accountColumns = {
  id: schema.staffUser.id,
  name: schema.staffUser.name,
  email: schema.staffUser.email,
  active: schema.staffUser.active,
  lastSignedInAt: schema.staffUser.lastSignedInAt,
  createdAt: schema.staffUser.createdAt,
  ssoLinked: sql<boolean>`${schema.staffUser.ssoSubject} is not null`,
  passwordWhenSsoRequired: schema.staffUser.passwordWhenSsoRequired,
  secondFactorSince: schema.staffUser.totpEnrolledAt,
  roles: sql<StaffRole[]>`coalesce(array_agg(${schema.roleAssignment.role}::text
    order by ${schema.roleAssignment.role}) filter (where ${schema.roleAssignment.role} is not null),
    '{}')`,
};

/** Accounts with their roles, one row each. */
const accounts = () =>
  db()
    .select(accountColumns)
    .from(schema.staffUser)
    .leftJoin(schema.roleAssignment, eq(schema.roleAssignment.staffUserId, schema.staffUser.id));

/**
 * The council's staff accounts for its admin, by name. With `unusedForDays`, only the active
 * accounts nobody has signed in to for that many days (counting from when an account was made,
 * for one never used): the ones to ask about, as their owners may have left.
 */
export async function listAccounts(input: {
  organisationId: string;
  staff: StaffActor;
  unusedForDays?: number;
}): Promise<StaffAccount[]> {
  mayManage(input.organisationId, input.staff);
  const since = sql`now() - make_interval(days => ${input.unusedForDays ?? 0})`;
  return accounts()
    .where(
      and(
        eq(schema.staffUser.organisationId, input.organisationId),
        input.unusedForDays === undefined
          ? undefined
          : and(
              eq(schema.staffUser.active, true),
              or(
                lt(schema.staffUser.lastSignedInAt, since),
                and(isNull(schema.staffUser.lastSignedInAt), lt(schema.staffUser.createdAt, since)),
              ),
            ),
      ),
    )
    .groupBy(schema.staffUser.id)
    .orderBy(asc(schema.staffUser.name), asc(schema.staffUser.email));
}

/** One account of the admin's own council, disabled or not. */
export async function findAccount(input: {
  organisationId: string;
  staff: StaffActor;
  id: string;
}): Promise<StaffAccount | undefined> {
  mayManage(input.organisationId, input.staff);
  if (!isUuid(input.id)) return undefined;
  const [account] = await accounts()
    .where(
      and(
        eq(schema.staffUser.organisationId, input.organisationId),
        eq(schema.staffUser.id, input.id),
      ),
    )
    .groupBy(schema.staffUser.id);
  return account;
}

/**
 * Disables an account (a leaver: it cannot sign in, and every session of it ends at once) or
 * enables it again. Nobody can disable their own account, so a council always keeps an admin
 * who can undo it. "unchanged" when it was already so.
 */
export async function setAccountActive(input: {
  organisationId: string;
  staff: StaffActor;
  id: string;
  active: boolean;
  clientAddress?: string;
}): Promise<"done" | "unchanged" | "own-account" | "not-found"> {
  mayManage(input.organisationId, input.staff);
  if (input.id === input.staff.id && !input.active) return "own-account";
  if (!isUuid(input.id)) return "not-found";
  return db().transaction(async (tx) => {
    const [changed] = await tx
      .update(schema.staffUser)
      .set({ active: input.active })
      .where(
        and(
          eq(schema.staffUser.organisationId, input.organisationId),
          eq(schema.staffUser.id, input.id),
          eq(schema.staffUser.active, !input.active),
        ),
      )
      .returning({ id: schema.staffUser.id });
    if (!changed) {
      const [exists] = await tx
        .select({ id: schema.staffUser.id })
        .from(schema.staffUser)
        .where(
          and(
            eq(schema.staffUser.organisationId, input.organisationId),
            eq(schema.staffUser.id, input.id),
          ),
        );
      return exists ? "unchanged" : "not-found";
    }
    const ended = input.active ? 0 : await endSessionsOf(tx, input.organisationId, input.id);
    await recordAudit(
      {
        organisationId: input.organisationId,
        action: input.active ? "staff.enabled" : "staff.disabled",
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

export type SignInChange = "allow-password" | "sso-only" | "unlink";

/**
 * How one account signs in where the council has single sign-on: allowed a password even when
 * single sign-on is required (never taken from the last admin allowed one, so the council is not
 * locked out), or unlinked from its identity (the next single sign-on links it again by email).
 */
export async function changeSignIn(input: {
  council: Pick<Organisation, "id"> & SignInSettings;
  staff: StaffActor;
  id: string;
  change: SignInChange;
  clientAddress?: string;
}): Promise<"done" | "last-password-admin" | "not-found"> {
  const organisationId = input.council.id;
  mayManage(organisationId, input.staff);
  if (!isUuid(input.id)) return "not-found";
  if (input.change === "sso-only" && input.council.staffSignIn === "sso-required") {
    if (await signInRuleProblem(input.council, input.council, input.id)) {
      return "last-password-admin";
    }
  }
  const set =
    input.change === "unlink"
      ? { ssoSubject: null }
      : { passwordWhenSsoRequired: input.change === "allow-password" };
  return db().transaction(async (tx) => {
    const [changed] = await tx
      .update(schema.staffUser)
      .set(set)
      .where(
        and(eq(schema.staffUser.organisationId, organisationId), eq(schema.staffUser.id, input.id)),
      )
      .returning({ id: schema.staffUser.id });
    if (!changed) return "not-found";
    await recordAudit(
      {
        organisationId,
        action: input.change === "unlink" ? "staff.sso-unlinked" : "staff.password-exception",
        actorStaffUserId: input.staff.id,
        subjectType: "staff_user",
        subjectId: input.id,
        clientAddress: input.clientAddress,
        detail: input.change === "unlink" ? {} : { allowed: input.change === "allow-password" },
      },
      tx,
    );
    return "done";
  });
}
