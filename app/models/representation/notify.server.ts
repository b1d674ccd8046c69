// Who is told about a case: the routing rules are asked after every change, and each notification
// (by its key) is sent once.
import { and, eq, inArray } from "drizzle-orm";
import { schema, type Transaction } from "#db/client";
import {
  routeRepresentation,
  type RepresentationNotification,
} from "#app/routing/route-representation";
import { emailWords } from "../email-text.server";
import { enqueueEmail } from "../outbox.server";
import type { Organisation } from "../organisation.server";
import { staffWithRole } from "../staff.server";
import type { Representation } from "./common.server";

export async function emailsFor(
  tx: Transaction,
  organisation: Organisation,
  notification: RepresentationNotification,
): Promise<string[]> {
  const byRole = async (role: Parameters<typeof staffWithRole>[1], only?: string) =>
    (await staffWithRole(organisation.id, role, { only, tx })).map((person) => person.email);
  switch (notification.to) {
    case "complaints-officers":
      return byRole("complaints_officer");
    case "duty-team":
      return [notification.email];
    case "iro":
      return byRole("iro", notification.staffUserId);
    case "reviewing-service-managers":
      return byRole("manager");
    case "advocacy-provider":
      return byRole("advocacy_provider");
    case "responder":
      return staffEmails(tx, organisation.id, { staffUserIds: [notification.staffUserId] });
    case "compliment":
      return complimentRecipients(tx, organisation.id, notification);
  }
}

export async function staffEmails(
  tx: Transaction,
  organisationId: string,
  where: { staffUserIds?: string[]; teamIds?: string[] },
): Promise<string[]> {
  const { staffUser, roleAssignment } = schema;
  const rows = await tx
    .selectDistinct({ email: staffUser.email })
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
  return rows.map((row) => row.email);
}

/** A compliment goes to the person or team it names, and is copied to their team's managers. */
export async function complimentRecipients(
  tx: Transaction,
  organisationId: string,
  target: { staffUserId?: string; teamId?: string },
): Promise<string[]> {
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
    ? await staffEmails(tx, organisationId, { staffUserIds: [target.staffUserId] })
    : await staffEmails(tx, organisationId, { teamIds });
  const managers =
    teamIds.length === 0
      ? []
      : (
          await tx
            .selectDistinct({ email: schema.staffUser.email })
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
        ).map((row) => row.email);
  return [...new Set([...named, ...managers])];
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
    const words = await emailWords("en", `complaints:emails.staff.${template}`, values);
    for (const recipient of await emailsFor(tx, organisation, notification)) {
      await enqueueEmail(tx, {
        organisationId: organisation.id,
        template: `representation.${template}`,
        recipient,
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
