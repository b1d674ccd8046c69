import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** PostgreSQL server; when absent the embedded database in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data/portal"),
  /** Seed the two demo councils and their staff. Default: on for the embedded database only. */
  SEED_DEMO: z.enum(["true", "false"]).optional(),
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
  /** Failed sign-ins allowed per address in 15 minutes (per account: 5). */
  SIGN_IN_ADDRESS_LIMIT: z.coerce.number().int().positive().default(20),
});

export type Env = z.infer<typeof schema> & { production: boolean; seedDemo: boolean };

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
  cached = {
    ...value,
    production: value.NODE_ENV === "production",
    seedDemo: value.SEED_DEMO ? value.SEED_DEMO === "true" : !value.DATABASE_URL,
  };
  return cached;
}
