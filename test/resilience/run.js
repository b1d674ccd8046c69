// `npm run test:resilience`: the full resilience tests (RESILIENCE=full: more trials, more
// drafts, longer outages) on a PostgreSQL server, one file at a time so that each one's timings
// are its own. The test harness makes its own fresh databases on that server. Builds first, then
// ends with one line: "resilience: N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bin = (pkg, file) => path.resolve("node_modules", pkg, file);
const env = {
  ...process.env,
  RESILIENCE: "full",
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
};
const run = (args) => spawnSync(process.execPath, args, { stdio: "inherit", env }).status;

const began = Date.now();
console.log(`\n== Resilience tests (full) on ${new URL(env.TEST_DATABASE_URL).host}\n`);
if (run([bin("@remix-run/dev", "dist/cli.js"), "build"]) !== 0) process.exit(1);

fs.mkdirSync(".test-reports", { recursive: true });
const report = path.resolve(".test-reports/resilience.json");
fs.rmSync(report, { force: true });
const status = run([
  bin("vitest", "vitest.mjs"),
  "run",
  "test/resilience",
  "--no-file-parallelism",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
]);

const result = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : undefined;
const passed = result?.numPassedTests ?? 0;
const skipped = (result?.numPendingTests ?? 0) + (result?.numTodoTests ?? 0);
let failed = (result?.numFailedTests ?? 0) + skipped;
if ((!result || status !== 0) && failed === 0) failed = 1;
const minutes = ((Date.now() - began) / 60_000).toFixed(1);
if (skipped > 0) console.log(`${skipped} test(s) were skipped: that is not allowed.`);
console.log(`resilience: ${passed} passed, ${failed} failed (full, ${minutes} min)`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
