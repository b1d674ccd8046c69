import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { openPostgresPool } from "./postgres-pool";
import * as schema from "./schema/index";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseConfig =
  | { kind: "postgres"; url: string; maxConnections?: number }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-snapshot"; snapshot: Blob }
  | { kind: "pglite-memory" };

export type OpenDatabase = {
  db: Database;
  kind: DatabaseConfig["kind"];
  /** Applies the committed migrations (the same folder on PGlite and on PostgreSQL). */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /** The embedded database itself, for taking a snapshot in tests. */
  pglite?: PGlite;
};

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export class DatabaseLockedError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already open in another process (pid ${pid}). ` +
        `Only one process may use it at a time, or rows are lost. Stop that process first, ` +
        `or set DATABASE_URL to use a PostgreSQL server that several processes can share.`,
    );
    this.name = "DatabaseLockedError";
  }
}

/**
 * The embedded database's files are for this process's user only: the folder and every folder in
 * it 0700, every file 0600. PGlite unpacks a new folder with wider modes (0666), and a folder
 * made by an older version may have them too, so they are put right at every open.
 */
export function restrictDataDirModes(dataDir: string): void {
  const walk = (folder: string) => {
    fs.chmodSync(folder, 0o700);
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) fs.chmodSync(full, 0o600);
    }
  };
  if (fs.existsSync(dataDir)) walk(dataDir);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock of its own: two processes on one directory silently lose rows. Take a lock
 * file beside the directory (atomic create); a lock left by a process that has died is replaced.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, "wx", 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
        throw new DatabaseLockedError(dataDir, pid);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.kind === "postgres") {
    // A fault inside the driver when a connection drops must not end the process: the pool
    // contains it and opens its connections afresh (see postgres-pool.ts).
    const { sql, end } = openPostgresPool(config.url, {
      max: config.maxConnections ?? 10,
      // A database that is down or restarting is noticed within seconds, not half a minute, and
      // tried again at least every second (the driver's own wait grows to 20 s), so the portal
      // serves again within a second or two of the database coming back.
      connect_timeout: 3,
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      onnotice: () => {},
      connection: { application_name: "have-your-say-portal" },
    });
    const db = drizzlePostgres(sql, { schema }) as unknown as Database;
    const migrate = async () => {
      // Several instances may start at once: one migrates while the others wait on the lock.
      // A one-connection client keeps the lock and the migration in the same session.
      const session = postgres(config.url, { max: 1, onnotice: () => {} });
      try {
        await session`select pg_advisory_lock(7347001)`;
        await migratePostgres(drizzlePostgres(session), { migrationsFolder: MIGRATIONS_FOLDER });
        await session`select pg_advisory_unlock(7347001)`;
      } finally {
        await session.end({ timeout: 5 });
      }
    };
    return { db, kind: "postgres", migrate, close: () => end(5) };
  }
  let unlock = () => {};
  let client: PGlite;
  if (config.kind === "pglite") {
    fs.mkdirSync(path.dirname(path.resolve(config.dataDir)), { recursive: true });
    unlock = lockDataDir(path.resolve(config.dataDir));
    try {
      restrictDataDirModes(path.resolve(config.dataDir));
      client = await PGlite.create(config.dataDir);
      // What PostgreSQL creates from now on is 0600 already; what PGlite unpacked is not.
      restrictDataDirModes(path.resolve(config.dataDir));
    } catch (error) {
      unlock();
      throw error;
    }
  } else if (config.kind === "pglite-snapshot") {
    client = await PGlite.create({ loadDataDir: config.snapshot });
  } else {
    client = await PGlite.create();
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: config.kind,
    pglite: client,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** PostgreSQL's and the driver's ways of saying "the database is not there right now". */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE", // written to a connection the server had just closed
  "ENOTFOUND",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin shutdown
  "57P02", // crash shutdown
  "57P03", // cannot connect now (starting up or shutting down)
  "53300", // too many connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/**
 * Whether an error means the database server is down or restarting (not that a query was
 * wrong): visitors then get "try again shortly" (503), not "something went wrong" (500).
 * Query errors arrive wrapped, so the chain of causes is followed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}

// Kept on globalThis so that a rebuilt server bundle in development finds the open database.
const holder = globalThis as typeof globalThis & { __portalDatabase?: Database };

/** The database every model uses. Set once at start-up (or per test file). */
export function db(): Database {
  if (!holder.__portalDatabase) throw new Error("The database has not been opened yet.");
  return holder.__portalDatabase;
}

export function setDatabase(database: Database | undefined): void {
  holder.__portalDatabase = database;
}

export { schema };
