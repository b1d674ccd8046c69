// `npm start` runs the web server as worker processes under a supervisor (scripts/supervisor.js).
// A worker killed with SIGKILL is replaced and the portal serves again on the same port, with
// the reason logged; "Portal ready" is said once; SIGTERM stops the supervisor and every worker
// cleanly; a setting that stops workers from ever starting stops the supervisor, not a loop.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { spawnServer } from "#test/support/server";
import { Browser, databaseKind, FORM_PATH, Portal, seconds, sleep } from "./harness";

let portal: Portal | undefined;

beforeAll(async () => {
  portal = await Portal.create({ supervised: true });
  await portal.start();
}, 120_000);

afterAll(async () => {
  await portal?.dispose();
}, 60_000);

/** The workers the supervisor has started so far, in order: [worker id, pid]. */
const workersIn = (output: string) =>
  [...output.matchAll(/web worker (\d+) \(pid (\d+)\) listening/g)].map((m) => ({
    id: Number(m[1]),
    pid: Number(m[2]),
  }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test(`a worker killed with SIGKILL is replaced and serving, the reason logged (${databaseKind})`, async () => {
  const site = portal!;
  const before = workersIn(site.output());
  // Embedded database: one worker (one process may open it); PostgreSQL: min(2, processors).
  expect(before.length, site.output()).toBeGreaterThanOrEqual(1);
  const victim = before[0]!;
  expect((await new Browser(site).get("/")).status).toBe(200);

  const killedAt = Date.now();
  process.kill(victim.pid, "SIGKILL");
  // Served again: a booklet can be started (the database is open in the new worker).
  let served = 0;
  let replacement: { id: number; pid: number } | undefined;
  while (Date.now() - killedAt < 30_000 && (!served || !replacement)) {
    const reply = await new Browser(site).post(FORM_PATH, {}).catch(() => undefined);
    if (!served && reply?.status === 302) served = Date.now();
    replacement = workersIn(site.output()).find(
      (worker) => !before.some((b) => b.pid === worker.pid),
    );
    if (!served || !replacement) await sleep(50);
  }
  console.log(
    `supervisor (${databaseKind}, ${before.length} worker(s)): worker pid ${victim.pid} killed; ` +
      `a booklet started again after ${served ? seconds(served - killedAt) : "never"}; ` +
      `replaced by pid ${replacement?.pid ?? "none"}`,
  );
  expect(served, `served again:\n${site.output()}`).toBeGreaterThan(0);
  expect(replacement, `a new worker:\n${site.output()}`).toBeDefined();
  expect(site.output()).toMatch(
    new RegExp(`web worker ${victim.id} \\(pid ${victim.pid}\\) died \\(signal SIGKILL\\)`),
  );
  expect(site.running, "the supervisor itself").toBe(true);
  expect(site.output().match(/Portal ready on/g), "said once").toHaveLength(1);

  // SIGTERM: every worker stops, then the supervisor, cleanly.
  const pids = workersIn(site.output())
    .map((worker) => worker.pid)
    .filter(alive);
  expect(await site.stop(), "the supervisor's exit code").toBe(0);
  await sleep(200);
  expect(pids.filter(alive), "workers still running after SIGTERM").toEqual([]);
}, 90_000);

/** Starts the supervisor with these settings: "started" if it served, else how it ended. */
function supervisorRefusing(settings: Record<string, string>) {
  return spawnServer(settings, "scripts/supervisor.js").then(
    async (server) => {
      await server.stop("SIGKILL");
      return "started" as const;
    },
    (error: Error & { code?: number }) => ({ code: error.code, message: error.message }),
  );
}

test("a setting that stops every worker from starting stops the supervisor with the reason", async () => {
  // More than one worker needs a database server: the embedded one opens in one process only.
  const refused = await supervisorRefusing({
    DATABASE_URL: "",
    DATA_DIR: "/nonexistent/never-opened",
    WEB_CONCURRENCY: "3",
  });
  expect(refused).toMatchObject({ code: 1 });
  expect(String((refused as { message: string }).message)).toContain(
    "WEB_CONCURRENCY: more than 1 needs DATABASE_URL",
  );
});

test("a worker that cannot start stops the supervisor with its reason, not a loop", async () => {
  // The embedded database is held by another living process (this one): the worker refuses to
  // open it and exits; the supervisor, which has never served, stops rather than retry forever.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-supervisor-"));
  const dataDir = path.join(folder, "portal");
  fs.writeFileSync(`${dataDir}.lock`, String(process.pid));
  try {
    const refused = await supervisorRefusing({
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      WEB_WORKERS: "1",
    });
    expect(refused).toMatchObject({ code: 1 });
    const message = String((refused as { message: string }).message);
    expect(message).toContain("already open in another process");
    expect(message).toMatch(/web worker \(pid \d+\) could not start \(exit code 1\); stopping/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
