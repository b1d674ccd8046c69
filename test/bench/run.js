// The portal's performance benchmark: `npm run bench`.
//
// To reproduce:
//   1. A PostgreSQL server (13 or later) on which the benchmark may create and drop databases,
//      reached with trust authentication at BENCH_ADMIN_URL
//      (default postgres://postgres@127.0.0.1:5432/postgres).
//   2. `npm ci`, then `npm run bench`. It builds the app, creates a fresh database
//      `portal_bench_<timestamp>`, starts the production server on it (`node server.js`,
//      NODE_ENV=production, which applies the migrations), seeds a council's volumes
//      (test/bench/seed.ts: 10,000 booklets over two years, 100,000 comments, compliments and
//      complaints over five, 100,000 feedback answers after child protection conferences, Family
//      Group Conferences and reviews over two, with the conferences, invitations, review records
//      and advocacy referrals around them, nothing the retention schedule would already have
//      deleted, and pools of drafts made with the app's own draft model), then measures, and
//      drops the database again:
//      - the machine's ceiling: a bare node:http server (test/bench/ceiling.js, its own process)
//        answering with the very bytes of the portal's anonymous start page, as compressed for a
//        browser; every req/s is also shown as a share of it, and throughput budgets are shares;
//      - the public pages and the staff lists under load with autocannon (20 connections for the
//        public pages, 10 for the staff lists; a 2 s warm-up, then two runs of 10 s: the better
//        run, by req/s, is reported: "best of 2"); each Send run sends its own fresh drafts once;
//      - the summaries and reports, one request at a time (the slowest of 5 must be ≤ 1 s);
//      - the cold start: a second `node server.js` on the migrated database, from spawning to its
//        first 200 for the start page (best of 2);
//      - round trips to the database: a third server whose DATABASE_URL points at a loopback
//        proxy (test/bench/slow-proxy.js) that delays each chunk by 20 ms each way and counts
//        turns; after a warm-up, requests one at a time, counting the turns during each;
//      - web workers: `scripts/supervisor.js` (what `npm start` runs) with 1 and with 2 workers,
//        the start page and the question page under the same load, and the ratio;
//      - the weight of the public pages (gzipped).
//   3. It prints one table to paste into README.md and a last line `budgets: X met, Y missed`.
//      The budgets are in test/bench/budgets.json. The same results are written to
//      .bench/latest.json; the servers' output to .bench/server.log (and slow-server.log,
//      workers-<n>.log, cold-start.log).
//
// Options: --duration <s> (10), --connections <n> (20, the public pages' and the ceiling's;
// staff lists use their budget's), --submissions <n> (3000: drafts sent in each final-Send run,
// each once), --no-build, --only <part of a measure's name>, --keep-db (leave the database, and
// say how to reuse it), --database-url <url> (reuse a database an earlier --keep-db run seeded:
// no creating, seeding of volumes or dropping; new drafts are still made).
// Exit code: 0 when every budget is met, 1 when any is missed, 2 when the harness failed.
//
// Numbers depend on the machine, and autocannon runs on it too (in this process, taking much of
// a core): compare runs on the same machine, with nothing else busy. The ceiling shows how much
// of the machine the harness itself leaves.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import autocannon from "autocannon";
import esbuild from "esbuild";
import postgres from "postgres";
import { startSlowProxy } from "./slow-proxy.js";

// Paths from the repository root, where `npm run bench` runs.
const BENCH_DIR = ".bench";
const BUDGETS_FILE = "test/bench/budgets.json";
const ADMIN_URL = process.env.BENCH_ADMIN_URL || "postgres://postgres@127.0.0.1:5432/postgres";
/** The server seals drafts with this key, and so does the seeding, so it can read them. */
const SECRET_KEY = "bench-secret-key-not-for-production-0123456789abcdef";
const WARM_UP_SECONDS = 2;
/** Each load measure is run this many times after its warm-up; the best run is reported. */
const RUNS = 2;
const REPORT_REQUESTS = 5;
/** The slow link: delay per chunk and direction, and requests measured through it. */
const SLOW_LINK_DELAY_MS = 20;
const SLOW_LINK_WARM_UP = 5;
const SLOW_LINK_REQUESTS = 15;

/** What a browser sends with every request. Load runs ask for what a browser accepts (the
 * server then uses brotli); the page weights ask for gzip only, as the budget is in gzip. */
const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br, zstd",
  "accept-language": "en-GB,en;q=0.9",
  // What a browser says of every request it makes itself: the portal keeps a first page for
  // every new visitor only for a browser that says it.
  "sec-fetch-site": "none",
  "sec-fetch-mode": "navigate",
};

/** Every measure, in the order run; --only picks those whose name contains its text. */
const MEASURES = [
  "ceiling (bare node:http, same bytes)",
  "anonymous start page",
  "question page GET",
  "question page POST",
  "final Send",
  "IRO inbox",
  "complaints queue",
  "complaints queue, closed",
  "chair's conference list",
  "coordinator's FGC list",
  "IRO's reviews list",
  "advocacy referrals list",
  "busy conference's page",
  "one conference's summary",
  "conference summary, year",
  "FGC summary, year",
  "after-your-review summary, year",
  "review participation figures",
  "annual complaints report",
  "advocacy figures",
  "cold start",
  "slow link: question page GET",
  "slow link: final Send",
  "workers: anonymous start page",
  "workers: question page GET",
  "page weight",
];

/** Something wrong with the harness or its surroundings, not a missed budget. */
class HarnessError extends Error {}

// ---------------------------------------------------------------------------------------------
// Options

const OPTIONS = {
  duration: { type: "string", default: "10" },
  connections: { type: "string", default: "20" },
  submissions: { type: "string", default: "3000" },
  "no-build": { type: "boolean", default: false },
  only: { type: "string" },
  "keep-db": { type: "boolean", default: false },
  "database-url": { type: "string" },
  help: { type: "boolean", default: false },
};

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({ options: OPTIONS }));
  } catch (error) {
    throw new HarnessError(error.message);
  }
  if (values.help) {
    console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
    process.exit(0);
  }
  const whole = (name) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) {
      throw new HarnessError(`--${name} must be a whole number of at least 1`);
    }
    return value;
  };
  const options = {
    duration: whole("duration"),
    connections: whole("connections"),
    submissions: whole("submissions"),
    build: !values["no-build"],
    keepDatabase: values["keep-db"],
    databaseUrl: values["database-url"],
    only: values.only,
  };
  if (options.submissions < options.connections) {
    throw new HarnessError("--submissions must be at least --connections");
  }
  const wanted = (name) => !options.only || name.toLowerCase().includes(options.only.toLowerCase());
  options.measures = MEASURES.filter(wanted);
  if (options.measures.length === 0) {
    throw new HarnessError(`--only "${options.only}" matches none of: ${MEASURES.join(", ")}`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Clean-up that happens however the run ends (done, failed or Ctrl-C)

const cleanUps = [];
let cleaningUp;
/** Ctrl-C also reaches the server, which then stops: that is no failure to report. */
let interrupted = false;
function onCleanUp(step) {
  cleanUps.push(step);
}
function cleanUp() {
  cleaningUp ??= (async () => {
    for (const step of cleanUps.reverse()) {
      await step().catch((error) => console.error(`clean-up: ${error.message}`));
    }
  })();
  return cleaningUp;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping`);
    cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

// ---------------------------------------------------------------------------------------------
// The database, the build and the servers

async function createDatabase({ keep }) {
  const name = `portal_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // Registered first, so that a Ctrl-C while it is being made still drops it.
  onCleanUp(async () => {
    if (keep) {
      console.log(`kept database: ${url}\n  reuse it with: npm run bench -- --database-url ${url}`);
    } else {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    }
    await admin.end({ timeout: 5 });
  });
  try {
    await admin.unsafe(`create database "${name}"`);
  } catch (error) {
    throw new HarnessError(`cannot create a database at ${ADMIN_URL}: ${error.message}`);
  }
  return { name, url: url.toString(), reused: false };
}

function build() {
  const log = path.join(BENCH_DIR, "build.log");
  process.stdout.write("building … ");
  const started = Date.now();
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    encoding: "utf8",
  });
  fs.writeFileSync(log, `${result.stdout ?? ""}${result.stderr ?? ""}`);
  if (result.status !== 0) {
    throw new HarnessError(`the build failed (exit ${result.status}); see ${log}`);
  }
  console.log(`done in ${seconds(Date.now() - started)}`);
}

/** The environment every portal process of the bench runs with. */
function serverEnv(databaseUrl, extra = {}) {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "true",
    SECRET_KEY: SECRET_KEY,
    // As behind a load balancer: each simulated visitor comes from its own address.
    TRUST_PROXY: "loopback",
    ...extra,
  };
  delete env.SMTP_URL;
  return env;
}

/**
 * The variable that sets how many web workers the supervisor runs: WEB_CONCURRENCY when the
 * app's settings know it, else WEB_WORKERS.
 */
function workersVariable() {
  try {
    const config = fs.readFileSync("app/config.server.ts", "utf8");
    return /\bWEB_CONCURRENCY\b/.test(config) ? "WEB_CONCURRENCY" : "WEB_WORKERS";
  } catch {
    return "WEB_WORKERS";
  }
}

/**
 * A portal process in production mode on the bench database: `node server.js` (one process) or
 * `node scripts/supervisor.js` (its web workers). Output to .bench/<log>.
 */
async function startServer(databaseUrl, { script = "server.js", extraEnv = {}, log = "server" }) {
  const logFile = path.join(BENCH_DIR, `${log}.log`);
  const logStream = fs.createWriteStream(logFile);
  const child = spawn(process.execPath, [script], {
    env: serverEnv(databaseUrl, extraEnv),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });

  let stopping = false;
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  /** Rejects when the server stops by itself; race any step against it. */
  const died = exited.then((how) => {
    if (!stopping) throw new HarnessError(`the server stopped (${how}); see ${logFile}`);
  });
  died.catch(() => {});

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    logStream.end();
  };
  onCleanUp(stop);

  let giveUp;
  const port = await Promise.race([
    new Promise((resolve) => {
      let output = "";
      const listen = (chunk) => {
        output += chunk;
        const match = /Portal ready on http:\/\/localhost:(\d+)/.exec(output);
        if (match) {
          child.stdout.off("data", listen);
          resolve(Number(match[1]));
        }
      };
      child.stdout.on("data", listen);
    }),
    died.then(() => undefined),
    new Promise((resolve) => (giveUp = setTimeout(resolve, 120_000))),
  ]);
  clearTimeout(giveUp);
  if (!port) throw new HarnessError(`the server did not start; see ${logFile}`);

  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop,
    /** The step's result, unless the server stops first. */
    whileRunning: (step) => Promise.race([step, died]),
    check: () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new HarnessError(`the server stopped; see ${logFile}`);
      }
    },
  };
}

/**
 * From spawning `node server.js` (on a database already migrated) to its first 200 for `path`,
 * in ms. The port is chosen here, so the answer can be asked for before the server says it is
 * ready.
 */
async function timeColdStart(databaseUrl, pathname) {
  const port = await freePort();
  const logStream = fs.createWriteStream(path.join(BENCH_DIR, "cold-start.log"), { flags: "a" });
  const started = performance.now();
  const child = spawn(process.execPath, ["server.js"], {
    env: serverEnv(databaseUrl, { PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  onCleanUp(stop);
  try {
    const deadline = started + 60_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) {
        throw new HarnessError("the cold-start server stopped; see .bench/cold-start.log");
      }
      const response = await send(`http://127.0.0.1:${port}`, {
        path: pathname,
        headers: BROWSER_HEADERS,
      }).catch(() => undefined);
      if (response?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new HarnessError("the cold-start server gave no page in 60 s");
  } finally {
    await stop();
    logStream.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** test/bench/ceiling.js serving these bytes with these headers, in its own process. */
async function startCeiling(body, headers) {
  const bodyFile = path.join(BENCH_DIR, "ceiling-body");
  fs.writeFileSync(bodyFile, body);
  const child = spawn(
    process.execPath,
    ["test/bench/ceiling.js", bodyFile, JSON.stringify(headers)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((resolve) => child.on("exit", resolve));
  let stopping = false;
  const died = exited.then(() => {
    if (!stopping) throw new HarnessError("the ceiling server stopped");
  });
  died.catch(() => {});
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    child.kill("SIGTERM");
    await exited;
  };
  onCleanUp(stop);
  const port = await Promise.race([
    new Promise((resolve) => {
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /ceiling ready on port (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
    }),
    died.then(() => undefined),
  ]);
  if (!port) throw new HarnessError("the ceiling server did not start");
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop,
    whileRunning: (step) => Promise.race([step, died]),
    check: () => {
      if (child.exitCode !== null) throw new HarnessError("the ceiling server stopped");
    },
  };
}

/** test/bench/seed.ts, bundled with the app code it uses (paths from tsconfig.json). */
async function loadSeedModule() {
  const outfile = path.join(BENCH_DIR, "seed.mjs");
  await esbuild.build({
    entryPoints: ["test/bench/seed.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    tsconfig: "tsconfig.json",
    logLevel: "error",
  });
  return import(`${pathToFileURL(path.resolve(outfile)).href}?t=${Date.now()}`);
}

// ---------------------------------------------------------------------------------------------
// Memory: the server process and every process it starts (workers), summed

function childrenOf(pid) {
  const children = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const listed = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (listed) children.push(...listed.split(/\s+/).map(Number));
    }
  } catch {
    // the process has just ended
  }
  return children;
}

function residentBytes(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kilobytes ? Number(kilobytes) * 1024 : 0;
  } catch {
    return 0;
  }
}

function processTreeBytes(pid) {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop();
    total += residentBytes(next);
    pending.push(...childrenOf(next));
  }
  return total;
}

/** Samples the server's summed RSS every 100 ms until stopped; gives the peak. */
function watchMemory(pid) {
  let peak = processTreeBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, processTreeBytes(pid))), 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, processTreeBytes(pid));
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** One request with node:http: no redirects followed, the body exactly as sent (still gzipped). */
function send(origin, { method = "GET", path: pathname, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(pathname, origin),
      { method, headers, agent: false },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const DECODERS = { gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync };

/** The body as text, decompressed. */
function textOf(response) {
  const decode = DECODERS[response.headers["content-encoding"]];
  return (decode ? decode(response.body) : response.body).toString("utf8");
}

const cookieHeader = (cookies) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");

const formBody = (fields) => new URLSearchParams(fields).toString();

function headerOf(headers, name) {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key ? headers[key] : undefined;
  return Array.isArray(value) ? value[0] : value;
}

/** Names the response's problem ("302 → /x"), if it is not the one expected. */
function expectResponse(status, location) {
  return (response) => {
    const got = headerOf(response.headers, "location");
    if (response.status === status && (location === undefined || got === location)) return;
    return got ? `${response.status} → ${got}` : `${response.status}`;
  };
}

/** Hands out the items in turn, round and round. */
function rotation(items) {
  let index = 0;
  return () => items[index++ % items.length];
}

// ---------------------------------------------------------------------------------------------
// Running a measure

/**
 * @typedef {{ method?: string, path: string, headers?: Record<string, string>, body?: string }} BenchRequest
 * @typedef {{ status: number, headers: Record<string, string | string[] | undefined> }} BenchResponse
 * @typedef {{
 *   name: string,
 *   next: () => BenchRequest,
 *   problem: (response: BenchResponse) => string | undefined,
 *   connections?: number,
 *   amounts?: number[],
 *   nextFor?: (run: number) => () => BenchRequest,
 *   warmUp?: { next: () => BenchRequest, amount: number },
 * }} LoadScenario
 */

/** One request first: if the scenario is wrongly set up, say so before measuring anything. */
async function probe(server, scenario, request = scenario.next()) {
  const headers = { ...BROWSER_HEADERS, ...request.headers };
  const response = await server.whileRunning(send(server.origin, { ...request, headers }));
  const problem = scenario.problem(response);
  if (problem) {
    const text = textOf(response).replace(/\s+/g, " ").slice(0, 300);
    throw new HarnessError(
      `${scenario.name}: ${request.method ?? "GET"} ${request.path} answered ${problem}\n  ${text}`,
    );
  }
  return response;
}

/** autocannon for a duration (or an exact number of requests); counts unexpected answers. */
async function hammer(server, { next, problem, duration, amount, connections }) {
  const problems = new Map();
  let answered = 0;
  let lastAnswerAt = 0;
  const startedAt = performance.now();
  const run = autocannon({
    url: server.origin,
    connections,
    // autocannon refuses an undefined duration
    ...(amount ? { amount } : { duration }),
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const wanted = next();
          return {
            ...request,
            method: wanted.method ?? "GET",
            path: wanted.path,
            headers: { ...BROWSER_HEADERS, ...wanted.headers },
            body: wanted.body,
          };
        },
        onResponse: (status, _body, _context, headers) => {
          answered++;
          lastAnswerAt = performance.now();
          const wrong = problem({ status, headers });
          if (wrong) problems.set(wrong, (problems.get(wrong) ?? 0) + 1);
        },
      },
    ],
  });
  const result = await server.whileRunning(run);
  const elapsedSeconds = ((lastAnswerAt || performance.now()) - startedAt) / 1000;
  // Nothing answered and nothing timed out: every request took longer than the run, which
  // autocannon counts nowhere. Counted as errors, not shown as a suspiciously fast 0 ms.
  if (answered === 0 && result.errors === 0) {
    problems.set("no answer before the run ended", connections);
  }
  const unexpected = [...problems.values()].reduce((sum, count) => sum + count, 0);
  return {
    requests: answered,
    requestsPerSecond: answered / elapsedSeconds,
    p50Ms: answered ? result.latency.p50 : undefined,
    p99Ms: answered ? result.latency.p99 : undefined,
    maxMs: answered ? result.latency.max : undefined,
    errors: unexpected + result.errors,
    timeouts: result.timeouts,
    connectionErrors: result.errors - result.timeouts,
    unexpected: Object.fromEntries(problems),
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    ),
  };
}

/**
 * Waits until the server has worked through what the last run left in flight (autocannon stops
 * sending, but the server still answers what it received), so it does not weigh on the next.
 */
async function settle(server) {
  const deadline = Date.now() + 60_000;
  let quick = 0;
  while (quick < 2 && Date.now() < deadline) {
    const started = performance.now();
    await server.whileRunning(send(server.origin, { path: "/healthz" }));
    quick = performance.now() - started < 100 ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A warm-up, then RUNS runs (each of `options.duration` seconds, or of its own exact amount of
 * requests); the run with the most req/s is reported, the others kept in `runs`.
 * @param {LoadScenario} scenario
 */
async function runLoad(server, scenario, options) {
  process.stdout.write(`${scenario.name} … `);
  await probe(server, scenario);
  const connections = scenario.connections ?? options.connections;
  const common = { problem: scenario.problem, connections };
  const warmUp = await hammer(server, {
    ...common,
    next: scenario.warmUp?.next ?? scenario.next,
    ...(scenario.warmUp ? { amount: scenario.warmUp.amount } : { duration: WARM_UP_SECONDS }),
  });
  await settle(server);
  if (warmUp.errors > 0) {
    process.stdout.write(
      `(warm-up: ${warmUp.errors} errors ${JSON.stringify(warmUp.unexpected)}) `,
    );
  }
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const stopWatching = watchMemory(server.pid);
    let stats;
    try {
      stats = await hammer(server, {
        ...common,
        next: scenario.nextFor ? scenario.nextFor(run) : scenario.next,
        ...(scenario.amounts ? { amount: scenario.amounts[run] } : { duration: options.duration }),
      });
    } finally {
      const peakRssBytes = stopWatching();
      if (stats) stats.peakRssBytes = peakRssBytes;
    }
    await settle(server);
    server.check();
    runs.push(stats);
  }
  const best = runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  const errors = runs.reduce((sum, run) => sum + run.errors, 0);
  console.log(
    `${runs.map((run) => round(run.requestsPerSecond)).join(" / ")} req/s, best p99 ` +
      `${ms(best.p99Ms)}, ${errors} errors`,
  );
  for (const run of runs) {
    if (run.errors > 0) console.log(`  unexpected: ${JSON.stringify(run.unexpected)}`);
  }
  return {
    ...best,
    name: scenario.name,
    kind: "load",
    // Others' work on the machine shows here: a busy machine makes every figure worse.
    loadAverage: os.loadavg()[0],
    connections,
    bestOf: RUNS,
    // Errors in any run count: a request refused is refused, whichever run it was in.
    errors,
    peakRssBytes: Math.max(...runs.map((run) => run.peakRssBytes)),
    runs: runs.map((run) => ({
      requestsPerSecond: run.requestsPerSecond,
      p50Ms: run.p50Ms,
      p99Ms: run.p99Ms,
      errors: run.errors,
      peakRssBytes: run.peakRssBytes,
    })),
  };
}

/** A slow page asked for one at a time (one unmeasured request first). */
async function runSequential(server, scenario) {
  process.stdout.write(`${scenario.name} … `);
  await probe(server, scenario);
  const stopWatching = watchMemory(server.pid);
  const timings = [];
  let errors = 0;
  const unexpected = {};
  for (let i = 0; i < REPORT_REQUESTS; i++) {
    const request = scenario.next();
    const started = performance.now();
    const response = await server.whileRunning(
      send(server.origin, { ...request, headers: { ...BROWSER_HEADERS, ...request.headers } }),
    );
    timings.push(performance.now() - started);
    const wrong = scenario.problem(response);
    if (wrong) {
      errors++;
      unexpected[wrong] = (unexpected[wrong] ?? 0) + 1;
    }
  }
  const peakRssBytes = stopWatching();
  server.check();
  const sorted = [...timings].sort((a, b) => a - b);
  const stats = {
    name: scenario.name,
    kind: "sequential",
    requests: timings.length,
    requestsPerSecond: timings.length / (timings.reduce((sum, t) => sum + t, 0) / 1000),
    p50Ms: sorted[Math.floor(sorted.length / 2)],
    maxMs: sorted[sorted.length - 1],
    timingsMs: timings,
    errors,
    unexpected,
    peakRssBytes,
    loadAverage: os.loadavg()[0],
  };
  console.log(`median ${ms(stats.p50Ms)}, max ${ms(stats.maxMs)}, ${errors} errors`);
  return stats;
}

/**
 * Requests one at a time through the slow link, after a warm-up (connections open, statements
 * prepared, caches full): for each, the time and the round trips the proxy counted from just
 * before it was sent until the link had been quiet for a while after its answer.
 */
async function runRoundTrips(server, proxy, scenario, { warmUp, requests }) {
  process.stdout.write(`${scenario.name} … `);
  const quiet = () => new Promise((resolve) => setTimeout(resolve, SLOW_LINK_DELAY_MS * 4));
  const once = async (request) => {
    const headers = { ...BROWSER_HEADERS, ...request.headers };
    await quiet();
    const turnsBefore = proxy.turns();
    const started = performance.now();
    const response = await server.whileRunning(send(server.origin, { ...request, headers }));
    const elapsed = performance.now() - started;
    await quiet();
    return { response, elapsed, turns: proxy.turns() - turnsBefore };
  };
  for (let i = 0; i < warmUp; i++) {
    const { response } = await once(scenario.next());
    const problem = scenario.problem(response);
    if (problem) throw new HarnessError(`${scenario.name}: warm-up answered ${problem}`);
  }
  const timings = [];
  const turns = [];
  let errors = 0;
  const unexpected = {};
  for (let i = 0; i < requests; i++) {
    const result = await once(scenario.next());
    timings.push(result.elapsed);
    turns.push(result.turns);
    const wrong = scenario.problem(result.response);
    if (wrong) {
      errors++;
      unexpected[wrong] = (unexpected[wrong] ?? 0) + 1;
    }
  }
  server.check();
  const sortedTimes = [...timings].sort((a, b) => a - b);
  const sortedTurns = [...turns].sort((a, b) => a - b);
  const percentile = (sorted, p) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  const stats = {
    name: scenario.name,
    kind: "round trips",
    requests: requests,
    delayMs: SLOW_LINK_DELAY_MS,
    p50Ms: percentile(sortedTimes, 0.5),
    p99Ms: percentile(sortedTimes, 0.99),
    maxMs: sortedTimes[sortedTimes.length - 1],
    roundTrips: percentile(sortedTurns, 0.5),
    maxRoundTrips: sortedTurns[sortedTurns.length - 1],
    roundTripsEach: turns,
    timingsMs: timings,
    errors,
    unexpected,
  };
  console.log(
    `${stats.roundTrips} round trips (most ${stats.maxRoundTrips}), median ${ms(stats.p50Ms)}, ` +
      `${errors} errors`,
  );
  return stats;
}

// ---------------------------------------------------------------------------------------------
// Page weight

const attributesOf = (tag) =>
  Object.fromEntries(
    [...tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => [
      m[1].toLowerCase(),
      m[2] ?? m[3] ?? m[4],
    ]),
  );

/** The stylesheets, scripts (with module preloads) and inline scripts a page uses. */
function assetsOf(html) {
  const stylesheets = new Set();
  const scripts = new Set();
  const inlineScripts = [];
  let fontLinks = 0;
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const { rel = "", href, as } = attributesOf(tag);
    const rels = rel.toLowerCase().split(/\s+/);
    if (!href) continue;
    if (rels.includes("stylesheet")) stylesheets.add(href);
    if (rels.includes("modulepreload") || (rels.includes("preload") && as === "script")) {
      scripts.add(href);
    }
    if (rels.includes("preload") && as === "font") fontLinks++;
  }
  for (const [, attributes, content] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const { src } = attributesOf(attributes);
    if (src) scripts.add(src);
    else if (content.trim()) inlineScripts.push(content);
  }
  return { stylesheets: [...stylesheets], scripts: [...scripts], inlineScripts, fontLinks };
}

/** The public journeys' first pages: fixed ones, and every form linked from the two start pages. */
async function publicPages(server) {
  const forms = new Set();
  for (const start of ["/listen-to-me", "/have-your-say"]) {
    const response = await send(server.origin, { path: start });
    for (const [, href] of textOf(response).matchAll(/href="(\/forms\/[a-z0-9-]+)"/g)) {
      forms.add(href);
    }
  }
  return ["/", "/listen-to-me", "/have-your-say", ...forms, "/code", "/track"];
}

async function weighPages(server) {
  process.stdout.write("page weight … ");
  const gzipOnly = { accept: BROWSER_HEADERS.accept, "accept-encoding": "gzip" };
  const fetched = new Map();
  const fetchAsset = async (href) => {
    if (!fetched.has(href)) {
      const response = await send(server.origin, { path: href, headers: gzipOnly });
      if (response.status !== 200) {
        throw new HarnessError(
          `page weight: ${href} answered ${response.status} (was the app rebuilt while the ` +
            `server ran? The server serves the pages of the build it started with.)`,
        );
      }
      fetched.set(href, { bytes: response.body.length, text: textOf(response) });
    }
    return fetched.get(href);
  };

  const pages = [];
  for (const pathname of await publicPages(server)) {
    const response = await send(server.origin, { path: pathname, headers: gzipOnly });
    if (response.status !== 200) {
      throw new HarnessError(`page weight: ${pathname} answered ${response.status}`);
    }
    const html = textOf(response);
    const assets = assetsOf(html);
    let cssBytes = 0;
    let fonts = assets.fontLinks;
    for (const href of assets.stylesheets) {
      const css = await fetchAsset(href);
      cssBytes += css.bytes;
      fonts += (css.text.match(/@font-face/gi) ?? []).length;
      fonts += (css.text.match(/url\([^)]*\.(?:woff2?|ttf|otf|eot)\b/gi) ?? []).length;
    }
    let scriptBytes = 0;
    for (const src of assets.scripts) scriptBytes += (await fetchAsset(src)).bytes;
    // Inline scripts travel inside the HTML (counted there); JS counts them too, gzipped.
    const inlineScriptBytes = assets.inlineScripts.reduce(
      (sum, script) => sum + gzipSync(script).length,
      0,
    );
    pages.push({
      path: pathname,
      htmlBytes: response.body.length,
      htmlGzipped: response.headers["content-encoding"] === "gzip",
      cssBytes,
      jsBytes: scriptBytes + inlineScriptBytes,
      inlineScriptBytes,
      fonts,
      totalBytes: response.body.length + cssBytes + scriptBytes,
      stylesheets: assets.stylesheets,
      scripts: assets.scripts,
    });
  }
  server.check();
  console.log(`${pages.length} pages`);
  return pages;
}

// ---------------------------------------------------------------------------------------------
// Budgets and the report

const percent = (share) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

function judgeScenario(result, budget, ceiling) {
  if (!budget) return { budget: "—", met: null, misses: [] };
  const parts = [];
  const misses = [];
  const need = (ok, text, miss) => {
    parts.push(text);
    if (!ok) misses.push(miss);
  };
  if (budget.minCeilingShare !== undefined) {
    const needed = ceiling ? budget.minCeilingShare * ceiling.requestsPerSecond : undefined;
    need(
      needed !== undefined && result.requestsPerSecond >= needed,
      `≥ ${percent(budget.minCeilingShare)} of ceiling` +
        (needed !== undefined ? ` (${thousands(needed)} req/s)` : " (no ceiling measured)"),
      "req/s",
    );
  }
  if (budget.maxP50Ms !== undefined) {
    need(result.p50Ms <= budget.maxP50Ms, `p50 ≤ ${thousands(budget.maxP50Ms)} ms`, "p50");
  }
  if (budget.maxP99Ms !== undefined) {
    need(result.p99Ms <= budget.maxP99Ms, `p99 ≤ ${thousands(budget.maxP99Ms)} ms`, "p99");
  }
  if (budget.maxMs !== undefined) {
    need(
      result.maxMs <= budget.maxMs,
      `${result.kind === "sequential" ? "each " : ""}≤ ${thousands(budget.maxMs)} ms`,
      "slowest",
    );
  }
  if (budget.maxRoundTrips !== undefined) {
    need(
      result.roundTrips <= budget.maxRoundTrips,
      `≤ ${budget.maxRoundTrips} round trips`,
      "round trips",
    );
  }
  if (budget.maxErrors !== undefined) {
    need(result.errors <= budget.maxErrors, `${budget.maxErrors} errors`, "errors");
  }
  if (result.stored) {
    need(result.stored.ok, "0 lost", "lost");
  }
  return { budget: parts.join(", "), met: misses.length === 0, misses };
}

function judgePage(page, budget) {
  const misses = [];
  if (page.totalBytes > budget.maxTotalBytes) misses.push("total");
  if (page.jsBytes > budget.maxJsBytes) misses.push("JS");
  if (page.fonts > budget.maxFonts) misses.push("fonts");
  return { met: misses.length === 0, misses };
}

const thousands = (n) => Math.round(n).toLocaleString("en-GB");
const round = (n) => thousands(n);
const ms = (n) => (n === undefined ? "—" : `${n < 10 ? n.toFixed(1) : thousands(n)} ms`);
const mb = (bytes) => (bytes ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : "—");
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (milliseconds) => `${(milliseconds / 1000).toFixed(1)} s`;
const verdict = (met) => (met === null ? "—" : met ? "met" : "missed");

/** A Markdown table with padded columns: readable in a terminal, pasted as is into README.md. */
function markdownTable(header, rows) {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => String(row[i]).length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(" | ")} |`;
  return [
    line(header),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...rows.map(line),
  ].join("\n");
}

function report({ results, ceiling, pages, budgets, options, notes }) {
  let met = 0;
  let missed = 0;
  const count = (verdictOf) => {
    if (verdictOf === true) met++;
    if (verdictOf === false) missed++;
  };

  const rows = [];
  if (ceiling) {
    rows.push([
      ceiling.name,
      round(ceiling.requestsPerSecond),
      "100%",
      ms(ceiling.p50Ms),
      ms(ceiling.p99Ms),
      "—",
      thousands(ceiling.errors),
      mb(ceiling.peakRssBytes),
      "—",
      "—",
    ]);
  }
  for (const result of results) {
    const judged = judgeScenario(result, budgets.measures[result.name], ceiling);
    result.budget = judged;
    count(judged.met);
    const load = result.kind === "load";
    const share = load && ceiling ? result.requestsPerSecond / ceiling.requestsPerSecond : null;
    result.ceilingShare = share;
    rows.push([
      result.name + (result.note ? ` ${result.note}` : ""),
      load ? round(result.requestsPerSecond) : "—",
      share === null ? "—" : percent(share),
      ms(result.p50Ms),
      result.kind === "sequential"
        ? `${ms(result.maxMs)} (max)`
        : result.kind === "once"
          ? "—"
          : ms(result.p99Ms),
      result.kind === "round trips" ? `${result.roundTrips} (max ${result.maxRoundTrips})` : "—",
      thousands(result.errors),
      mb(result.peakRssBytes),
      judged.budget,
      judged.misses.length ? `missed (${judged.misses.join(", ")})` : verdict(judged.met),
    ]);
  }
  // The one server process (not the supervisor's workers, nor the slow-link server).
  const measuredOnServer = results.filter((result) => result.onMainServer);
  let peakRss;
  if (measuredOnServer.length > 0) {
    peakRss = Math.max(...measuredOnServer.map((result) => result.peakRssBytes ?? 0));
    const rssMet = peakRss <= budgets.serverRssMb * 1024 * 1024;
    count(rssMet);
    rows.push([
      "server RSS under load (peak)",
      "",
      "",
      "",
      "",
      "",
      "",
      mb(peakRss),
      `≤ ${budgets.serverRssMb} MB`,
      verdict(rssMet),
    ]);
  }

  const loads = results.map((result) => result.loadAverage).filter((n) => n !== undefined);
  const out = [
    `best of ${RUNS} runs per load measure: ${options.duration} s each after a ` +
      `${WARM_UP_SECONDS} s warm-up, ${options.connections} connections (staff lists: their ` +
      `budget's); ${os.cpus().length} CPUs, Node ${process.version}` +
      (loads.length > 0
        ? `; load average (1 min) after the measures ${Math.min(...loads).toFixed(1)}–` +
          `${Math.max(...loads).toFixed(1)}`
        : ""),
  ];
  if (rows.length > 0) {
    out.push(
      markdownTable(
        [
          "measure",
          "req/s",
          "% of ceiling",
          "p50",
          "p99",
          "round trips",
          "errors",
          "peak RSS",
          "budget",
          "met/missed",
        ],
        rows,
      ),
    );
  }
  if (notes.length > 0) out.push(notes.join("\n"));
  if (pages) {
    const budget = budgets.pageWeight;
    const pageRows = pages.map((page) => {
      const judged = judgePage(page, budget);
      page.budget = judged;
      count(judged.met);
      return [
        page.path,
        kb(page.htmlBytes) + (page.htmlGzipped ? "" : " (not gzipped)"),
        kb(page.cssBytes),
        kb(page.jsBytes),
        page.fonts,
        kb(page.totalBytes),
        judged.misses.length ? `missed (${judged.misses.join(", ")})` : verdict(judged.met),
      ];
    });
    out.push(
      markdownTable(
        ["public page (gzipped)", "HTML", "CSS", "JS", "fonts", "total", "met/missed"],
        pageRows,
      ) +
        `\nbudget per page: total ≤ ${kb(budget.maxTotalBytes)}, JS ≤ ${kb(budget.maxJsBytes)}, ` +
        `fonts ${budget.maxFonts}`,
    );
  }
  if (options.only) out.push(`(only: ${options.measures.join(", ")})`);
  // The last line, for scripts and for a quick look.
  out.push(`budgets: ${met} met, ${missed} missed`);
  console.log(`\n${out.join("\n\n")}`);
  return { met, missed, peakRssBytes: peakRss };
}

// ---------------------------------------------------------------------------------------------
// The run

/** Measures whose throughput is measured under load (and so need the ceiling). */
const LOAD_MEASURES = new Set(MEASURES.slice(1, 12).concat(MEASURES.slice(23, 25)));

/** What the bench seeds: a council's volumes. */
const VOLUMES = {
  submissions: 10_000,
  forSignedInIro: 1_000,
  inSharedInbox: 300,
  representations: 100_000,
  extraIros: 18,
};
const FEEDBACK = {
  responses: 100_000,
  conferences: 6_000,
  fgcs: 2_000,
  reviews: 30_000,
  referrals: 5_000,
  busyConferenceAnswers: 400,
  // Answers are kept two years (the retention schedule's default): the server deletes older.
  years: 2,
};

async function seedOrReuse(seed, server, database) {
  if (database.reused) {
    const recalled = await seed.recalledSeeding();
    if (!recalled) {
      throw new HarnessError(
        `${database.name} was not seeded by the bench (no bench_seeding table): make one with ` +
          "`npm run bench -- --keep-db` first",
      );
    }
    console.log(`reusing the volumes seeded ${recalled.at} (no seeding)`);
    return recalled;
  }
  let started = Date.now();
  const volumes = await server.whileRunning(seed.seedVolumes(VOLUMES));
  const volumesSeconds = (Date.now() - started) / 1000;
  console.log(
    `seeded ${thousands(volumes.counts.submissions)} booklets and ` +
      `${thousands(volumes.counts.representations)} representations ` +
      `(${thousands(volumes.openRepresentations)} open) in ${seconds(Date.now() - started)}`,
  );
  started = Date.now();
  const feedback = await server.whileRunning(seed.seedFeedback(FEEDBACK));
  const feedbackSeconds = (Date.now() - started) / 1000;
  const { counts } = feedback;
  console.log(
    `seeded ${thousands(counts.feedbackResponses)} feedback answers (` +
      `${thousands(counts.conferenceAnswers)} after ${thousands(counts.conferences)} ` +
      `conferences, ${thousands(counts.fgcAnswers)} after ${thousands(counts.fgcs)} FGCs, ` +
      `${thousands(counts.afterReviewAnswers)} after reviews), ` +
      `${thousands(counts.reviewRecords)} review records and ` +
      `${thousands(counts.advocacyReferrals)} advocacy referrals in ${seconds(Date.now() - started)}`,
  );
  started = Date.now();
  await seed.analyze();
  const seeded = {
    at: new Date().toISOString(),
    volumes,
    feedback,
    seconds: { volumes: volumesSeconds, feedback: feedbackSeconds },
  };
  await seed.rememberSeeding(seeded);
  return seeded;
}

async function main() {
  const options = readOptions();
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const budgets = JSON.parse(fs.readFileSync(BUDGETS_FILE, "utf8"));
  for (const name of MEASURES.slice(1).filter((n) => n !== "page weight")) {
    if (!name.startsWith("workers:") && !(name in budgets.measures)) {
      throw new HarnessError(`${BUDGETS_FILE} lacks "${name}"`);
    }
  }
  const runs = (name) => options.measures.includes(name);
  const runsAny = (...names) => names.some(runs);
  const runStarted = Date.now();

  let database;
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    database = {
      name: decodeURIComponent(url.pathname.slice(1)),
      url: url.toString(),
      reused: true,
    };
  } else {
    database = await createDatabase({ keep: options.keepDatabase });
  }
  console.log(`database: ${database.name}${database.reused ? " (reused)" : ""}`);
  if (options.build) build();
  const server = await startServer(database.url, {});
  console.log(`server: ${server.origin} (pid ${server.pid})`);

  // Seeding, through the app's own code.
  const seed = await loadSeedModule();
  const bench = await seed.openBenchDatabase({ databaseUrl: database.url, secretKey: SECRET_KEY });
  onCleanUp(bench.close);
  const seeded = await seedOrReuse(seed, server, database);
  const { volumes, feedback } = seeded;

  // Drafts: each run of the final Send sends its own, once.
  const warmUpSubmissions = options.connections * 10;
  const sendPools = runs("final Send")
    ? [1, warmUpSubmissions, ...Array(RUNS).fill(options.submissions)]
    : [];
  const slowSendPool = runs("slow link: final Send") ? SLOW_LINK_WARM_UP + SLOW_LINK_REQUESTS : 0;
  const partialEach = 1_500;
  let started = Date.now();
  const drafts = await server.whileRunning(
    seed.seedDrafts({
      partial: runsAny(
        "question page GET",
        "question page POST",
        "slow link: question page GET",
        "workers: question page GET",
      )
        ? 2 * partialEach
        : 0,
      complete: sendPools.reduce((sum, n) => sum + n, 0) + slowSendPool,
    }),
  );
  const draftsSeconds = (Date.now() - started) / 1000;
  console.log(
    `made ${thousands(drafts.partial.length)} part-way and ${thousands(drafts.complete.length)} ` +
      `complete drafts in ${seconds(Date.now() - started)}`,
  );

  // Cookies as the production server names them.
  const names = seed.productionCookieNames(drafts.formId);
  const csrfCookie = names.csrf;
  const draftCookie = names.draft;
  const sessionCookie = names.staffSession;
  const formPath = `/forms/${drafts.formId}`;
  const formHeaders = { "content-type": "application/x-www-form-urlencoded" };

  // Each draft is one visitor, with their own browser (CSRF cookie) and their own address
  // (X-Forwarded-For, trusted from the proxy on loopback), like many children at once behind a
  // load balancer. So the hourly limits on sending per browser and per address count as they
  // would in production, instead of refusing one busy "visitor".
  let visitors = 0;
  const visitorWith = (draft) => {
    const n = ++visitors;
    const csrf = randomBytes(32).toString("base64url");
    return {
      ...draft,
      csrf,
      headers: {
        cookie: cookieHeader({ [csrfCookie]: csrf, [draftCookie]: draft.token }),
        "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      },
    };
  };
  const partVisitors = drafts.partial.map((token) => visitorWith({ token }));
  // Those who only look at the page, and those who post it (which moves them on).
  const lookingVisitors = partVisitors.slice(0, partialEach);
  const postingVisitors = partVisitors.slice(partialEach);
  const sendingVisitors = drafts.complete.map(visitorWith);
  const takeSending = (count) => sendingVisitors.splice(0, count);

  async function signIn(origin, { email, password }) {
    const csrfToken = randomBytes(32).toString("base64url");
    const response = await send(origin, {
      method: "POST",
      path: "/staff/sign-in",
      headers: {
        cookie: cookieHeader({ [csrfCookie]: csrfToken }),
        ...formHeaders,
      },
      body: formBody({ email, password, redirectTo: "/staff", csrf: csrfToken }),
    });
    let answer = response;
    // Admins and managers give the code from their authenticator app next.
    if (response.headers.location === "/staff/sign-in/code") {
      const pending = [response.headers["set-cookie"] ?? []]
        .flat()
        .find((line) => /^[^=]*sign_in_pending=/.test(line))
        .split(";")[0];
      answer = await send(origin, {
        method: "POST",
        path: "/staff/sign-in/code",
        headers: {
          cookie: `${cookieHeader({ [csrfCookie]: csrfToken })}; ${pending}`,
          ...formHeaders,
        },
        body: formBody({
          code: await seed.authenticatorCode(`${origin} ${email}`),
          csrf: csrfToken,
        }),
      });
    }
    const cookie = [answer.headers["set-cookie"] ?? []]
      .flat()
      .find((line) => line.startsWith(`${sessionCookie}=`));
    if (answer.status !== 302 || !cookie) {
      throw new HarnessError(`signing in as ${email} answered ${response.status}, no session`);
    }
    return cookieHeader({
      [csrfCookie]: csrfToken,
      [sessionCookie]: cookie.split(";")[0].slice(sessionCookie.length + 1),
    });
  }
  const sessions = new Map();
  const sessionOf = async (account) => {
    if (!sessions.has(account.email))
      sessions.set(account.email, await signIn(server.origin, account));
    return sessions.get(account.email);
  };

  /** Sends each draft of the pool once (past the end, only after a connection error, the last
   * again: answered like a first Send, but the stored check then finds one too few). */
  const sendOnce = (pool) => {
    let index = 0;
    return () => {
      const visitor = pool[Math.min(index++, pool.length - 1)];
      return {
        method: "POST",
        path: `${formPath}/check`,
        headers: { ...visitor.headers, ...formHeaders },
        body: formBody({ csrf: visitor.csrf }),
      };
    };
  };
  const sentProblem = expectResponse(302, `${formPath}/sent`);
  const lookAtQuestion = () => {
    const nextVisitor = rotation(lookingVisitors);
    return () => ({ path: drafts.questionPage.path, headers: nextVisitor().headers });
  };

  // First, before anyone has a chance to rebuild the assets the running server's pages name.
  const pages = runs("page weight") ? await weighPages(server) : undefined;

  const results = [];
  const notes = [];
  const onServer = (result) => {
    result.onMainServer = true;
    results.push(result);
    return result;
  };
  const load = (scenario) => runLoad(server, scenario, options).then(onServer);
  const sequential = (scenario) => runSequential(server, scenario).then(onServer);

  // The cold start: a second server on the database the first has migrated.
  if (runs("cold start")) {
    process.stdout.write("cold start … ");
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await timeColdStart(database.url, formPath));
    const best = Math.min(...times);
    console.log(`${times.map((t) => ms(t)).join(" / ")}`);
    results.push({
      name: "cold start",
      kind: "once",
      bestOf: RUNS,
      p50Ms: best,
      maxMs: best,
      timingsMs: times,
      errors: 0,
    });
  }

  // The machine's ceiling: the start page's own bytes, from a server that does nothing else.
  let ceiling;
  if (options.measures.some((name) => name.startsWith("ceiling") || LOAD_MEASURES.has(name))) {
    const page = await probe(
      server,
      { name: "start page", problem: expectResponse(200) },
      {
        path: formPath,
      },
    );
    const headers = {};
    for (const name of ["content-type", "content-encoding", "vary", "cache-control"]) {
      if (page.headers[name] !== undefined) headers[name] = page.headers[name];
    }
    const bare = await startCeiling(page.body, headers);
    ceiling = await runLoad(
      bare,
      { name: MEASURES[0], next: () => ({ path: formPath }), problem: expectResponse(200) },
      options,
    );
    ceiling.headers = headers;
    ceiling.bodyBytes = page.body.length;
    notes.push(
      `ceiling: test/bench/ceiling.js answering ${formPath}'s ${thousands(page.body.length)} ` +
        `bytes as the portal sent them (${headers["content-encoding"] ?? "not compressed"}, ` +
        `${headers["content-type"]}), ${options.connections} connections`,
    );
    await bare.stop();
  }

  if (runs("anonymous start page")) {
    await load({
      name: "anonymous start page",
      next: () => ({ path: formPath }),
      problem: expectResponse(200),
    });
  }
  if (runs("question page GET")) {
    await load({ name: "question page GET", next: lookAtQuestion(), problem: expectResponse(200) });
  }
  if (runs("question page POST")) {
    const nextVisitor = rotation(postingVisitors);
    const answers = [...drafts.questionPage.fields, ["intent", "continue"]];
    await load({
      name: "question page POST",
      next: () => {
        const visitor = nextVisitor();
        return {
          method: "POST",
          path: drafts.questionPage.path,
          headers: { ...visitor.headers, ...formHeaders },
          body: formBody([...answers, ["csrf", visitor.csrf]]),
        };
      },
      problem: expectResponse(302, drafts.questionPage.nextPath),
    });
  }
  if (runs("final Send")) {
    // One draft to check that Send works, some to warm up with, then each run its own.
    const [probePool, warmUpPool, ...runPools] = sendPools.map(takeSending);
    const scenario = {
      name: "final Send",
      next: sendOnce(runPools[0]),
      nextFor: (run) => sendOnce(runPools[run]),
      amounts: runPools.map((pool) => pool.length),
      warmUp: { next: sendOnce(warmUpPool), amount: warmUpPool.length },
      problem: sentProblem,
    };
    await probe(server, scenario, sendOnce(probePool)());
    const result = await load(scenario);
    const measured = runPools.flat();
    const stored = await seed.checkStoredSubmissions(measured.map((visitor) => visitor.id));
    result.stored = {
      ...stored,
      ok:
        stored.submissions === stored.drafts &&
        stored.withAudit === stored.drafts &&
        stored.withEmail === stored.drafts,
    };
    notes.push(
      `final Send: ${thousands(stored.submissions)} of ${thousands(stored.drafts)} sent drafts ` +
        `stored as submissions, ${thousands(stored.withAudit)} with their audit entry, ` +
        `${thousands(stored.withEmail)} with email in the outbox: ` +
        `${result.stored.ok ? "ok, 0 lost" : "FAILED"}`,
    );
  }

  // The staff lists people work from, at the connections their budget names.
  const staffList = async (name, account, pathname) => {
    if (!runs(name)) return;
    const cookie = await sessionOf(account);
    await load({
      name,
      connections: budgets.measures[name]?.connections,
      next: () => ({ path: pathname, headers: { cookie } }),
      problem: expectResponse(200),
    });
  };
  const { accounts } = seed;
  await staffList("IRO inbox", accounts.iro, "/staff/inbox/iro");
  await staffList("complaints queue", accounts.complaintsOfficer, "/staff/representations");
  await staffList(
    "complaints queue, closed",
    accounts.complaintsOfficer,
    "/staff/representations?show=closed",
  );
  await staffList("chair's conference list", accounts.chair, "/staff/conferences");
  await staffList("coordinator's FGC list", accounts.fgcCoordinator, "/staff/conferences");
  await staffList("IRO's reviews list", accounts.iro, "/staff/reviews");
  await staffList("advocacy referrals list", accounts.advocacy, "/staff/advocacy");

  // Summaries and reports, one at a time.
  const reportPage = async (name, account, pathname) => {
    if (!runs(name)) return;
    const cookie = await sessionOf(account);
    await sequential({
      name,
      next: () => ({ path: pathname, headers: { cookie } }),
      problem: expectResponse(200),
    });
  };
  const busy = feedback.busyConference;
  const feedbackYear = feedback.busiestFeedbackYear;
  await reportPage("busy conference's page", accounts.chair, `/staff/conferences/${busy.id}`);
  await reportPage(
    "one conference's summary",
    accounts.chair,
    `/staff/summaries/conference-parent?event=${busy.reference}`,
  );
  await reportPage(
    "conference summary, year",
    accounts.manager,
    `/staff/summaries/conference-parent?year=${feedbackYear}`,
  );
  await reportPage(
    "FGC summary, year",
    accounts.manager,
    `/staff/summaries/fgc-family?year=${feedbackYear}`,
  );
  await reportPage(
    "after-your-review summary, year",
    accounts.manager,
    `/staff/summaries/after-your-review?year=${feedbackYear}`,
  );
  await reportPage(
    "review participation figures",
    accounts.manager,
    `/staff/reviews/participation?year=${feedback.busiestReviewYear}`,
  );
  await reportPage(
    "annual complaints report",
    accounts.complaintsOfficer,
    `/staff/reports/complaints?year=${volumes.busiestReportYear}`,
  );
  await reportPage(
    "advocacy figures",
    accounts.manager,
    `/staff/advocacy/figures?year=${feedbackYear}`,
  );

  // Round trips: a third server, whose database is 20 ms away each way.
  if (runsAny("slow link: question page GET", "slow link: final Send")) {
    const target = new URL(database.url);
    const proxy = await startSlowProxy({
      targetHost: target.hostname,
      targetPort: Number(target.port || 5432),
      delayMs: SLOW_LINK_DELAY_MS,
    });
    onCleanUp(proxy.close);
    const viaProxy = new URL(database.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    process.stdout.write("slow link: starting a server through it … ");
    started = Date.now();
    const slow = await startServer(viaProxy.toString(), { log: "slow-server" });
    console.log(`ready in ${seconds(Date.now() - started)}`);
    const limits = { warmUp: SLOW_LINK_WARM_UP, requests: SLOW_LINK_REQUESTS };
    // What the server does by itself (the housekeeping it starts with) would be counted as a
    // request's: wait until it has been quiet for a second (at most two minutes).
    const waitedFrom = Date.now();
    for (let quietSince = Date.now(), seen = proxy.turns(); Date.now() - quietSince < 1_000;) {
      if (Date.now() - waitedFrom > 120_000) {
        throw new HarnessError("slow link: the server never stopped talking to its database");
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (proxy.turns() !== seen) {
        seen = proxy.turns();
        quietSince = Date.now();
      }
    }
    notes.push(
      `slow link: ${SLOW_LINK_DELAY_MS} ms each way per chunk; ${SLOW_LINK_REQUESTS} requests ` +
        `one at a time after ${SLOW_LINK_WARM_UP} to warm up, once the server had been quiet for ` +
        `1 s (${seconds(Date.now() - waitedFrom)} after it was ready)`,
    );
    if (runs("slow link: question page GET")) {
      results.push(
        await runRoundTrips(
          slow,
          proxy,
          {
            name: "slow link: question page GET",
            next: lookAtQuestion(),
            problem: expectResponse(200),
          },
          limits,
        ),
      );
    }
    if (runs("slow link: final Send")) {
      const pool = takeSending(slowSendPool);
      results.push(
        await runRoundTrips(
          slow,
          proxy,
          { name: "slow link: final Send", next: sendOnce(pool), problem: sentProblem },
          limits,
        ),
      );
    }
    notes[notes.length - 1] += `; ${proxy.connections()} database connections through it`;
    await slow.stop();
    await proxy.close();
  }

  // Web workers: the supervisor `npm start` runs, with 1 and with 2.
  if (runsAny("workers: anonymous start page", "workers: question page GET")) {
    const variable = workersVariable();
    const other = variable === "WEB_WORKERS" ? "WEB_CONCURRENCY" : "WEB_WORKERS";
    const byCount = new Map();
    for (const count of [1, 2]) {
      const supervisor = await startServer(database.url, {
        script: "scripts/supervisor.js",
        extraEnv: { [variable]: String(count), [other]: "" },
        log: `workers-${count}`,
      });
      const label = `${count} web worker${count === 1 ? "" : "s"}`;
      const measured = {};
      if (runs("workers: anonymous start page")) {
        measured.start = await runLoad(
          supervisor,
          {
            name: `workers: anonymous start page, ${label}`,
            next: () => ({ path: formPath }),
            problem: expectResponse(200),
          },
          options,
        );
      }
      if (runs("workers: question page GET")) {
        measured.question = await runLoad(
          supervisor,
          {
            name: `workers: question page GET, ${label}`,
            next: lookAtQuestion(),
            problem: expectResponse(200),
          },
          options,
        );
      }
      for (const result of Object.values(measured)) {
        result.workers = count;
        result.workersVariable = variable;
        results.push(result);
      }
      byCount.set(count, measured);
      await supervisor.stop();
    }
    const ratios = [];
    for (const [key, words] of [
      ["start", "anonymous start page"],
      ["question", "question page GET"],
    ]) {
      const one = byCount.get(1)[key];
      const two = byCount.get(2)[key];
      if (!one || !two) continue;
      const ratio = two.requestsPerSecond / one.requestsPerSecond;
      two.ratioToOneWorker = ratio;
      two.note = `(×${ratio.toFixed(2)} of 1)`;
      ratios.push(`${words} ×${ratio.toFixed(2)}`);
    }
    notes.push(`workers (${variable}): 2 web workers against 1: ${ratios.join(", ")}`);
  }

  const summary = report({ results, ceiling, pages, budgets, options, notes });
  const totalSeconds = (Date.now() - runStarted) / 1000;
  console.log(`(the run took ${seconds(totalSeconds * 1000)})`);
  fs.writeFileSync(
    path.join(BENCH_DIR, "latest.json"),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        commit: gitCommit(),
        method: `best of ${RUNS}`,
        machine: { cpus: os.cpus().length, node: process.version },
        options: { ...options, databaseUrl: options.databaseUrl ? "(reused)" : null },
        database: { name: database.name, reused: database.reused },
        seeding: {
          ...seeded,
          draftsSeconds,
          partialDrafts: drafts.partial.length,
          completeDrafts: drafts.complete.length,
        },
        ceiling: ceiling ?? null,
        measures: results,
        notes,
        pageWeight: pages ?? null,
        budgets: { met: summary.met, missed: summary.missed },
        peakRssBytes: summary.peakRssBytes ?? null,
        totalSeconds,
      },
      null,
      2,
    )}\n`,
  );
  return summary.missed > 0 ? 1 : 0;
}

/** An error in a few lines (a failed query's message holds all of its SQL). */
function describe(error) {
  if (error instanceof HarnessError) return error.message;
  const lines = [String(error?.message ?? error).slice(0, 500)];
  if (error?.cause) lines.push(`cause: ${error.cause.message ?? error.cause}`);
  lines.push(...(error?.stack ?? "").split("\n").slice(1, 6));
  return lines.join("\n");
}

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

main().then(
  async (code) => {
    await cleanUp();
    process.exit(code);
  },
  async (error) => {
    if (!interrupted) console.error(`\nbench: ${describe(error)}`);
    await cleanUp();
    process.exit(2);
  },
);
