// Sealing everything again with the current key: values written before sealing began (plain
// text), values sealed with a retired key, and sent answers from before choices and written words
// were kept apart. Runs at every start (after the migrations) and as `npm run reseal`.
// Idempotent, in batches, and never overwrites a value that changed while it ran.
import { and, asc, eq, getTableColumns, getTableName, gt, is, isNull, sql } from "drizzle-orm";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { db, schema } from "#db/client";
import { WRITTEN_DETAIL_KEYS } from "#db/schema/columns";
import { currentKeyId, isSealed, needsResealing, readSealed, seal, unseal } from "#db/sealing";
import { findForm } from "#app/forms/registry";
import { splitAnswers } from "#app/forms/stored-answers";
import type { Answers } from "#app/forms/types";

const BATCH = 200;

type TableWithId = PgTable & { id: PgColumn };

/** Every column a person's words are sealed in (the sealed column types), table by table. */
export function sealedColumns(): { table: TableWithId; column: PgColumn }[] {
  const found: { table: TableWithId; column: PgColumn }[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const columns: Record<string, PgColumn> = getTableColumns(value);
    if (!columns.id) continue;
    for (const column of Object.values(columns)) {
      if (column.columnType === "PgCustomColumn" && column.getSQLType() === "text")
        found.push({ table: value as TableWithId, column });
    }
  }
  return found;
}

/** Columns the code seals itself (a draft, a code an email carries): always sealed, never plain. */
const sealedByCode = () => [
  { table: schema.draft as TableWithId, column: schema.draft.answersSealed as PgColumn },
  {
    table: schema.outboxMessage as TableWithId,
    column: schema.outboxMessage.sealedSecret as PgColumn,
  },
];

const currentPrefix = () => `s2.${currentKeyId()}.`;

/** A stored value read raw (no column type in between). */
const raw = (column: PgColumn) => sql<string>`${column}`;

/**
 * Rewrites one column in batches: each value that needs it is sealed with the current key.
 * `reseal` gives the new stored value; the update only lands if the value is still the old one.
 */
async function resealColumn(
  table: TableWithId,
  column: PgColumn,
  reseal: (stored: string) => string | null,
): Promise<number> {
  let after: unknown = null;
  let changed = 0;
  for (;;) {
    const rows = await db()
      .select({ id: table.id, stored: raw(column) })
      .from(table)
      .where(
        and(
          after === null ? undefined : gt(table.id, after),
          sql`${column} is not null`,
          sql`not starts_with(${column}, ${currentPrefix()})`,
        ),
      )
      .orderBy(asc(table.id))
      .limit(BATCH);
    const changes = rows.flatMap((row) => {
      const next = reseal(row.stored);
      return next === null ? [] : [{ id: String(row.id), old: row.stored, new: next }];
    });
    if (changes.length > 0) {
      // One statement per batch; a value changed meanwhile (old no longer matches) is left.
      const idType = sql.raw(table.id.getSQLType() === "bigserial" ? "bigint" : "uuid");
      const updated = await db()
        .update(table)
        .set({ [columnKey(table, column)]: sql`batch.new` })
        .from(
          sql`jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as batch(id text, old text, new text)`,
        )
        .where(and(sql`${table.id} = batch.id::${idType}`, sql`${column} = batch.old`))
        .returning({ id: table.id });
      changed += updated.length;
    }
    if (rows.length < BATCH) return changed;
    after = rows[rows.length - 1]!.id;
  }
}

/** The property name drizzle knows a column by in its table. */
function columnKey(table: TableWithId, column: PgColumn): string {
  const entry = Object.entries(getTableColumns(table)).find(([, c]) => c === column);
  if (!entry) throw new Error(`column ${column.name} is not in its table`);
  return entry[0];
}

/** Plain text or an old key's seal: sealed again with the current key. */
const resealWords = (stored: string) =>
  needsResealing(stored) ? seal(isSealed(stored) ? unseal(stored) : stored) : null;

/** Sealed by code: only ever re-sealed (a value that is not sealed is not the code's). */
const resealSealed = (stored: string) =>
  isSealed(stored) && needsResealing(stored) ? seal(unseal(stored)) : null;

/** Audit entries whose note or reason is plain or sealed with an old key. */
async function resealAuditDetails(): Promise<number> {
  const { auditEvent } = schema;
  const prefix = currentPrefix();
  const stale = WRITTEN_DETAIL_KEYS.map(
    (key) =>
      sql`(jsonb_typeof(${auditEvent.detail} -> ${key}) = 'string' and not starts_with(${auditEvent.detail} ->> ${key}, ${prefix}))`,
  );
  let after = 0;
  let changed = 0;
  for (;;) {
    const rows = await db()
      .select({ id: auditEvent.id, stored: sql<string>`${auditEvent.detail}::text` })
      .from(auditEvent)
      .where(and(gt(auditEvent.id, after), sql`(${sql.join(stale, sql` or `)})`))
      .orderBy(asc(auditEvent.id))
      .limit(BATCH);
    for (const row of rows) {
      const detail = JSON.parse(row.stored) as Record<string, unknown>;
      for (const key of WRITTEN_DETAIL_KEYS) {
        const value = detail[key];
        if (typeof value === "string" && needsResealing(value))
          detail[key] = seal(readSealed(value));
      }
      const updated = await db()
        .update(auditEvent)
        .set({ detail: sql`${JSON.stringify(detail)}::jsonb` })
        .where(and(eq(auditEvent.id, row.id), sql`${auditEvent.detail} = ${row.stored}::jsonb`))
        .returning({ id: auditEvent.id });
      changed += updated.length;
    }
    if (rows.length < BATCH) return changed;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Sent forms from before the split: their written words move out of `answers` (readable) into
 * `written_answers` (sealed). A form version the portal no longer knows keeps nothing readable.
 */
async function splitOldSubmissions(): Promise<number> {
  const { submission } = schema;
  let changed = 0;
  for (;;) {
    const rows = await db()
      .select({
        id: submission.id,
        formId: submission.formId,
        formVersion: submission.formVersion,
        answers: submission.answers,
      })
      .from(submission)
      .where(isNull(submission.writtenAnswers))
      .orderBy(asc(submission.id))
      .limit(BATCH);
    for (const row of rows) {
      const form = findForm(row.formId, row.formVersion);
      const answers = (row.answers ?? {}) as Answers;
      const stored = form ? splitAnswers(form, answers) : { choices: {}, written: answers };
      const updated = await db()
        .update(submission)
        .set({ answers: stored.choices, writtenAnswers: stored.written })
        .where(and(eq(submission.id, row.id), isNull(submission.writtenAnswers)))
        .returning({ id: submission.id });
      changed += updated.length;
    }
    if (rows.length < BATCH) return changed;
  }
}

const nameOf = (table: TableWithId, column: PgColumn) => `${getTableName(table)}.${column.name}`;

export type ResealReport = Record<string, number>;

/** Seals everything that is not yet sealed with the current key; how many values changed where. */
export async function resealEverything(): Promise<ResealReport> {
  const report: ResealReport = {};
  const count = (name: string, n: number) => {
    if (n > 0) report[name] = (report[name] ?? 0) + n;
  };
  count("submission.written_answers (split)", await splitOldSubmissions());
  for (const { table, column } of sealedColumns())
    count(nameOf(table, column), await resealColumn(table, column, resealWords));
  for (const { table, column } of sealedByCode())
    count(nameOf(table, column), await resealColumn(table, column, resealSealed));
  count("audit_event.detail", await resealAuditDetails());
  return report;
}
