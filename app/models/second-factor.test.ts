// The second factor: who needs it, setting up an authenticator app (proved by a code, the secret
// sealed, ten recovery codes kept only as hashes), each code taken once, a recovery code used up,
// guesses limited, and an admin removing a lost phone's app (every session ends).
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { codeAt } from "#test/support/authenticator";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { organisationForHost, type Organisation } from "./organisation.server";
import { secondFactorNeeded } from "./permissions";
import {
  checkSecondFactor,
  newAuthenticatorSecret,
  removeSecondFactor,
  setUpSecondFactor,
} from "./second-factor.server";
import { findSession, signIn } from "./staff-session.server";
import { createStaffMember, findStaffByEmail, getStaffMember } from "./staff.server";

const PASSWORD = "a kettle on the third shelf";
const STEP = 30_000;
let westmoor: Organisation;
let aberhaven: Organisation;
let admin: StaffActor;

let counter = 0;
/** A new manager of its own for each test (needs a second factor, has none yet). */
async function newManager(organisation = westmoor) {
  counter++;
  const email = `manager.${counter}@${organisation.slug}.example`;
  const member = await createStaffMember({
    organisationId: organisation.id,
    email,
    name: `Manager ${counter}`,
    password: PASSWORD,
    roles: ["manager"],
    createdBy: null,
  });
  return { ...member, attempt: { organisationId: organisation.id, staffUserId: member.id } };
}

/** A manager with an authenticator app set up, and its secret and recovery codes. */
async function withApp() {
  const manager = await newManager();
  const secret = newAuthenticatorSecret();
  const set = await setUpSecondFactor({ ...manager.attempt, secret, code: codeAt(secret) });
  if (!set.ok) throw new Error("not set up");
  return { ...manager, secret, recoveryCodes: set.recoveryCodes! };
}

const passwordSignIn = (email: string, organisation = westmoor) =>
  signIn({
    organisationId: organisation.id,
    email,
    password: PASSWORD,
    clientAddress: "10.40.0.1",
    addressLimit: 100,
    secondFactorFor: organisation.secondFactorFor,
  });

beforeAll(async () => {
  westmoor = (await organisationForHost("localhost"))!;
  aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  const account = await findStaffByEmail(westmoor.id, "admin@westmoor.example");
  admin = (await getStaffMember(westmoor.id, account!.id))!;
});

describe("who needs it", () => {
  test("admins and managers always; everyone where the council says so", () => {
    expect(secondFactorNeeded(["admin"], "admins-and-managers")).toBe(true);
    expect(secondFactorNeeded(["manager"], "admins-and-managers")).toBe(true);
    expect(secondFactorNeeded(["iro", "complaints_officer"], "admins-and-managers")).toBe(false);
    expect(secondFactorNeeded(["iro"], "everyone")).toBe(true);
  });

  test("a right password alone starts no session: set it up first, then a code each time", async () => {
    const manager = await newManager();
    expect(await passwordSignIn(manager.email)).toEqual({
      ok: false,
      reason: "second-factor",
      staffUserId: manager.id,
      setUp: true,
    });
    const sessions = await db()
      .select({ id: schema.staffSession.id })
      .from(schema.staffSession)
      .where(eq(schema.staffSession.staffUserId, manager.id));
    expect(sessions).toEqual([]);

    const secret = newAuthenticatorSecret();
    await setUpSecondFactor({ ...manager.attempt, secret, code: codeAt(secret) });
    expect(await passwordSignIn(manager.email)).toMatchObject({
      reason: "second-factor",
      setUp: false,
    });
  });

  test("an IRO needs none, unless the council asks it of everyone", async () => {
    const iro = await createStaffMember({
      organisationId: westmoor.id,
      email: "iro.everyone@westmoor.example",
      name: "Iro Everyone",
      password: PASSWORD,
      roles: ["iro"],
      createdBy: null,
    });
    expect((await passwordSignIn(iro.email)).ok).toBe(true);
    expect(
      await passwordSignIn(iro.email, { ...westmoor, secondFactorFor: "everyone" }),
    ).toMatchObject({
      reason: "second-factor",
      setUp: true,
    });
  });
});

describe("setting up the app", () => {
  test("needs a right code; keeps the secret sealed and ten recovery codes as hashes", async () => {
    const manager = await newManager();
    const secret = newAuthenticatorSecret();
    expect(await setUpSecondFactor({ ...manager.attempt, secret, code: "000000" })).toEqual({
      ok: false,
      reason: "wrong-code",
    });
    const set = await setUpSecondFactor({ ...manager.attempt, secret, code: codeAt(secret) });
    if (!set.ok) throw new Error("not set up");
    expect(set.recoveryCodes).toHaveLength(10);
    expect(new Set(set.recoveryCodes).size).toBe(10);
    expect((await findSession(westmoor.id, set.token)).status).toBe("valid");

    const [stored] = await db()
      .select({
        secret: sql<string>`${schema.staffUser.totpSecret}::text`,
        hashes: schema.staffUser.recoveryCodeHashes,
      })
      .from(schema.staffUser)
      .where(eq(schema.staffUser.id, manager.id));
    expect(stored!.secret).toMatch(/^s2\./);
    expect(stored!.secret).not.toContain(secret);
    expect(stored!.hashes).toHaveLength(10);
    for (const code of set.recoveryCodes!) expect(stored!.hashes.join(" ")).not.toContain(code);
  });

  test("cannot replace an app already set up", async () => {
    const manager = await withApp();
    const other = newAuthenticatorSecret();
    expect(
      await setUpSecondFactor({ ...manager.attempt, secret: other, code: codeAt(other) }),
    ).toMatchObject({ ok: false });
    expect(
      (await checkSecondFactor({ ...manager.attempt, code: codeAt(other, Date.now() + STEP) })).ok,
    ).toBe(false);
  });
});

describe("a code", () => {
  test("works once; the next step's code works too; an old one does not", async () => {
    const manager = await withApp();
    // Setting up used this step's code: it is not taken again.
    expect(await checkSecondFactor({ ...manager.attempt, code: codeAt(manager.secret) })).toEqual({
      ok: false,
      reason: "wrong-code",
    });
    const next = codeAt(manager.secret, Date.now() + STEP);
    const twice = await Promise.all([
      checkSecondFactor({ ...manager.attempt, code: next }),
      checkSecondFactor({ ...manager.attempt, code: next }),
    ]);
    expect(twice.filter((result) => result.ok)).toHaveLength(1);
    const old = codeAt(manager.secret, Date.now() - 3 * STEP);
    expect((await checkSecondFactor({ ...manager.attempt, code: old })).ok).toBe(false);
    const audited = await db()
      .select({ action: schema.auditEvent.action })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.actorStaffUserId, manager.id));
    expect(audited.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["second-factor.set-up", "sign-in", "second-factor.failed"]),
    );
  });

  test("a recovery code works once, with or without its dash and in capitals", async () => {
    const manager = await withApp();
    const [first, second] = manager.recoveryCodes as [string, string];
    expect((await checkSecondFactor({ ...manager.attempt, code: first })).ok).toBe(true);
    expect((await checkSecondFactor({ ...manager.attempt, code: first })).ok).toBe(false);
    const typed = ` ${second.replace("-", "").toUpperCase()} `;
    expect((await checkSecondFactor({ ...manager.attempt, code: typed })).ok).toBe(true);
    const [left] = await db()
      .select({ hashes: schema.staffUser.recoveryCodeHashes })
      .from(schema.staffUser)
      .where(eq(schema.staffUser.id, manager.id));
    expect(left!.hashes).toHaveLength(8);
  });

  test("five wrong guesses, then even a right code waits", async () => {
    const manager = await withApp();
    for (let guess = 0; guess < 5; guess++) {
      expect(
        await checkSecondFactor({ ...manager.attempt, code: String(100000 + guess) }),
      ).toMatchObject({ reason: "wrong-code" });
    }
    const right = codeAt(manager.secret, Date.now() + STEP);
    expect(await checkSecondFactor({ ...manager.attempt, code: right })).toMatchObject({
      reason: "throttled",
    });
  });
});

describe("an admin removes a lost phone's app", () => {
  test("every session ends; the owner sets one up again at the next sign-in", async () => {
    const manager = await withApp();
    const signedIn = await checkSecondFactor({
      ...manager.attempt,
      code: codeAt(manager.secret, Date.now() + STEP),
    });
    if (!signedIn.ok) throw new Error("not signed in");
    expect(
      await removeSecondFactor({ organisationId: westmoor.id, staff: admin, id: manager.id }),
    ).toBe("done");
    expect((await findSession(westmoor.id, signedIn.token)).status).toBe("none");
    expect(await passwordSignIn(manager.email)).toMatchObject({ setUp: true });
  });

  test("only an admin of the same council", async () => {
    const manager = await withApp();
    const other = await newManager(aberhaven);
    expect(
      await removeSecondFactor({ organisationId: westmoor.id, staff: admin, id: other.id }),
    ).toBe("not-found");
    const managerActor = (await getStaffMember(westmoor.id, manager.id))!;
    await expect(
      removeSecondFactor({ organisationId: westmoor.id, staff: managerActor, id: manager.id }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const [still] = await db()
      .select({ since: schema.staffUser.totpEnrolledAt })
      .from(schema.staffUser)
      .where(and(eq(schema.staffUser.id, manager.id)));
    expect(still!.since).not.toBeNull();
  });
});
