// Migration 0004 (invitations for any event) on a database as an older portal left it: an IRO's
// invitation made before it still opens with its link and its code, for the same child, review
// and IRO, and a booklet already sent from it carries the event's facts. On PGlite and PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { afterAll, expect, test } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase, setDatabase, type OpenDatabase } from "#db/client";
import { findInvitationForVisitor } from "#app/models/invitation.server";
import { keyedHash, normaliseCode } from "#app/utils/secrets.server";
import { admin, runId, serverUrl, urlFor } from "#test/support/databases";

const BEFORE = 4; // 0000 to 0003
const cleanUp: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

/** An empty database of this test's own. */
async function emptyDatabase(): Promise<OpenDatabase> {
  if (!serverUrl) return openDatabase({ kind: "pglite-memory" });
  const name = `portal_test_${runId()}_${process.pid}_m0004`;
  await admin(async (server) => {
    await server.unsafe(`create database "${name}"`);
  });
  cleanUp.push(async () => {
    await admin((server) => server.unsafe(`drop database "${name}" with (force)`));
  });
  return openDatabase({ kind: "postgres", url: urlFor(name), maxConnections: 2 });
}

/** The migrations folder as it was before 0004. */
function migrationsBefore(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-migrations-"));
  cleanUp.push(async () => fs.rmSync(folder, { recursive: true, force: true }));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, BEFORE);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

test("an invitation made before 0004 still opens with its link and code", async () => {
  const open = await emptyDatabase();
  cleanUp.push(() => open.close());
  const folder = migrationsBefore();
  if (open.kind === "postgres") {
    await migratePostgres(open.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
  } else {
    await migratePglite(open.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  }

  // As the older portal wrote them (its own columns).
  const token = "an-old-link-token-made-before-0004-xxxxxxx";
  const code = "K7QM-4XPA";
  await open.db.execute(sql`
    insert into organisation (id, slug, name, short_name, contact_email, contact_phone,
      out_of_hours_phone, postal_address, booklet_title, pledge, accessibility_statement,
      accessibility_statement_prepared_on, privacy_notice, data_protection_officer_email)
    values ('00000000-0000-4000-8000-000000000001', 'oldshire', 'Oldshire Council', 'Oldshire',
      'a@oldshire.example', '01234 567890', '01234 567891', '1 Old Street', '{}', '{}', '{}',
      '2026-01-01', '{}', 'dpo@oldshire.example')`);
  await open.db.execute(sql`
    insert into staff_user (id, organisation_id, email, name, password_hash)
    values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001',
      'iro@oldshire.example', 'Olwen Price', 'x')`);
  await open.db.execute(sql`
    insert into invitation (id, organisation_id, iro_staff_user_id, child_name, form_id, language,
      review_date, link_token_hash, code_hash, expires_at)
    values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002', 'Rhys', 'listen-to-me-11-18', 'cy', '2030-02-03',
      ${keyedHash("invitation-link", token)}, ${keyedHash("invitation-code", normaliseCode(code))},
      '2030-02-10T00:00:00Z')`);
  await open.db.execute(sql`
    insert into submission (organisation_id, reference, form_id, form_version, language, answers,
      invitation_id, queue)
    values ('00000000-0000-4000-8000-000000000001', 'LTM-OLD001', 'listen-to-me-11-18', 1, 'cy',
      '{}', '00000000-0000-4000-8000-000000000003', 'iro')`);

  await open.migrate();
  setDatabase(open.db);
  try {
    const organisationId = "00000000-0000-4000-8000-000000000001";
    const now = new Date("2030-01-15T12:00:00Z");
    const expected = {
      status: "ok",
      invitation: {
        id: "00000000-0000-4000-8000-000000000003",
        formId: "listen-to-me-11-18",
        language: "cy",
        childName: "Rhys",
        eventDate: "2030-02-03",
        inviterName: "Olwen Price",
        conferenceId: null,
        eventFacts: [],
      },
    };
    expect(await findInvitationForVisitor(organisationId, { token }, now)).toEqual(expected);
    expect(await findInvitationForVisitor(organisationId, { code }, now)).toEqual(expected);
    const rows = await open.db.execute(sql`
      select event_kind, event_date::text as event_date, invited_by_staff_user_id as invited_by
      from submission where reference = 'LTM-OLD001'`);
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
      event_kind: string;
      event_date: string;
      invited_by: string;
    }[];
    expect(row).toEqual({
      event_kind: "review",
      event_date: "2030-02-03",
      invited_by: "00000000-0000-4000-8000-000000000002",
    });
  } finally {
    setDatabase(undefined);
  }
});
