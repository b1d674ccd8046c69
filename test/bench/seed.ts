// What `npm run bench` puts in its database before measuring: a council's worth of history
// (booklets and comments, compliments and complaints) and pools of drafts to send.
//
// run.js bundles this file with esbuild and imports it, so everything here uses the app's own
// schema, form definitions, working-day calendar and draft model: the drafts are sealed exactly
// as the server seals them (with the same SECRET_KEY), and a changed column fails `tsc`.
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, getTableColumns, inArray, sql, type Column } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { db, openDatabase, schema, setDatabase } from "#db/client";
import { DEMO_COUNCILS, DEMO_PASSWORD } from "#db/seed";
import {
  ADVOCACY_CHILD_STATUSES,
  ADVOCACY_OUTCOMES,
  CHILD_PROTECTION_CONFERENCE_TYPES,
  COMPLAINT_CATEGORIES,
  CONTACT_METHODS,
  LANGUAGES,
  type ComplaintCategory,
  type ConferenceKind,
  type FgcAim,
  type ContactMethod,
  type Disability,
  type Ethnicity,
  type Outcome,
  type Procedure,
  type Relationship,
  type ReplyMethod,
  type RepresentationKind,
  type Stage,
  type StaffRole,
} from "#db/schema/constants";
import { env } from "#app/config.server";
import { reportYearOf } from "#app/complaints/annual-report";
import { stageDeadline } from "#app/complaints/clock";
import {
  checkForm,
  nextPage,
  valuesOf,
  visiblePages,
  visibleQuestions,
  type FormContext,
} from "#app/forms/engine";
import { CONFERENCE_FORMS, findForm } from "#app/forms/registry";
import { afterYourReview, afterYourReviewExpress } from "#app/forms/after-your-review";
import { listenToMe11to18 } from "#app/forms/listen-to-me-11-18";
import { listenToMe5to11 } from "#app/forms/listen-to-me-5-11";
import { listenToMeExpress } from "#app/forms/listen-to-me-express";
import type { Answers, FormDefinition, Question } from "#app/forms/types";
import { splitAnswers } from "#app/forms/stored-answers";
import { CONFERENCE_KIND_FACTS } from "#app/models/conference.server";
import { saveAnswers, startDraft } from "#app/models/draft.server";
import { eventFactsOf, invitationExpiry } from "#app/models/invitation.server";
import { hashPassword, staffWithRole } from "#app/models/staff.server";
import { findConcerns } from "#app/safeguarding/concerns";
import { SHIPPED_PHRASES } from "#app/safeguarding/phrases";
import { cookieNameOf } from "#app/privacy/cookies";
import {
  keyedHash,
  loadSecretKey,
  normaliseCode,
  randomCharacters,
  randomToken,
  seal,
  shortCode,
} from "#app/utils/secrets.server";
import { freshCode } from "../support/authenticator";
import { calendarFor } from "#app/utils/working-days";
import { retentionDaysFor } from "#app/privacy/retention";
import { londonDateOf, startOfLondonDay, type IsoDate } from "#app/utils/dates";
import { seededRandom, type SeededRandom } from "#test/support/seeded-random";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per INSERT statement. */
const BATCH = 1000;

/** The booklet the public-form scenarios fill in and send: no invitation, so it goes to the
 * IRO service's shared inbox, telling the managers (and the duty team when it is urgent). */
const BENCH_FORM = listenToMe11to18;

/** The council everything is seeded into: the first demo council, served on any host name. */
const COUNCIL = DEMO_COUNCILS[0]!;

/** The demo accounts the benchmark signs in as. */
const account = (local: string) => ({
  email: `${local}@${COUNCIL.emailDomain}`,
  password: DEMO_PASSWORD,
});
/** A code from the demo admins' and managers' authenticator app, for their second step. */
export const authenticatorCode = (account: string) => freshCode(account);

export const accounts = {
  iro: account("iro"),
  complaintsOfficer: account("complaints"),
  chair: account("chair"),
  fgcCoordinator: account("fgc"),
  advocacy: account("advocacy"),
  manager: account("manager"),
  admin: account("admin"),
};

/** A cookie's name as the production server names it (with the __Host- prefix). */
/** The names production gives the cookies the bench sends. */
export const productionCookieNames = (draftFormId: string) => ({
  csrf: cookieNameOf("formSafety", true),
  draft: cookieNameOf("draft", true, draftFormId),
  staffSession: cookieNameOf("staffSession", true),
});

/** Opens the benchmark database for the models, with the server's secret key. */
export async function openBenchDatabase(input: { databaseUrl: string; secretKey: string }) {
  loadSecretKey({ secretKey: input.secretKey });
  const open = await openDatabase({ kind: "postgres", url: input.databaseUrl, maxConnections: 8 });
  setDatabase(open.db);
  return {
    close: async () => {
      setDatabase(undefined);
      await open.close();
    },
  };
}

const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const noonOf = (date: IsoDate) => new Date(`${date}T12:00:00Z`);

/** References like the app's (prefix and six easy-to-read characters), never twice. */
function referenceMaker(prefix: string) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const reference = `${prefix}-${randomCharacters(6)}`;
      if (!used.has(reference)) {
        used.add(reference);
        return reference;
      }
    }
  };
}

/**
 * Inserts many rows of one table, a thousand at a time, each batch sent as one JSON value that
 * PostgreSQL unpacks into rows (drizzle takes about 0.3 ms a row just to write a multi-row
 * INSERT). The rows keep the schema's types, so a renamed column still fails `tsc`; sealed columns
 * are sealed with the app's own key, as the models would store them. Every row must have the
 * same keys: a key left out is NULL, not the column's default.
 */
async function insertMany<T extends PgTable>(table: T, rows: T["$inferInsert"][]) {
  if (rows.length === 0) return;
  const columns: Record<string, Column> = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((key) => key in columns);
  const names = sql.join(
    keys.map((key) => sql.identifier(columns[key]!.name)),
    sql`, `,
  );
  // A sealed column (the schema's custom types) is sealed here as drizzle would seal it.
  const toDriver = (key: string, value: unknown) => {
    const column = columns[key]!;
    if (value === null || value === undefined) return null;
    return column.columnType === "PgCustomColumn" ? column.mapToDriverValue(value) : value;
  };
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows
      .slice(start, start + BATCH)
      .map((row: Record<string, unknown>) =>
        Object.fromEntries(keys.map((key) => [columns[key]!.name, toDriver(key, row[key])])),
      );
    await db().execute(
      sql`insert into ${table} (${names})
          select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(batch)}::jsonb)`,
    );
  }
}

/** Runs `work` for 0..count-1, at most `limit` at a time; results in order. */
async function inParallel<T>(count: number, limit: number, work: (index: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// What children write

// prettier-ignore
const FIRST_NAMES = [
  "Aisha", "Amir", "Ben", "Bethan", "Cerys", "Chloe", "Dominik", "Dylan", "Ella", "Evie",
  "Finley", "Grace", "Harley", "Hassan", "Isla", "Jay", "Kacper", "Leah", "Lily", "Mason",
  "Maya", "Nia", "Noah", "Oscar", "Owen", "Poppy", "Rhys", "Sana", "Tyler", "Zara",
];

// prettier-ignore
const SURNAMES = [
  "Ahmed", "Brown", "Davies", "Evans", "Green", "Hall", "Jones", "Khan", "Kowalski", "Lewis",
  "Morgan", "Patel", "Roberts", "Smith", "Taylor", "Thomas", "Walker", "Williams", "Wood", "Young",
];

const IRO_AS_CHILDREN_WRITE_IT = [
  "Priya",
  "Mr Hughes",
  "Daniel",
  "my IRO",
  "the lady from the review",
];

const WRITTEN = [
  "I like football and going to the park with my foster carer.",
  "Drawing, gaming and taking the dog for a walk.",
  "I got a certificate at school for reading.",
  "Things are mostly good. I would like more time with my brother.",
  "I want to talk about seeing my mum more often.",
  "School is better this year since I moved class.",
  "Can the review be at school after lunch, not in the morning?",
  "My carer and my social worker, but not too many people please.",
  "Can we talk about my phone and staying out later at weekends?",
  "I would like to know when I can see my nan again.",
  "I want to join the youth club on Thursdays.",
  "Nothing else, thank you.",
];

/** Written by the few children whose booklet is marked urgent (each has a shipped phrase). */
const WORRYING = [
  "Sometimes I don't feel safe at home.",
  "Someone at the house hit me last week.",
  "I am scared to go home after school.",
];

/** Every phrase the app looks for (the council has added none). */
const PHRASES = LANGUAGES.flatMap((language) => SHIPPED_PHRASES[language]);

function answerTo(
  question: Question,
  random: SeededRandom,
  shown: { answers: Answers; context: FormContext },
) {
  switch (question.kind) {
    case "text":
      if (question.role === "sender-name") return random.pick(FIRST_NAMES);
      if (question.role === "named-worker") return random.pick(IRO_AS_CHILDREN_WRITE_IT);
      if (question.format === "email") return "young.person@example.org";
      if (question.format === "phone") return "07700 900123";
      return random.pick(FIRST_NAMES);
    case "long-text":
      return random.pick(WRITTEN);
    case "date":
      return ["14", "3", "2026"];
    case "multiple": {
      const values = valuesOf(question, shown);
      if (question.exclusive && random.chance(0.5)) return [question.exclusive];
      const others = values.filter((value) => value !== question.exclusive);
      const chosen = others.filter(() => random.chance(0.4));
      return chosen.length > 0 ? chosen : [random.pick(others)];
    }
    default:
      return random.pick(valuesOf(question, shown));
  }
}

/**
 * Answers a child might give, page by page as the form shows them; most optional questions
 * answered, now and then one skipped. With `worrying`, the last written answer says something
 * that makes the booklet urgent. Checked with the form's own rules, so a Send would accept them.
 */
function plausibleAnswers(
  form: FormDefinition,
  context: FormContext,
  random: SeededRandom,
  options: { worrying?: boolean; pages?: number } = {},
): Answers {
  const answers: Answers = {};
  let lastWritten: string | undefined;
  let pageCount = 0;
  for (const page of form.pages) {
    if (options.pages !== undefined && pageCount >= options.pages) break;
    if (!visiblePages(form, answers, context).some((p) => p.id === page.id)) continue;
    pageCount++;
    for (const question of visibleQuestions(page, answers, context)) {
      if (question.kind === "long-text") lastWritten = question.id;
      if (!question.required && random.chance(0.15)) continue;
      answers[question.id] = answerTo(question, random, { answers, context });
    }
  }
  // Said at the end, where a booklet asks "anything else?"
  if (options.worrying && lastWritten) answers[lastWritten] = random.pick(WORRYING);
  if (options.pages === undefined) {
    const checked = checkForm(form, answers, context);
    if (!checked.ok) {
      throw new Error(`seed answers fail ${form.id}/${checked.pageId}: ${JSON.stringify(checked)}`);
    }
    return checked.answers;
  }
  return answers;
}

/**
 * Answers for many booklets from a few dozen sets per kind of booklet: checking each set with
 * the form's rules takes milliseconds, too long for thousands.
 */
function answerPool(random: SeededRandom, setsPerKind = 30) {
  const pools = new Map<string, Answers[]>();
  return (form: FormDefinition, context: FormContext, worrying: boolean): Answers => {
    const key = `${form.id} ${context.invited} ${worrying}`;
    const pool = pools.get(key) ?? [];
    pools.set(key, pool);
    if (pool.length >= setsPerKind) return random.pick(pool);
    const answers = plausibleAnswers(form, context, random, { worrying });
    pool.push(answers);
    return answers;
  };
}

/** The safeguarding phrases the app would find in these answers. */
function concernsIn(form: FormDefinition, answers: Answers): string[] {
  const written = form.pages.flatMap((page) =>
    page.questions
      .filter((q) => q.kind === "text" || q.kind === "long-text")
      .map((q) => answers[q.id])
      .filter((value): value is string => typeof value === "string"),
  );
  return findConcerns(written, PHRASES);
}

// ---------------------------------------------------------------------------------------------
// A council's history

export type VolumeOptions = {
  /** Booklets over the last two years. */
  submissions: number;
  /** Booklets for the IRO the benchmark signs in as. */
  forSignedInIro: number;
  /** Booklets waiting in the shared inbox. */
  inSharedInbox: number;
  /** Comments, compliments and complaints over the last five years. */
  representations: number;
  /** Other IROs besides the demo ones. */
  extraIros: number;
};

export type SeededVolumes = {
  counts: Record<string, number>;
  openRepresentations: number;
  /** The reporting year (April to March, by its first year) with the most representations. */
  busiestReportYear: number;
  representationsInBusiestYear: number;
};

async function councilAndStaff() {
  const [organisation] = await db()
    .select()
    .from(schema.organisation)
    .where(eq(schema.organisation.slug, COUNCIL.slug));
  if (!organisation) throw new Error(`council ${COUNCIL.slug} is not seeded (SEED_DEMO=true?)`);
  const iros = await staffWithRole(organisation.id, "iro");
  return { organisation, iros };
}

/** More IROs, as a real service has: they receive the booklets the demo IROs do not. */
async function addIros(organisationId: string, count: number, random: SeededRandom) {
  // One hash for all: nobody signs in as them, but the column holds a real one.
  const passwordHash = await hashPassword(randomBytes(24).toString("base64url"));
  const people = Array.from({ length: count }, (_, i) => ({
    organisationId,
    email: `iro-${i + 3}@${COUNCIL.emailDomain}`,
    name: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
    passwordHash,
  }));
  if (people.length === 0) return [];
  const added = await db()
    .insert(schema.staffUser)
    .values(people)
    .returning({ id: schema.staffUser.id });
  await db()
    .insert(schema.roleAssignment)
    .values(
      added.map((person) => ({ organisationId, staffUserId: person.id, role: "iro" as const })),
    );
  return added.map((person) => person.id);
}

export async function seedVolumes(options: VolumeOptions): Promise<SeededVolumes> {
  const random = seededRandom(20261122);
  const now = new Date();
  const today = londonDateOf(now);
  const { organisation, iros } = await councilAndStaff();
  const signedInIro = iros.find((iro) => iro.email === accounts.iro.email);
  if (!signedInIro) throw new Error(`${accounts.iro.email} is not seeded`);
  const otherIros = [
    ...iros.filter((iro) => iro.id !== signedInIro.id).map((iro) => iro.id),
    ...(await addIros(organisation.id, options.extraIros, random)),
  ];

  // Booklets, and the invitations most of them answered.
  const invitations: (typeof schema.invitation.$inferInsert)[] = [];
  const submissions: (typeof schema.submission.$inferInsert)[] = [];
  const submissionReference = referenceMaker("LTM");
  const answersFor = answerPool(random);
  for (let i = 0; i < options.submissions; i++) {
    const recipient =
      i < options.forSignedInIro
        ? signedInIro.id
        : i < options.forSignedInIro + options.inSharedInbox
          ? null
          : random.pick(otherIros);
    // The shared inbox is worked through: what waits there is recent.
    // Within the two years the retention schedule keeps them (ten days short, for a kept database).
    const ageDays = recipient ? random.next() * 720 : random.next() * 90;
    const submittedAt = new Date(now.getTime() - ageDays * DAY_MS);
    const submittedOn = londonDateOf(submittedAt);
    const form = random.weighted([
      [listenToMe5to11, 35],
      [listenToMe11to18, 50],
      [listenToMeExpress, 15],
    ]);
    const language = random.weighted([
      ["en", 95],
      ["pl", 3],
      ["ur", 2],
    ]);
    const invited = recipient !== null && random.chance(0.85);
    const answers = answersFor(form, { invited }, random.chance(0.03));
    const urgentMatches = concernsIn(form, answers);
    const stored = splitAnswers(form, answers);

    let invitationId: string | null = null;
    let eventDate: IsoDate | null = null;
    if (invited && recipient) {
      invitationId = randomUUID();
      eventDate = addDays(submittedOn, random.between(2, 15));
      invitations.push({
        id: invitationId,
        organisationId: organisation.id,
        invitedBy: recipient,
        childName: random.pick(FIRST_NAMES),
        formId: form.id,
        language,
        eventDate,
        // Stand-ins: no link or code leads to these.
        linkTokenHash: randomBytes(32).toString("base64url"),
        codeHash: randomBytes(32).toString("base64url"),
        expiresAt: noonOf(addDays(eventDate, 7)),
        createdAt: new Date(submittedAt.getTime() - random.between(5, 20) * DAY_MS),
        createdBy: recipient,
        openedAt: new Date(submittedAt.getTime() - 2 * 60 * 60 * 1000),
        startedAt: new Date(submittedAt.getTime() - 60 * 60 * 1000),
      });
    }

    const read = recipient !== null && random.chance(ageDays > 21 ? 0.97 : 0.4);
    const firstReadAt = read
      ? new Date(Math.min(now.getTime(), submittedAt.getTime() + random.between(1, 96) * 3_600_000))
      : null;
    const participation =
      read && eventDate && eventDate < today && random.chance(0.8) ? random.between(1, 6) : null;
    const shareWith = answers["share-with"];
    submissions.push({
      organisationId: organisation.id,
      reference: submissionReference(),
      formId: form.id,
      formVersion: form.version,
      language,
      // Choices readable, what the child wrote sealed: as the Send stores them.
      answers: stored.choices,
      writtenAnswers: stored.written,
      invitationId,
      queue: "iro",
      recipientStaffUserId: recipient,
      senderName: invitationId ? null : typeof answers.name === "string" ? answers.name : null,
      namedWorker: typeof answers["iro-name"] === "string" ? answers["iro-name"] : null,
      mayAlsoSee: Array.isArray(shareWith) ? shareWith.filter((v) => v !== "iro-only") : [],
      urgent: urgentMatches.length > 0,
      urgentMatches,
      submittedAt,
      firstReadAt,
      firstReadBy: read ? recipient : null,
      participation,
      participationRecordedAt:
        participation && eventDate ? noonOf(earlier(addDays(eventDate, 1), today)) : null,
      // Unread at a review that has passed: the managers were told at the time.
      managerAlertedAt:
        !read && eventDate && eventDate < today ? noonOf(addDays(eventDate, -2)) : null,
    });
  }
  await insertMany(schema.invitation, invitations);
  await insertMany(schema.submission, submissions);

  // Comments, compliments and complaints, and their stages.
  const history = representationHistory(organisation, options.representations, random, today);
  await insertMany(schema.representation, history.representations);
  await insertMany(schema.representationStage, history.stages);

  const byYear = new Map<number, number>();
  for (const row of history.representations) {
    const year = reportYearOf(row.receivedOn);
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  const [busiestReportYear, representationsInBusiestYear] = [...byYear].reduce((best, entry) =>
    entry[1] > best[1] ? entry : best,
  );
  return {
    counts: {
      iros: otherIros.length + 1,
      invitations: invitations.length,
      submissions: submissions.length,
      submissionsForSignedInIro: submissions.filter(
        (s) => s.recipientStaffUserId === signedInIro.id,
      ).length,
      submissionsInSharedInbox: submissions.filter((s) => s.recipientStaffUserId === null).length,
      urgentSubmissions: submissions.filter((s) => s.urgent).length,
      unreadSubmissions: submissions.filter((s) => s.firstReadAt === null).length,
      representations: history.representations.length,
      representationStages: history.stages.length,
    },
    openRepresentations: history.representations.filter((r) => r.closedOn === null).length,
    busiestReportYear,
    representationsInBusiestYear,
  };
}

type RepresentationRow = typeof schema.representation.$inferInsert & {
  id: string;
  receivedOn: IsoDate;
};
type StageRow = typeof schema.representationStage.$inferInsert;

/**
 * Five years of comments, compliments and complaints, a little busier each year. Older than
 * three years they were imported from the council's old system; since then logged by the
 * officer. Almost all are closed; what is open is recent, or a complaint at stage 2 or 3.
 */
function representationHistory(
  organisation: typeof schema.organisation.$inferSelect,
  count: number,
  random: SeededRandom,
  today: IsoDate,
) {
  const calendar = calendarFor(organisation.bankHolidayRegion);
  const serviceAreas = organisation.serviceAreas.map((area) => area.key);
  const reference = { logged: referenceMaker("HYS"), imported: referenceMaker("IMP") };
  const representations: RepresentationRow[] = [];
  const stages: StageRow[] = [];

  for (let i = 0; i < count; i++) {
    // Skewed towards recent years: more people use the service each year.
    const ageDays = Math.floor(Math.pow(random.next(), 1.15) * 5 * 365);
    const receivedOn = addDays(today, -ageDays);
    const kind = random.weighted<RepresentationKind>([
      ["complaint", 45],
      ["compliment", 35],
      ["comment", 20],
    ]);
    const complaint = kind === "complaint";
    const imported = ageDays > 3 * 365;
    const open =
      kind === "compliment"
        ? ageDays <= 5 && random.chance(0.3)
        : ageDays <= 30
          ? random.chance(0.15)
          : complaint && ageDays <= 180 && random.chance(0.02);
    const isNew = open && ageDays <= 5 && random.chance(0.5);
    const procedure: Procedure | null = complaint
      ? random.weighted<Procedure>([
          ["statutory", 60],
          ["corporate", 40],
        ])
      : null;
    const stage: Stage = !complaint
      ? 1
      : open && ageDays <= 30
        ? 1
        : open
          ? random.weighted<Stage>([
              [2, 70],
              [3, 30],
            ])
          : random.weighted<Stage>([
              [1, 85],
              [2, 11],
              [3, 4],
            ]);
    const madeBy = random.chance(0.3) ? "child" : "other";
    const relationship: Relationship =
      madeBy === "child"
        ? "child"
        : random.weighted<Relationship>([
            ["parent", 60],
            ["carer", 20],
            ["relative", 15],
            ["other", 5],
          ]);
    const senderName = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
    const replyMethod: ReplyMethod = complaint
      ? random.weighted<ReplyMethod>([
          ["email", 50],
          ["phone", 20],
          ["letter", 20],
          ["text", 10],
        ])
      : random.weighted<ReplyMethod>([
          ["email", 40],
          ["none", 50],
          ["letter", 10],
        ]);
    const advocacyOffered = complaint && madeBy === "child" && random.chance(0.8);
    const id = randomUUID();

    // The stages, one after another, each answered (in time, mostly) unless it is still open.
    let startedOn = receivedOn;
    let lastAnswer: IsoDate | null = null;
    const stagesHere = kind === "compliment" ? 0 : stage;
    for (let s = 1; s <= stagesHere; s++) {
      const dueOn = stageDeadline(calendar, { procedure, stage: s as Stage, startedOn });
      const stillOpen = open && s === stagesHere;
      const inTime = random.chance(0.8);
      const answeredOn = stillOpen
        ? null
        : earlier(
            inTime
              ? calendar.addWorkingDays(startedOn, random.between(1, 10))
              : addDays(dueOn, random.between(1, 15)),
            today,
          );
      stages.push({
        organisationId: organisation.id,
        representationId: id,
        stage: s,
        startedOn,
        dueOn,
        // Imported history only says whether each stage was answered in time.
        respondedOn: imported ? null : answeredOn,
        respondedInTime: imported && answeredOn ? answeredOn <= dueOn : null,
      });
      lastAnswer = answeredOn;
      if (answeredOn) startedOn = earlier(addDays(answeredOn, random.between(2, 20)), today);
    }
    const closedOn = open
      ? null
      : earlier(
          lastAnswer
            ? addDays(lastAnswer, random.between(0, 5))
            : addDays(receivedOn, random.between(1, 10)),
          today,
        );
    const outcome: Outcome | null =
      complaint && closedOn
        ? random.weighted<Outcome>([
            ["upheld", 20],
            ["partly-upheld", 30],
            ["not-upheld", 40],
            ["withdrawn", 10],
          ])
        : null;

    representations.push({
      id,
      organisationId: organisation.id,
      reference: imported ? reference.imported() : reference.logged(),
      source: imported ? "imported" : "logged",
      receivedOn,
      kind,
      procedure,
      category: complaint ? random.pick<ComplaintCategory>(COMPLAINT_CATEGORIES) : null,
      serviceArea: random.pick(serviceAreas),
      madeBy,
      relationship,
      contactMethod: random.pick<ContactMethod>(CONTACT_METHODS),
      senderName,
      childName: madeBy === "child" ? senderName.split(" ")[0]! : random.pick(FIRST_NAMES),
      summary: imported ? null : random.pick(WRITTEN),
      language: random.weighted([
        ["en", 96],
        ["pl", 2],
        ["ur", 2],
      ]),
      replyMethod,
      replyTo:
        replyMethod === "email"
          ? `${senderName.toLowerCase().replace(" ", ".")}@example.org`
          : replyMethod === "letter"
            ? "1 High Street, Westmoor WM1 2AB"
            : replyMethod === "none"
              ? null
              : "07700 900456",
      lookedAfterChild: random.chance(0.25),
      ethnicity: random.weighted<Ethnicity>([
        ["white", 70],
        ["mixed", 6],
        ["asian", 9],
        ["black", 5],
        ["other", 2],
        ["not-stated", 8],
      ]),
      disability: random.weighted<Disability>([
        ["yes", 12],
        ["no", 70],
        ["not-stated", 18],
      ]),
      advocacyOffered,
      advocacyTaken: advocacyOffered && random.chance(0.4),
      urgent: random.chance(0.01),
      confirmedAt: isNew ? null : noonOf(addDays(receivedOn, 1)),
      acknowledgedOn:
        complaint && !isNew
          ? earlier(calendar.addWorkingDays(receivedOn, random.between(1, 3)), today)
          : null,
      stage,
      outcome,
      closedOn,
      ombudsmanOn:
        complaint && stage === 3 && closedOn && random.chance(0.15)
          ? earlier(addDays(closedOn, random.between(30, 120)), today)
          : null,
      createdAt: noonOf(receivedOn),
      updatedAt: noonOf(closedOn ?? receivedOn),
    });
  }
  return { representations, stages };
}

/** Fresh planner statistics after the bulk load, as autovacuum would gather soon after. */
export async function analyze(): Promise<void> {
  await db().execute(sql`analyze`);
}

// ---------------------------------------------------------------------------------------------
// Feedback: conferences and their answers, FGC evaluations, "after your review", review records
// and advocacy referrals

export type FeedbackOptions = {
  /** Answers to conference, FGC and "after your review" forms, together. */
  responses: number;
  /** Child protection conferences and Family Group Conferences held over `years`. */
  conferences: number;
  fgcs: number;
  /** Reviews the IROs recorded (participation figures). */
  reviews: number;
  /** Advocacy referrals over twice `years` (those of the last weeks partly still open). */
  referrals: number;
  /** Answers to the one busy conference of the signed-in chair. */
  busyConferenceAnswers: number;
  years: number;
};

export type SeededFeedback = {
  counts: Record<string, number>;
  /** The chair's conference with the most answers. */
  busyConference: { id: string; reference: string; answers: number };
  /** The reporting year (April to March) with the most conference answers. */
  busiestFeedbackYear: number;
  feedbackInBusiestYear: number;
  /** The reporting year with the most reviews recorded. */
  busiestReviewYear: number;
};

/** More members of staff with one role, as a real service has: nobody signs in as them. */
async function addStaff(
  organisationId: string,
  role: StaffRole,
  local: string,
  count: number,
  random: SeededRandom,
) {
  if (count === 0) return [];
  const passwordHash = await hashPassword(randomBytes(24).toString("base64url"));
  const added = await db()
    .insert(schema.staffUser)
    .values(
      Array.from({ length: count }, (_, i) => ({
        organisationId,
        email: `${local}-bench-${i + 1}@${COUNCIL.emailDomain}`,
        name: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
        passwordHash,
      })),
    )
    .returning({ id: schema.staffUser.id });
  await db()
    .insert(schema.roleAssignment)
    .values(added.map((person) => ({ organisationId, staffUserId: person.id, role })));
  return added.map((person) => person.id);
}

async function staffIdOf(organisationId: string, email: string) {
  const [row] = await db()
    .select({ id: schema.staffUser.id })
    .from(schema.staffUser)
    .where(
      and(eq(schema.staffUser.organisationId, organisationId), eq(schema.staffUser.email, email)),
    );
  if (!row) throw new Error(`${email} is not seeded`);
  return row.id;
}

/**
 * A day in the last `years` years (ten days short, so that a database kept for a while is not
 * yet past the retention schedule), more of them recent; never today or later.
 */
const pastDay = (random: SeededRandom, today: IsoDate, years: number): IsoDate =>
  addDays(today, -1 - Math.floor(Math.pow(random.next(), 1.15) * (years * 365 - 10)));

/**
 * Whether the retention schedule still keeps an invitation that stopped working at `expiresAt`
 * (a year by default, unless an answer or draft points at it, which anonymous answers never
 * do): older ones the server's housekeeping would have deleted long ago, so none are seeded.
 */
const invitationKept = (expiresAt: Date, now: Date) =>
  expiresAt.getTime() > now.getTime() - (retentionDaysFor({}).invitations - 10) * DAY_MS;

/** An instant on `day` or up to `days` later, never after `now`. */
function answeredAt(random: SeededRandom, day: IsoDate, days: number, now: Date) {
  const at =
    noonOf(addDays(day, random.between(0, days))).getTime() + random.between(-3, 8) * 3_600_000;
  return new Date(Math.min(at, now.getTime() - 60_000));
}

/**
 * The answers people gave after conferences, FGCs and reviews, and the conferences, invitations,
 * review records and advocacy referrals around them: the rows recordConference, createInvitation,
 * recordReview, the Send and the advocacy pipeline write, inserted in bulk (sealed columns
 * sealed with the server's key, so every page reads them as its own).
 */
export async function seedFeedback(options: FeedbackOptions): Promise<SeededFeedback> {
  const random = seededRandom(20261207);
  const now = new Date();
  const today = londonDateOf(now);
  const { organisation, iros } = await councilAndStaff();
  const orgId = organisation.id;
  const chairId = await staffIdOf(orgId, accounts.chair.email);
  const coordinatorId = await staffIdOf(orgId, accounts.fgcCoordinator.email);
  const advocateId = await staffIdOf(orgId, accounts.advocacy.email);
  const signedInIro = iros.find((iro) => iro.email === accounts.iro.email)!;
  const otherChairs = await addStaff(orgId, "cp_chair", "chair", 8, random);
  const otherCoordinators = await addStaff(orgId, "fgc_coordinator", "fgc", 4, random);
  const allIros = (await staffWithRole(orgId, "iro")).map((iro) => iro.id);

  // Conferences, each with an invitation per form (its link and code sealed for its chair).
  type ConferenceRow = typeof schema.conference.$inferInsert & {
    id: string;
    heldOn: IsoDate;
    facts: string[];
  };
  const conferences: ConferenceRow[] = [];
  const invitations: (typeof schema.invitation.$inferInsert)[] = [];
  const conferenceReference = {
    "child-protection": referenceMaker("CPC"),
    "family-group": referenceMaker("FGC"),
  };
  const feedbackDays = env().CONFERENCE_FEEDBACK_DAYS;
  // A few aims combinations, as referrers state them (the answers are pooled per combination).
  const AIMS: FgcAim[][] = [
    ["prevent-care"],
    ["child-protection-plan", "contact"],
    ["legal-proceedings", "permanency"],
    ["school-attendance", "child-in-need-plan"],
  ];
  for (let i = 0; i < options.conferences + options.fgcs; i++) {
    const kind: ConferenceKind = i < options.conferences ? "child-protection" : "family-group";
    const cp = kind === "child-protection";
    const facts = CONFERENCE_KIND_FACTS[kind];
    // The signed-in chair and coordinator hold a share; others the rest.
    const chairedBy = cp
      ? random.chance(0.25)
        ? chairId
        : random.pick(otherChairs)
      : random.chance(0.3)
        ? coordinatorId
        : random.pick(otherCoordinators);
    // The first is the busy one: the signed-in chair's, a month ago.
    const heldOn = i === 0 ? addDays(today, -30) : pastDay(random, today, options.years);
    const aims = cp ? [] : random.pick(AIMS);
    const lookedAfterAtReferral = cp ? null : random.chance(0.3);
    const id = randomUUID();
    const reference = conferenceReference[kind]();
    const acceptsUntil = startOfLondonDay(addDays(heldOn, feedbackDays + 1));
    conferences.push({
      id,
      organisationId: orgId,
      kind,
      reference,
      heldOn,
      chairedBy: i === 0 ? chairId : chairedBy,
      conferenceType: cp ? random.pick(CHILD_PROTECTION_CONFERENCE_TYPES) : null,
      referrerName: cp ? null : `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
      aims,
      lookedAfterAtReferral,
      acceptsUntil,
      createdAt: new Date(noonOf(heldOn).getTime() + 3_600_000),
      createdBy: i === 0 ? chairId : chairedBy,
      facts: eventFactsOf({ aims, lookedAfterAtReferral }),
    });
    for (const { form } of invitationKept(acceptsUntil, now) ? CONFERENCE_FORMS[kind] : []) {
      const secrets = { linkToken: randomToken(), code: shortCode() };
      invitations.push({
        organisationId: orgId,
        invitedBy: i === 0 ? chairId : chairedBy,
        formId: form.id,
        language: "en",
        eventKind: facts.eventKind,
        eventDate: heldOn,
        eventReference: reference,
        conferenceId: id,
        linkTokenHash: keyedHash("invitation-link", secrets.linkToken),
        codeHash: keyedHash("invitation-code", normaliseCode(secrets.code)),
        secretsSealed: seal(JSON.stringify(secrets)),
        expiresAt: acceptsUntil,
        createdAt: new Date(noonOf(heldOn).getTime() + 3_600_000),
        createdBy: i === 0 ? chairId : chairedBy,
      });
    }
  }
  const busy = conferences[0]!;
  const cpConferences = conferences.filter((c) => c.kind === "child-protection");
  const fgcs = conferences.filter((c) => c.kind === "family-group");

  // The answers: anonymous, so they keep the event's facts and never the invitation.
  const submissions: (typeof schema.submission.$inferInsert)[] = [];
  const references = new Map<string, () => string>();
  const referenceFor = (form: FormDefinition) => {
    let make = references.get(form.referencePrefix);
    if (!make) references.set(form.referencePrefix, (make = referenceMaker(form.referencePrefix)));
    return make();
  };
  const answersFor = answerPool(random, 20);
  const answer = (
    form: FormDefinition,
    event: { kind: string; date: IsoDate; reference: string | null; facts: string[] },
    invitedBy: string,
    at: Date,
  ) => {
    const context: FormContext = { invited: true, eventFacts: event.facts };
    const answers = answersFor(form, context, random.chance(0.01));
    const stored = splitAnswers(form, answers);
    const urgentMatches = concernsIn(form, answers);
    submissions.push({
      organisationId: orgId,
      reference: referenceFor(form),
      formId: form.id,
      formVersion: form.version,
      language: "en",
      answers: stored.choices,
      writtenAnswers: stored.written,
      invitationId: null,
      eventKind: event.kind,
      eventDate: event.date,
      eventReference: event.reference,
      invitedBy,
      queue: form.destination,
      recipientStaffUserId: invitedBy,
      senderName: null,
      namedWorker: null,
      mayAlsoSee: [],
      urgent: urgentMatches.length > 0,
      urgentMatches,
      submittedAt: at,
      firstReadAt: null,
      firstReadBy: null,
      participation: null,
      participationRecordedAt: null,
      managerAlertedAt: null,
    });
  };
  const conferenceAnswer = (conference: ConferenceRow) => {
    const forms = CONFERENCE_FORMS[conference.kind as ConferenceKind];
    const form =
      conference.kind === "child-protection"
        ? random.weighted([
            [forms[0]!.form, 60],
            [forms[1]!.form, 30],
            [forms[2]!.form, 10],
          ])
        : random.weighted([
            [forms[0]!.form, 60],
            [forms[1]!.form, 25],
            [forms[2]!.form, 15],
          ]);
    answer(
      form,
      {
        kind: CONFERENCE_KIND_FACTS[conference.kind as ConferenceKind].eventKind,
        date: conference.heldOn,
        reference: conference.reference,
        facts: conference.facts,
      },
      conference.chairedBy,
      answeredAt(random, conference.heldOn, feedbackDays, now),
    );
  };
  const rest = Math.max(0, options.responses - options.busyConferenceAnswers);
  const toConferences = Math.round(rest * 0.55);
  const toFgcs = Math.round(rest * 0.2);
  const afterReviews = rest - toConferences - toFgcs;
  for (let i = 0; i < options.busyConferenceAnswers; i++) conferenceAnswer(busy);
  for (let i = 0; i < toConferences; i++) conferenceAnswer(random.pick(cpConferences));
  for (let i = 0; i < toFgcs; i++) conferenceAnswer(random.pick(fgcs));

  // "After your review": an invitation from the IRO to the child, answered anonymously.
  for (let i = 0; i < afterReviews; i++) {
    const iro = random.chance(0.1) ? signedInIro.id : random.pick(allIros);
    const heldOn = pastDay(random, today, options.years);
    const form = random.weighted([
      [afterYourReview, 80],
      [afterYourReviewExpress, 20],
    ]);
    const createdAt = new Date(noonOf(heldOn).getTime() + 2 * 3_600_000);
    const expiresAt = invitationExpiry(heldOn, env().AFTER_REVIEW_DAYS);
    if (invitationKept(expiresAt, now)) {
      invitations.push({
        organisationId: orgId,
        invitedBy: iro,
        childName: random.pick(FIRST_NAMES),
        formId: form.id,
        language: "en",
        eventKind: "review",
        eventDate: heldOn,
        // Stand-ins: no link or code leads to these.
        linkTokenHash: randomBytes(32).toString("base64url"),
        codeHash: randomBytes(32).toString("base64url"),
        expiresAt,
        createdAt,
        createdBy: iro,
        openedAt: createdAt,
        startedAt: createdAt,
      });
    }
    answer(
      form,
      { kind: "review", date: heldOn, reference: null, facts: [] },
      iro,
      answeredAt(random, heldOn, 20, now),
    );
  }

  // Reviews as the IROs record them: the participation figures count these.
  const reviewRows: (typeof schema.reviewRecord.$inferInsert)[] = [];
  const reviewsByYear = new Map<number, number>();
  for (let i = 0; i < options.reviews; i++) {
    const heldOn = pastDay(random, today, options.years);
    reviewsByYear.set(reportYearOf(heldOn), (reviewsByYear.get(reportYearOf(heldOn)) ?? 0) + 1);
    reviewRows.push({
      organisationId: orgId,
      iroStaffUserId: random.chance(0.1) ? signedInIro.id : random.pick(allIros),
      heldOn,
      participation: random.weighted([
        [1, 40],
        [2, 15],
        [3, 15],
        [4, 12],
        [5, 10],
        [6, 8],
      ]),
      createdAt: new Date(noonOf(heldOn).getTime() + random.between(1, 72) * 3_600_000),
    });
  }

  // Advocacy referrals: almost all closed; what is open is recent.
  const calendar = calendarFor(organisation.bankHolidayRegion);
  const referralReference = referenceMaker("ADV");
  const referrals: (typeof schema.advocacyReferral.$inferInsert)[] = [];
  for (let i = 0; i < options.referrals; i++) {
    // Kept six years: these go back further than the answers.
    const receivedOn = pastDay(random, today, 2 * options.years);
    const ageDays = Math.round((Date.parse(today) - Date.parse(receivedOn)) / DAY_MS);
    const open = ageDays <= 20 && random.chance(0.5);
    const contactDueOn = calendar.addWorkingDays(receivedOn, 1);
    const contacted = !open || random.chance(0.6);
    const firstContactOn = contacted
      ? earlier(
          calendar.addWorkingDays(
            receivedOn,
            random.weighted([
              [1, 85],
              [2, 10],
              [4, 5],
            ]),
          ),
          today,
        )
      : null;
    const closedOn = open ? null : earlier(addDays(receivedOn, random.between(10, 90)), today);
    referrals.push({
      organisationId: orgId,
      reference: referralReference(),
      submissionId: null,
      representationId: null,
      childName: random.pick(FIRST_NAMES),
      contactWay: random.chance(0.5) ? "07700 900789" : "At school, ask for the office",
      contactTime: random.chance(0.5) ? "After school" : null,
      issue: random.pick(WRITTEN),
      outcomeWanted: random.chance(0.6) ? random.pick(WRITTEN) : null,
      language: "en",
      interpreterLanguage: null,
      communicationNeeds: null,
      consent: true,
      receivedAt: noonOf(receivedOn),
      contactDueOn,
      acceptedAt: contacted ? noonOf(receivedOn) : null,
      acceptedBy: contacted ? advocateId : null,
      firstContactOn,
      firstContactNote: contacted ? "Spoke on the phone." : null,
      childStatus: contacted ? random.pick(ADVOCACY_CHILD_STATUSES) : null,
      childWanted: contacted ? random.pick(WRITTEN) : null,
      outcome: closedOn ? random.pick(ADVOCACY_OUTCOMES) : null,
      outcomeNote: closedOn ? "Closed after the meeting." : null,
      closedOn,
      closedBy: closedOn ? advocateId : null,
      createdAt: noonOf(receivedOn),
    });
  }

  await insertMany(
    schema.conference,
    conferences.map(({ facts: _facts, ...row }) => row),
  );
  await insertMany(schema.invitation, invitations);
  await insertMany(schema.submission, submissions);
  await insertMany(schema.reviewRecord, reviewRows);
  await insertMany(schema.advocacyReferral, referrals);

  const feedbackByYear = new Map<number, number>();
  for (const row of submissions) {
    if (row.eventKind !== "child-protection-conference") continue;
    const year = reportYearOf(londonDateOf(row.submittedAt!));
    feedbackByYear.set(year, (feedbackByYear.get(year) ?? 0) + 1);
  }
  const [busiestFeedbackYear, feedbackInBusiestYear] = [...feedbackByYear].reduce((best, entry) =>
    entry[1] > best[1] ? entry : best,
  );
  const [busiestReviewYear] = [...reviewsByYear].reduce((best, entry) =>
    entry[1] > best[1] ? entry : best,
  );
  return {
    counts: {
      conferences: cpConferences.length,
      fgcs: fgcs.length,
      invitations: invitations.length,
      feedbackResponses: submissions.length,
      conferenceAnswers: options.busyConferenceAnswers + toConferences,
      fgcAnswers: toFgcs,
      afterReviewAnswers: afterReviews,
      reviewRecords: reviewRows.length,
      advocacyReferrals: referrals.length,
      openAdvocacyReferrals: referrals.filter((r) => r.closedOn === null).length,
    },
    busyConference: {
      id: busy.id,
      reference: busy.reference,
      answers: options.busyConferenceAnswers,
    },
    busiestFeedbackYear,
    feedbackInBusiestYear,
    busiestReviewYear,
  };
}

/** What seeding found, kept in the bench database so a later run can reuse it (--database-url). */
export async function rememberSeeding(value: unknown): Promise<void> {
  await db().execute(sql`create table if not exists bench_seeding (seeded jsonb not null)`);
  await db().execute(sql`delete from bench_seeding`);
  await db().execute(
    sql`insert into bench_seeding (seeded) values (${JSON.stringify(value)}::jsonb)`,
  );
}

/** What an earlier run seeded into this database, or undefined when it was not seeded by one. */
export async function recalledSeeding(): Promise<unknown> {
  // postgres.js answers with the rows, PGlite with { rows }.
  const rowsOf = <T>(result: unknown): T[] =>
    Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
  const [found] = rowsOf<{ exists: boolean }>(
    await db().execute(sql`select to_regclass('bench_seeding') is not null as exists`),
  );
  if (!found?.exists) return undefined;
  const [row] = rowsOf<{ seeded: unknown }>(
    await db().execute(sql`select seeded from bench_seeding`),
  );
  return row?.seeded;
}

// ---------------------------------------------------------------------------------------------
// Drafts, made through the app's own draft model

export type DraftPools = {
  formId: string;
  /** Drafts two pages in, on the third. */
  partial: string[];
  /** Drafts with every page answered, ready to send. */
  complete: { id: string; token: string }[];
  /** The page the partial drafts are on, and what posting it sends and where it then goes. */
  questionPage: { path: string; fields: [string, string][]; nextPath: string };
};

export async function seedDrafts(input: {
  partial: number;
  complete: number;
}): Promise<DraftPools> {
  const form = findForm(BENCH_FORM.id)!;
  const { organisation } = await councilAndStaff();
  const context: FormContext = {
    invited: false,
    serviceAreas: organisation.serviceAreas.map((area) => area.key),
  };
  const random = seededRandom(424242);
  const makeDraft = async (answers: Answers, at: string | undefined) => {
    const { draft, token } = await startDraft({
      organisationId: organisation.id,
      form,
      language: "en",
    });
    await saveAnswers(draft, answers, at);
    return { id: draft.id, token };
  };

  const [, , onPage, afterIt] = visiblePages(form, {}, context);
  if (!onPage || !afterIt) throw new Error(`${form.id} has fewer than four pages`);
  const partial = await inParallel(input.partial, 8, () =>
    makeDraft(plausibleAnswers(form, context, random, { pages: 2 }), onPage.id),
  );
  const lastPage = visiblePages(form, {}, context).at(-1)!;
  const answersFor = answerPool(random);
  const complete = await inParallel(input.complete, 8, () =>
    makeDraft(answersFor(form, context, random.chance(0.03)), lastPage.id),
  );

  // Posting the third page: its answers as a browser sends them, then on to the next page.
  const pageAnswers = plausibleAnswers(form, context, random, { pages: 3 });
  const fields: [string, string][] = [];
  for (const question of visibleQuestions(onPage, pageAnswers, context)) {
    const value = pageAnswers[question.id] ?? "";
    for (const item of Array.isArray(value) ? value : [value]) fields.push([question.id, item]);
  }
  const next = nextPage(form, onPage.id, pageAnswers, context) ?? afterIt;
  return {
    formId: form.id,
    partial: partial.map((draft) => draft.token),
    complete,
    questionPage: {
      path: `/forms/${form.id}/${onPage.id}`,
      fields,
      nextPath: `/forms/${form.id}/${next.id}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// After the final-submission run

export type StoredCheck = {
  drafts: number;
  submissions: number;
  withAudit: number;
  withEmail: number;
};

/** For these drafts: how many were stored as submissions, with their audit entry and email. */
export async function checkStoredSubmissions(draftIds: string[]): Promise<StoredCheck> {
  const result: StoredCheck = {
    drafts: draftIds.length,
    submissions: 0,
    withAudit: 0,
    withEmail: 0,
  };
  for (let start = 0; start < draftIds.length; start += BATCH) {
    const rows = await db()
      .select({ id: schema.submission.id })
      .from(schema.submission)
      .where(inArray(schema.submission.draftId, draftIds.slice(start, start + BATCH)));
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) continue;
    const audited = await db()
      .selectDistinct({ id: schema.auditEvent.subjectId })
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, "form.submitted"),
          eq(schema.auditEvent.subjectType, "submission"),
          inArray(schema.auditEvent.subjectId, ids),
        ),
      );
    const emailed = await db()
      .selectDistinct({ id: schema.outboxMessage.subjectId })
      .from(schema.outboxMessage)
      .where(
        and(
          eq(schema.outboxMessage.subjectType, "submission"),
          inArray(schema.outboxMessage.subjectId, ids),
        ),
      );
    result.submissions += ids.length;
    result.withAudit += audited.length;
    result.withEmail += emailed.length;
  }
  return result;
}
