import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { isSealed, readSealed, seal } from "../sealing";
import { organisation } from "./organisation";

export { sealedJson, sealedText } from "./sealed";

/** The council a row belongs to. Every domain table has one. */
export const organisationId = () =>
  uuid("organisation_id")
    .notNull()
    .references(() => organisation.id);

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

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
