// A council set up by its own admin: a new council and its first sign-in, settings by topic,
// service areas, teams with people who have no account, and compliments that reach them.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { checkSettings, formNamesOf } from "#app/settings/check";
import { settingsTopic } from "#app/settings/topics";
import { londonDateOf } from "#app/utils/dates";
import { createCouncil, CouncilExistsError } from "./council.server";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { deliverableBody } from "./outbox.server";
import {
  forgetCachedOrganisations,
  organisationForHost,
  type Organisation,
} from "./organisation.server";
import { changeRepresentation } from "./representation/change.server";
import { logRepresentation } from "./representation/logged.server";
import { openRepresentation } from "./representation/queue.server";
import { changeServiceArea, changeSettings, lastChangeOf } from "./settings.server";
import { openSignInLink, spendSignInLink } from "./sign-in-link.server";
import { findSession } from "./staff-session.server";
import { newAuthenticatorSecret, setUpSecondFactor } from "./second-factor.server";
import { codeAt } from "#test/support/authenticator";
import { findStaffByEmail, getStaffMember, verifyPassword } from "./staff.server";
import { changeTeam, getTeam, listTeams, MemberInTeamError } from "./teams.server";

const PORTAL = "https://portal.westmoor.example";

async function staffOf(organisationId: string, email: string): Promise<StaffActor> {
  const found = await findStaffByEmail(organisationId, email);
  const member = found && (await getStaffMember(organisationId, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

let westmoor: Organisation;
let aberhaven: Organisation;
const people = {} as Record<"admin" | "manager" | "complaints" | "otherAdmin" | "iro", StaffActor>;

async function fresh(slug: "westmoor" | "aberhaven") {
  forgetCachedOrganisations();
  return (await organisationForHost(slug === "westmoor" ? "localhost" : "aberhaven.localhost"))!;
}

beforeAll(async () => {
  westmoor = await fresh("westmoor");
  aberhaven = await fresh("aberhaven");
  people.admin = await staffOf(westmoor.id, "admin@westmoor.example");
  people.manager = await staffOf(westmoor.id, "manager@westmoor.example");
  people.complaints = await staffOf(westmoor.id, "complaints@westmoor.example");
  people.iro = await staffOf(westmoor.id, "iro@westmoor.example");
  people.otherAdmin = await staffOf(aberhaven.id, "admin@aberhaven.example");
});

const NEW_COUNCIL = {
  name: "Northfield City Council",
  shortName: "Northfield",
  slug: "northfield",
  publicUrl: "https://haveyoursay.northfield.example/",
  contactEmail: "haveyoursay@northfield.example",
  contactPhone: "0300 555 0100",
  outOfHoursPhone: "0300 555 0199",
  country: "wales" as const,
  adminName: "Morgan Price",
  adminEmail: "Morgan.Price@northfield.example",
};

describe("a new council", () => {
  test("is made with its admin, who chooses a password through a link that works once", async () => {
    const { organisation, admin, signInLink } = await createCouncil(NEW_COUNCIL);
    expect(organisation).toMatchObject({
      slug: "northfield",
      publicUrl: "https://haveyoursay.northfield.example",
      ombudsman: "psow",
      acknowledgementDays: 3,
    });
    expect(admin.email).toBe("morgan.price@northfield.example");
    const token = signInLink.replace("https://haveyoursay.northfield.example/staff/welcome/", "");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The token is not stored, only its keyed hash.
    const [link] = await db().select().from(schema.signInLink);
    expect(link!.tokenHash).not.toContain(token);
    // Nobody can sign in before the password is chosen.
    const stored = await findStaffByEmail(organisation.id, admin.email);
    expect(await verifyPassword(stored!.passwordHash, "")).toBe(false);

    // Not at another council.
    expect(await openSignInLink(westmoor.id, token)).toBeUndefined();
    expect(await openSignInLink(organisation.id, token)).toMatchObject({
      name: "Morgan Price",
      email: "morgan.price@northfield.example",
    });
    const password = "a long walk by the river";
    const spend = (tried: string) =>
      spendSignInLink({
        organisationId: organisation.id,
        token,
        password: tried,
        secondFactorFor: organisation.secondFactorFor,
      });
    const [first, second] = await Promise.all([spend(password), spend("someone else's try")]);
    const spent = [first, second].filter((result) => result !== undefined);
    // The link works once; an admin sets up their authenticator app before any session.
    expect(spent).toEqual([{ setUpFor: admin.id }]);
    const secret = newAuthenticatorSecret();
    const setUp = await setUpSecondFactor({
      organisationId: organisation.id,
      staffUserId: admin.id,
      secret,
      code: codeAt(secret),
    });
    const session = await findSession(organisation.id, setUp.ok ? setUp.token : "");
    expect(session.status === "valid" && session.staff.roles).toEqual(["admin"]);
    expect(await openSignInLink(organisation.id, token)).toBeUndefined();
    const after = await findStaffByEmail(organisation.id, admin.email);
    const chosen = first ? password : "someone else's try";
    expect(await verifyPassword(after!.passwordHash, chosen)).toBe(true);

    const audit = await db()
      .select({ action: schema.auditEvent.action })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.organisationId, organisation.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "council.created",
      "second-factor.set-up",
      "sign-in",
    ]);
  });

  test("is refused with a clear reason for a bad address or a name already used", async () => {
    await expect(createCouncil({ ...NEW_COUNCIL, slug: "westmoor" })).rejects.toBeInstanceOf(
      CouncilExistsError,
    );
    await expect(
      createCouncil({ ...NEW_COUNCIL, slug: "elsewhere", publicUrl: "javascript:alert(1)" }),
    ).rejects.toThrow(/http/);
    await expect(
      createCouncil({ ...NEW_COUNCIL, slug: "Bad Slug", adminEmail: "not-an-address" }),
    ).rejects.toThrow();
  });

  test("an expired link does nothing", async () => {
    const { organisation, signInLink } = await createCouncil({
      ...NEW_COUNCIL,
      slug: "later",
      adminEmail: "later@northfield.example",
    });
    const token = signInLink.split("/").at(-1)!;
    await db()
      .update(schema.signInLink)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.signInLink.organisationId, organisation.id));
    expect(await openSignInLink(organisation.id, token)).toBeUndefined();
    expect(
      await spendSignInLink({
        organisationId: organisation.id,
        token,
        password: "x".repeat(12),
        secondFactorFor: "admins-and-managers",
      }),
    ).toBeUndefined();
  });
});

describe("settings by topic", () => {
  const council = settingsTopic("council")!;
  const typedCouncil = (over: Record<string, string> = {}) => ({
    name: "Westmoor Borough Council",
    shortName: "Westmoor",
    publicUrl: "https://haveyoursay.westmoor.example/",
    contactEmail: "haveyoursay@westmoor.example",
    contactPhone: "0300 123 4000",
    outOfHoursPhone: "0300 123 7777",
    postalAddress: "Town Hall\nMarket Street",
    dutyTeamEmail: "duty@westmoor.example",
    dataProtectionOfficerEmail: "dpo@westmoor.example",
    ombudsman: "lgsco",
    bankHolidayRegion: "england-and-wales",
    ...over,
  });

  test("what is typed is checked: each problem is named by its field", () => {
    const refused = checkSettings(
      council,
      typedCouncil({
        name: "",
        contactEmail: "nobody",
        outOfHoursPhone: "call us",
        publicUrl: "ftp://x",
        ombudsman: "someone",
        shortName: "x".repeat(81),
      }),
    );
    expect(refused).toEqual({
      ok: false,
      errors: {
        name: "settings:errors.missing",
        shortName: "settings:errors.tooLong",
        publicUrl: "settings:errors.address",
        contactEmail: "settings:errors.email",
        outOfHoursPhone: "settings:errors.phone",
        ombudsman: "settings:errors.choose",
      },
    });
    const privacyTopic = settingsTopic("privacy")!;
    const empty = Object.fromEntries(privacyTopic.fields.flatMap(formNamesOf).map((n) => [n, ""]));
    const privacy = checkSettings(privacyTopic, {
      ...empty,
      anonymityThreshold: "1",
      participationTarget: "95",
      "retention.drafts": "forever",
    });
    expect(privacy.ok ? {} : privacy.errors).toEqual({
      anonymityThreshold: "settings:errors.number",
      "retention.drafts": "settings:errors.days",
    });
  });

  test("only the council's own admin changes them; the change is audited and seen at once", async () => {
    const checked = checkSettings(council, typedCouncil());
    if (!checked.ok) throw new Error("refused");
    for (const staff of [people.manager, people.otherAdmin]) {
      await expect(
        changeSettings({
          organisation: westmoor,
          staff,
          topic: "council",
          columns: checked.columns,
        }),
      ).rejects.toBeInstanceOf(NotAllowedError);
    }
    const changed = await changeSettings({
      organisation: westmoor,
      staff: people.admin,
      topic: "council",
      columns: checked.columns,
    });
    expect(changed.sort()).toEqual(["outOfHoursPhone", "postalAddress", "publicUrl"]);
    const now = await organisationForHost("localhost");
    expect(now).toMatchObject({
      outOfHoursPhone: "0300 123 7777",
      publicUrl: "https://haveyoursay.westmoor.example",
    });
    expect(now!.settingsChangedAt.getTime()).toBeGreaterThan(westmoor.settingsChangedAt.getTime());
    expect(await lastChangeOf(westmoor.id, "council")).toMatchObject({ name: "Chris Lee" });
    const [entry] = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.organisationId, westmoor.id),
          eq(schema.auditEvent.action, "settings.changed"),
        ),
      );
    expect(entry!.detail).toEqual({
      topic: "council",
      changed: ["publicUrl", "outOfHoursPhone", "postalAddress"],
    });
    // Aberhaven is untouched.
    expect((await fresh("aberhaven")).outOfHoursPhone).toBe("0300 765 1999");
  });

  test("text per language, safeguarding phrases and retention become the council's values", async () => {
    const booklet = checkSettings(settingsTopic("booklet")!, {
      "bookletTitle.en": "Your Voice",
      "bookletTitle.cy": "Dy Lais",
      "bookletTitle.pl": "",
      "bookletTitle.ur": "",
      "pledge.en": "We will always tell you what happens next.",
      "pledge.cy": "",
      "pledge.pl": "",
      "pledge.ur": "",
    });
    expect(booklet).toEqual({
      ok: true,
      columns: {
        bookletTitle: { en: "Your Voice", cy: "Dy Lais" },
        pledge: { en: "We will always tell you what happens next." },
      },
    });
    const phrases = checkSettings(settingsTopic("safeguarding")!, {
      "safeguardingPhrases.en": "  locked in \n\nlocked in\nno food at home\r\n",
      "safeguardingPhrases.cy": "",
      "safeguardingPhrases.pl": "",
      "safeguardingPhrases.ur": "مجھے ڈر لگتا ہے",
    });
    expect(phrases).toEqual({
      ok: true,
      columns: {
        safeguardingPhrases: { en: ["locked in", "no food at home"], ur: ["مجھے ڈر لگتا ہے"] },
      },
    });
    const complaints = checkSettings(settingsTopic("complaints")!, {
      acknowledgementDays: "5",
      "corporateStage3Name.en": "",
      "corporateStage3Name.cy": "",
      "corporateStage3Name.pl": "",
      "corporateStage3Name.ur": "",
    });
    expect(complaints).toEqual({
      ok: true,
      columns: { acknowledgementDays: 5, corporateStage3Name: null },
    });
    expect(checkSettings(settingsTopic("complaints")!, { acknowledgementDays: "4" }).ok).toBe(
      false,
    );
  });
});

describe("service areas", () => {
  test("are added, renamed and retired, never removed", async () => {
    const organisation = await fresh("westmoor");
    await expect(
      changeServiceArea({
        organisation,
        staff: people.complaints,
        change: { kind: "add", name: { en: "Disabled children" } },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const key = await changeServiceArea({
      organisation,
      staff: people.admin,
      change: { kind: "add", name: { en: "Disabled children", cy: "Plant anabl" } },
    });
    expect(key).toBe("disabled-children");
    await changeServiceArea({
      organisation,
      staff: people.admin,
      change: { kind: "rename", key: "fostering", name: { en: "Fostering and adoption" } },
    });
    await changeServiceArea({
      organisation,
      staff: people.admin,
      change: { kind: "retire", key: "youth-justice", on: "2026-12-01" },
    });
    expect(
      await changeServiceArea({
        organisation,
        staff: people.admin,
        change: { kind: "retire", key: "no-such-area", on: "2026-12-01" },
      }),
    ).toBeUndefined();
    const areas = (await fresh("westmoor")).serviceAreas;
    expect(areas.map((a) => [a.key, a.name.en, a.retiredOn ?? null])).toEqual([
      ["neighbourhood", "Neighbourhood teams", null],
      ["children-in-care", "Children in care", null],
      ["fostering", "Fostering and adoption", null],
      ["iro-service", "Independent reviewing service", null],
      ["youth-justice", "Youth justice", "2026-12-01"],
      ["disabled-children", "Disabled children", null],
    ]);
    // The reviewing service keeps its meaning through a rename.
    expect(areas.find((a) => a.key === "iro-service")!.reviewingService).toBe(true);
    await changeServiceArea({
      organisation,
      staff: people.admin,
      change: { kind: "restore", key: "youth-justice" },
    });
    expect((await fresh("westmoor")).serviceAreas[4]!.retiredOn).toBeUndefined();
  });
});

describe("teams and compliments", () => {
  let teamId = "";

  test("a team has accounts and people known only by name and address", async () => {
    const create = (staff: StaffActor) =>
      changeTeam({
        organisationId: westmoor.id,
        staff,
        change: { kind: "create", name: "Northgate Children's Team" },
      });
    await expect(create(people.otherAdmin)).rejects.toBeInstanceOf(NotAllowedError);
    teamId = (await create(people.admin))!;
    const add = (
      person: { staffUserId: string } | { name: string; email: string },
      manager = false,
    ) =>
      changeTeam({
        organisationId: westmoor.id,
        staff: people.admin,
        change: { kind: "add-member", teamId, person, manager },
      });
    await add({ staffUserId: people.manager.id }, true);
    await add({ name: "Jo Bloggs", email: "Jo.Bloggs@westmoor.example" });
    await add({ name: "Ravi Patel", email: "ravi.patel@westmoor.example" });
    await expect(
      add({ name: "Jo again", email: "jo.bloggs@westmoor.example" }),
    ).rejects.toBeInstanceOf(MemberInTeamError);
    // Another council's account cannot be added; another council cannot change this team.
    expect(await add({ staffUserId: people.otherAdmin.id })).toBeUndefined();
    expect(
      await changeTeam({
        organisationId: aberhaven.id,
        staff: people.otherAdmin,
        change: { kind: "rename", teamId, name: "Taken" },
      }),
    ).toBeUndefined();
    const team = await getTeam(westmoor.id, teamId);
    expect(team!.members.map((m) => [m.name, m.email, m.manager, m.staffUserId !== null])).toEqual([
      ["Helen Price", "manager@westmoor.example", true, true],
      ["Jo Bloggs", "jo.bloggs@westmoor.example", false, false],
      ["Ravi Patel", "ravi.patel@westmoor.example", false, false],
    ]);
    expect(await getTeam(aberhaven.id, teamId)).toBeUndefined();
    expect((await listTeams(westmoor.id)).find((t) => t.id === teamId)).toMatchObject({
      members: 3,
      managers: ["Helen Price"],
    });
  });

  async function loggedCompliment(target: {
    complimentTeamId?: string;
    complimentStaffUserId?: string;
    complimentMemberId?: string;
  }) {
    const organisation = await fresh("westmoor");
    const logged = await logRepresentation({
      organisation,
      staff: people.complaints,
      portalUrl: PORTAL,
      logged: {
        kind: "compliment",
        procedure: null,
        category: null,
        serviceArea: "neighbourhood",
        madeBy: "other",
        contactMethod: "letter",
        lookedAfterChild: false,
        iroStaffUserId: null,
        ethnicity: "not-stated",
        disability: "not-stated",
        complimentStaffUserId: target.complimentStaffUserId ?? null,
        complimentTeamId: target.complimentTeamId ?? null,
        complimentMemberId: target.complimentMemberId ?? null,
        receivedOn: londonDateOf(new Date()),
        senderName: "Mrs Sender Secret",
        childName: "Kai",
        summary: "The team helped us through a hard winter. Thank you all.",
        replyMethod: "email",
        replyTo: "sender.secret@home.example",
        language: "en",
        advocacyOffered: false,
        advocacyTaken: false,
      },
    });
    const mail = await db()
      .select()
      .from(schema.outboxMessage)
      .where(
        and(
          eq(schema.outboxMessage.subjectId, logged!.id),
          eq(schema.outboxMessage.template, "representation.compliment"),
        ),
      );
    const [row] = await db()
      .select()
      .from(schema.representation)
      .where(eq(schema.representation.id, logged!.id));
    return { mail, row: row! };
  }

  test("a compliment about a team reaches every member and its manager, without the sender", async () => {
    const { mail, row } = await loggedCompliment({ complimentTeamId: teamId });
    expect(mail.map((m) => m.recipient).sort()).toEqual([
      "jo.bloggs@westmoor.example",
      "manager@westmoor.example",
      "ravi.patel@westmoor.example",
    ]);
    for (const message of mail) {
      const body = deliverableBody(message);
      expect(body).toContain("The team helped us through a hard winter.");
      expect(body).not.toMatch(/Sender Secret|sender\.secret|Kai/);
    }
    // The case shows who was told.
    expect(row.complimentPassedTo!.map((p) => p.name).sort()).toEqual([
      "Helen Price",
      "Jo Bloggs",
      "Ravi Patel",
    ]);
  });

  test("a compliment about a person with an account is copied to their team's managers", async () => {
    await changeTeam({
      organisationId: westmoor.id,
      staff: people.admin,
      change: {
        kind: "add-member",
        teamId,
        person: { staffUserId: people.iro.id },
        manager: false,
      },
    });
    const { mail } = await loggedCompliment({ complimentStaffUserId: people.iro.id });
    expect(mail.map((m) => m.recipient).sort()).toEqual([
      "iro@westmoor.example",
      "manager@westmoor.example",
    ]);
  });

  test("a compliment about someone without an account reaches them and their team's managers", async () => {
    const team = await getTeam(westmoor.id, teamId);
    const jo = team!.members.find((m) => m.name === "Jo Bloggs")!;
    const { mail, row } = await loggedCompliment({ complimentMemberId: jo.id });
    expect(mail.map((m) => m.recipient).sort()).toEqual([
      "jo.bloggs@westmoor.example",
      "manager@westmoor.example",
    ]);
    expect(row.complimentPassedTo!.map((p) => p.name).sort()).toEqual(["Helen Price", "Jo Bloggs"]);
    // Another council's member cannot be named on this council's case.
    const [other] = await db()
      .insert(schema.team)
      .values({ organisationId: aberhaven.id, name: "Elsewhere" })
      .returning();
    const [outsider] = await db()
      .insert(schema.teamMember)
      .values({
        organisationId: aberhaven.id,
        teamId: other!.id,
        name: "Outsider",
        email: "outsider@aberhaven.example",
      })
      .returning();
    const refused = await changeRepresentation({
      organisation: await fresh("westmoor"),
      staff: people.complaints,
      id: row.id,
      change: {
        type: "classify",
        kind: "compliment",
        procedure: null,
        category: null,
        serviceArea: "neighbourhood",
        madeBy: "other",
        contactMethod: "letter",
        lookedAfterChild: false,
        iroStaffUserId: null,
        ethnicity: "not-stated",
        disability: "not-stated",
        complimentStaffUserId: null,
        complimentTeamId: null,
        complimentMemberId: outsider!.id,
      },
      note: "",
      portalUrl: PORTAL,
    });
    expect(refused).not.toEqual({ ok: true });
  });
});

describe("the acknowledgement timescale", () => {
  test("is the council's own: 2, 3 or 5 working days", async () => {
    const logged = await logRepresentation({
      organisation: await fresh("westmoor"),
      staff: people.complaints,
      portalUrl: PORTAL,
      logged: {
        kind: "complaint",
        procedure: "statutory",
        category: "communication",
        serviceArea: "neighbourhood",
        madeBy: "other",
        contactMethod: "letter",
        lookedAfterChild: false,
        iroStaffUserId: null,
        ethnicity: "not-stated",
        disability: "not-stated",
        complimentStaffUserId: null,
        complimentTeamId: null,
        // A Monday with no bank holiday in the week after it.
        receivedOn: "2026-11-02",
        senderName: null,
        childName: null,
        summary: "Nobody rang back.",
        replyMethod: "letter",
        replyTo: "1 High Street",
        language: "en",
        advocacyOffered: false,
        advocacyTaken: false,
      },
    });
    const dueFor = async (days: number) => {
      const organisation = await fresh("westmoor");
      await changeSettings({
        organisation,
        staff: people.admin,
        topic: "complaints",
        columns: { acknowledgementDays: days },
      });
      const opened = await openRepresentation({
        organisation: await fresh("westmoor"),
        staff: people.complaints,
        id: logged!.id,
      });
      return opened?.acknowledgeBy;
    };
    expect(await dueFor(2)).toBe("2026-11-04");
    expect(await dueFor(5)).toBe("2026-11-09");
    expect(await dueFor(3)).toBe("2026-11-05");
  });
});
