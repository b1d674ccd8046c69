// One-time links to choose a password. A new account's ("welcome") signs it in: the first admin
// of a new council gets one (printed once by `npm run council -- create`). A forgotten password's
// ("reset", emailed on request) ends every session of the account instead. Only a keyed hash of
// the token is stored; a link works once, for its purpose's time, and only at its own council.
import { and, eq, gt, isNull } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import { keyedHash, randomToken } from "#app/utils/secrets.server";
import type { SecondFactorFor } from "#db/schema/constants";
import { secondFactorNeeded } from "./permissions";
import { hashPassword } from "./staff.server";
import { endSessionsForNewPassword, startSession } from "./staff-session.server";

export type LinkPurpose = "welcome" | "reset";

export const SIGN_IN_LINK_HOURS = 72;
export const RESET_LINK_MINUTES = 30;
const LIFETIME_MINUTES: Record<LinkPurpose, number> = {
  welcome: SIGN_IN_LINK_HOURS * 60,
  reset: RESET_LINK_MINUTES,
};
/** Each purpose's tokens are hashed with a key of their own: one can never pass for the other. */
const HASH_PURPOSE: Record<LinkPurpose, string> = {
  welcome: "sign-in-link",
  reset: "password-reset-link",
};

/** Makes a link for an account; returns the token (shown or sent once, never stored). */
export async function createSignInLink(
  input: { organisationId: string; staffUserId: string },
  tx: Transaction,
  purpose: LinkPurpose = "welcome",
): Promise<string> {
  const token = randomToken();
  await tx.insert(schema.signInLink).values({
    ...input,
    purpose,
    tokenHash: keyedHash(HASH_PURPOSE[purpose], token),
    expiresAt: new Date(Date.now() + LIFETIME_MINUTES[purpose] * 60 * 1000),
  });
  return token;
}

const usable = (organisationId: string, token: string, purpose: LinkPurpose) =>
  and(
    eq(schema.signInLink.organisationId, organisationId),
    eq(schema.signInLink.tokenHash, keyedHash(HASH_PURPOSE[purpose], token)),
    eq(schema.signInLink.purpose, purpose),
    isNull(schema.signInLink.usedAt),
    gt(schema.signInLink.expiresAt, new Date()),
    eq(schema.staffUser.active, true),
  );

/** Whose link this is, while it can still be used at this council. */
export async function openSignInLink(
  organisationId: string,
  token: string,
  purpose: LinkPurpose = "welcome",
): Promise<{ id: string; name: string; email: string } | undefined> {
  const [row] = await db()
    .select({
      id: schema.staffUser.id,
      name: schema.staffUser.name,
      email: schema.staffUser.email,
    })
    .from(schema.signInLink)
    .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.signInLink.staffUserId))
    .where(usable(organisationId, token, purpose));
  return row;
}

/**
 * Takes a link for use in `tx` (locked, so a link used twice at once works once) and sets its
 * account's password; the account's id, or undefined when the link is spent.
 */
async function useLink(
  tx: Transaction,
  input: { organisationId: string; token: string; passwordHash: string },
  purpose: LinkPurpose,
): Promise<string | undefined> {
  const [link] = await tx
    .select({ id: schema.signInLink.id, staffUserId: schema.signInLink.staffUserId })
    .from(schema.signInLink)
    .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.signInLink.staffUserId))
    .where(usable(input.organisationId, input.token, purpose))
    .for("update", { of: schema.signInLink });
  if (!link) return undefined;
  await tx
    .update(schema.signInLink)
    .set({ usedAt: new Date() })
    .where(eq(schema.signInLink.id, link.id));
  await tx
    .update(schema.staffUser)
    .set({ passwordHash: input.passwordHash })
    .where(eq(schema.staffUser.id, link.staffUserId));
  return link.staffUserId;
}

/**
 * Spends a new account's link: sets its password and signs it in, in one transaction. Returns
 * the new session's token; or, for someone who needs a second factor (an admin or a manager),
 * no session but their account, to set up their authenticator app next; or undefined when the
 * link is spent.
 */
export async function spendSignInLink(input: {
  organisationId: string;
  token: string;
  password: string;
  clientAddress?: string;
  secondFactorFor: SecondFactorFor;
}): Promise<{ token: string } | { setUpFor: string } | undefined> {
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const staffUserId = await useLink(tx, { ...input, passwordHash }, "welcome");
    if (!staffUserId) return undefined;
    const roles = await tx
      .select({ role: schema.roleAssignment.role })
      .from(schema.roleAssignment)
      .where(eq(schema.roleAssignment.staffUserId, staffUserId));
    if (
      secondFactorNeeded(
        roles.map((row) => row.role),
        input.secondFactorFor,
      )
    ) {
      return { setUpFor: staffUserId };
    }
    const token = await startSession(
      {
        organisationId: input.organisationId,
        staffUserId,
        action: "sign-in.first",
        clientAddress: input.clientAddress,
      },
      tx,
    );
    return { token };
  });
}

/**
 * Spends a reset link: sets the new password and ends every session of the account (whoever had
 * the old password is signed out), audited, in one transaction. It signs nobody in: the person
 * signs in with the new password as usual. False when the link is spent or has run out.
 */
export async function spendResetLink(input: {
  organisationId: string;
  token: string;
  password: string;
  clientAddress?: string;
}): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const staffUserId = await useLink(tx, { ...input, passwordHash }, "reset");
    if (!staffUserId) return false;
    await endSessionsForNewPassword(tx, {
      organisationId: input.organisationId,
      staffUserId,
      action: "password.reset",
      clientAddress: input.clientAddress,
    });
    return true;
  });
}
