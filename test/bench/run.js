// The portal's performance benchmark: `npm run bench`.
//
// To reproduce:
//   1. A PostgreSQL server (13 or later) on which the benchmark may create and drop databases,
//      reached with trust authentication at BENCH_ADMIN_URL
//      (default postgres://postgres@127.0.0.1:5432/postgres).
//   2. `npm ci`, then `npm run bench`. It builds the app, creates a fresh database
//      `portal_bench_<timestamp>`, starts the production server on it (`node server.js`,
//      NODE_ENV=production; WEB_CONCURRENCY is passed on when set), seeds a council's volumes
//      (test/bench/seed.ts: 10,000 booklets over two years, 100,000 comments, compliments and
//      complaints over five, and pools of drafts made with the app's own draft model), measures
//      each scenario with autocannon (20 connections, 2 s warm-up, then 10 s), weighs the public
//      pages, and drops the database again.
//   3. It prints one table to paste into README.md and a last line `budgets: X met, Y missed`.
//      The budgets are in test/bench/budgets.json. The same results are written to
//      .bench/latest.json; the server's output to .bench/server.log.
//
// Options: --duration <s> (10), --connections <n> (20), --submissions <n> (8000: drafts sent in
// the final-submission run, each once), --no-build, --only <part of a scenario's name>,
// --keep-db (leave the database for a look afterwards).
// Exit code: 0 when every budget is met, 1 when any is missed, 2 when the harness failed.
//
// Numbers depend on the machine, and autocannon runs on it too (in this process, taking much of
// a core): compare runs on the same machine, with nothing else busy.
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

// Paths from the repository root, where `npm run bench` runs.
const BENCH_DIR = ".bench";
const BUDGETS_FILE = "test/bench/budgets.json";
const ADMIN_URL = process.env.BENCH_ADMIN_URL || "postgres://postgres@127.0.0.1:5432/postgres";
/** The server seals drafts with this key, and so does the seeding, so it can read them. */
const SECRET_KEY = "bench-secret-key-not-for-production-0123456789abcdef";
const WARM_UP_SECONDS = 2;
const REPORT_REQUESTS = 5;

/** What a browser sends with every request. Load runs ask for what a browser accepts (the
 * server then uses brotli); the page weights ask for gzip only, as the budget is in gzip. */
const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br, zstd",
  "accept-language": "en-GB,en;q=0.9",
};

const SCENARIOS = [
  "anonymous first page",
  "question page GET with draft",
  "question page POST",
  "final submission POST",
  "IRO inbox",
  "complaints queue",
  "annual complaints report",
  "page weight",
];

/** Something wrong with the harness or its surroundings, not a missed budget. */
class HarnessError extends Error {}

// ---------------------------------------------------------------------------------------------
// Options

const OPTIONS = {
  duration: { type: "string", default: "10" },
  connections: { type: "string", default: "20" },
  submissions: { type: "string", default: "8000" },
  "no-build": { type: "boolean", default: false },
  only: { type: "string" },
  "keep-db": { type: "boolean", default: false },
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
    only: values.only,
  };
  if (options.submissions < options.connections) {
    throw new HarnessError("--submissions must be at least --connections");
  }
  const wanted = (name) => !options.only || name.toLowerCase().includes(options.only.toLowerCase());
  options.scenarios = SCENARIOS.filter(wanted);
  if (options.scenarios.length === 0) {
    throw new HarnessError(`--only "${options.only}" matches none of: ${SCENARIOS.join(", ")}`);
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
// The database, the build and the server

async function createDatabase({ keep }) {
  const name = `portal_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // Registered first, so that a Ctrl-C while it is being made still drops it.
  onCleanUp(async () => {
    if (keep) {
      console.log(`kept database: ${url}`);
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
  return { name, url: url.toString() };
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

/** `node server.js` in production mode on the bench database, output to .bench/server.log. */
async function startServer(databaseUrl) {
  const logFile = path.join(BENCH_DIR, "server.log");
  const log = fs.createWriteStream(logFile);
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
  };
  delete env.SMTP_URL;
  const child = spawn(process.execPath, ["server.js"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  let stopping = false;
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  /** Rejects when the server stops by itself; race any step against it. */
  const died = exited.then((how) => {
    if (!stopping) throw new HarnessError(`the server stopped (${how}); see ${logFile}`);
  });
  died.catch(() => {});

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
    new Promise((resolve) => (giveUp = setTimeout(resolve, 60_000))),
  ]);
  clearTimeout(giveUp);
  if (!port) throw new HarnessError(`the server did not start; see ${logFile}`);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    log.end();
  };
  onCleanUp(stop);
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    /** The step's result, unless the server stops first. */
    whileRunning: (step) => Promise.race([step, died]),
    check: () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new HarnessError(`the server stopped; see ${logFile}`);
      }
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
// Running a scenario

/**
 * @typedef {{ method?: string, path: string, headers?: Record<string, string>, body?: string }} BenchRequest
 * @typedef {{ status: number, headers: Record<string, string | string[] | undefined> }} BenchResponse
 * @typedef {{
 *   name: string,
 *   next: () => BenchRequest,
 *   problem: (response: BenchResponse) => string | undefined,
 *   amount?: number,
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

/** @param {LoadScenario} scenario */
async function runLoad(server, scenario, options) {
  process.stdout.write(`${scenario.name} … `);
  await probe(server, scenario);
  const common = { problem: scenario.problem, connections: options.connections };
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
  const stopWatching = watchMemory(server.pid);
  let stats;
  try {
    stats = await hammer(server, {
      ...common,
      next: scenario.next,
      ...(scenario.amount ? { amount: scenario.amount } : { duration: options.duration }),
    });
  } finally {
    const peakRssBytes = stopWatching();
    if (stats) stats.peakRssBytes = peakRssBytes;
  }
  await settle(server);
  server.check();
  console.log(
    `${round(stats.requestsPerSecond)} req/s, p99 ${ms(stats.p99Ms)}, ${stats.errors} errors`,
  );
  if (stats.errors > 0) console.log(`  unexpected: ${JSON.stringify(stats.unexpected)}`);
  return { name: scenario.name, kind: "load", ...stats };
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
    const started = performance.now();
    const response = await server.whileRunning(send(server.origin, scenario.next()));
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
  };
  console.log(`median ${ms(stats.p50Ms)}, max ${ms(stats.maxMs)}, ${errors} errors`);
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

function judgeScenario(result, budget) {
  if (!budget) return { budget: "—", met: null, misses: [] };
  const parts = [];
  const misses = [];
  const need = (ok, text, miss) => {
    parts.push(text);
    if (!ok) misses.push(miss);
  };
  if (budget.minRequestsPerSecond !== undefined) {
    need(
      result.requestsPerSecond >= budget.minRequestsPerSecond,
      `≥ ${thousands(budget.minRequestsPerSecond)} req/s`,
      "req/s",
    );
  }
  if (budget.maxP99Ms !== undefined) {
    need(result.p99Ms <= budget.maxP99Ms, `p99 ≤ ${budget.maxP99Ms} ms`, "p99");
  }
  if (budget.maxMs !== undefined) {
    need(result.maxMs <= budget.maxMs, `each ≤ ${thousands(budget.maxMs)} ms`, "slowest");
  }
  if (budget.maxErrors !== undefined) {
    need(result.errors <= budget.maxErrors, `${budget.maxErrors} errors`, "errors");
  }
  if (result.stored) {
    need(result.stored.ok, "all stored", "stored");
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
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
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

function report({ scenarios, pages, budgets, storedCheck, options }) {
  let met = 0;
  let missed = 0;
  const count = (verdictOf) => {
    if (verdictOf === true) met++;
    if (verdictOf === false) missed++;
  };

  const rows = scenarios.map((result) => {
    const judged = judgeScenario(result, budgets.scenarios[result.name]);
    result.budget = judged;
    count(judged.met);
    const sequential = result.kind === "sequential";
    return [
      result.name,
      sequential ? "—" : round(result.requestsPerSecond),
      ms(result.p50Ms),
      sequential ? `${ms(result.maxMs)} (max)` : ms(result.p99Ms),
      thousands(result.errors),
      mb(result.peakRssBytes),
      judged.budget,
      judged.misses.length ? `missed (${judged.misses.join(", ")})` : verdict(judged.met),
    ];
  });
  let peakRss;
  if (scenarios.length > 0) {
    peakRss = Math.max(...scenarios.map((result) => result.peakRssBytes));
    const rssMet = peakRss <= budgets.serverRssMb * 1024 * 1024;
    count(rssMet);
    rows.push([
      "server RSS under load (peak)",
      "",
      "",
      "",
      "",
      mb(peakRss),
      `≤ ${budgets.serverRssMb} MB`,
      verdict(rssMet),
    ]);
  }

  const out = [
    `${options.connections} connections, ${options.duration} s per scenario after a ` +
      `${WARM_UP_SECONDS} s warm-up; ${os.cpus().length} CPUs, Node ${process.version}` +
      (process.env.WEB_CONCURRENCY ? `, WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY}` : ""),
  ];
  if (rows.length > 0) {
    out.push(
      markdownTable(
        ["measure", "req/s", "p50", "p99", "errors", "peak RSS", "budget", "met/missed"],
        rows,
      ),
    );
  }
  if (storedCheck) {
    const { drafts, submissions, withAudit, withEmail } = storedCheck;
    out.push(
      `check: ${thousands(submissions)} of ${thousands(drafts)} sent drafts stored as submissions, ` +
        `${thousands(withAudit)} with their audit entry, ${thousands(withEmail)} with email in the ` +
        `outbox: ${storedCheck.ok ? "ok" : "FAILED"}`,
    );
  }
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
  out.push(`budgets: ${met} met, ${missed} missed`);
  console.log(`\n${out.join("\n\n")}`);
  if (options.only) console.log(`(only: ${options.scenarios.join(", ")})`);
  return { met, missed, peakRssBytes: peakRss };
}

// ---------------------------------------------------------------------------------------------
// The run

async function main() {
  const options = readOptions();
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const budgets = JSON.parse(fs.readFileSync(BUDGETS_FILE, "utf8"));
  for (const name of SCENARIOS.filter((n) => n !== "page weight")) {
    if (!(name in budgets.scenarios)) throw new HarnessError(`${BUDGETS_FILE} lacks "${name}"`);
  }
  const runs = (name) => options.scenarios.includes(name);

  const database = await createDatabase({ keep: options.keepDatabase });
  console.log(`database: ${database.name}`);
  if (options.build) build();
  const server = await startServer(database.url);
  console.log(`server: ${server.origin} (pid ${server.pid})`);

  // Seeding, through the app's own code.
  const seed = await loadSeedModule();
  const bench = await seed.openBenchDatabase({ databaseUrl: database.url, secretKey: SECRET_KEY });
  onCleanUp(bench.close);
  const seeding = {};
  let started = Date.now();
  const volumes = await server.whileRunning(
    seed.seedVolumes({
      submissions: 10_000,
      forSignedInIro: 1_000,
      inSharedInbox: 300,
      representations: 100_000,
      extraIros: 18,
    }),
  );
  await seed.analyze();
  seeding.volumesSeconds = (Date.now() - started) / 1000;
  console.log(
    `seeded ${thousands(volumes.counts.submissions)} booklets and ` +
      `${thousands(volumes.counts.representations)} representations ` +
      `(${thousands(volumes.openRepresentations)} open) in ${seconds(Date.now() - started)}`,
  );

  const warmUpSubmissions = options.connections * 10;
  started = Date.now();
  const needsPartial = runs("question page GET with draft") || runs("question page POST");
  const drafts = await server.whileRunning(
    seed.seedDrafts({
      partial: needsPartial ? 2_000 : 0,
      complete: runs("final submission POST") ? 1 + warmUpSubmissions + options.submissions : 0,
    }),
  );
  seeding.draftsSeconds = (Date.now() - started) / 1000;
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
  const sendingVisitors = drafts.complete.map(visitorWith);

  async function signIn({ email, password }) {
    const csrfToken = randomBytes(32).toString("base64url");
    const response = await send(server.origin, {
      method: "POST",
      path: "/staff/sign-in",
      headers: {
        cookie: cookieHeader({ [csrfCookie]: csrfToken }),
        ...formHeaders,
      },
      body: formBody({ email, password, redirectTo: "/staff", csrf: csrfToken }),
    });
    const cookie = [response.headers["set-cookie"] ?? []]
      .flat()
      .find((line) => line.startsWith(`${sessionCookie}=`));
    if (response.status !== 302 || !cookie) {
      throw new HarnessError(`signing in as ${email} answered ${response.status}, no session`);
    }
    return cookieHeader({
      [csrfCookie]: csrfToken,
      [sessionCookie]: cookie.split(";")[0].slice(sessionCookie.length + 1),
    });
  }

  // First, before anyone has a chance to rebuild the assets the running server's pages name.
  const pages = runs("page weight") ? await weighPages(server) : undefined;

  const results = [];
  const load = (scenario) => runLoad(server, scenario, options).then((r) => results.push(r));
  let storedCheck;

  if (runs("anonymous first page")) {
    await load({
      name: "anonymous first page",
      next: () => ({ path: formPath }),
      problem: expectResponse(200),
    });
  }
  if (runs("question page GET with draft")) {
    const nextVisitor = rotation(partVisitors);
    await load({
      name: "question page GET with draft",
      next: () => ({ path: drafts.questionPage.path, headers: nextVisitor().headers }),
      problem: expectResponse(200),
    });
  }
  if (runs("question page POST")) {
    const nextVisitor = rotation(partVisitors);
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
  if (runs("final submission POST")) {
    // One draft to check that Send works, some to warm up with, then each of the rest once.
    const [probeVisitor, ...rest] = sendingVisitors;
    const warmUpVisitors = rest.slice(0, warmUpSubmissions);
    const measuredVisitors = rest.slice(warmUpSubmissions);
    const sendOnce = (pool) => {
      let index = 0;
      return () => {
        // Past the end (only after a connection error) the last draft is sent again: answered
        // like a first Send, but the check below then finds one submission too few.
        const visitor = pool[Math.min(index++, pool.length - 1)];
        return {
          method: "POST",
          path: `${formPath}/check`,
          headers: { ...visitor.headers, ...formHeaders },
          body: formBody({ csrf: visitor.csrf }),
        };
      };
    };
    const scenario = {
      name: "final submission POST",
      next: sendOnce(measuredVisitors),
      amount: measuredVisitors.length,
      warmUp: { next: sendOnce(warmUpVisitors), amount: warmUpVisitors.length },
      problem: expectResponse(302, `${formPath}/sent`),
    };
    await probe(server, scenario, sendOnce([probeVisitor])());
    await load(scenario);
    const stored = await seed.checkStoredSubmissions(measuredVisitors.map((visitor) => visitor.id));
    storedCheck = {
      ...stored,
      ok:
        stored.submissions === stored.drafts &&
        stored.withAudit === stored.drafts &&
        stored.withEmail === stored.drafts,
    };
    results[results.length - 1].stored = storedCheck;
  }
  if (runs("IRO inbox")) {
    const cookie = await signIn(seed.accounts.iro);
    await load({
      name: "IRO inbox",
      next: () => ({ path: "/staff/inbox/iro", headers: { cookie } }),
      problem: expectResponse(200),
    });
  }
  if (runs("complaints queue")) {
    const cookie = await signIn(seed.accounts.complaintsOfficer);
    await load({
      name: "complaints queue",
      next: () => ({ path: "/staff/representations", headers: { cookie } }),
      problem: expectResponse(200),
    });
  }
  if (runs("annual complaints report")) {
    const cookie = await signIn(seed.accounts.complaintsOfficer);
    const year = volumes.busiestReportYear;
    results.push(
      await runSequential(server, {
        name: "annual complaints report",
        next: () => ({
          path: `/staff/reports/complaints?year=${year}`,
          headers: { ...BROWSER_HEADERS, cookie },
        }),
        problem: expectResponse(200),
      }),
    );
    results[results.length - 1].reportYear = year;
    results[results.length - 1].representationsInYear = volumes.representationsInBusiestYear;
  }

  const summary = report({ scenarios: results, pages, budgets, storedCheck, options });
  fs.writeFileSync(
    path.join(BENCH_DIR, "latest.json"),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        commit: gitCommit(),
        machine: { cpus: os.cpus().length, node: process.version },
        options: { ...options, webConcurrency: process.env.WEB_CONCURRENCY ?? null },
        seeding: { ...seeding, ...volumes, partialDrafts: drafts.partial.length },
        scenarios: results,
        pageWeight: pages ?? null,
        budgets: { met: summary.met, missed: summary.missed },
        peakRssBytes: summary.peakRssBytes ?? null,
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
