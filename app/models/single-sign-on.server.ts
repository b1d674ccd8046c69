// Staff sign in through their council's own OpenID Connect provider (Microsoft Entra ID, Google
// Workspace, …): the authorisation code flow with PKCE, `state` and `nonce`, through
// openid-client, which checks the ID token's signature, issuer, audience, expiry and nonce.
// The identity is linked to an account the admin made (by email the first time, then by the
// provider's subject id); roles stay the portal's; no account is ever made here.
// docs/decisions/051-single-sign-on.md
import { and, eq, ne } from "drizzle-orm";
import * as oidc from "openid-client";
import { db, schema } from "#db/client";
import { keyedHash, seal, unseal } from "#db/sealing";
import { recordAudit } from "./audit.server";
import { publicUrlOf, type Organisation } from "./organisation.server";
import { normaliseEmail } from "./staff.server";
import { startSession } from "./staff-session.server";

/** How a council's staff sign in (its "Signing in" settings). */
export type SignInSettings = Pick<
  Organisation,
  "ssoIssuer" | "ssoClientId" | "ssoClientSecret" | "staffSignIn"
>;
export type SsoCouncil = Pick<Organisation, "id" | "slug" | "name" | "publicUrl"> & SignInSettings;

/** The council has everything single sign-on needs. */
export const ssoReady = (council: SignInSettings) =>
  council.ssoIssuer !== "" && council.ssoClientId !== "" && Boolean(council.ssoClientSecret);

/** Only the accounts the admin named may use a password. */
export const ssoRequired = (council: SignInSettings) =>
  ssoReady(council) && council.staffSignIn === "sso-required";

/** Where the provider sends people back: the council's configured address, never a request's. */
export const callbackAddressOf = (council: SsoCouncil) =>
  `${publicUrlOf(council)}/staff/sso/callback`;

/**
 * A provider address the portal may talk to: https, or plain http on this machine only (to try
 * single sign-on with the demo provider).
 */
export function allowedIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && isLoopback(url.hostname);
  } catch {
    return false;
  }
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host.endsWith(".localhost");

/** A provider's discovered settings, per council and client, kept for an hour. */
const configurations = new Map<
  string,
  { at: number; configuration: Promise<oidc.Configuration> }
>();
const CONFIGURATION_MS = 60 * 60 * 1000;
const PROVIDER_TIMEOUT_SECONDS = 10;

function configurationOf(council: SsoCouncil): Promise<oidc.Configuration> {
  const key = [
    council.id,
    council.ssoIssuer,
    council.ssoClientId,
    keyedHash("sso-client-secret", council.ssoClientSecret ?? ""),
  ].join(" ");
  const kept = configurations.get(key);
  if (kept && Date.now() - kept.at < CONFIGURATION_MS) return kept.configuration;
  const issuer = new URL(council.ssoIssuer);
  const configuration = oidc.discovery(
    issuer,
    council.ssoClientId,
    undefined,
    oidc.ClientSecretBasic(council.ssoClientSecret ?? ""),
    {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      execute: issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : [],
    },
  );
  configurations.set(key, { at: Date.now(), configuration });
  // A provider that could not be reached is asked again next time.
  configuration.catch(() => configurations.delete(key));
  return configuration;
}

/** How long a person has at their provider before the sign-in runs out (its cookie's life). */
export const ATTEMPT_MINUTES = 10;

type Attempt = {
  organisationId: string;
  state: string;
  nonce: string;
  verifier: string;
  redirectTo: string;
  startedAt: number;
};

/**
 * Starts a sign-in: where to send the browser, and the attempt (sealed) for the browser to keep
 * until it comes back. Undefined when the provider cannot be reached.
 */
export async function startSingleSignOn(
  council: SsoCouncil,
  redirectTo: string,
): Promise<{ authorizationUrl: string; attempt: string } | undefined> {
  let configuration: oidc.Configuration;
  try {
    configuration = await configurationOf(council);
  } catch {
    return undefined;
  }
  const attempt: Attempt = {
    organisationId: council.id,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    redirectTo,
    startedAt: Date.now(),
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackAddressOf(council),
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
    code_challenge_method: "S256",
    state: attempt.state,
    nonce: attempt.nonce,
  });
  return { authorizationUrl: url.href, attempt: seal(JSON.stringify(attempt)) };
}

/** Why a single sign-on was refused (words: `account:sso.refused.<reason>`). */
export const SSO_REFUSALS = [
  "not-set-up",
  "expired",
  "wrong-state",
  "cancelled",
  "unreachable",
  "code-refused",
  "token-not-valid",
  "no-email",
  "no-account",
  "linked-elsewhere",
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export type SsoOutcome =
  | { ok: true; token: string; redirectTo: string }
  | { ok: false; reason: SsoRefusal; email?: string };

function readAttempt(council: SsoCouncil, sealed: string | undefined): Attempt | undefined {
  if (!sealed) return undefined;
  try {
    const attempt = JSON.parse(unseal(sealed)) as Attempt;
    const fresh = Date.now() - attempt.startedAt < ATTEMPT_MINUTES * 60_000;
    return attempt.organisationId === council.id && fresh ? attempt : undefined;
  } catch {
    return undefined;
  }
}

/** What openid-client's refusal means for the person. */
function refusalOf(error: unknown): SsoRefusal {
  if (error instanceof oidc.AuthorizationResponseError) return "cancelled";
  // The token endpoint said no: a code used before, run out, or issued to another client.
  if (error instanceof oidc.ResponseBodyError) return "code-refused";
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof TypeError || (cause as { code?: string }).code === "ECONNREFUSED") {
      return "unreachable";
    }
  }
  return "token-not-valid";
}

type Identity = { subject: string; email?: string };

/** Who the provider says this is: its subject id, and a verified email address if it gave one. */
async function identityOf(
  configuration: oidc.Configuration,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
): Promise<Identity> {
  const claims = tokens.claims()!;
  let found: Record<string, unknown> = claims;
  // Many providers put the address in the user info, not in the ID token.
  if (typeof claims.email !== "string" && typeof claims.preferred_username !== "string") {
    found = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
  }
  const email =
    found.email_verified === false
      ? undefined
      : [found.email, found.preferred_username].find(
          (value): value is string => typeof value === "string" && value.includes("@"),
        );
  return { subject: claims.sub, email: email && normaliseEmail(email) };
}

/**
 * The account an identity belongs to at this council: the one linked to its subject id, or
 * else the one with its email address, which is then linked to it.
 */
async function accountFor(council: SsoCouncil, identity: Identity) {
  const staff = schema.staffUser;
  const byId = (column: typeof staff.ssoSubject | typeof staff.email, value: string) =>
    db()
      .select()
      .from(staff)
      .where(and(eq(staff.organisationId, council.id), eq(column, value)));
  const [linked] = await byId(staff.ssoSubject, identity.subject);
  if (linked) return { account: linked };
  if (!identity.email) return { refusal: "no-email" as const };
  const [byEmail] = await byId(staff.email, identity.email);
  if (!byEmail || !byEmail.active) return { refusal: "no-account" as const };
  if (byEmail.ssoSubject) return { refusal: "linked-elsewhere" as const };
  await db()
    .update(staff)
    .set({ ssoSubject: identity.subject })
    .where(and(eq(staff.id, byEmail.id), eq(staff.organisationId, council.id)));
  return { account: byEmail, linkedNow: true };
}

/**
 * Finishes a sign-in when the provider sends the browser back (`query`: the callback's query
 * string; `sealedAttempt`: what the browser kept since it started). Every refusal is audited.
 */
export async function finishSingleSignOn(input: {
  council: SsoCouncil;
  query: string;
  sealedAttempt: string | undefined;
  clientAddress?: string;
}): Promise<SsoOutcome> {
  const { council } = input;
  const outcome = await checkSignIn(input);
  const audit = { organisationId: council.id, clientAddress: input.clientAddress };
  if (!outcome.ok) {
    await recordAudit({
      ...audit,
      action: "sign-in.sso-refused",
      detail: { reason: outcome.reason, ...(outcome.email ? { email: outcome.email } : {}) },
    });
    return outcome;
  }
  const { account, linkedNow, redirectTo } = outcome;
  const token = await db().transaction(async (tx) => {
    if (linkedNow) {
      await recordAudit(
        {
          ...audit,
          action: "staff.sso-linked",
          actorStaffUserId: account.id,
          subjectType: "staff_user",
          subjectId: account.id,
        },
        tx,
      );
    }
    return startSession(
      { ...audit, staffUserId: account.id, action: "sign-in", detail: { method: "sso" } },
      tx,
    );
  });
  return { ok: true, token, redirectTo };
}

async function checkSignIn(input: {
  council: SsoCouncil;
  query: string;
  sealedAttempt: string | undefined;
}) {
  const { council } = input;
  const refused = (reason: SsoRefusal, email?: string) => ({ ok: false as const, reason, email });
  if (!ssoReady(council)) return refused("not-set-up");
  const attempt = readAttempt(council, input.sealedAttempt);
  if (!attempt) return refused("expired");
  const params = new URLSearchParams(input.query);
  if (params.has("error")) return refused("cancelled");
  if (params.get("state") !== attempt.state) return refused("wrong-state");
  // The address the provider sent the browser to, from the council's settings.
  const currentUrl = new URL(`${callbackAddressOf(council)}?${params}`);
  let identity: Identity;
  try {
    const configuration = await configurationOf(council);
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: attempt.verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    identity = await identityOf(configuration, tokens);
  } catch (error) {
    return refused(refusalOf(error));
  }
  const found = await accountFor(council, identity);
  if ("refusal" in found) return refused(found.refusal!, identity.email);
  if (!found.account.active) return refused("no-account", identity.email);
  return {
    ok: true as const,
    account: found.account,
    linkedNow: Boolean(found.linkedNow),
    redirectTo: attempt.redirectTo,
  };
}

/**
 * Why the council cannot require single sign-on yet, as a settings error; undefined when it can:
 * the provider must be set up, and at least one admin must still be able to use a password, so
 * that a provider that stops working never locks the council out.
 */
export async function signInRuleProblem(
  council: Pick<Organisation, "id">,
  settings: SignInSettings,
  /** An account about to lose its exception: not counted. */
  except?: string,
): Promise<string | undefined> {
  if (settings.staffSignIn !== "sso-required") return undefined;
  if (!settings.ssoIssuer || !settings.ssoClientId || !settings.ssoClientSecret) {
    return "settings:errors.ssoNotReady";
  }
  const [admin] = await db()
    .select({ id: schema.staffUser.id })
    .from(schema.staffUser)
    .innerJoin(
      schema.roleAssignment,
      and(
        eq(schema.roleAssignment.staffUserId, schema.staffUser.id),
        eq(schema.roleAssignment.role, "admin"),
      ),
    )
    .where(
      and(
        eq(schema.staffUser.organisationId, council.id),
        eq(schema.staffUser.active, true),
        eq(schema.staffUser.passwordWhenSsoRequired, true),
        except ? ne(schema.staffUser.id, except) : undefined,
      ),
    )
    .limit(1);
  return admin ? undefined : "settings:errors.noPasswordAdmin";
}
