// Columns whose values are sealed at rest (their own file: the council's row uses one, and
// columns.ts refers back to that row).
import { customType } from "drizzle-orm/pg-core";
import { readSealed, seal } from "../sealing";

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
