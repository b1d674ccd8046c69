import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { db, schema } from "#db/client";
import { findForm } from "#app/forms/registry";
import { startDraft } from "#app/models/draft.server";
import { organisationForHost } from "#app/models/organisation.server";
import { enqueueEmail } from "#app/models/outbox.server";
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
  expect(run.purged.westmoor?.drafts).toBeGreaterThanOrEqual(1);
  const left = await db().select({ id: schema.draft.id }).from(schema.draft);
  expect(left.map((d) => d.id)).toContain(live.draft.id);
  expect(left.map((d) => d.id)).not.toContain(old.draft.id);
});

test("the retention schedule runs with it: a body delivered over 30 days ago is emptied", async () => {
  const westmoor = (await organisationForHost("localhost"))!;
  await enqueueEmail(db(), {
    organisationId: westmoor.id,
    template: "test.housekeeping",
    recipient: "someone@example.org",
    subject: "Delivered long ago",
    bodyText: "Old words",
  });
  await db()
    .update(schema.outboxMessage)
    .set({ sentAt: sql`now() - interval '31 days'` })
    .where(eq(schema.outboxMessage.subject, "Delivered long ago"));
  const run = await runHousekeeping();
  expect(run.purged.westmoor).toMatchObject({ emailBodies: 1 });
  const [row] = await db()
    .select({ body: schema.outboxMessage.bodyText })
    .from(schema.outboxMessage)
    .where(eq(schema.outboxMessage.subject, "Delivered long ago"));
  expect(row!.body).toBeNull();
});

test("limit counters go once their window has ended; live ones stay", async () => {
  await db()
    .insert(schema.rateLimit)
    .values([
      { key: "housekeeping:ended", count: 3, resetAt: sql`now() - interval '1 minute'` },
      { key: "housekeeping:live", count: 3, resetAt: sql`now() + interval '1 hour'` },
    ]);
  const run = await runHousekeeping();
  expect(run.limitCountersDeleted).toBeGreaterThanOrEqual(1);
  const keys = await db()
    .select({ key: schema.rateLimit.key })
    .from(schema.rateLimit)
    .where(sql`${schema.rateLimit.key} like 'housekeeping:%'`);
  expect(keys.map((k) => k.key)).toEqual(["housekeeping:live"]);
});
