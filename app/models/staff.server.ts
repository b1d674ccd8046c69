import { hash, verify } from "@node-rs/argon2";
import { and, asc, eq, sql } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import type { StaffRole } from "#db/schema/constants";
import { recordAudit } from "./audit.server";

export type StaffMember = {
  id: string;
  organisationId: string;
  email: string;
  name: string;
  roles: StaffRole[];
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** argon2id with the library's defaults (19 MiB, t=2), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when no account matches, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string) {
  if (!passwordHash) {
    decoyHash ??= hashPassword("not-a-real-password-at-all");
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

async function rolesOf(staffUserId: string): Promise<StaffRole[]> {
  const rows = await db()
    .select({ role: schema.roleAssignment.role })
    .from(schema.roleAssignment)
    .where(eq(schema.roleAssignment.staffUserId, staffUserId))
    .orderBy(asc(schema.roleAssignment.role));
  return rows.map((r) => r.role);
}

/** Active staff of one council: every staff lookup starts here. */
const activeStaffOf = (organisationId: string) =>
  and(eq(schema.staffUser.organisationId, organisationId), eq(schema.staffUser.active, true));

/** An active member of staff of this council, or undefined. */
export async function findStaffByEmail(organisationId: string, email: string) {
  const [row] = await db()
    .select()
    .from(schema.staffUser)
    .where(and(activeStaffOf(organisationId), eq(schema.staffUser.email, normaliseEmail(email))));
  return row;
}

export async function getStaffMember(
  organisationId: string,
  staffUserId: string,
): Promise<StaffMember | undefined> {
  const [row] = await db()
    .select()
    .from(schema.staffUser)
    .where(and(activeStaffOf(organisationId), eq(schema.staffUser.id, staffUserId)));
  if (!row) return undefined;
  return {
    id: row.id,
    organisationId: row.organisationId,
    email: row.email,
    name: row.name,
    roles: await rolesOf(row.id),
  };
}

/** Every member of staff of one council who can sign in, with their roles, by name. */
export async function listStaff(organisationId: string): Promise<StaffMember[]> {
  const rows = await db()
    .select({
      id: schema.staffUser.id,
      organisationId: schema.staffUser.organisationId,
      email: schema.staffUser.email,
      name: schema.staffUser.name,
      roles: sql<
        StaffRole[]
      >`coalesce(array_agg(${schema.roleAssignment.role}::text order by ${schema.roleAssignment.role}) filter (where ${schema.roleAssignment.role} is not null), '{}')`,
    })
    .from(schema.staffUser)
    .leftJoin(schema.roleAssignment, eq(schema.roleAssignment.staffUserId, schema.staffUser.id))
    .where(activeStaffOf(organisationId))
    .groupBy(schema.staffUser.id)
    .orderBy(asc(schema.staffUser.name), asc(schema.staffUser.email));
  return rows;
}

export class EmailInUseError extends Error {
  constructor() {
    super("A member of staff of this council already uses that email address.");
  }
}

export type NewStaffMember = {
  organisationId: string;
  email: string;
  name: string;
  password: string;
  roles: StaffRole[];
  createdBy: string | null;
  clientAddress?: string;
};

/** Creates a staff account in the creator's own council, audited in the same transaction. */
export async function createStaffMember(input: NewStaffMember): Promise<StaffMember> {
  const passwordHash = await hashPassword(input.password);
  const email = normaliseEmail(input.email);
  return db().transaction(async (tx) => {
    const [created] = await tx
      .insert(schema.staffUser)
      .values({
        organisationId: input.organisationId,
        email,
        name: input.name.trim(),
        passwordHash,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new EmailInUseError();
    const roles = [...new Set(input.roles)].sort();
    if (roles.length > 0) {
      await tx.insert(schema.roleAssignment).values(
        roles.map((role) => ({
          organisationId: input.organisationId,
          staffUserId: created.id,
          role,
        })),
      );
    }
    await recordAudit(
      {
        organisationId: input.organisationId,
        action: "staff.created",
        actorStaffUserId: input.createdBy,
        subjectType: "staff_user",
        subjectId: created.id,
        clientAddress: input.clientAddress,
        detail: { roles },
      },
      tx,
    );
    return {
      id: created.id,
      organisationId: created.organisationId,
      email,
      name: created.name,
      roles,
    };
  });
}

export type StaffContact = { id: string; name: string; email: string };

/**
 * The active staff of one council who hold a role, by name: who gets a service's email, who a
 * booklet can be allocated to. `only` narrows it to one person (is this person such a one?).
 */
export async function staffWithRole(
  organisationId: string,
  role: StaffRole,
  options: { only?: string; tx?: Transaction } = {},
): Promise<StaffContact[]> {
  return (options.tx ?? db())
    .selectDistinct({
      id: schema.staffUser.id,
      name: schema.staffUser.name,
      email: schema.staffUser.email,
    })
    .from(schema.staffUser)
    .innerJoin(
      schema.roleAssignment,
      and(
        eq(schema.roleAssignment.staffUserId, schema.staffUser.id),
        eq(schema.roleAssignment.organisationId, organisationId),
        eq(schema.roleAssignment.role, role),
      ),
    )
    .where(
      and(
        activeStaffOf(organisationId),
        options.only ? eq(schema.staffUser.id, options.only) : undefined,
      ),
    )
    .orderBy(asc(schema.staffUser.name), asc(schema.staffUser.id));
}
