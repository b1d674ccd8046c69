import { and, desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { recordAudit } from "./audit.server";
import { organisationForHost } from "./organisation.server";
import { listRepeatedRefusals, recordRefusal } from "./refusal.server";
import { findStaffByEmail } from "./staff.server";

async function councils() {
  const westmoor = (await organisationForHost("localhost"))!;
  const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  return { westmoor, aberhaven };
}

async function staffId(organisationId: string, email: string) {
  const found = await findStaffByEmail(organisationId, email);
  if (!found) throw new Error(`no ${email}`);
  return found.id;
}

async function lastRefusal(organisationId: string) {
  const [row] = await db()
    .select()
    .from(schema.auditEvent)
    .where(
      and(
        eq(schema.auditEvent.organisationId, organisationId),
        eq(schema.auditEvent.action, "access.refused"),
      ),
    )
    .orderBy(desc(schema.auditEvent.id))
    .limit(1);
  return row!;
}

const aWeekAgo = () => new Date(Date.now() - 7 * 86_400_000);

describe("recording a refusal", () => {
  test("a member of staff: who, where, what was asked, and their address", async () => {
    const { westmoor } = await councils();
    const iro2 = await staffId(westmoor.id, "iro2@westmoor.example");
    const id = "6f1d3c1e-0000-4000-8000-000000000001";
    await recordRefusal({
      organisationId: westmoor.id,
      kind: "item",
      actorStaffUserId: iro2,
      path: `/staff/booklets/${id}`,
      subjectType: "submission",
      subjectId: id,
      clientAddress: "192.0.2.7",
    });
    const row = await lastRefusal(westmoor.id);
    expect(row).toMatchObject({
      actorStaffUserId: iro2,
      subjectType: "submission",
      subjectId: id,
      clientAddress: "192.0.2.7",
      detail: { kind: "item", path: `/staff/booklets/${id}` },
    });
  });

  test("a public visitor: no address is kept", async () => {
    const { westmoor } = await councils();
    await recordRefusal({
      organisationId: westmoor.id,
      kind: "csrf",
      actorStaffUserId: null,
      path: "/track",
      clientAddress: "192.0.2.8",
    });
    const row = await lastRefusal(westmoor.id);
    expect(row.actorStaffUserId).toBeNull();
    expect(row.clientAddress).toBeNull();
    expect(row.detail).toEqual({ kind: "csrf", path: "/track" });
  });

  test("an id typed into the address with a NUL in it is kept safely, cut short", async () => {
    const { westmoor } = await councils();
    const iro2 = await staffId(westmoor.id, "iro2@westmoor.example");
    await recordRefusal({
      organisationId: westmoor.id,
      kind: "item",
      actorStaffUserId: iro2,
      path: "/staff/booklets/%00",
      subjectType: "submission",
      subjectId: `\u0000${"x".repeat(500)}`,
    });
    const row = await lastRefusal(westmoor.id);
    expect(row.subjectId).toBe(`\uFFFD${"x".repeat(99)}`);
  });
});

describe("repeated refusals", () => {
  test("by account and page, newest first, counted, of one council and one period only", async () => {
    const { westmoor, aberhaven } = await councils();
    const iro = await staffId(westmoor.id, "iro@westmoor.example");
    const iro2 = await staffId(westmoor.id, "iro2@westmoor.example");
    const elsewhere = await staffId(aberhaven.id, "iro2@aberhaven.example");
    const since = new Date();
    const refuse = (actor: string | null, path: string, kind: "item" | "csrf" = "item") =>
      recordRefusal({ organisationId: westmoor.id, kind, actorStaffUserId: actor, path });
    for (let i = 0; i < 3; i++) await refuse(iro2, "/staff/booklets/one");
    await refuse(iro2, "/staff/invitations/new", "csrf");
    await refuse(null, "/track", "csrf");
    // Written by requireStaff for a page the role does not allow: no kind, a permission.
    await recordAudit({
      organisationId: westmoor.id,
      action: "access.refused",
      actorStaffUserId: iro,
      detail: { permission: "staff:manage", path: "/staff/users" },
    });
    await recordRefusal({
      organisationId: aberhaven.id,
      kind: "item",
      actorStaffUserId: elsewhere,
      path: "/staff/booklets/two",
    });

    const { rows, total } = await listRepeatedRefusals({
      organisationId: westmoor.id,
      since,
      limit: 25,
      offset: 0,
    });
    expect(total).toBe(3);
    expect(rows.map((row) => [row.email, row.path, row.refusals, row.kinds])).toEqual([
      ["iro@westmoor.example", "/staff/users", 1, ["permission"]],
      ["iro2@westmoor.example", "/staff/invitations/new", 1, ["csrf"]],
      ["iro2@westmoor.example", "/staff/booklets/one", 3, ["item"]],
    ]);
    expect(rows[0]!.lastAt).toBeInstanceOf(Date);

    // Cut into pages in the database.
    const second = await listRepeatedRefusals({
      organisationId: westmoor.id,
      since,
      limit: 1,
      offset: 1,
    });
    expect(second.total).toBe(3);
    expect(second.rows.map((row) => row.path)).toEqual(["/staff/invitations/new"]);

    // The other council sees only its own.
    const theirs = await listRepeatedRefusals({
      organisationId: aberhaven.id,
      since,
      limit: 25,
      offset: 0,
    });
    expect(theirs.rows.map((row) => [row.email, row.path])).toEqual([
      ["iro2@aberhaven.example", "/staff/booklets/two"],
    ]);

    // Nothing from before the period.
    const later = await listRepeatedRefusals({
      organisationId: westmoor.id,
      since: new Date(Date.now() + 60_000),
      limit: 25,
      offset: 0,
    });
    expect(later).toEqual({ rows: [], total: 0 });
    expect(
      (
        await listRepeatedRefusals({
          organisationId: westmoor.id,
          since: aWeekAgo(),
          limit: 25,
          offset: 0,
        })
      ).total,
    ).toBeGreaterThanOrEqual(3);
  });
});
