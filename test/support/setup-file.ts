// Before each test file: its own copy of the seeded database, used by every model.
import { afterAll, beforeAll } from "vitest";
import { setDatabase } from "#db/client";
import { forgetCachedOrganisations } from "#app/models/organisation.server";
import { loadSecretKey } from "#app/utils/secrets.server";
import { openTestDatabase } from "./databases";
import { TEST_SECRET_KEY } from "./server";

let dispose: (() => Promise<void>) | undefined;

beforeAll(async () => {
  loadSecretKey({ secretKey: TEST_SECRET_KEY });
  const open = await openTestDatabase();
  dispose = open.dispose;
  setDatabase(open.db);
  forgetCachedOrganisations();
});

afterAll(async () => {
  setDatabase(undefined);
  await dispose?.();
});
