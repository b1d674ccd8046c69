// Before each test file: its own copy of the seeded database, used by every model.
import { afterAll, beforeAll } from "vitest";
import { setDatabase } from "#db/client";
import { forgetCachedOrganisations } from "#app/models/organisation.server";
import { openTestDatabase } from "./databases";

let dispose: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const open = await openTestDatabase();
  dispose = open.dispose;
  setDatabase(open.db);
  forgetCachedOrganisations();
});

afterAll(async () => {
  setDatabase(undefined);
  await dispose?.();
});
