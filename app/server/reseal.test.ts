// What a person wrote is sealed at rest with a key that can be rotated: every sealed value names
// its key; the reseal (start-up, `npm run reseal`) moves everything to the current key, seals rows
// written before sealing began, and splits old answers into choices and sealed words.
import { asc, eq, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { keyIdOf, MissingKeyError, seal, sealedKeyId, unseal, setKeyring } from "#db/sealing";
import { findForm } from "#app/forms/registry";
import { answersOf } from "#app/forms/stored-answers";
import type { Answers } from "#app/forms/types";
import { recordAudit } from "#app/models/audit.server";
import { makeResumeCode, resumeDraft, saveAnswers, startDraft } from "#app/models/draft.server";
import { organisationForHost, type Organisation } from "#app/models/organisation.server";
import { trackRepresentation } from "#app/models/representation/tracking.server";
import { submitDraft } from "#app/models/submission.server";
import { TEST_SECRET_KEY } from "#test/support/server";
import { resealEverything, sealedColumns } from "./reseal.server";

const KEY_A = TEST_SECRET_KEY;
const KEY_B = "the-second-key-after-rotation-0123456789abcdef";
const KEY_C = "a-key-nobody-kept-afterwards-0123456789abcdef";

afterAll(() => setKeyring(TEST_SECRET_KEY));

/** Rows of a raw query, whichever driver answers (postgres.js gives an array, PGlite `rows`). */
async function rawRows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db().execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

const byCode = () => [
  { table: schema.draft, column: schema.draft.answersSealed as PgColumn },
  { table: schema.outboxMessage, column: schema.outboxMessage.sealedSecret as PgColumn },
];

/** Every sealed value as stored, with where it is. */
async function storedValues(): Promise<{ where: string; value: string }[]> {
  const found: { where: string; value: string }[] = [];
  for (const { table, column } of [...sealedColumns(), ...byCode()]) {
    const name = `${getTableName(table)}.${column.name}`;
    const rows = await rawRows<{ v: string }>(
      sql`select ${sql.identifier(column.name)} as v from ${sql.identifier(getTableName(table))} where ${sql.identifier(column.name)} is not null`,
    );
    for (const row of rows) found.push({ where: name, value: row.v });
  }
  const audit = await rawRows<{ d: string }>(
    sql`select detail::text as d from audit_event where detail ? 'note' or detail ? 'reason'`,
  );
  for (const row of audit) {
    const detail = JSON.parse(row.d) as Record<string, unknown>;
    for (const key of ["note", "reason"])
      if (typeof detail[key] === "string")
        found.push({ where: `audit_event.detail.${key}`, value: detail[key] });
  }
  return found;
}

/** Everything the portal reads back from every table with sealed words, as plain text. */
async function readBack(): Promise<string> {
  const tables = new Map<string, typeof schema.submission>();
  for (const { table } of sealedColumns()) tables.set(getTableName(table), table as never);
  const out: Record<string, unknown> = {};
  for (const [name, table] of tables) {
    const id = getTableColumns(table).id as PgColumn;
    const rows: Record<string, unknown>[] = await db().select().from(table).orderBy(asc(id));
    // A code an email carries is sealed by the code itself: compare what it opens to.
    out[name] = rows.map((row) =>
      typeof row.sealedSecret === "string"
        ? { ...row, sealedSecret: unseal(row.sealedSecret) }
        : row,
    );
  }
  out.audit = await db()
    .select({ id: schema.auditEvent.id, detail: schema.auditEvent.detail })
    .from(schema.auditEvent)
    .orderBy(asc(schema.auditEvent.id));
  out.drafts = (
    await db()
      .select({ sealed: schema.draft.answersSealed })
      .from(schema.draft)
      .orderBy(asc(schema.draft.id))
  ).map((row) => unseal(row.sealed));
  return JSON.stringify(out);
}

async function council(): Promise<Organisation> {
  const found = await organisationForHost("localhost");
  if (!found) throw new Error("no council");
  return found;
}

async function send(formId: string, answers: Answers) {
  const organisation = await council();
  const form = findForm(formId)!;
  const { draft, token } = await startDraft({
    organisationId: organisation.id,
    form,
    language: "en",
  });
  await saveAnswers(draft, answers);
  const result = await submitDraft({
    organisation,
    form,
    draftToken: token,
    portalUrl: "http://portal.test",
  });
  if (result.status !== "sent") throw new Error(`not sent: ${JSON.stringify(result)}`);
  return { organisation, result };
}

const BOOKLET_WORDS = "Zephyrine wants more time with her brother";

describe("sealed at rest", () => {
  test("a booklet keeps its choices countable and the child's words sealed", async () => {
    setKeyring(KEY_A);
    const { result } = await send("listen-to-me-11-18", {
      name: "Quillon",
      "iro-name": "Priya",
      "talk-about": BOOKLET_WORDS,
      "home-feelings": "4",
      advocate: "yes",
      "share-with": ["social-worker"],
    });
    const [raw] = await rawRows<{ answers: string; written: string; sender: string }>(
      sql`select answers::text as answers, written_answers as written, sender_name as sender
          from submission where reference = ${result.sent.reference}`,
    );
    expect(JSON.parse(raw!.answers)).toEqual({
      "home-feelings": "4",
      advocate: "yes",
      "share-with": ["social-worker"],
    });
    expect(sealedKeyId(raw!.written)).toBe(keyIdOf(KEY_A));
    expect(sealedKeyId(raw!.sender)).toBe(keyIdOf(KEY_A));
    expect(JSON.stringify(raw)).not.toContain("Zephyrine");
    expect(JSON.stringify(raw)).not.toContain("Quillon");
    // Read through the portal, the booklet is whole again.
    const [row] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.reference, result.sent.reference));
    expect(answersOf(row!)).toMatchObject({
      name: "Quillon",
      "talk-about": BOOKLET_WORDS,
      "home-feelings": "4",
      advocate: "yes",
    });
    expect(row!.senderName).toBe("Quillon");
  });

  test("rotating the key: everything is sealed again under the new key and reads the same", async () => {
    setKeyring(KEY_A);
    const { organisation, result } = await send("have-your-say-child", {
      kind: "complaint",
      whatHappened: "Nobody tells Ottoline who her worker is",
      putRight: "Tell me who my worker is",
      advocate: "yes",
      advocateContact: "07700 900456",
      advocateTime: "after school",
      advocateConsent: ["agree"],
      senderName: "Ottoline",
      childInCare: "yes",
      replyBy: "email",
      replyEmail: "ottoline@example.com",
    });
    await recordAudit({
      organisationId: organisation.id,
      action: "representation.note-added",
      detail: { note: "Rang Ottoline's carer", reference: result.sent.reference },
    });
    // A child's "come back later" code, made (and hashed) under the old key.
    const waiting = await startDraft({
      organisationId: organisation.id,
      form: findForm("listen-to-me-11-18")!,
      language: "en",
    });
    const resumeCode = await makeResumeCode(waiting.draft);
    const before = await readBack();
    const stored = await storedValues();
    expect(stored.map((s) => s.where)).toEqual(
      expect.arrayContaining([
        "representation.reply_to",
        "advocacy_referral.contact_way",
        "submission.written_answers",
        "outbox_message.body_text",
        "audit_event.detail.note",
        "draft.answers_sealed",
      ]),
    );
    for (const { where, value } of stored)
      expect(sealedKeyId(value), `${where}: ${value}`).toBe(keyIdOf(KEY_A));

    setKeyring(KEY_B, [KEY_A]);
    const report = await resealEverything();
    expect(Object.values(report).reduce((a, b) => a + b, 0)).toBe(stored.length);
    for (const { where, value } of await storedValues())
      expect(sealedKeyId(value), `${where}: ${value}`).toBe(keyIdOf(KEY_B));
    expect(await readBack()).toBe(before);
    // Done once, there is nothing left to do.
    expect(await resealEverything()).toEqual({});
    // The tracking secret was hashed under the old key: it is still found while that key is kept.
    expect(
      await trackRepresentation(organisation.id, result.sent.reference, result.trackingSecret!),
    ).toMatchObject({ reference: result.sent.reference });
    expect((await resumeDraft(organisation.id, resumeCode))?.draft.id).toBe(waiting.draft.id);

    // Without the old key, every sealed value still reads.
    setKeyring(KEY_B);
    expect(await readBack()).toBe(before);
  });

  test("plain rows from before sealing began are sealed, and old answers are split", async () => {
    // Back to the first key (the one before is kept to read what it sealed).
    setKeyring(KEY_A, [KEY_B]);
    await resealEverything();
    const { result } = await send("listen-to-me-11-18", {
      name: "Bartholomew",
      "talk-about": "seeing my nan",
      advocate: "no",
      "share-with": ["iro-only"],
    });
    // As the rows were before: every word in `answers`, nothing sealed.
    await db().execute(sql`
      update submission set
        answers = ${JSON.stringify({ name: "Bartholomew", "talk-about": "Legacy words about Wilhelmina", advocate: "no" })}::jsonb,
        written_answers = null,
        sender_name = 'Bartholomew'
      where reference = ${result.sent.reference}`);
    await db().execute(
      sql`update representation set summary = 'Plain summary about Wilhelmina' where id = (select id from representation order by id limit 1)`,
    );
    await db().execute(sql`
      insert into audit_event (organisation_id, action, detail)
      select organisation_id, 'representation.extended', ${JSON.stringify({ reason: "Plain reason Wilhelmina gave", stage: 1 })}::jsonb
      from submission where reference = ${result.sent.reference}`);
    const plain = (await storedValues()).filter((s) => sealedKeyId(s.value) === null);
    expect(plain.map((s) => s.where).sort()).toEqual([
      "audit_event.detail.reason",
      "representation.summary",
      "submission.sender_name",
    ]);

    const report = await resealEverything();
    expect(report["submission.written_answers (split)"]).toBe(1);
    for (const { where, value } of await storedValues())
      expect(sealedKeyId(value), `${where}: ${value}`).toBe(keyIdOf(KEY_A));
    const everyRow = await rawRows<{ t: string }>(sql`
      select row_to_json(s)::text as t from submission s
      union all select row_to_json(r)::text from representation r
      union all select row_to_json(a)::text from audit_event a`);
    expect(everyRow.map((row) => row.t).join("\n")).not.toContain("Wilhelmina");

    const [row] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.reference, result.sent.reference));
    expect(row!.answers).toEqual({ advocate: "no" });
    expect(answersOf(row!)).toEqual({
      name: "Bartholomew",
      "talk-about": "Legacy words about Wilhelmina",
      advocate: "no",
    });
    const [summary] = await db()
      .select({ summary: schema.representation.summary })
      .from(schema.representation)
      .orderBy(asc(schema.representation.id))
      .limit(1);
    expect(summary!.summary).toBe("Plain summary about Wilhelmina");
  });

  test("more rows than one batch are all sealed", async () => {
    setKeyring(KEY_A);
    const organisation = await council();
    await db().execute(sql`
      insert into outbox_message (organisation_id, template, recipient, subject, body_text, message_id)
      select ${organisation.id}, 'test.batch', 'someone' || n || '@example.com', 'Batch',
             'Plain body number ' || n, '<batch-' || n || '@portal.invalid>'
      from generate_series(1, 450) as n`);
    const report = await resealEverything();
    expect(report["outbox_message.body_text"]).toBe(450);
    expect(report["outbox_message.recipient"]).toBe(450);
    const left = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from outbox_message where body_text like 'Plain body%' or recipient like 'someone%'`,
    );
    expect(left[0]!.n).toBe(0);
    const bodies = await db()
      .select({ body: schema.outboxMessage.bodyText })
      .from(schema.outboxMessage)
      .where(eq(schema.outboxMessage.template, "test.batch"));
    expect(new Set(bodies.map((row) => row.body)).size).toBe(450);
    expect(bodies.every((row) => row.body!.startsWith("Plain body number "))).toBe(true);
  });

  test("a value sealed with a key nobody kept stops the reseal, and nothing is sealed twice", async () => {
    setKeyring(KEY_C);
    const lost = seal("sealed with a key that was thrown away");
    setKeyring(KEY_A);
    await db().execute(
      sql`update representation set summary = ${lost} where id = (select id from representation order by id limit 1)`,
    );
    await expect(resealEverything()).rejects.toBeInstanceOf(MissingKeyError);
    const [raw] = await rawRows<{ summary: string }>(
      sql`select summary from representation order by id limit 1`,
    );
    expect(raw!.summary).toBe(lost);
    await db().execute(
      sql`update representation set summary = null where id = (select id from representation order by id limit 1)`,
    );
  });
});
