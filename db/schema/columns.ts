import { timestamp, uuid } from "drizzle-orm/pg-core";
import { organisation } from "./organisation";

/** The council a row belongs to. Every domain table has one. */
export const organisationId = () =>
  uuid("organisation_id")
    .notNull()
    .references(() => organisation.id);

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
