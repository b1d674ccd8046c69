import { openDatabase, setDatabase, type OpenDatabase } from "#db/client";
import { seedDemo } from "#db/seed";
import { env } from "./env.server";

export type RunningPortal = { database: OpenDatabase; close: () => Promise<void> };

/**
 * Opens the database (embedded PGlite, or the PostgreSQL server in DATABASE_URL), applies the
 * migrations and, for the demo, seeds the two councils. Called once per process.
 */
export async function startPortal(): Promise<RunningPortal> {
  const config = env();
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: "postgres", url: config.DATABASE_URL }
      : { kind: "pglite", dataDir: config.DATA_DIR },
  );
  try {
    await database.migrate();
    setDatabase(database.db);
    if (config.seedDemo) await seedDemo();
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    database,
    close: async () => {
      setDatabase(undefined);
      await database.close();
    },
  };
}
