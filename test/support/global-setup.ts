import fs from "node:fs";
import { openDatabase, setDatabase } from "#db/client";
import { seedDemo } from "#app/models/demo.server";
import { loadSecretKey } from "#app/utils/secrets.server";
import { admin, serverUrl, snapshotPath, templateName, urlFor } from "./databases";
import { TEST_SECRET_KEY } from "./server";

/**
 * Once per run: the migrated, seeded starting point that every test file copies — a template
 * database on a PostgreSQL server, or a snapshot of an in-memory PGlite.
 */
export async function setup() {
  if (serverUrl) await admin((sql) => sql.unsafe(`create database "${templateName()}"`));
  const open = await openDatabase(
    serverUrl
      ? { kind: "postgres", url: urlFor(templateName()), maxConnections: 2 }
      : { kind: "pglite-memory" },
  );
  try {
    await open.migrate();
    setDatabase(open.db);
    // The demo's few answers are sealed with the key every test process and server uses.
    loadSecretKey({ secretKey: TEST_SECRET_KEY });
    await seedDemo();
    setDatabase(undefined);
    if (open.pglite) {
      const dump = await open.pglite.dumpDataDir("gzip");
      fs.writeFileSync(snapshotPath(), Buffer.from(await dump.arrayBuffer()));
    }
  } finally {
    await open.close();
  }
}

export async function teardown() {
  if (serverUrl) {
    const prefix = `portal_test_${process.env.PORTAL_TEST_RUN_ID}_`;
    await admin(async (sql) => {
      const rows = await sql<{ datname: string }[]>`
        select datname from pg_database where starts_with(datname, ${prefix})`;
      for (const { datname } of rows) {
        await sql.unsafe(`drop database if exists "${datname}" with (force)`);
      }
    });
  } else {
    fs.rmSync(snapshotPath(), { force: true });
  }
}
