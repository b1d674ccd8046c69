// `npm test`: build, then every suite — unit and integration (vitest), browser and accessibility
// (Playwright) — on PGlite, or on the PostgreSQL server in TEST_DATABASE_URL. Ends with one line
// "tests: N passed, N failed". A skipped test counts as a failure: none may be skipped silently.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bin = (pkg, file) => path.resolve("node_modules", pkg, file);
const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env } }).status;

fs.mkdirSync(".test-reports", { recursive: true });
const database = process.env.TEST_DATABASE_URL ? "PostgreSQL server" : "PGlite";
console.log(`\n== Building, then testing on ${database}\n`);
if (run([bin("@remix-run/dev", "dist/cli.js"), "build"]) !== 0) process.exit(1);

const vitestReport = path.resolve(".test-reports/vitest.json");
const playwrightReport = path.resolve(".test-reports/playwright.json");
fs.rmSync(vitestReport, { force: true });
fs.rmSync(playwrightReport, { force: true });

const unit = run([
  bin("vitest", "vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
// The every-page sweeps render the same pages from either database: on a PostgreSQL server only
// the journeys run in the browser (see EVERY_PAGE in test/e2e/helpers.ts).
const sweepsToo = !process.env.TEST_DATABASE_URL;
if (!sweepsToo) console.log("Browser: journeys only (the every-page sweeps run on PGlite)\n");
const browser = run(
  [
    bin("@playwright/test", "cli.js"),
    "test",
    "--reporter=list,json",
    ...(sweepsToo ? [] : ["--grep-invert", "@every-page"]),
  ],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
);

const read = (file) =>
  fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
const v = read(vitestReport);
const p = read(playwrightReport);
const passed = (v?.numPassedTests ?? 0) + (p?.stats.expected ?? 0);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats.skipped ?? 0);
let failed = (v?.numFailedTests ?? 0) + (p?.stats.unexpected ?? 0) + (p?.stats.flaky ?? 0);
if (!v || !p) failed += 1; // a suite that did not even report
if (unit !== 0 && failed === 0) failed = 1;
if (browser !== 0 && failed === 0) failed = 1;
console.log(
  `\nvitest: ${v?.numPassedTests ?? 0} passed; playwright: ${p?.stats.expected ?? 0} passed`,
);
if (skipped > 0) console.log(`${skipped} test(s) were skipped: that is not allowed.`);
console.log(`tests: ${passed} passed, ${failed + skipped} failed`);
process.exit(failed + skipped > 0 || passed === 0 ? 1 : 0);
