// Test databases: a migrated, seeded starting point made once per run, and a fresh copy of it
// for each test file (and each server a test starts). PGlite copies a snapshot; PostgreSQL
// copies a template database. Set TEST_DATABASE_URL to use a PostgreSQL server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type OpenDatabase } from "#db/client";

export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

export function runId(): string {
  const id = process.env.PORTAL_TEST_RUN_ID;
  if (!id) throw new Error("PORTAL_TEST_RUN_ID is set by the test global setup");
  return id;
}

export const snapshotPath = () => path.join(os.tmpdir(), `portal-test-${runId()}.tar.gz`);
export const templateName = () => `portal_test_${runId()}_template`;

export function urlFor(database: string): string {
  if (!serverUrl) throw new Error("no TEST_DATABASE_URL");
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

let counter = 0;

/** A new PostgreSQL database copied from the run's template; its name and URL. */
export async function createServerDatabase(): Promise<{ name: string; url: string }> {
  const name = `portal_test_${runId()}_${process.pid}_${++counter}`;
  await admin((sql) => sql.unsafe(`create database "${name}" template "${templateName()}"`));
  return { name, url: urlFor(name) };
}

export async function dropServerDatabase(name: string): Promise<void> {
  await admin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

export type OwnDatabase = {
  /** What the server is started with to use it. */
  env: Record<string, string>;
  /** How this process opens it, once the server has stopped. */
  config: Parameters<typeof openDatabase>[0];
  dispose: () => Promise<void>;
};

/** A database of a server's own, which this process can open once that server has stopped. */
export async function ownServerDatabase(prefix: string): Promise<OwnDatabase> {
  if (serverUrl) {
    const { name, url } = await createServerDatabase();
    return {
      env: { DATABASE_URL: url },
      config: { kind: "postgres", url, maxConnections: 1 },
      dispose: () => dropServerDatabase(name),
    };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(folder, "db");
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: "" },
    config: { kind: "pglite", dataDir },
    dispose: async () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}

/** A fresh, migrated and seeded database for one test file. */
export async function openTestDatabase(): Promise<OpenDatabase & { dispose: () => Promise<void> }> {
  if (serverUrl) {
    const { name, url } = await createServerDatabase();
    const open = await openDatabase({ kind: "postgres", url, maxConnections: 4 });
    return {
      ...open,
      dispose: async () => {
        await open.close();
        await dropServerDatabase(name);
      },
    };
  }
  const snapshot = new Blob([fs.readFileSync(snapshotPath())]);
  const open = await openDatabase({ kind: "pglite-snapshot", snapshot });
  return { ...open, dispose: open.close };
}
