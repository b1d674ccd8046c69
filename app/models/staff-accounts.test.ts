// Staff passwords and leavers: how strong a new password must be, changing one's own, a reset
// link by email (once, for 30 minutes, ending every session), and an admin disabling a leaver's
// account (signed out at once) and listing the accounts nobody uses.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { checkSettings } from "#app/settings/check";
import { settingsTopic } from "#app/settings/topics";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { deliverableBody } from "./outbox.server";
import {
  forgetCachedOrganisations,
  organisationForHost,
  type Organisation,
} from "./organisation.server";
import { passwordProblem } from "./password-strength.server";
import { changeSettings } from "./settings.server";
import { openSignInLink, spendResetLink } from "./sign-in-link.server";
import {
  changeOwnPassword,
  findAccount,
  listAccounts,
  requestPasswordReset,
  setAccountActive,
} from "./staff-accounts.server";
import { findSession, signIn } from "./staff-session.server";
import { createStaffMember, getStaffMember, listStaff } from "./staff.server";

const PORTAL = "https://portal.westmoor.example";
const GOOD = "a quiet walk along the canal";

let westmoor: Organisation;
let aberhaven: Organisation;
let admin: StaffActor;
let otherAdmin: StaffActor;

let counter = 0;
/** A new account of its own for each test, signed in once (its session's token returned). */
async function newcomer(organisation = westmoor) {
  counter++;
  const email = `newcomer.${counter}@${organisation.slug}.example`;
  const member = await createStaffMember({
    organisationId: organisation.id,
    email,
    name: `Newcomer ${counter}`,
    password: GOOD,
    roles: ["iro"],
    createdBy: null,
  });
  const signedIn = await signIn({
    organisationId: organisation.id,
    email,
    password: GOOD,
    clientAddress: `10.9.${counter}.1`,
    addressLimit: 20,
  });
  if (!signedIn.ok) throw new Error("could not sign in");
  return { member, email, token: signedIn.token };
}

const sessionStatus = async (organisation: Organisation, token: string) =>
  (await findSession(organisation.id, token)).status;

async function actor(organisation: Organisation, email: string): Promise<StaffActor> {
  const [row] = await db()
    .select({ id: schema.staffUser.id })
    .from(schema.staffUser)
    .where(
      and(eq(schema.staffUser.organisationId, organisation.id), eq(schema.staffUser.email, email)),
    );
  return (await getStaffMember(organisation.id, row!.id))!;
}

/** The reset emails queued for one account (recipients are sealed: found by what they are about). */
async function resetEmailsTo(staffUserId: string) {
  return db()
    .select()
    .from(schema.outboxMessage)
    .where(
      and(
        eq(schema.outboxMessage.subjectId, staffUserId),
        eq(schema.outboxMessage.template, "staff.password-reset"),
      ),
    );
}

const allResetEmails = async () =>
  (
    await db()
      .select({ id: schema.outboxMessage.id })
      .from(schema.outboxMessage)
      .where(eq(schema.outboxMessage.template, "staff.password-reset"))
  ).length;

beforeAll(async () => {
  westmoor = (await organisationForHost("localhost"))!;
  aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  admin = await actor(westmoor, "admin@westmoor.example");
  otherAdmin = await actor(aberhaven, "admin@aberhaven.example");
});

describe("a new password", () => {
  const about = { names: ["Priya Shah", "iro@westmoor.example", "Westmoor Borough Council"] };

  test.each([
    ["short", "tooShort"],
    ["password1234", "common"],
    ["qwertyuiop123", "common"],
    ["priyashah1234", "yourName"],
    ["westmoorwestmoor", "yourName"],
    ["aaaaaaaaaaaaaaa", "guessable"],
    ["x".repeat(201), "tooLong"],
  ])("%s is refused: %s", async (password, reason) => {
    expect(await passwordProblem(password, about)).toBe(reason);
  });

  test.each([GOOD, "correct horse battery staple", "Tr0ub4dor&3-river"])(
    "%s will do",
    async (password) => {
      expect(await passwordProblem(password, about)).toBeUndefined();
    },
  );
});

describe("changing one's own password", () => {
  test("needs the current one; ends every other session, keeps this one", async () => {
    const { member, email, token } = await newcomer();
    const other = await signIn({
      organisationId: westmoor.id,
      email,
      password: GOOD,
      clientAddress: "10.8.0.1",
      addressLimit: 20,
    });
    if (!other.ok) throw new Error("second sign-in failed");
    const here = await findSession(westmoor.id, token);
    if (here.status !== "valid") throw new Error("not signed in");
    const change = (current: string) =>
      changeOwnPassword({
        organisationId: westmoor.id,
        staffUserId: member.id,
        sessionId: here.sessionId,
        current,
        password: "a brand new sentence for me",
      });

    expect(await change("not my password")).toBe("wrong-password");
    expect(await sessionStatus(westmoor, other.token)).toBe("valid");

    expect(await change(GOOD)).toBe("changed");
    expect(await sessionStatus(westmoor, token)).toBe("valid");
    expect(await sessionStatus(westmoor, other.token)).toBe("none");
    const attempt = (password: string) =>
      signIn({
        organisationId: westmoor.id,
        email,
        password,
        clientAddress: "10.8.0.2",
        addressLimit: 20,
      });
    expect((await attempt(GOOD)).ok).toBe(false);
    expect((await attempt("a brand new sentence for me")).ok).toBe(true);
  });
});

describe("a forgotten password", () => {
  const ask = (email: string, clientAddress = "10.7.0.1") =>
    requestPasswordReset({
      organisation: westmoor,
      email,
      portalUrl: PORTAL,
      language: "en",
      clientAddress,
    });

  test("an address without an account gets the same answer, and nothing is sent", async () => {
    const before = await allResetEmails();
    expect(await ask("nobody@westmoor.example")).toBe("asked");
    // Another council's account is not an account here.
    expect(await ask("admin@aberhaven.example")).toBe("asked");
    expect(await allResetEmails()).toBe(before);
  });

  test("a link by email works once, ends every session, and the new password signs in", async () => {
    const { member, email, token } = await newcomer();
    expect(await ask(` ${email.toUpperCase()} `)).toBe("asked");
    const [mail] = await resetEmailsTo(member.id);
    expect(mail?.recipient).toBe(email);
    expect(mail?.bodyText).not.toMatch(/reset-password\/[A-Za-z0-9_-]{20,}/);
    const link = deliverableBody(mail!).match(/\/staff\/reset-password\/(\S+)/)?.[1];
    expect(deliverableBody(mail!)).toContain(`${PORTAL}/staff/reset-password/`);
    expect(deliverableBody(mail!)).toContain("30 minutes");

    // Not a welcome link, and not at another council.
    expect(await openSignInLink(westmoor.id, link!)).toBeUndefined();
    expect(await openSignInLink(aberhaven.id, link!, "reset")).toBeUndefined();
    expect(await openSignInLink(westmoor.id, link!, "reset")).toMatchObject({ email });

    const password = "the heron waits by the lock";
    const [first, second] = await Promise.all([
      spendResetLink({ organisationId: westmoor.id, token: link!, password }),
      spendResetLink({ organisationId: westmoor.id, token: link!, password: "someone else's go" }),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await sessionStatus(westmoor, token)).toBe("none");
    expect(await openSignInLink(westmoor.id, link!, "reset")).toBeUndefined();
    const chosen = first ? password : "someone else's go";
    const signedIn = await signIn({
      organisationId: westmoor.id,
      email,
      password: chosen,
      clientAddress: "10.7.1.1",
      addressLimit: 20,
    });
    expect(signedIn.ok).toBe(true);

    const audit = await db()
      .select({ action: schema.auditEvent.action })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.subjectType, "staff_user"));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["password.reset-requested", "password.reset"]),
    );
  });

  test("a link that has run out does nothing", async () => {
    const { member, email } = await newcomer();
    await ask(email, "10.7.2.1");
    const [mail] = await resetEmailsTo(member.id);
    const link = deliverableBody(mail!).match(/\/staff\/reset-password\/(\S+)/)![1]!;
    await db()
      .update(schema.signInLink)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.signInLink.staffUserId, member.id));
    expect(await openSignInLink(westmoor.id, link, "reset")).toBeUndefined();
    expect(
      await spendResetLink({ organisationId: westmoor.id, token: link, password: GOOD + "!" }),
    ).toBe(false);
  });

  test("asking again and again sends no more than 3 links an hour", async () => {
    const { member, email } = await newcomer();
    for (let i = 0; i < 5; i++) expect(await ask(email, `10.7.3.${i}`)).toBe("asked");
    expect(await resetEmailsTo(member.id)).toHaveLength(3);
  });

  test("one address asking for many is stopped at its limit", async () => {
    const answers = [];
    for (let i = 0; i < 12; i++)
      answers.push(await ask(`someone.${i}@westmoor.example`, "10.7.4.1"));
    expect(answers.filter((answer) => answer === "throttled")).toHaveLength(2);
  });
});

describe("a leaver's account", () => {
  test("disabled by an admin: signed out at once, cannot sign in; enabled again, can", async () => {
    const { member, email, token } = await newcomer();
    const disable = (active: boolean) =>
      setAccountActive({ organisationId: westmoor.id, staff: admin, id: member.id, active });
    expect(await disable(false)).toBe("done");
    expect(await sessionStatus(westmoor, token)).toBe("none");
    const attempt = () =>
      signIn({
        organisationId: westmoor.id,
        email,
        password: GOOD,
        clientAddress: "10.6.0.1",
        addressLimit: 20,
      });
    expect((await attempt()).ok).toBe(false);
    // A disabled account gets no reset link either.
    await requestPasswordReset({
      organisation: westmoor,
      email,
      portalUrl: PORTAL,
      language: "en",
      clientAddress: "10.6.0.2",
    });
    expect(await resetEmailsTo(email)).toHaveLength(0);
    expect(
      await findAccount({ organisationId: westmoor.id, staff: admin, id: member.id }),
    ).toMatchObject({
      active: false,
    });
    expect(await disable(false)).toBe("unchanged");
    // Not offered as someone to add to a team.
    expect((await listStaff(westmoor.id)).map((person) => person.id)).not.toContain(member.id);

    expect(await disable(true)).toBe("done");
    expect((await attempt()).ok).toBe(true);
    const audit = await db()
      .select({ action: schema.auditEvent.action, actor: schema.auditEvent.actorStaffUserId })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.subjectId, member.id));
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "staff.disabled", actor: admin.id },
        { action: "staff.enabled", actor: admin.id },
      ]),
    );
  });

  test("nobody disables their own account; nor another council's; only an admin may", async () => {
    expect(
      await setAccountActive({
        organisationId: westmoor.id,
        staff: admin,
        id: admin.id,
        active: false,
      }),
    ).toBe("own-account");
    const { member } = await newcomer(aberhaven);
    expect(
      await setAccountActive({
        organisationId: westmoor.id,
        staff: admin,
        id: member.id,
        active: false,
      }),
    ).toBe("not-found");
    expect(
      await setAccountActive({
        organisationId: westmoor.id,
        staff: admin,
        id: "not-an-id",
        active: false,
      }),
    ).toBe("not-found");
    await expect(
      setAccountActive({
        organisationId: westmoor.id,
        staff: otherAdmin,
        id: member.id,
        active: false,
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const iro = await actor(westmoor, "iro@westmoor.example");
    await expect(listAccounts({ organisationId: westmoor.id, staff: iro })).rejects.toBeInstanceOf(
      NotAllowedError,
    );
  });

  test("accounts nobody has signed in to for the council's number of days are listed", async () => {
    const { member: recent } = await newcomer();
    const { member: stale } = await newcomer();
    const { member: neverUsed } = await newcomer();
    const longAgo = new Date(Date.now() - 100 * 24 * 3600 * 1000);
    await db()
      .update(schema.staffUser)
      .set({ lastSignedInAt: longAgo })
      .where(eq(schema.staffUser.id, stale.id));
    await db()
      .update(schema.staffUser)
      .set({ lastSignedInAt: null, createdAt: longAgo })
      .where(eq(schema.staffUser.id, neverUsed.id));
    const unused = await listAccounts({
      organisationId: westmoor.id,
      staff: admin,
      unusedForDays: 90,
    });
    const ids = unused.map((account) => account.id);
    expect(ids).toContain(stale.id);
    expect(ids).toContain(neverUsed.id);
    expect(ids).not.toContain(recent.id);
    const all = await listAccounts({ organisationId: westmoor.id, staff: admin });
    expect(all.find((account) => account.id === recent.id)?.lastSignedInAt).toBeInstanceOf(Date);
    expect(all.find((account) => account.id === admin.id)?.roles).toEqual(["admin"]);
    expect(
      await listAccounts({ organisationId: westmoor.id, staff: admin, unusedForDays: 200 }),
    ).not.toContainEqual(expect.objectContaining({ id: stale.id }));
  });
});

test("the council sets how many days make an account unused: 14 to 730", async () => {
  const topic = settingsTopic("staff-accounts")!;
  for (const days of ["13", "731", "soon"]) {
    const refused = checkSettings(topic, {
      inactiveAccountDays: days,
      secondFactorFor: "admins-and-managers",
    });
    expect(refused.ok ? {} : refused.errors, days).toEqual({
      inactiveAccountDays: "settings:errors.number",
    });
  }
  const checked = checkSettings(topic, {
    inactiveAccountDays: "30",
    secondFactorFor: "admins-and-managers",
  });
  if (!checked.ok) throw new Error("refused");
  await changeSettings({
    organisation: westmoor,
    staff: admin,
    topic: "staff-accounts",
    columns: checked.columns,
  });
  forgetCachedOrganisations();
  expect((await organisationForHost("localhost"))?.inactiveAccountDays).toBe(30);
});
