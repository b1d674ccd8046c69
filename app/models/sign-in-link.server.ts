// One-time links that sign a new account in to choose its password: the first admin of a new
// council gets one (printed once by `npm run council -- create`). Only a keyed hash of the token
// is stored; a link works once, for SIGN_IN_LINK_HOURS, and only at its own council.
import { and, eq, gt, isNull } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import { keyedHash, randomToken } from "#app/utils/secrets.server";
import { hashPassword } from "./staff.server";
import { startSession } from "./staff-session.server";

export const SIGN_IN_LINK_HOURS = 72;
const PURPOSE = "sign-in-link";

/** Makes a link for an account; returns the token (shown once, never stored). */
export async function createSignInLink(
  input: { organisationId: string; staffUserId: string },
  tx: Transaction,
): Promise<string> {
  const token = randomToken();
  await tx.insert(schema.signInLink).values({
    ...input,
    tokenHash: keyedHash(PURPOSE, token),
    expiresAt: new Date(Date.now() + SIGN_IN_LINK_HOURS * 3600 * 1000),
  });
  return token;
}

const usable = (organisationId: string, token: string) =>
  and(
    eq(schema.signInLink.organisationId, organisationId),
    eq(schema.signInLink.tokenHash, keyedHash(PURPOSE, token)),
    isNull(schema.signInLink.usedAt),
    gt(schema.signInLink.expiresAt, new Date()),
    eq(schema.staffUser.active, true),
  );

/** Whose link this is, while it can still be used at this council. */
export async function openSignInLink(
  organisationId: string,
  token: string,
): Promise<{ name: string; email: string } | undefined> {
  const [row] = await db()
    .select({ name: schema.staffUser.name, email: schema.staffUser.email })
    .from(schema.signInLink)
    .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.signInLink.staffUserId))
    .where(usable(organisationId, token));
  return row;
}

/**
 * Spends a link: sets the account's password and signs it in, in one transaction, so a link used
 * twice at once works once. Returns the new session's token, or undefined when the link is spent.
 */
export async function spendSignInLink(input: {
  organisationId: string;
  token: string;
  password: string;
  clientAddress?: string;
}): Promise<string | undefined> {
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const [link] = await tx
      .select({ id: schema.signInLink.id, staffUserId: schema.signInLink.staffUserId })
      .from(schema.signInLink)
      .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.signInLink.staffUserId))
      .where(usable(input.organisationId, input.token))
      .for("update", { of: schema.signInLink });
    if (!link) return undefined;
    await tx
      .update(schema.signInLink)
      .set({ usedAt: new Date() })
      .where(eq(schema.signInLink.id, link.id));
    await tx
      .update(schema.staffUser)
      .set({ passwordHash })
      .where(eq(schema.staffUser.id, link.staffUserId));
    return startSession(
      {
        organisationId: input.organisationId,
        staffUserId: link.staffUserId,
        action: "sign-in.first",
        clientAddress: input.clientAddress,
      },
      tx,
    );
  });
}
