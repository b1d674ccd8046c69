import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db, schema } from "#db/client";
import { findForm } from "#app/forms/registry";
import { startDraft } from "#app/models/draft.server";
import { organisationForHost } from "#app/models/organisation.server";
import { runHousekeeping } from "./housekeeping.server";

test("an expired draft is deleted with everything typed in it; a live one stays", async () => {
  const westmoor = (await organisationForHost("localhost"))!;
  const form = findForm("listen-to-me-5-11")!;
  const old = await startDraft({ organisationId: westmoor.id, form, language: "en" });
  const live = await startDraft({ organisationId: westmoor.id, form, language: "en" });
  await db()
    .update(schema.draft)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(schema.draft.id, old.draft.id));
  const run = await runHousekeeping();
  expect(run.draftsDeleted).toBeGreaterThanOrEqual(1);
  const left = await db().select({ id: schema.draft.id }).from(schema.draft);
  expect(left.map((d) => d.id)).toContain(live.draft.id);
  expect(left.map((d) => d.id)).not.toContain(old.draft.id);
});
