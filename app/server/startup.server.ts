import { isDatabaseUnavailable, openDatabase, setDatabase, type OpenDatabase } from "#db/client";
import { seedDemo } from "#app/models/demo.server";
import { checkPublicAddresses } from "#app/models/organisation.server";
import {
  anyCouncil,
  createCouncil,
  NO_COUNCIL_YET,
  type NewCouncil,
} from "#app/models/council.server";
import { loadSecretKey } from "#app/utils/secrets.server";
import { env } from "#app/config.server";
import { resealEverything, type ResealReport } from "./reseal.server";
import { moveOldSatisfactionAnswers } from "#app/models/representation/satisfaction.server";
import { smtpTransport } from "./mail.server";
import { startHousekeeping } from "./housekeeping.server";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker.server";

export type RunningPortal = { database: OpenDatabase; close: () => Promise<void> };

/**
 * Opens the database (embedded PGlite, or the PostgreSQL server in DATABASE_URL), applies the
 * migrations and makes it the one every model uses; seeds the demo councils when asked.
 */
async function openPortalDatabase({
  seed,
  quiet,
}: {
  seed: boolean;
  quiet?: boolean;
}): Promise<OpenDatabase> {
  const config = env();
  loadSecretKey({
    secretKey: config.SECRET_KEY,
    keyFile: config.DATABASE_URL ? undefined : `${config.DATA_DIR}.secret-key`,
    previousKeys: config.PREVIOUS_SECRET_KEYS,
  });
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: "postgres", url: config.DATABASE_URL }
      : { kind: "pglite", dataDir: config.DATA_DIR },
  );
  try {
    await database.migrate();
    setDatabase(database.db);
    // Anything not yet sealed with the current key (older rows, a rotated key) is sealed now.
    logResealed(await resealEverything());
    // Questionnaires kept the old way are moved onto the one pipeline (once; then nothing to do).
    const moved = await moveOldSatisfactionAnswers();
    if (moved > 0) console.log(`Satisfaction questionnaires moved to the pipeline: ${moved}`);
    if (seed) {
      await seedDemo({
        port: config.PORT,
        publicUrl: config.PUBLIC_URL,
        signInService: config.DEMO_SIGN_IN_SERVICE,
      });
    }
    if (!quiet && !(await anyCouncil())) console.error(NO_COUNCIL_YET);
    // Every link in an email or letter starts with the council's own address: none, no start.
    await checkPublicAddresses(
      config.PUBLIC_URL ?? (config.production ? undefined : `http://localhost:${config.PORT}`),
    );
  } catch (error) {
    setDatabase(undefined);
    await database.close();
    throw error;
  }
  return database;
}

/** How long a starting process waits for a PostgreSQL server that does not answer yet. */
const DATABASE_WAIT_MS = 60_000;

/**
 * Opens the portal's database, waiting (trying every second, up to a minute) while a PostgreSQL
 * server does not answer: a worker replaced during a database restart waits for it to come back
 * instead of dying again. Any other problem (a wrong setting, a failed migration) stops at once.
 */
async function openWhenAnswering(options: {
  seed: boolean;
  quiet?: boolean;
}): Promise<OpenDatabase> {
  const giveUpAt = Date.now() + DATABASE_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPortalDatabase(options);
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > giveUpAt) throw error;
      if (attempt === 1) console.error("The database is not answering yet: trying every second");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

function logResealed(report: ResealReport) {
  const parts = Object.entries(report).map(([column, count]) => `${column}: ${count}`);
  if (parts.length > 0) console.log(`Sealed again with the current key: ${parts.join(", ")}`);
}

/**
 * `npm run reseal`: opens the database, applies the migrations and seals with SECRET_KEY every
 * value that is plain or sealed with a key in PREVIOUS_SECRET_KEYS (start-up does the same).
 * With the embedded database it runs only while no web process has that database open.
 */
export async function runResealProcess(): Promise<ResealReport> {
  const database = await openWhenAnswering({ seed: false });
  try {
    // Start-up has just done it; asking again reports that nothing is left.
    return await resealEverything();
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}

/**
 * `npm run council -- create …`: opens the database (applying the migrations), creates a council
 * and its first admin, and returns the one-time sign-in link for the command to print once.
 */
export async function runCreateCouncilProcess(input: NewCouncil) {
  const database = await openWhenAnswering({ seed: false, quiet: true });
  try {
    return await createCouncil(input);
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}

function startConfiguredWorker(smtpUrl: string): OutboxWorker {
  const config = env();
  return startOutboxWorker({
    transport: smtpTransport(smtpUrl, config.MAIL_FROM),
    from: config.MAIL_FROM,
    intervalMs: config.OUTBOX_INTERVAL_MS,
  });
}

/**
 * Opens the database, applies the migrations and, for the demo, seeds the two councils. Called
 * once per process. Email: when SMTP_URL is set and OUTBOX_WORKER is "in-process" (the default),
 * this process delivers the outbox itself. With no SMTP_URL nothing is delivered: messages wait
 * in the outbox, and administrators see them on the mailbox page.
 */
export async function startPortal(): Promise<RunningPortal> {
  const config = env();
  const database = await openWhenAnswering({ seed: config.seedDemo });
  const worker =
    config.SMTP_URL && config.OUTBOX_WORKER === "in-process"
      ? startConfiguredWorker(config.SMTP_URL)
      : undefined;
  // Unread-booklet alerts to managers and deleting expired drafts: every 15 minutes.
  const housekeeping = startHousekeeping(15 * 60 * 1000);
  return {
    database,
    close: async () => {
      await housekeeping.stop();
      // The batch in flight is recorded before the database goes.
      await worker?.stop();
      setDatabase(undefined);
      await database.close();
    },
  };
}

export class OutboxWorkerConfigError extends Error {
  constructor() {
    super(
      "The outbox worker needs SMTP_URL (e.g. smtp://user:pass@host:587) to deliver email. " +
        "Set it, or let the web process keep messages waiting on the mailbox page.",
    );
    this.name = "OutboxWorkerConfigError";
  }
}

/**
 * A process that only delivers email (`npm run worker`), for deployments that set
 * OUTBOX_WORKER=off on their web processes. It shares the web processes' PostgreSQL server; with
 * the embedded database it can run only while no web process has that database open.
 */
export async function runOutboxWorkerProcess(): Promise<RunningPortal> {
  const config = env();
  if (!config.SMTP_URL) throw new OutboxWorkerConfigError();
  const database = await openWhenAnswering({ seed: false });
  const worker = startConfiguredWorker(config.SMTP_URL);
  return {
    database,
    close: async () => {
      await worker.stop();
      setDatabase(undefined);
      await database.close();
    },
  };
}
