// Two web processes on one PostgreSQL database, as behind a load balancer: a staff session and
// its sign-out, sign-in throttling and code-guess counting are shared, and each email in the
// outbox reaches the SMTP server exactly once although both processes deliver. On the PostgreSQL
// server of TEST_DATABASE_URL when set, else on a throwaway cluster of its own (the embedded
// database belongs to one process by design).
import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import { serverUrl, createServerDatabase, dropServerDatabase } from "#test/support/databases";
import type { RunningServer } from "#test/support/server";
import { startSmtpReceiver } from "#test/support/smtp-receiver";
import {
  acknowledged,
  Browser,
  type Cluster,
  decodeHtml,
  FORM_PATH,
  FULL,
  IRO_EMAIL,
  originOf,
  pool,
  type Query,
  seconds,
  send,
  sleep,
  spawnPortal,
  startCluster,
  TEST_TIMEOUT,
  word,
} from "./harness";

const CODE_ATTEMPT_LIMIT = 6;
const BOOKLETS = FULL ? 200 : 60;

let cluster: Cluster | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let sql: postgres.Sql;
let a: RunningServer;
let b: RunningServer;
const siteA = {
  get origin() {
    return originOf(a);
  },
};
const siteB = {
  get origin() {
    return originOf(b);
  },
};

const query: Query = (text, params) => sql.unsafe(text, params as never[]) as never;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  let url: string;
  if (serverUrl) {
    const database = await createServerDatabase();
    url = database.url;
    dropDatabase = () => dropServerDatabase(database.name);
  } else {
    cluster = await startCluster();
    url = await cluster.createDatabase("portal");
  }
  sql = postgres(url, { max: 2, onnotice: () => {} });
  const env = {
    DATABASE_URL: url,
    SEED_DEMO: "true",
    SMTP_URL: receiver.url,
    OUTBOX_INTERVAL_MS: "100",
    CODE_ATTEMPT_LIMIT: String(CODE_ATTEMPT_LIMIT),
  };
  // One after the other: the first migrates and seeds a new database.
  a = await spawnPortal(env);
  b = await spawnPortal(env);
}, 180_000);

afterAll(async () => {
  try {
    const servers = [a, b].filter(Boolean);
    const codes = await Promise.all(servers.map((server) => server.stop()));
    expect(codes, servers.map((server) => server.output()).join("\n")).toEqual(
      servers.map(() => 0),
    );
  } finally {
    await sql?.end({ timeout: 5 });
    await receiver?.stop();
    await dropDatabase?.();
    await cluster?.dispose();
  }
}, 120_000);

test("a staff session made on A is valid on B, and signing out on B ends it on A", async () => {
  const onA = new Browser(siteA);
  const signedIn = await onA.signIn(IRO_EMAIL);
  expect(signedIn.status).toBe(302);
  expect(signedIn.location).toBe("/staff");
  const onB = onA.on(siteB);
  const pageOnB = await onB.get("/staff");
  expect(pageOnB.status, "A's session cookie on B").toBe(200);
  expect(decodeHtml(pageOnB.html)).toContain("Priya Shah");
  expect((await onA.get("/staff")).status).toBe(200);

  // A second tab keeps the cookie the first is about to lose.
  const otherTab = onA.clone();
  const out = await onB.post("/staff/sign-out", {});
  expect(out.status).toBe(302);
  expect(out.location).toBe("/staff/sign-in?reason=signed-out");
  const afterOnA = await otherTab.get("/staff");
  expect(afterOnA.status, "the session signed out on B, used on A").toBe(302);
  expect(afterOnA.location).toMatch(/^\/staff\/sign-in/);
  expect((await otherTab.on(siteB).get("/staff")).status).toBe(302);
  console.log("two instances: session made on A valid on B; signed out on B, refused on A");
});

test("sign-in throttling counts failures on A and B together", async () => {
  const email = "chair@westmoor.example";
  const wrong = word("en", "staff", "signIn.errors.wrongCredentials")!;
  const throttled = word("en", "staff", "signIn.errors.throttled_other")!.split("{{")[0]!;
  const failures: string[] = [];
  // The per-account limit is 5 in 15 minutes: five wrong passwords, alternately on A and B.
  for (let attempt = 0; attempt < 5; attempt++) {
    const site = attempt % 2 === 0 ? siteA : siteB;
    const reply = await new Browser(site).signIn(email, "not-the-password");
    const text = decodeHtml(reply.html);
    failures.push(`${reply.status}${text.includes(wrong) ? " wrong" : ""}`);
  }
  expect(failures, "the five failures are answered as wrong, not yet throttled").toEqual(
    Array(5).fill("400 wrong"),
  );
  // Now even the right password is refused, on either.
  const refused: string[] = [];
  for (const site of [siteA, siteB]) {
    const reply = await new Browser(site).signIn(email);
    refused.push(
      `${reply.status}${decodeHtml(reply.html).includes(throttled) ? " throttled" : ""}`,
    );
  }
  expect(refused, "the right password after 5 failures (3 on A, 2 on B)").toEqual([
    "429 throttled",
    "429 throttled",
  ]);
  console.log(
    "two instances: 5 failed sign-ins (3 on A, 2 on B), then the right password refused on both: " +
      refused.join(", "),
  );
});

test(`the code-guess limit (${CODE_ATTEMPT_LIMIT}) counts guesses on A and B together`, async () => {
  const notFound = word("en", "forms", "code.errors.notFound")!;
  const tooMany = word("en", "forms", "code.errors.tooMany")!;
  const answers: string[] = [];
  // One address (the test's), guessing alternately on A and B.
  for (let guess = 0; guess < CODE_ATTEMPT_LIMIT + 2; guess++) {
    const site = guess % 2 === 0 ? siteA : siteB;
    const code = `ZZZZ-${String(1000 + guess)}`;
    const reply = await new Browser(site).post("/code", { code });
    const text = decodeHtml(reply.html);
    answers.push(
      `${reply.status} ${text.includes(tooMany) ? "too many" : text.includes(notFound) ? "not found" : "?"}`,
    );
  }
  console.log(
    `two instances: ${CODE_ATTEMPT_LIMIT + 2} code guesses alternately on A and B: ` +
      answers.join(", "),
  );
  const tried = answers.findIndex((answer) => answer !== "400 not found");
  // Shared: counted per instance, alternating guesses would reach neither limit in this run.
  expect(tried, "refused by the limit, counted over both instances").toBeGreaterThan(0);
  expect(answers.slice(tried), "every guess after the limit, on A and on B").toEqual(
    Array(answers.length - tried).fill("429 too many"),
  );
  expect(tried, "refused by the limit, counted over both instances").toBeLessThanOrEqual(
    CODE_ATTEMPT_LIMIT,
  );
  // README: CODE_ATTEMPT_LIMIT is the number of codes one address may try in 15 minutes.
  expect(
    tried,
    `codes answered before the refusal, with CODE_ATTEMPT_LIMIT=${CODE_ATTEMPT_LIMIT}`,
  ).toBe(CODE_ATTEMPT_LIMIT);
});

test(
  `each email is delivered once while A and B both deliver (${BOOKLETS} booklets)`,
  async () => {
    const began = Date.now();
    receiver.messages.length = 0;
    // Booklets without an invitation, half sent through A and half through B: each emails the
    // managers of the shared inbox, queued in the outbox that both processes deliver.
    const problems: string[] = [];
    await pool([...Array(BOOKLETS).keys()], 8, async (index) => {
      const child = new Browser(index % 2 === 0 ? siteA : siteB);
      let reply = await child.post(FORM_PATH, {});
      for (let pages = 0; reply.status === 302 && !reply.location!.endsWith("/check"); pages++) {
        reply = await child.post(reply.location!, {
          intent: "continue",
          name: "Alex",
          "share-with": "iro-only",
        });
      }
      const sent = await send(child);
      if (!acknowledged(sent))
        problems.push(`booklet ${index}: ${reply.status} then ${sent.status}`);
    });
    expect(problems).toEqual([]);

    const pending = async () =>
      (
        await query<{ n: number }>(
          `select count(*)::int as n from outbox_message where sent_at is null and failed_at is null`,
        )
      )[0]!.n;
    const deadline = Date.now() + 120_000;
    while ((await pending()) > 0 && Date.now() < deadline) await sleep(100);
    const emptied = Date.now();
    await sleep(1_000);

    const rows = await query<{ message_id: string; attempts: number; failed: boolean }>(
      `select message_id, attempts, failed_at is not null as failed from outbox_message`,
    );
    const received = receiver.messages.map((mail) => mail.messageId);
    const counts = new Map<string, number>();
    for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    const neverArrived = rows.filter((row) => !counts.has(row.message_id));
    const retried = rows.filter((row) => row.attempts > 1).length;
    console.log(
      `two instances: ${BOOKLETS} booklets sent (half through each), ${rows.length} outbox rows, ` +
        `${received.length} messages received, ${counts.size} distinct Message-IDs, ` +
        `${twice.length} delivered twice, ${neverArrived.length} never arrived, ${retried} retried; ` +
        `outbox empty after ${seconds(emptied - began)}`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(await pending(), "messages still waiting").toBe(0);
    expect(rows.filter((row) => row.failed)).toEqual([]);
    expect(twice, "Message-IDs received more than once").toEqual([]);
    expect(neverArrived.map((row) => row.message_id)).toEqual([]);
    expect(received.length).toBe(rows.length);
  },
  TEST_TIMEOUT,
);
