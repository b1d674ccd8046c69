// PostgreSQL stopped (pg_ctl stop -m fast) and started again, over and over, while visitors fill
// in and send booklets through the portal as `npm start` runs it (two workers under the
// supervisor). Every request is answered — 503 "try again shortly" while the database is away,
// never a 500 and never a refused connection — and no worker process ends: the driver's own
// fault when a connection drops under a transaction is contained, not fatal. 3 cycles in the
// normal suite; 30 with `npm run test:resilience`. Runs on a throwaway cluster of its own.
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  acknowledged,
  Browser,
  type Cluster,
  FORM_PATH,
  FULL,
  NoAnswer,
  Portal,
  type Reply,
  seconds,
  send,
  sleep,
  startCluster,
  TEST_TIMEOUT,
} from "./harness";

const CYCLES = FULL ? 30 : 3;
const DOWN_MS = FULL ? 5_000 : 1_000;
const UP_MS = FULL ? 3_000 : 2_000;
const VISITORS = 8;

let cluster: Cluster | undefined;
let portal: Portal | undefined;

beforeAll(async () => {
  cluster = await startCluster();
  const url = await cluster.createDatabase("portal");
  portal = await Portal.create({
    databaseUrl: url,
    supervised: true,
    env: { SEED_DEMO: "true", WEB_WORKERS: "2" },
  });
  await portal.start();
}, 180_000);

afterAll(async () => {
  try {
    await portal?.dispose();
  } finally {
    await cluster?.dispose();
  }
}, 120_000);

test(
  `${CYCLES} PostgreSQL restarts under load: every request answered, no 500, no worker lost`,
  async () => {
    const began = Date.now();
    const site = portal!;
    const statuses = new Map<string, number>();
    const unanswered: string[] = [];
    const errors: string[] = [];
    let acked = 0;
    let stopLoad = false;

    /** One request; a 503 is pressed again after a moment, as a visitor would. */
    async function visit(what: string, go: () => Promise<Reply>): Promise<Reply | undefined> {
      while (!stopLoad) {
        let reply: Reply;
        try {
          reply = await go();
        } catch (error) {
          if (!(error instanceof NoAnswer)) throw error;
          unanswered.push(`${what}: ${error.reason}`);
          return undefined;
        }
        const key = String(reply.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (reply.status >= 500 && reply.status !== 503) {
          errors.push(`${what}: ${reply.status} ${reply.html.slice(0, 300)}`);
        }
        if (reply.status !== 503) return reply;
        await sleep(100);
      }
      return undefined;
    }

    async function visitor(n: number) {
      while (!stopLoad) {
        const browser = new Browser(site);
        let reply = await visit("start", () => browser.post(FORM_PATH, {}));
        for (let pages = 0; reply?.status === 302 && !reply.location!.endsWith("/check");) {
          if (++pages > 30) break;
          const at = reply.location!;
          reply = await visit("page", () =>
            browser.post(at, {
              intent: "continue",
              name: `Visitor ${n}`,
              "share-with": "iro-only",
            }),
          );
        }
        if (reply?.status !== 302) continue;
        reply = await visit("send", () => send(browser));
        if (reply && acknowledged(reply)) acked++;
      }
    }

    const load = Array.from({ length: VISITORS }, (_, n) => visitor(n));
    const ackedAt: number[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      await sleep(UP_MS);
      ackedAt.push(acked);
      await cluster!.stop("fast");
      await sleep(DOWN_MS);
      await cluster!.start();
    }
    // Back: booklets are sent again.
    const restarted = Date.now();
    const ackedBack = acked;
    while (acked < ackedBack + VISITORS && Date.now() - restarted < 30_000) await sleep(100);
    const recovered = acked >= ackedBack + VISITORS ? Date.now() - restarted : undefined;
    stopLoad = true;
    await Promise.all(load);

    const output = site.output();
    const deaths = output.match(/web worker \d+ \(pid \d+\) died[^\n]*/g) ?? [];
    const contained = (output.match(/PostgreSQL driver fault contained/g) ?? []).length;
    // Progress in every cycle's uptime: the portal served between restarts, not only at the end.
    const stalled = ackedAt.filter((count, i) => i > 0 && count === ackedAt[i - 1]).length;
    console.log(
      `database restarts: ${CYCLES} × (pg_ctl stop -m fast, ${seconds(DOWN_MS)} down, start) ` +
        `under ${VISITORS} visitors through the supervisor (2 workers): ` +
        `${[...statuses].map(([status, n]) => `${n}× ${status}`).join(", ")}; ` +
        `${unanswered.length} unanswered, ${errors.length} 500s, ${deaths.length} worker exits, ` +
        `${contained} driver faults contained; ${acked} booklets sent; ${stalled} uptimes ` +
        `without a booklet sent; sending again ${recovered === undefined ? "never" : seconds(recovered)} ` +
        `after the last start; ${seconds(Date.now() - began)}`,
    );
    // What the workers printed up to the first that ended (or the end), and PostgreSQL's log.
    const firstDeath = output.search(/web worker \d+ \(pid \d+\) died/);
    const upTo = firstDeath === -1 ? output.length : firstDeath + 300;
    const context =
      `${output.slice(Math.max(0, upTo - 5000), upTo)}\n` +
      `--- PostgreSQL ---\n${cluster!.log().slice(-1500)}`;
    expect.soft(deaths, `worker processes that ended:\n${context}`).toEqual([]);
    expect.soft(site.running, "the supervisor").toBe(true);
    expect.soft(unanswered, `refused or unanswered requests:\n${context}`).toEqual([]);
    // A 500 is logged by its worker: the error is in what the workers printed.
    const logged = output.split("\n").filter((line) => /error|Error|code:/.test(line));
    expect
      .soft(errors, `responses ≥ 500 other than 503; the workers logged:\n${logged.join("\n")}`)
      .toEqual([]);
    // The database really went away: visitors were told to try again shortly.
    expect
      .soft(statuses.get("503") ?? 0, "503 answers while PostgreSQL was down")
      .toBeGreaterThan(0);
    expect.soft(recovered, `booklets sent again after the last restart:\n${context}`).toBeDefined();
    expect.soft(stalled, "uptimes in which nothing could be sent").toBe(0);
  },
  TEST_TIMEOUT,
);
