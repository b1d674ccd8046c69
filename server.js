// The portal's web process: opens the database, serves HTTP, shuts down cleanly.
// `npm start` runs it as a worker of scripts/supervisor.js (which restarts it if it dies);
// `npm run dev` runs it on its own under `remix dev`; so can `node server.js`.
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady } from "@remix-run/node";

const BUILD_PATH = path.resolve("build/index.js");
const development = process.env.NODE_ENV === "development";

async function importBuild() {
  const version = fs.statSync(BUILD_PATH).mtimeMs;
  return import(`${pathToFileURL(BUILD_PATH).href}?v=${version}`);
}

let build = await importBuild();
const { startPortal, createHttpApp, env } = build.entry.module;
const config = env();

let portal;
try {
  portal = await startPortal();
} catch (error) {
  if (error && error.name === "DatabaseLockedError") {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const app = createHttpApp(() => build);
const server = app.listen(config.PORT, config.HOST, () => {
  const { port } = server.address();
  if (cluster.isWorker) {
    // The supervisor says "Portal ready" once, for all its workers.
    console.log(`web worker ${cluster.worker.id} (pid ${process.pid}) listening on port ${port}`);
    process.send?.({ type: "portal:ready", port, database: portal.database.kind });
  } else {
    console.log(`Portal ready on http://localhost:${port} (database: ${portal.database.kind})`);
  }
  if (development) broadcastDevReady(build);
});

if (development) {
  fs.watch(path.dirname(BUILD_PATH), async (_event, file) => {
    if (file !== "version.txt") return;
    build = await importBuild();
    broadcastDevReady(build);
  });
}

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: closing`);
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  server.close();
  server.closeIdleConnections?.();
  await new Promise((resolve) => server.close(resolve));
  await portal.close();
  process.exit(0);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
