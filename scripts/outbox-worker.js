// `npm run worker`: a process that only delivers queued email, for deployments whose web
// processes run with OUTBOX_WORKER=off. Uses the same settings (DATABASE_URL, SMTP_URL,
// MAIL_FROM, OUTBOX_INTERVAL_MS); stops cleanly on SIGTERM or SIGINT. Build first (`npm run build`).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const BUILD_PATH = path.resolve("build/index.js");
if (!fs.existsSync(BUILD_PATH)) {
  console.error("There is no build yet: run `npm run build` first.");
  process.exit(1);
}

const build = await import(pathToFileURL(BUILD_PATH).href);
const { runOutboxWorkerProcess } = build.entry.module;

let worker;
try {
  worker = await runOutboxWorkerProcess();
} catch (error) {
  if (error && (error.name === "DatabaseLockedError" || error.name === "OutboxWorkerConfigError")) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
console.log(`Outbox worker ready (database: ${worker.database.kind})`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: finishing the batch in flight, then closing`);
  const timer = setTimeout(() => process.exit(1), 60_000);
  timer.unref();
  await worker.close();
  process.exit(0);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
