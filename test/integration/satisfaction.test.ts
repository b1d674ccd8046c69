// "How did we do?" on the one pipeline, over real HTTP on the server's own database:
// - questionnaires kept the old way (one row each) are moved at start-up, nothing lost, and their
//   old links still open the questionnaire (or say it was answered);
// - the summary of 300+ generated answers, as the complaints officer sees it on the page and in
//   the CSV file, equals an independent count made here, year by year;
// - a council with fewer answers than the anonymity threshold sees no figure and no comment;
// - nobody can start the questionnaire without the link.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase, schema } from "#db/client";
import { reportYearOf } from "#app/complaints/annual-report";
import { COMMENTS_SHOWN } from "#app/summaries/summarise";
import { todayInLondon } from "#app/models/representation/common.server";
import { keyedHash, randomToken } from "#app/utils/secrets.server";
import { ownServerDatabase, type OwnDatabase } from "#test/support/databases";
import { seededRandom } from "#test/support/seeded-random";
import { ensureBuilt, spawnServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor } from "#test/support/staff-visitor";

const FORM = "complaint-satisfaction";
const RESPONSES_THIS_YEAR = 320;
const RESPONSES_LAST_YEAR = 12;

type Generated = { feltListened?: string; satisfied?: string; doBetter?: string; at: Date };

let database: OwnDatabase;
let server: RunningServer | undefined;
const oldLinks = { answered: randomToken(), waiting: randomToken() };
const generated: Generated[] = [];
let lastYearCount = RESPONSES_LAST_YEAR;
const thisYear = reportYearOf(todayInLondon());

/** A minimal closed complaint for an old questionnaire row to belong to. */
async function closedComplaint(db: Awaited<ReturnType<typeof openDatabase>>["db"], org: string) {
  const [row] = await db
    .insert(schema.representation)
    .values({
      organisationId: org,
      reference: `OLD-${randomToken().slice(0, 8)}`,
      source: "logged",
      receivedOn: `${thisYear}-05-01`,
      kind: "complaint",
      madeBy: "other",
      contactMethod: "letter",
      closedOn: `${thisYear}-06-01`,
    })
    .returning({ id: schema.representation.id });
  return row!.id;
}

beforeAll(async () => {
  ensureBuilt();
  database = await ownServerDatabase("portal-satisfaction-");
  // The first start migrates and seeds the demo councils; then this process writes what an
  // older portal would have kept, and many answers, before the portal starts again.
  await (await spawnServer(database.env)).stop();
  const open = await openDatabase(database.config);
  try {
    const { db } = open;
    const council = async (slug: string) =>
      (await db.select().from(schema.organisation).where(eq(schema.organisation.slug, slug)))[0]!
        .id;
    const westmoor = await council("westmoor");
    const aberhaven = await council("aberhaven");

    // Two questionnaires kept the old way: one answered, one still waiting.
    const answeredAt = new Date(Date.now() - 3 * 86_400_000);
    await db.insert(schema.satisfactionResponse).values([
      {
        organisationId: westmoor,
        representationId: await closedComplaint(db, westmoor),
        tokenHash: keyedHash("satisfaction", oldLinks.answered),
        invitedAt: new Date(Date.now() - 10 * 86_400_000),
        respondedAt: answeredAt,
        feltListened: "no",
        satisfied: "partly",
        doBetter: "Ring me back sooner, please",
      },
      {
        organisationId: westmoor,
        representationId: await closedComplaint(db, westmoor),
        tokenHash: keyedHash("satisfaction", oldLinks.waiting),
      },
    ]);
    generated.push({
      feltListened: "no",
      satisfied: "partly",
      doBetter: "Ring me back sooner, please",
      at: answeredAt,
    });

    // The demo council's own few answers count too.
    const yearStart = Date.parse(`${thisYear}-04-01T12:00:00Z`);
    const demo = await db
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.organisationId, westmoor));
    for (const row of demo.filter((r) => r.formId === FORM)) {
      const answer: Generated = {
        ...(row.answers as Pick<Generated, "feltListened" | "satisfied">),
        doBetter: (row.writtenAnswers as { doBetter?: string } | null)?.doBetter,
        at: row.submittedAt,
      };
      if (row.submittedAt.getTime() >= Date.parse(`${thisYear}-04-01T00:00:00+01:00`))
        generated.push(answer);
      else lastYearCount++;
    }

    // Answers sent through the pipeline: this year and last year, a few questions skipped.
    const random = seededRandom(2026);
    const now = Date.now() - 3_600_000;
    const make = (at: Date): Generated => ({
      feltListened: random.chance(0.95)
        ? random.weighted([
            ["yes", 6],
            ["no", 3],
            ["not-sure", 1],
          ] as const)
        : undefined,
      satisfied: random.chance(0.9)
        ? random.weighted([
            ["yes", 4],
            ["partly", 3],
            ["no", 2],
          ] as const)
        : undefined,
      doBetter: random.chance(0.3) ? `Idea number ${random.between(1, 99999)}` : undefined,
      at,
    });
    const rows: Generated[] = [];
    for (let i = 0; i < RESPONSES_THIS_YEAR; i++) {
      rows.push(make(new Date(yearStart + random.next() * (now - yearStart))));
    }
    const lastYear: Generated[] = [];
    for (let i = 0; i < RESPONSES_LAST_YEAR; i++) {
      lastYear.push(make(new Date(yearStart - 86_400_000 - random.next() * 300 * 86_400_000)));
    }
    generated.push(...rows);
    const values = (organisationId: string, list: Generated[]) =>
      list.map((answer, i) => ({
        organisationId,
        reference: `SAT-${organisationId.slice(0, 4)}${i}`,
        formId: FORM,
        formVersion: 1,
        language: "en",
        answers: Object.fromEntries(
          Object.entries({ feltListened: answer.feltListened, satisfied: answer.satisfied }).filter(
            ([, value]) => value !== undefined,
          ),
        ),
        writtenAnswers: (answer.doBetter ? { doBetter: answer.doBetter } : {}) as Record<
          string,
          string
        >,
        queue: FORM,
        eventKind: "complaint-closed",
        submittedAt: answer.at,
      }));
    await db.insert(schema.submission).values(values(westmoor, [...rows, ...lastYear]));
    // Another council with only two answers: under the threshold of three.
    await db.insert(schema.submission).values(values(aberhaven, rows.slice(0, 2)));
  } finally {
    await open.close();
  }
  server = await spawnServer(database.env);
}, 240_000);

afterAll(async () => {
  if (server) await server.stop();
  await database?.dispose();
});

/** An independent count: how many chose each answer, and the comments. */
function expectedCounts(list: Generated[]) {
  const count = (key: "feltListened" | "satisfied", values: string[]) => {
    const answered = list.filter((answer) => answer[key] !== undefined).length;
    return values.map((value) => {
      const chosen = list.filter((answer) => answer[key] === value).length;
      return [chosen, Math.round((chosen * 100) / answered)];
    });
  };
  return {
    responses: list.length,
    feltListened: count("feltListened", ["yes", "no", "not-sure"]),
    satisfied: count("satisfied", ["yes", "partly", "no"]),
    comments: list.flatMap((answer) => (answer.doBetter ? [answer.doBetter] : [])),
  };
}

/** The [count, percent] rows of each table on the page, in order. */
function tablesOf(html: string): number[][][] {
  return [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map(([, body]) =>
    [...body!.matchAll(/<td class="numeric">(\d+)<\/td><td class="numeric">(\d+)<\/td>/g)].map(
      (match) => [Number(match[1]), Number(match[2])],
    ),
  );
}

/** The [count, percent] rows of the CSV file, per question, in order. */
function csvTablesOf(csv: string): number[][][] {
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .slice(2);
  const tables: number[][][] = [];
  for (const line of lines) {
    const cells = line.split(",");
    if (cells[3] === "") tables.push([]);
    else tables[tables.length - 1]!.push([Number(cells[2]), Number(cells[3])]);
  }
  return tables;
}

test("the old questionnaires were moved, and their links still work", async () => {
  const complainant = new Visitor(server!.origin);
  const waiting = await complainant.request(`/satisfaction/${oldLinks.waiting}`);
  expect(waiting.status).toBe(302);
  expect(waiting.headers.get("location")).toBe(`/forms/${FORM}`);
  const start = await complainant.request(`/forms/${FORM}`);
  expect(start.status).toBe(200);
  expect(await start.text()).toContain("How did we do?");

  // Answered without JavaScript, page by page: sent anonymously, then the link opens nothing.
  const started = await complainant.submit(`/forms/${FORM}`, {});
  expect(started.headers.get("location")).toBe(`/forms/${FORM}/satisfaction`);
  const page = await complainant.submit(`/forms/${FORM}/satisfaction`, {
    intent: "continue",
    feltListened: "yes",
    satisfied: "partly",
    doBetter: "Keep me updated every week",
  });
  expect(page.headers.get("location")).toBe(`/forms/${FORM}/check`);
  const check = await (await complainant.request(`/forms/${FORM}/check`)).text();
  expect(check).toContain("Keep me updated every week");
  const sent = await complainant.submit(`/forms/${FORM}/check`, {});
  expect(sent.headers.get("location")).toBe(`/forms/${FORM}/sent`);
  const thanks = await (await complainant.request(`/forms/${FORM}/sent`)).text();
  expect(thanks).toContain("Your answers do not carry your name");
  expect(thanks).not.toMatch(/SAT-[A-Z0-9]{6}/);
  expect(
    (await new Visitor(server!.origin).request(`/satisfaction/${oldLinks.waiting}`)).status,
  ).toBe(410);
  generated.push({
    feltListened: "yes",
    satisfied: "partly",
    doBetter: "Keep me updated every week",
    at: new Date(),
  });

  const answered = await new Visitor(server!.origin).request(`/satisfaction/${oldLinks.answered}`);
  expect(answered.status).toBe(410);
  expect(await answered.text()).toContain("You have already answered");
  // The new address does not open an old link's token, nor an unknown one.
  expect((await new Visitor(server!.origin).request(`/i/${oldLinks.waiting}`)).status).toBe(404);
});

test("nobody can start the questionnaire without the link", async () => {
  const visitor = new Visitor(server!.origin);
  expect((await visitor.request(`/forms/${FORM}`)).status).toBe(404);
  expect((await visitor.submit(`/forms/${FORM}`, {})).status).toBe(404);
});

test("the summary of 300+ answers equals an independent count, on the page and in the CSV", async () => {
  const officer = await signedInVisitor(server!.origin, "complaints@westmoor.example");
  const expected = expectedCounts(generated);
  expect(expected.responses).toBeGreaterThanOrEqual(300);

  const page = await officer.request(`/staff/summaries/${FORM}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(`${expected.responses} people answered.`);
  expect(tablesOf(html)).toEqual([expected.feltListened, expected.satisfied]);
  // The newest comments (every one, when there are few), counted in all, and no date beside any.
  const shown = [...html.matchAll(/<p class="answer-text" dir="auto">([^<]*)<\/p>/g)].map(
    ([, text]) => text!,
  );
  expect(html.match(/summary-comments__item/g)).toHaveLength(
    Math.min(COMMENTS_SHOWN, expected.comments.length),
  );
  expect(shown.every((text) => expected.comments.includes(text))).toBe(true);
  if (expected.comments.length > COMMENTS_SHOWN) {
    expect(html).toContain(
      `The ${COMMENTS_SHOWN} newest of ${expected.comments.length} comments are shown.`,
    );
  } else {
    for (const comment of expected.comments) expect(html).toContain(comment);
  }

  const csv = await officer.request(`/staff/summaries/${FORM}.csv?year=${thisYear}`);
  expect(csv.headers.get("content-type")).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain(`Answers in all,,${expected.responses},`);
  expect(csvTablesOf(text)).toEqual(tablesOf(html));
  // Comments are people's words: they stay on the page, never in the file.
  expect(text).not.toContain("Idea number");

  // Last year holds only last year's answers.
  const last = await (
    await officer.request(`/staff/summaries/${FORM}?year=${thisYear - 1}`)
  ).text();
  expect(last).toContain(`${lastYearCount} people answered.`);

  // A manager may see it too; an IRO may not.
  const manager = await signedInVisitor(server!.origin, "manager@westmoor.example");
  expect((await manager.request(`/staff/summaries/${FORM}`)).status).toBe(200);
  const iro = await signedInVisitor(server!.origin, "iro@westmoor.example");
  expect((await iro.request(`/staff/summaries/${FORM}`)).status).toBe(403);
});

test("under the anonymity threshold, no figure and no comment", async () => {
  const officer = await signedInVisitor(
    server!.origin,
    "complaints@aberhaven.example",
    `aberhaven.localhost:${server!.port}`,
  );
  const html = await (await officer.request(`/staff/summaries/${FORM}`)).text();
  expect(html).toContain("summary-too-few");
  expect(html).not.toContain("<table");
  expect(html).not.toContain("summary-comments__item");
  const csv = await (await officer.request(`/staff/summaries/${FORM}.csv`)).text();
  expect(csv).not.toMatch(/,\d+,/);
});
