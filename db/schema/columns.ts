import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { isSealed, readSealed, seal } from "../sealing";
import { organisation } from "./organisation";

/** The council a row belongs to. Every domain table has one. */
export const organisationId = () =>
  uuid("organisation_id")
    .notNull()
    .references(() => organisation.id);

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * Text a person wrote, sealed at rest (AES-256-GCM, with the id of the key that sealed it).
 * Stored as `text`; models read and write plain strings. Plain text from before sealing began
 * is read as it is until the reseal at start-up seals it.
 */
export const sealedText = customType<{ data: string; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => seal(value),
  fromDriver: (value) => readSealed(value),
});

/** A JSON value a person wrote, sealed at rest as one `text` value. */
export const sealedJson = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => seal(JSON.stringify(value)),
    fromDriver: (value) => JSON.parse(readSealed(value)) as T,
  })(name);

/**
 * Keys of an audit entry's detail that hold words someone wrote (an officer's note, a reason);
 * their values are sealed, the rest (references, dates, choices) stays readable for reports.
 */
export const WRITTEN_DETAIL_KEYS = ["note", "reason"] as const;

type Detail = Record<string, unknown>;

const mapWritten = (detail: Detail, change: (text: string) => string): Detail =>
  Object.fromEntries(
    Object.entries(detail).map(([key, value]) => [
      key,
      typeof value === "string" && (WRITTEN_DETAIL_KEYS as readonly string[]).includes(key)
        ? change(value)
        : value,
    ]),
  );

/** An audit entry's detail (`jsonb`) with its written words sealed. */
export const auditDetail = customType<{ data: Detail; driverData: unknown }>({
  dataType: () => "jsonb",
  toDriver: (value) =>
    JSON.stringify(mapWritten(value, (text) => (isSealed(text) ? text : seal(text)))),
  fromDriver: (value) => {
    const parsed = (typeof value === "string" ? JSON.parse(value) : value) as Detail;
    return mapWritten(parsed ?? {}, readSealed);
  },
});
