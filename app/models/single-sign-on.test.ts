// Single sign-on in the model, against a real OpenID Connect provider on loopback: the settings
// (an allowed issuer, the secret sealed and never shown), requiring it (never without an admin
// who may still use a password), the code flow (PKCE, state, the council's own return address),
// linking an identity by email then by subject, and the password rules where it is required.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db, schema } from "#db/client";
import { startIdentityProvider, subjectOf } from "../../scripts/identity-provider.js";
import { checkSettings, typedToShowAgain } from "#app/settings/check";
import { savedValuesOf } from "#app/settings/saved-values";
import { settingsTopic } from "#app/settings/topics";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import {
  forgetCachedOrganisations,
  organisationForHost,
  publicUrlOf,
  type Organisation,
} from "./organisation.server";
import { changeSettings, SettingsProblem } from "./settings.server";
import { finishSingleSignOn, startSingleSignOn } from "./single-sign-on.server";
import { changeSignIn, requestPasswordReset } from "./staff-accounts.server";
import { findSession, signIn } from "./staff-session.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";
import { DEMO_PASSWORD } from "#db/seed";

const SECRET = "westmoor-portal-secret-for-the-model-tests";
const topic = settingsTopic("sign-in")!;
let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
let westmoor: Organisation;
let admin: StaffActor;
let iro: StaffActor;
let aberhavenAdmin: StaffActor;

/** A demo account, as the models see who is acting. */
async function actor(organisation: Organisation, email: string): Promise<StaffActor> {
  const account = await findStaffByEmail(organisation.id, email);
  return (await getStaffMember(organisation.id, account!.id))!;
}

const council = async () => {
  forgetCachedOrganisations();
  return (await organisationForHost("localhost"))!;
};

/** Saves the "Signing in" settings as the admin typed them. */
async function saveSignIn(typed: Record<string, string>) {
  const checked = checkSettings(topic, {
    ssoIssuer: "",
    ssoClientId: "",
    ssoClientSecret: "",
    staffSignIn: "password-or-sso",
    ...typed,
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  await changeSettings({
    organisation: await council(),
    staff: admin,
    topic: "sign-in",
    columns: checked.columns,
  });
  westmoor = await council();
}

/** What a browser does at the provider's own pages: signs in as `login`, agrees, comes back. */
async function atTheProvider(authorizationUrl: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  const visit = async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) cookies.delete(name!);
      else cookies.set(name!, value.join("="));
    }
    return new URL(response.headers.get("location") ?? url, url).href;
  };
  let next = await visit(authorizationUrl);
  next = await visit(await visit(next, { prompt: "login", login, password: "anything" }));
  next = await visit(await visit(next, { prompt: "consent" }));
  if (!next.startsWith(publicUrlOf(westmoor))) throw new Error(`not back: ${next}`);
  return next;
}

/** A whole sign-in through the provider, as `login`. */
async function singleSignOn(login: string) {
  const started = (await startSingleSignOn(westmoor, "/staff/inbox"))!;
  const back = new URL(await atTheProvider(started.authorizationUrl, login));
  return finishSingleSignOn({
    council: westmoor,
    query: back.search,
    sealedAttempt: started.attempt,
    clientAddress: "10.20.30.40",
  });
}

const passwordSignIn = (email: string) =>
  signIn({
    organisationId: westmoor.id,
    email,
    password: DEMO_PASSWORD,
    clientAddress: "10.20.30.41",
    addressLimit: 100,
    ssoRequired: westmoor.staffSignIn === "sso-required",
  });

beforeAll(async () => {
  westmoor = await council();
  admin = await actor(westmoor, "admin@westmoor.example");
  iro = await actor(westmoor, "iro@westmoor.example");
  const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  aberhavenAdmin = await actor(aberhaven, "admin@aberhaven.example");
  idp = await startIdentityProvider({
    clients: [
      {
        id: "westmoor-portal",
        secret: SECRET,
        redirectUris: [`${publicUrlOf(westmoor)}/staff/sso/callback`],
      },
    ],
  });
});

afterAll(async () => {
  await idp?.stop();
});

describe("the settings", () => {
  test("the service's address is https, or http on this machine only", () => {
    const typed = { ssoClientId: "", ssoClientSecret: "", staffSignIn: "password-or-sso" };
    for (const issuer of ["http://sso.westmoor.example", "ftp://localhost", "not an address"]) {
      const refused = checkSettings(topic, { ...typed, ssoIssuer: issuer });
      expect(refused.ok ? {} : refused.errors, issuer).toEqual({
        ssoIssuer: "settings:errors.issuer",
      });
    }
    for (const issuer of [
      "https://login.microsoftonline.com/0000-1111/v2.0",
      "https://accounts.google.com",
      "http://localhost:4001",
    ]) {
      expect(checkSettings(topic, { ...typed, ssoIssuer: issuer }).ok, issuer).toBe(true);
    }
  });

  test("the secret is sealed at rest, never shown again, and kept when left empty", async () => {
    await saveSignIn({
      ssoIssuer: idp.issuer,
      ssoClientId: "westmoor-portal",
      ssoClientSecret: SECRET,
    });
    const [stored] = await db()
      .select({ secret: sql<string>`${schema.organisation.ssoClientSecret}::text` })
      .from(schema.organisation)
      .where(eq(schema.organisation.id, westmoor.id));
    expect(stored!.secret).toMatch(/^s2\./);
    expect(stored!.secret).not.toContain(SECRET);
    expect(westmoor.ssoClientSecret).toBe(SECRET);

    const shown = savedValuesOf(topic, westmoor);
    expect(shown.ssoClientSecret).toBe("");
    expect(shown["ssoClientSecret.saved"]).toBe("yes");
    expect(JSON.stringify(shown)).not.toContain(SECRET);
    expect(typedToShowAgain(topic, { ssoClientSecret: SECRET, ssoClientId: "x" })).toEqual({
      ssoClientId: "x",
    });

    // Saving again with the box empty keeps it.
    await saveSignIn({ ssoIssuer: idp.issuer, ssoClientId: "westmoor-portal" });
    expect(westmoor.ssoClientSecret).toBe(SECRET);
  });
});

describe("signing in through the council's service", () => {
  test("the way out asks for a code with PKCE, state and nonce, back to the council's address", async () => {
    const started = (await startSingleSignOn(westmoor, "/staff"))!;
    const asked = new URL(started.authorizationUrl);
    expect(asked.origin).toBe(idp.issuer);
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      client_id: "westmoor-portal",
      response_type: "code",
      code_challenge_method: "S256",
      redirect_uri: `${publicUrlOf(westmoor)}/staff/sso/callback`,
    });
    for (const name of ["state", "nonce", "code_challenge"]) {
      expect(asked.searchParams.get(name)?.length, name).toBeGreaterThanOrEqual(43);
    }
    // What the browser keeps is sealed: the verifier is not readable in it.
    expect(started.attempt).toMatch(/^s2\./);
  });

  test("an identity is linked by email the first time, then by its subject id", async () => {
    const first = await singleSignOn("iro@westmoor.example");
    if (!first.ok) throw new Error(first.reason);
    expect(first.redirectTo).toBe("/staff/inbox");
    const session = await findSession(westmoor.id, first.token);
    expect(session.status === "valid" && session.staff.id).toBe(iro.id);
    expect(session.status === "valid" && session.staff.roles).toEqual(["iro"]);
    const [linked] = await db()
      .select({ subject: schema.staffUser.ssoSubject })
      .from(schema.staffUser)
      .where(eq(schema.staffUser.id, iro.id));
    expect(linked!.subject).toBe(subjectOf("iro@westmoor.example"));
    const audited = await db()
      .select({ action: schema.auditEvent.action, detail: schema.auditEvent.detail })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.actorStaffUserId, iro.id));
    expect(audited.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["staff.sso-linked", "sign-in"]),
    );

    // Their address changes at the council: the subject id still finds them.
    await db()
      .update(schema.staffUser)
      .set({ email: "priya.shah@westmoor.example" })
      .where(eq(schema.staffUser.id, iro.id));
    const second = await singleSignOn("iro@westmoor.example");
    expect(second.ok).toBe(true);
    await db()
      .update(schema.staffUser)
      .set({ email: "iro@westmoor.example" })
      .where(eq(schema.staffUser.id, iro.id));
  });

  test("no account, a disabled one, and one linked to someone else are refused, and audited", async () => {
    const nobody = await singleSignOn("nobody@westmoor.example");
    expect(nobody).toEqual({ ok: false, reason: "no-account", email: "nobody@westmoor.example" });

    const chair = await actor(westmoor, "chair@westmoor.example");
    await db()
      .update(schema.staffUser)
      .set({ ssoSubject: "someone-else" })
      .where(eq(schema.staffUser.id, chair.id));
    expect(await singleSignOn("chair@westmoor.example")).toMatchObject({
      ok: false,
      reason: "linked-elsewhere",
    });

    const fgc = await actor(westmoor, "fgc@westmoor.example");
    await db()
      .update(schema.staffUser)
      .set({ active: false })
      .where(eq(schema.staffUser.id, fgc.id));
    expect(await singleSignOn("fgc@westmoor.example")).toMatchObject({
      ok: false,
      reason: "no-account",
    });
    await db()
      .update(schema.staffUser)
      .set({ active: true })
      .where(eq(schema.staffUser.id, fgc.id));

    const refusals = await db()
      .select({ detail: schema.auditEvent.detail })
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.organisationId, westmoor.id),
          eq(schema.auditEvent.action, "sign-in.sso-refused"),
        ),
      );
    expect(refusals.map((entry) => entry.detail?.reason)).toEqual(
      expect.arrayContaining(["no-account", "linked-elsewhere"]),
    );
  });

  test("the way back is refused without its attempt, with another state, late, or elsewhere", async () => {
    const started = (await startSingleSignOn(westmoor, "/staff"))!;
    const back = new URL(await atTheProvider(started.authorizationUrl, "iro@westmoor.example"));
    const finish = (query: string, sealedAttempt: string | undefined) =>
      finishSingleSignOn({ council: westmoor, query, sealedAttempt });

    expect(await finish(back.search, undefined)).toMatchObject({ reason: "expired" });
    expect(await finish(back.search, "s2.forged")).toMatchObject({ reason: "expired" });
    const otherState = new URLSearchParams(back.search);
    otherState.set("state", "not-the-one");
    expect(await finish(`?${otherState}`, started.attempt)).toMatchObject({
      reason: "wrong-state",
    });
    expect(await finish("?error=access_denied", started.attempt)).toMatchObject({
      reason: "cancelled",
    });
    const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
    expect(
      await finishSingleSignOn({
        council: { ...aberhaven, ssoIssuer: idp.issuer, ssoClientId: "x", ssoClientSecret: "y" },
        query: back.search,
        sealedAttempt: started.attempt,
      }),
    ).toMatchObject({ reason: "expired" });

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 11 * 60_000);
    expect(await finish(back.search, started.attempt)).toMatchObject({ reason: "expired" });
    vi.useRealTimers();

    // In time, it works once; the same code again is refused by the provider.
    expect(await finish(back.search, started.attempt)).toMatchObject({ ok: true });
    expect(await finish(back.search, started.attempt)).toMatchObject({ reason: "code-refused" });
  });

  test("a service that does not answer is said so", async () => {
    const down = { ...westmoor, ssoIssuer: "http://localhost:9", ssoClientId: "down" };
    expect(await startSingleSignOn(down, "/staff")).toBeUndefined();
  });
});

describe("requiring it", () => {
  test("needs the service set up, and an admin who may still use a password", async () => {
    const require = (typed: Record<string, string>) =>
      saveSignIn({ staffSignIn: "sso-required", ...typed }).then(
        () => undefined,
        (error: unknown) => (error instanceof SettingsProblem ? error.key : error),
      );
    expect(await require({})).toBe("settings:errors.ssoNotReady");
    const ready = { ssoIssuer: idp.issuer, ssoClientId: "westmoor-portal" };
    expect(await require(ready)).toBe("settings:errors.noPasswordAdmin");
    expect(westmoor.staffSignIn).toBe("password-or-sso");

    expect(
      await changeSignIn({
        council: westmoor,
        staff: admin,
        id: admin.id,
        change: "allow-password",
      }),
    ).toBe("done");
    expect(await require(ready)).toBeUndefined();
    expect(westmoor.staffSignIn).toBe("sso-required");
  });

  test("then only the accounts named may use a password", async () => {
    expect(await passwordSignIn("iro@westmoor.example")).toEqual({
      ok: false,
      reason: "sso-required",
    });
    // The admin named may: their password goes on to their second factor.
    expect(await passwordSignIn("admin@westmoor.example")).toMatchObject({
      reason: "second-factor",
    });
    const [audited] = await db()
      .select({ id: schema.auditEvent.id })
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, "sign-in.sso-required"),
          eq(schema.auditEvent.actorStaffUserId, iro.id),
        ),
      );
    expect(audited).toBeDefined();
  });

  test("a password reset is sent only to the accounts named", async () => {
    const emails = async (id: string) =>
      (
        await db()
          .select({ id: schema.outboxMessage.id })
          .from(schema.outboxMessage)
          .where(
            and(
              eq(schema.outboxMessage.subjectId, id),
              eq(schema.outboxMessage.template, "staff.password-reset"),
            ),
          )
      ).length;
    for (const email of ["iro@westmoor.example", "admin@westmoor.example"]) {
      expect(
        await requestPasswordReset({
          organisation: westmoor,
          email,
          portalUrl: publicUrlOf(westmoor),
          language: "en",
          clientAddress: "10.20.30.42",
        }),
      ).toBe("asked");
    }
    expect(await emails(iro.id)).toBe(0);
    expect(await emails(admin.id)).toBe(1);
  });

  test("the last admin allowed a password keeps it; only this council's admin changes it", async () => {
    expect(
      await changeSignIn({ council: westmoor, staff: admin, id: admin.id, change: "sso-only" }),
    ).toBe("last-password-admin");
    expect(
      await changeSignIn({ council: westmoor, staff: admin, id: iro.id, change: "unlink" }),
    ).toBe("done");
    expect(
      await changeSignIn({
        council: westmoor,
        staff: admin,
        id: aberhavenAdmin.id,
        change: "allow-password",
      }),
    ).toBe("not-found");
    await expect(
      changeSignIn({ council: westmoor, staff: iro, id: iro.id, change: "allow-password" }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});
