// The PostgreSQL connection pool, kept alive through a fault inside the driver.
//
// postgres.js 3.4 (up to 3.4.10, the newest 3.x) can throw from a timer of its own when a
// connection closes under a transaction that still has a query to send: `nextWrite` runs after
// `closed()` has set its socket to null ("Cannot read properties of null (reading 'write')").
// Nothing can catch that: it ends the process. It happens when PostgreSQL restarts under load.
// Here such an error is contained: logged once with its cause, and the pool is opened afresh
// (the connection it came from cannot send again), while the process carries on serving. A
// refused connection to the database's port, left unhandled while PostgreSQL is down, is
// contained the same way. Any other uncaught error still ends the process, as Node does.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

export type PoolOptions = postgres.Options<Record<string, postgres.PostgresType>>;

/** A pool whose connections can be replaced without its users noticing. */
type RenewablePool = { renew: (cause: Error) => void; port: number };

const pools = new Set<RenewablePool>();
let containing = false;

/** Whether an error was thrown by the driver's own code (its first stack frame is there). */
export function isDriverFault(error: unknown): error is Error {
  if (!(error instanceof Error) || typeof error.stack !== "string") return false;
  const frame = error.stack.split("\n").find((line) => /^\s+at /.test(line));
  return frame !== undefined && /[\\/]node_modules[\\/]postgres[\\/]/.test(frame);
}

/**
 * Whether an error is a refused connection to one of these database ports. While PostgreSQL
 * restarts, the driver can leave such an error unhandled: its only stack frame is Node's own
 * (`TCPConnectWrap.afterConnect`), so it is recognised by what it connected to.
 */
export function isRefusedDatabaseConnection(
  error: unknown,
  databasePorts: ReadonlySet<number>,
): error is Error {
  if (!(error instanceof Error)) return false;
  const { syscall, code, port } = error as Error & {
    syscall?: unknown;
    code?: unknown;
    port?: unknown;
  };
  return (
    syscall === "connect" &&
    (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ETIMEDOUT") &&
    typeof port === "number" &&
    databasePorts.has(port)
  );
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
  const ports = new Set([...pools].map((pool) => pool.port));
  // The driver's timer throws (an uncaught exception); a refused connection it started is left
  // as a rejected promise nobody awaits, which Node raises here with origin "unhandledRejection".
  const fault =
    (origin === "uncaughtException" && isDriverFault(error)) ||
    isRefusedDatabaseConnection(error, ports);
  if (fault) {
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

/** The port a connection string names (PostgreSQL's own when it names none). */
export function databasePort(url: string): number {
  try {
    return Number(new URL(url).port || 5432);
  } catch {
    return 5432;
  }
}

type Client = postgres.Sql | postgres.TransactionSql;
type Unsafe = (query: string, parameters?: unknown[], options?: object) => unknown;
type WithClient = (client: Client) => unknown;

/**
 * A client's member, with every statement kept prepared on its connection. drizzle asks the
 * driver for an unnamed statement unless a query is given a name, and postgres.js sends an
 * unnamed statement with parameters in two round trips (it asks for the parameters' types first,
 * then sends the values): with a database 20 ms away, a Send of 3 statements took 6 round trips.
 * A prepared statement is asked about once per connection and then costs one round trip each
 * time. The same holds inside transactions and savepoints.
 */
function preparing(client: Client, property: string | symbol): unknown {
  const member = Reflect.get(client, property) as unknown;
  if (property === "unsafe") {
    const unsafe = member as Unsafe;
    return (query: string, parameters?: unknown[], options?: object) =>
      unsafe(query, parameters, { ...options, prepare: true });
  }
  if (property === "begin" || property === "savepoint") {
    const open = member as (...args: unknown[]) => unknown;
    return (...args: unknown[]) =>
      open(
        ...args.map((argument) =>
          typeof argument === "function"
            ? (inner: Client) => (argument as WithClient)(preparedClient(inner))
            : argument,
        ),
      );
  }
  return member;
}

function preparedClient(client: Client): Client {
  return new Proxy(client, { get: (target, property) => preparing(target, property) });
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
    port: databasePort(url),
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
    get: (_target, property) => preparing(current, property),
    has: (_target, property) => Reflect.has(current, property),
  });
  const end = async (timeoutSeconds = 5) => {
    release(pool);
    await Promise.all([current.end({ timeout: timeoutSeconds }), ...retiring]);
  };
  return { sql, end };
}
