import { availableParallelism } from "node:os";
import { z } from "zod";

/** The sender when MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = "Have your say <no-reply@localhost>";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** PostgreSQL server; when absent the embedded database in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data/portal"),
  /** Seed the two demo councils and their staff. Default: on for the embedded database only. */
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  /** Set by `DEMO_SIGN_IN=true npm start`: the demo sign-in service the demo councils use. */
  DEMO_SIGN_IN_SERVICE: z.url().optional(),
  /**
   * The address links in emails, letters and QR codes start with, for every council without its
   * own public_url (e.g. https://haveyoursay.westmoor.gov.uk). Never taken from a request.
   */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#@\s]+(\/[^?#\s]*)?$/, "must be an http:// or https:// address")
    .optional(),
  /** Slug of the council served when the host name matches none. */
  DEFAULT_ORGANISATION: z.string().optional(),
  /** Express "trust proxy" setting, when behind a load balancer (e.g. "1" or "loopback"). */
  TRUST_PROXY: z.string().optional(),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /** Largest CSV upload to the complaints import page (signed-in officers only), in bytes. */
  IMPORT_BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(3 * 1024 * 1024),
  /**
   * Seconds a page that every new visitor sees alike (a form's start page) is kept ready-made.
   * Default: 30 in production, 0 (off) otherwise, so edited translations show at once.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).optional(),
  /** Forms one address may send in an hour (a children's home or an office shares one). */
  SEND_ADDRESS_LIMIT: z.coerce.number().int().positive().default(60),
  /** Forms one browser (its session) may send in an hour. */
  SEND_SESSION_LIMIT: z.coerce.number().int().positive().default(10),
  /** Forms one address may start in an hour (each start keeps a draft). */
  START_ADDRESS_LIMIT: z.coerce.number().int().positive().default(200),
  /**
   * Seconds a member of staff may be idle before being signed out (30 minutes). What they were
   * typing is kept to send after signing in again; with JavaScript they are warned first.
   */
  STAFF_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60),
  /** Failed sign-ins allowed per address in 15 minutes (per account: 5). */
  SIGN_IN_ADDRESS_LIMIT: z.coerce.number().int().positive().default(20),
  /**
   * At least 32 characters of randomness: seals drafts and keys the hashes of codes and links.
   * Required with DATABASE_URL; with the embedded database one is made beside DATA_DIR.
   */
  SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * Retired keys, comma-separated, still needed to read what they sealed until everything has
   * been sealed again with SECRET_KEY (`npm run reseal`, or any start). Never used to seal.
   */
  PREVIOUS_SECRET_KEYS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((key) => key.trim())
        .filter((key) => key !== ""),
    )
    .pipe(z.array(z.string().min(32, "each key must be at least 32 characters"))),
  /** Days a saved form can be resumed. */
  DRAFT_DAYS: z.coerce.number().int().positive().default(30),
  /** Days after the review date that an invitation link or code still works. */
  INVITATION_GRACE_DAYS: z.coerce.number().int().min(0).default(7),
  /** Days after a conference that its feedback link and code take answers. */
  CONFERENCE_FEEDBACK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Days after a review that an "after your review" invitation works. */
  AFTER_REVIEW_DAYS: z.coerce.number().int().min(1).max(90).default(28),
  /** Resume and invitation codes a visitor's address may try in 15 minutes. */
  CODE_ATTEMPT_LIMIT: z.coerce.number().int().positive().default(10),
  /**
   * SMTP server for outgoing email, e.g. `smtp://user:pass@host:587` or `smtps://…:465`. Without
   * it nothing is delivered: messages wait in the outbox, visible on the mailbox page.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  /** The sender of every email the portal sends. */
  MAIL_FROM: z.string().default(DEFAULT_MAIL_FROM),
  /** Pause between outbox runs when there is nothing more to send, in milliseconds. */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  /**
   * Who delivers the outbox: "in-process" (each web process, when SMTP_URL is set) or "off",
   * when a separate worker process (`npm run worker`) does it.
   */
  OUTBOX_WORKER: z.enum(["in-process", "off"]).default("in-process"),
  /**
   * Web server processes `npm start` runs on one port (each restarted if it dies). Default: 1
   * with the embedded database (only one process may open it), else min(2, processors).
   * `WEB_WORKERS` is its older name, still read when it is not set.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  WEB_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
});

export type Env = z.infer<typeof schema> & {
  production: boolean;
  seedDemo: boolean;
  pageCacheSeconds: number;
  webWorkers: number;
};

let cached: Env | undefined;

/** The validated environment; a wrong value stops start-up with a message naming it. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable means "not set".
  const given = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  const value = parsed.data;
  const workersName = value.WEB_CONCURRENCY !== undefined ? "WEB_CONCURRENCY" : "WEB_WORKERS";
  const workers = value.WEB_CONCURRENCY ?? value.WEB_WORKERS;
  if (!value.DATABASE_URL && (workers ?? 1) > 1) {
    throw new Error(
      `Invalid environment:\n  ${workersName}: more than 1 needs DATABASE_URL ` +
        "(the embedded database can be open in one process only)",
    );
  }
  cached = {
    ...value,
    production: value.NODE_ENV === "production",
    seedDemo: value.SEED_DEMO ? value.SEED_DEMO === "true" : !value.DATABASE_URL,
    pageCacheSeconds: value.PAGE_CACHE_SECONDS ?? (value.NODE_ENV === "production" ? 30 : 0),
    webWorkers: workers ?? (value.DATABASE_URL ? Math.min(2, availableParallelism()) : 1),
  };
  return cached;
}
