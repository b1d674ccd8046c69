// The PostgreSQL connection pool, kept alive through a fault inside the driver.
//
// postgres.js 3.4 (up to 3.4.10, the newest 3.x) can throw from a timer of its own when a
// connection closes under a transaction that still has a query to send: `nextWrite` runs after
// `closed()` has set its socket to null ("Cannot read properties of null (reading 'write')").
// Nothing can catch that: it ends the process. It happens when PostgreSQL restarts under load.
// Here such an error is contained: logged once with its cause, and the pool is opened afresh
// (the connection it came from cannot send again), while the process carries on serving. Any
// other uncaught error still ends the process, as Node does.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

export type PoolOptions = postgres.Options<Record<string, postgres.PostgresType>>;

/** A pool whose connections can be replaced without its users noticing. */
type RenewablePool = { renew: (cause: Error) => void };

const pools = new Set<RenewablePool>();
let containing = false;

/** Whether an error was thrown by the driver's own code (its first stack frame is there). */
export function isDriverFault(error: unknown): error is Error {
  if (!(error instanceof Error) || typeof error.stack !== "string") return false;
  const frame = error.stack.split("\n").find((line) => /^\s+at /.test(line));
  return frame !== undefined && /[\\/]node_modules[\\/]postgres[\\/]/.test(frame);
}

function firstFrame(error: Error): string {
  return (
    error.stack
      ?.split("\n")
      .find((line) => /^\s+at /.test(line))
      ?.trim() ?? "no stack"
  );
}

function onUncaughtException(error: unknown, origin: string): void {
  if (origin === "uncaughtException" && isDriverFault(error)) {
    console.error(
      `PostgreSQL driver fault contained (the process carries on; its connections are opened ` +
        `afresh): ${error.name}: ${error.message} ${firstFrame(error)}`,
    );
    for (const pool of pools) pool.renew(error);
    return;
  }
  // Not ours: when nobody else listens, end the process as Node would have.
  if (process.listenerCount("uncaughtException") === 1) {
    console.error(error);
    process.exit(1);
  }
}

function contain(): void {
  if (containing) return;
  containing = true;
  process.on("uncaughtException", onUncaughtException);
}

function release(pool: RenewablePool): void {
  pools.delete(pool);
  if (pools.size === 0 && containing) {
    containing = false;
    process.off("uncaughtException", onUncaughtException);
  }
}

/**
 * A postgres.js client whose connections are replaced after a driver fault: it answers exactly
 * like one client (queries, `begin`, `unsafe`, `options`), always through the newest pool. A
 * retired pool is given time to finish what it was doing, then closed.
 */
export function openPostgresPool(url: string, options: PoolOptions) {
  const make = () => {
    const sql = postgres(url, options);
    // drizzle sets its own value parsers on the client it is given: the same on every pool.
    drizzle(sql);
    return sql;
  };
  let current = make();
  let renewedAt = 0;
  const retiring = new Set<Promise<void>>();

  const pool: RenewablePool = {
    renew() {
      // One fault is usually followed by others from the same outage: renew once a second.
      if (performance.now() - renewedAt < 1_000) return;
      renewedAt = performance.now();
      const old = current;
      current = make();
      const ending = old
        .end({ timeout: 5 })
        .catch(() => {})
        .finally(() => retiring.delete(ending));
      retiring.add(ending);
    },
  };
  pools.add(pool);
  contain();

  const sql = new Proxy((() => {}) as unknown as postgres.Sql, {
    apply: (_target, thisArg, args) => Reflect.apply(current, thisArg, args),
    get: (_target, property) => Reflect.get(current, property),
    has: (_target, property) => Reflect.has(current, property),
  });
  const end = async (timeoutSeconds = 5) => {
    release(pool);
    await Promise.all([current.end({ timeout: timeoutSeconds }), ...retiring]);
  };
  return { sql, end };
}
