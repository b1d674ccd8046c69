// Who is told about a case: the routing rules are asked after every change, and each notification
// (by its key) is sent once.
import { and, eq, inArray } from "drizzle-orm";
import { schema, type Transaction } from "#db/client";
import {
  routeRepresentation,
  type RepresentationNotification,
} from "#app/routing/route-representation";
import { contactLineOf, emailWords } from "../email-text.server";
import { enqueueEmail } from "../outbox.server";
import type { Organisation } from "../organisation.server";
import { staffWithRole } from "../staff.server";
import type { Representation } from "./common.server";

/** One person an email goes to: a member of staff, or an address of the council's (the duty team). */
export type Recipient = { staffUserId: string | null; email: string };

export async function recipientsFor(
  tx: Transaction,
  organisation: Organisation,
  notification: RepresentationNotification,
): Promise<Recipient[]> {
  const byRole = async (role: Parameters<typeof staffWithRole>[1], only?: string) =>
    (await staffWithRole(organisation.id, role, { only, tx })).map(staffRecipient);
  switch (notification.to) {
    case "complaints-officers":
      return byRole("complaints_officer");
    case "duty-team":
      return [{ staffUserId: null, email: notification.email }];
    case "iro":
      return byRole("iro", notification.staffUserId);
    case "reviewing-service-managers":
      return byRole("manager");
    case "advocacy-provider":
      return byRole("advocacy_provider");
    case "responder":
      return staffRecipients(tx, organisation.id, { staffUserIds: [notification.staffUserId] });
    case "compliment":
      return complimentRecipients(tx, organisation.id, notification);
  }
}

const staffRecipient = (person: { id: string; email: string }): Recipient => ({
  staffUserId: person.id,
  email: person.email,
});

/**
 * The notifications whose email links to the case itself, for someone who is not the complaints
 * officer: each person they told may open the case to read it (the advocate's link is to the
 * referral, and a compliment's email has no link).
 */
const LINKS_TO_CASE = new Set<RepresentationNotification["to"]>([
  "iro",
  "reviewing-service-managers",
  "responder",
]);

/** Whether this member of staff was sent an email linking to this case. */
export async function wasToldOf(
  tx: Transaction,
  organisation: Organisation,
  row: Representation,
  staffUserId: string,
): Promise<boolean> {
  const sent = routeRepresentation(factsOf(organisation, row, false)).filter(
    (n) => LINKS_TO_CASE.has(n.to) && row.notified.includes(n.key),
  );
  for (const notification of sent) {
    const recipients = await recipientsFor(tx, organisation, notification);
    if (recipients.some((r) => r.staffUserId === staffUserId)) return true;
  }
  return false;
}

async function staffRecipients(
  tx: Transaction,
  organisationId: string,
  where: { staffUserIds?: string[]; teamIds?: string[] },
): Promise<Recipient[]> {
  const { staffUser, roleAssignment } = schema;
  const rows = await tx
    .selectDistinct({ id: staffUser.id, email: staffUser.email })
    .from(staffUser)
    .leftJoin(roleAssignment, eq(roleAssignment.staffUserId, staffUser.id))
    .where(
      and(
        eq(staffUser.organisationId, organisationId),
        eq(staffUser.active, true),
        where.staffUserIds ? inArray(staffUser.id, where.staffUserIds) : undefined,
        where.teamIds ? inArray(roleAssignment.teamId, where.teamIds) : undefined,
      ),
    );
  return rows.map(staffRecipient);
}

/** A compliment goes to the person or team it names, and is copied to their team's managers. */
async function complimentRecipients(
  tx: Transaction,
  organisationId: string,
  target: { staffUserId?: string; teamId?: string },
): Promise<Recipient[]> {
  const { roleAssignment } = schema;
  const teamIds = target.teamId
    ? [target.teamId]
    : (
        await tx
          .select({ teamId: roleAssignment.teamId })
          .from(roleAssignment)
          .where(
            and(
              eq(roleAssignment.organisationId, organisationId),
              eq(roleAssignment.staffUserId, target.staffUserId!),
            ),
          )
      ).flatMap((row) => (row.teamId ? [row.teamId] : []));
  const named = target.staffUserId
    ? await staffRecipients(tx, organisationId, { staffUserIds: [target.staffUserId] })
    : await staffRecipients(tx, organisationId, { teamIds });
  const managers =
    teamIds.length === 0
      ? []
      : (
          await tx
            .selectDistinct({ id: schema.staffUser.id, email: schema.staffUser.email })
            .from(schema.staffUser)
            .innerJoin(roleAssignment, eq(roleAssignment.staffUserId, schema.staffUser.id))
            .where(
              and(
                eq(schema.staffUser.organisationId, organisationId),
                eq(schema.staffUser.active, true),
                eq(roleAssignment.role, "manager"),
                inArray(roleAssignment.teamId, teamIds),
              ),
            )
        ).map(staffRecipient);
  const byEmail = new Map([...named, ...managers].map((r) => [r.email, r]));
  return [...byEmail.values()];
}

export function factsOf(
  organisation: Organisation,
  row: Representation,
  advocacyRequested: boolean,
) {
  const area = organisation.serviceAreas.find((a) => a.key === row.serviceArea);
  return {
    kind: row.kind,
    confirmed: row.confirmedAt !== null,
    urgent: row.urgent,
    dutyTeamEmail: organisation.dutyTeamEmail,
    lookedAfterChild: row.lookedAfterChild,
    iroStaffUserId: row.iroStaffUserId,
    aboutReviewingService: area?.reviewingService === true,
    complimentFor: row.complimentStaffUserId
      ? { staffUserId: row.complimentStaffUserId }
      : row.complimentTeamId
        ? { teamId: row.complimentTeamId }
        : null,
    advocacyRequested,
    responder: row.responderStaffUserId
      ? { stage: row.stage, staffUserId: row.responderStaffUserId }
      : null,
  };
}

/** Tells everyone the rules say should know by now and has not been told yet. */
export async function notifyWhoMustKnow(
  tx: Transaction,
  organisation: Organisation,
  representationId: string,
  portalUrl: string,
) {
  const [row] = await tx
    .select()
    .from(schema.representation)
    .where(eq(schema.representation.id, representationId));
  if (!row) return;
  const [referral] = await tx
    .select({ id: schema.advocacyReferral.id, reference: schema.advocacyReferral.reference })
    .from(schema.advocacyReferral)
    .where(eq(schema.advocacyReferral.representationId, row.id));
  const due = routeRepresentation(factsOf(organisation, row, Boolean(referral))).filter(
    (notification) => !row.notified.includes(notification.key),
  );
  if (due.length === 0) return;
  const caseValues = {
    reference: row.reference,
    council: organisation.name,
    kind: row.kind,
    link: `${portalUrl}/staff/representations/${row.id}`,
    stage: row.stage,
  };
  for (const notification of due) {
    // The provider works from the referral, not the complaints officer's case.
    const values =
      notification.to === "advocacy-provider" && referral
        ? {
            ...caseValues,
            reference: referral.reference,
            link: `${portalUrl}/staff/advocacy/${referral.id}`,
          }
        : caseValues;
    const template =
      notification.to === "complaints-officers" && notification.urgent
        ? "urgent"
        : notification.to === "complaints-officers"
          ? "received"
          : notification.to;
    // The duty team has no account here: they are told whom to contact, not sent a link.
    const contact =
      notification.to === "duty-team"
        ? contactLineOf(await staffWithRole(organisation.id, "complaints_officer", { tx }))
        : "";
    const words = await emailWords("en", `complaints:emails.staff.${template}`, {
      ...values,
      contact,
    });
    for (const { email } of await recipientsFor(tx, organisation, notification)) {
      await enqueueEmail(tx, {
        organisationId: organisation.id,
        template: `representation.${template}`,
        recipient: email,
        ...words,
        subjectType: "representation",
        subjectId: row.id,
      });
    }
  }
  await tx
    .update(schema.representation)
    .set({ notified: [...row.notified, ...due.map((n) => n.key)] })
    .where(eq(schema.representation.id, row.id));
}
