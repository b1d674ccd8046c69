// The demo councils, their teams, one member of staff per role and a few answers, made through
// the models (passwords hashed, caches cleared) from the facts in db/seed.ts.
import { eq } from "drizzle-orm";
import { db, schema } from "#db/client";
import {
  DEMO_AUTHENTICATOR_KEY,
  DEMO_COUNCILS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  demoPublicUrl,
  demoSignInClient,
} from "#db/seed";
import { forgetCachedOrganisations } from "./organisation.server";
import { createStaffMember, findStaffByEmail } from "./staff.server";

/**
 * Creates the demo councils, their teams and one member of staff per role. Safe to run again;
 * each run sets the councils' public addresses for the port given (links in emails open).
 */
export async function seedDemo(
  options: {
    port: number;
    publicUrl?: string;
    /** The demo sign-in service's address: councils without their own are set up to use it. */
    signInService?: string;
  } = { port: 3000 },
): Promise<void> {
  for (const { emailDomain, teams, members, ...council } of DEMO_COUNCILS) {
    const publicUrl = demoPublicUrl(council.slug, options);
    await db()
      .insert(schema.organisation)
      .values({ ...council, publicUrl })
      .onConflictDoUpdate({ target: schema.organisation.slug, set: { publicUrl } });
    const [organisation] = await db()
      .select()
      .from(schema.organisation)
      .where(eq(schema.organisation.slug, council.slug));
    if (!organisation) throw new Error(`seed: ${council.slug} missing`);
    if (options.signInService && !organisation.ssoIssuer) {
      const client = demoSignInClient(council.slug, options);
      await db()
        .update(schema.organisation)
        .set({
          ssoIssuer: options.signInService,
          ssoClientId: client.id,
          ssoClientSecret: client.secret,
        })
        .where(eq(schema.organisation.id, organisation.id));
    }
    await db()
      .insert(schema.team)
      .values(teams.map((name) => ({ organisationId: organisation.id, name })))
      .onConflictDoNothing();
    for (const person of DEMO_STAFF) {
      const email = `${person.local}@${emailDomain}`;
      if (await findStaffByEmail(organisation.id, email)) continue;
      const member = await createStaffMember({
        organisationId: organisation.id,
        email,
        name: person.name,
        password: DEMO_PASSWORD,
        roles: [person.role],
        createdBy: null,
      });
      // Admins and managers need a code after their password: theirs comes from the demo key.
      if (person.role === "admin" || person.role === "manager") {
        await db()
          .update(schema.staffUser)
          .set({ totpSecret: DEMO_AUTHENTICATOR_KEY, totpEnrolledAt: new Date() })
          .where(eq(schema.staffUser.id, member.id));
      }
    }
    await seedDemoMembers(organisation.id, emailDomain, members ?? {});
  }
  await seedDemoSatisfaction();
  forgetCachedOrganisations();
}

/** The demo teams' people (added once: a second run finds them there). */
async function seedDemoMembers(
  organisationId: string,
  emailDomain: string,
  members: NonNullable<(typeof DEMO_COUNCILS)[number]["members"]>,
) {
  const teams = await db()
    .select({ id: schema.team.id, name: schema.team.name })
    .from(schema.team)
    .where(eq(schema.team.organisationId, organisationId));
  for (const [teamName, people] of Object.entries(members)) {
    const teamId = teams.find((team) => team.name === teamName)?.id;
    if (!teamId) continue;
    for (const person of people) {
      const account =
        "local" in person
          ? await findStaffByEmail(organisationId, `${person.local}@${emailDomain}`)
          : undefined;
      const who = account
        ? { staffUserId: account.id, name: account.name, email: account.email }
        : "email" in person
          ? { staffUserId: null, name: person.name, email: person.email }
          : undefined;
      if (!who) continue;
      await db()
        .insert(schema.teamMember)
        .values({ organisationId, teamId, manager: person.manager ?? false, ...who })
        .onConflictDoNothing();
    }
  }
}

/**
 * A few "How did we do?" answers at the first demo council, sent over the last weeks, so its
 * summary shows figures (it shows none for fewer than three). Added once.
 */
async function seedDemoSatisfaction() {
  const [westmoor] = await db()
    .select({ id: schema.organisation.id })
    .from(schema.organisation)
    .where(eq(schema.organisation.slug, DEMO_COUNCILS[0]!.slug));
  if (!westmoor) return;
  const [already] = await db()
    .select({ id: schema.submission.id })
    .from(schema.submission)
    .where(eq(schema.submission.reference, "SAT-DEMO01"));
  if (already) return;
  const felt = ["yes", "yes", "no", "yes", "not-sure", "yes", "no", "yes", "yes", "yes"];
  const satisfied = ["yes", "partly", "no", "yes", "partly", "yes", "no", "partly", "yes", "yes"];
  const better: Record<number, string> = {
    2: "Call back when you say you will.",
    6: "Tell me who is dealing with it.",
    7: "It took too long to hear anything.",
  };
  await db()
    .insert(schema.submission)
    .values(
      felt.map((feltListened, i) => ({
        organisationId: westmoor.id,
        reference: `SAT-DEMO${String(i + 1).padStart(2, "0")}`,
        formId: "complaint-satisfaction",
        formVersion: 1,
        language: "en",
        answers: { feltListened, satisfied: satisfied[i]! },
        writtenAnswers: (better[i] ? { doBetter: better[i] } : {}) as Record<string, string>,
        queue: "complaint-satisfaction",
        eventKind: "complaint-closed",
        submittedAt: new Date(Date.now() - (i + 1) * 3 * 86_400_000),
      })),
    );
}
