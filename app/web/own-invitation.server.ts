// The inviting member of staff's own invitation, and the hour after a link and code are made in
// which their browser may show them again (a sealed cookie on that invitation's pages only;
// nothing readable is stored on the server).
import type { AppLoadContext } from "@remix-run/node";
import {
  areCurrentSecrets,
  getInvitation,
  isUuid,
  type IssuedSecrets,
} from "#app/models/invitation.server";
import { cookieNameOf, maxAgeOf } from "#app/privacy/cookies";
import { readCookie } from "./cookies.server";
import { seal, unseal } from "#app/utils/secrets.server";
import { requireStaff } from "./staff-auth.server";
import { londonDateOf } from "#app/utils/dates";
import { refusedItem } from "./refusal-audit.server";

/** How long the inviter can see (and print) a new link and code. */
export const ISSUED_SECRETS_SECONDS = maxAgeOf("invitationSecrets");

export const invitationPath = (invitationId: string) => `/staff/invitations/${invitationId}`;

// Scoped to the invitation's path, so __Host- (which needs Path=/) cannot be used.
const secretsCookieName = (production: boolean) => cookieNameOf("invitationSecrets", production);

type SealedSecrets = { i: string; s: string; t: string; c: string; e: number };

/**
 * A Set-Cookie header that lets this member of staff's browser show the new link and code for an
 * hour, on this invitation's pages only: sealed with the server's key, HttpOnly, SameSite=Strict.
 */
export function issuedSecretsCookie(input: {
  production: boolean;
  invitationId: string;
  staffUserId: string;
  secrets: IssuedSecrets;
  now?: Date;
}): string {
  const payload: SealedSecrets = {
    i: input.invitationId,
    s: input.staffUserId,
    t: input.secrets.linkToken,
    c: input.secrets.code,
    e: (input.now ?? new Date()).getTime() + ISSUED_SECRETS_SECONDS * 1000,
  };
  return [
    `${secretsCookieName(input.production)}=${seal(JSON.stringify(payload))}`,
    `Path=${invitationPath(input.invitationId)}`,
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${ISSUED_SECRETS_SECONDS}`,
    ...(input.production ? ["Secure"] : []),
  ].join("; ");
}

function sealedSecretsOf(request: Request, production: boolean): SealedSecrets | undefined {
  const sealed = readCookie(request.headers.get("Cookie"), secretsCookieName(production));
  if (!sealed) return undefined;
  try {
    return JSON.parse(unseal(sealed)) as SealedSecrets;
  } catch {
    return undefined;
  }
}

/**
 * The link and code made for this invitation in the last hour, from this browser's cookie, if
 * they are still the ones that work.
 */
export async function readIssuedSecrets(
  request: Request,
  input: {
    production: boolean;
    organisationId: string;
    staffUserId: string;
    invitationId: string;
    now?: Date;
  },
): Promise<(IssuedSecrets & { visibleUntil: Date }) | undefined> {
  const payload = sealedSecretsOf(request, input.production);
  const now = input.now ?? new Date();
  if (
    !payload ||
    !isUuid(input.invitationId) ||
    payload.i !== input.invitationId ||
    payload.s !== input.staffUserId ||
    typeof payload.t !== "string" ||
    typeof payload.c !== "string" ||
    !(payload.e > now.getTime())
  ) {
    return undefined;
  }
  const secrets = { linkToken: payload.t, code: payload.c };
  const current = await areCurrentSecrets({
    organisationId: input.organisationId,
    invitedBy: input.staffUserId,
    invitationId: input.invitationId,
    secrets,
  });
  return current ? { ...secrets, visibleUntil: new Date(payload.e) } : undefined;
}

/**
 * The signed-in member of staff's own invitation (404 for anyone else's), the last UK day its
 * link works, and the link and code if they were issued to them within the hour.
 */
export async function ownInvitation(
  request: Request,
  context: AppLoadContext,
  invitationId: string,
) {
  const { staff } = await requireStaff(request, context, "invitation:create");
  const invitation = await getInvitation({
    organisationId: context.organisation.id,
    invitedBy: staff.id,
    invitationId,
  });
  if (!invitation) {
    throw await refusedItem(request, context, staff, { type: "invitation", id: invitationId });
  }
  const issued = await readIssuedSecrets(request, {
    production: context.production,
    organisationId: context.organisation.id,
    staffUserId: staff.id,
    invitationId,
  });
  return {
    staff,
    invitation,
    issued,
    // the link and code stop at the midnight after this day
    lastDay: londonDateOf(new Date(invitation.expiresAt.getTime() - 1)),
  };
}
