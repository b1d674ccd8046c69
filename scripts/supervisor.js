// The supervisor `npm start` runs: the web server (server.js) as WEB_CONCURRENCY worker processes on
// one port (node:cluster). A worker that dies is replaced, after a pause that grows while
// workers keep dying (0.1 s, 0.2 s, … up to 30 s), and why it died is logged. SIGTERM or SIGINT
// stops every worker cleanly, then the supervisor. The first worker starts alone (it applies the
// migrations and seeds the demo councils), the others once it serves. If the first workers cannot
// even start (a wrong setting, the embedded database open elsewhere), it stops with their code.
import cluster from "node:cluster";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";

const { env } = (await import(pathToFileURL(path.resolve("build/index.js")).href)).entry.module;
const config = env();
const wanted = config.webWorkers;

/** Port 0 means "any free port": chosen once here, so that a replaced worker gets the same one. */
async function fixedPort() {
  if (config.PORT !== 0) return config.PORT;
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, config.HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const port = await fixedPort();
// Each worker accepts its own connections from the shared socket (rather than the supervisor
// accepting and handing them over): a connection handed to a worker at the moment it died would
// hang until the visitor gave up; this way it is closed at once and can be tried again.
cluster.schedulingPolicy = cluster.SCHED_NONE;
cluster.setupPrimary({ exec: path.resolve("server.js") });

const RESET_AFTER_MS = 60_000;
const LONGEST_PAUSE_MS = 30_000;
let stopping = false;
let announced = false;
const starting = new Set();
const timers = new Set();
/** Workers that died one after another without staying up a minute: each waits longer. */
let failures = 0;

let started = 0;

function start() {
  started++;
  const worker = cluster.fork({ PORT: String(port) });
  const startedAt = Date.now();
  let ready = false;
  starting.add(worker);
  worker.on("message", (message) => {
    if (message?.type !== "portal:ready" || ready) return;
    ready = true;
    starting.delete(worker);
    if (!announced && started < wanted) {
      while (started < wanted) start();
      return;
    }
    if (!announced && starting.size === 0) {
      announced = true;
      console.log(
        `Portal ready on http://localhost:${message.port} (database: ${message.database}, ` +
          `${wanted} web worker${wanted === 1 ? "" : "s"})`,
      );
    }
  });
  worker.on("exit", (code, signal) => {
    starting.delete(worker);
    if (stopping) return;
    const why = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!announced && !ready) {
      // Nothing has ever served: a setting or the database is wrong, and trying again will not help.
      console.error(`web worker (pid ${worker.process.pid}) could not start (${why}); stopping`);
      stopAll("start-up failure", code || 1);
      return;
    }
    if (Date.now() - startedAt > RESET_AFTER_MS) failures = 0;
    const pause = Math.min(100 * 2 ** failures, LONGEST_PAUSE_MS);
    failures++;
    console.error(
      `web worker ${worker.id} (pid ${worker.process.pid}) died (${why}) after ` +
        `${((Date.now() - startedAt) / 1000).toFixed(1)} s; starting another in ${pause} ms`,
    );
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopping) start();
    }, pause);
    timers.add(timer);
  });
}

function stopAll(reason, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const timer of timers) clearTimeout(timer);
  const workers = Object.values(cluster.workers ?? {});
  console.log(`${reason}: stopping ${workers.length} web worker${workers.length === 1 ? "" : "s"}`);
  const deadline = setTimeout(() => {
    for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill("SIGKILL");
    process.exit(1);
  }, 15_000);
  deadline.unref();
  let worst = exitCode;
  const finish = () => {
    if (Object.keys(cluster.workers ?? {}).length > 0) return;
    clearTimeout(deadline);
    process.exit(worst);
  };
  cluster.on("exit", (_worker, code, signal) => {
    if (code || signal) worst ||= code || 1;
    finish();
  });
  for (const worker of workers) worker.process.kill("SIGTERM");
  finish();
}

process.on("SIGTERM", () => stopAll("SIGTERM received"));
process.on("SIGINT", () => stopAll("SIGINT received"));

start();
