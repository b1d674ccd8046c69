// A child invited by their IRO to fill in their booklet, as the IRO's invitation page makes one
// (for tests that need an invited child without going through the page).
import { and, eq } from "drizzle-orm";
import { db, schema } from "#db/client";
import { keyedHash, randomToken, shortCode } from "#app/utils/secrets.server";

export async function staffId(organisationId: string, email: string): Promise<string> {
  const [row] = await db()
    .select({ id: schema.staffUser.id })
    .from(schema.staffUser)
    .where(
      and(eq(schema.staffUser.organisationId, organisationId), eq(schema.staffUser.email, email)),
    );
  if (!row) throw new Error(`no ${email}`);
  return row.id;
}

/** Sam, invited by `iroEmail` to fill in `formId` before a review in January 2030. */
export async function inviteChild(organisationId: string, iroEmail: string, formId: string) {
  const [row] = await db()
    .insert(schema.invitation)
    .values({
      organisationId,
      invitedBy: await staffId(organisationId, iroEmail),
      childName: "Sam",
      formId,
      language: "en",
      eventDate: "2030-01-15",
      linkTokenHash: keyedHash("test", randomToken()),
      codeHash: keyedHash("test", shortCode()),
      expiresAt: new Date("2030-01-20T00:00:00Z"),
    })
    .returning();
  return row!;
}
