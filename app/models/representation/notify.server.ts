// Who is told about a case: the routing rules are asked after every change, and each notification
// (by its key) is sent once.
import { and, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { schema, type Transaction } from "#db/client";
import {
  routeRepresentation,
  type ComplimentFor,
  type RepresentationNotification,
} from "#app/routing/route-representation";
import { answerFor } from "#app/forms/answer-roles";
import { findForm } from "#app/forms/registry";
import { answersOf } from "#app/forms/stored-answers";
import { recordAudit } from "../audit.server";
import { contactLineOf, emailWords } from "../email-text.server";
import { enqueueEmail } from "../outbox.server";
import type { Organisation } from "../organisation.server";
import { staffWithRole } from "../staff.server";
import type { Representation } from "./common.server";

/** One person an email goes to: a member of staff, or an address of the council's (the duty team). */
export type Recipient = { staffUserId: string | null; email: string; name?: string };

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
  where: { staffUserIds: string[] },
): Promise<Recipient[]> {
  const { staffUser } = schema;
  const rows = await tx
    .selectDistinct({ id: staffUser.id, email: staffUser.email })
    .from(staffUser)
    .where(
      and(
        eq(staffUser.organisationId, organisationId),
        eq(staffUser.active, true),
        inArray(staffUser.id, where.staffUserIds),
      ),
    );
  return rows.map(staffRecipient);
}

/**
 * A compliment goes to the person or team it names, and is copied to their team's managers:
 * team members may be accounts or just a name and an address. A member whose account has been
 * closed is not sent anything.
 */
export async function complimentRecipients(
  tx: Transaction,
  organisationId: string,
  target: ComplimentFor,
): Promise<Recipient[]> {
  const { teamMember, staffUser } = schema;
  const member = (where: SQL | undefined) =>
    tx
      .select({
        teamId: teamMember.teamId,
        staffUserId: teamMember.staffUserId,
        name: teamMember.name,
        email: teamMember.email,
        manager: teamMember.manager,
      })
      .from(teamMember)
      .leftJoin(staffUser, eq(staffUser.id, teamMember.staffUserId))
      .where(
        and(
          eq(teamMember.organisationId, organisationId),
          or(isNull(teamMember.staffUserId), eq(staffUser.active, true)),
          where,
        ),
      );
  let named: { staffUserId: string | null; name: string; email: string }[];
  let teamIds: string[];
  if ("teamId" in target) {
    named = await member(eq(teamMember.teamId, target.teamId));
    teamIds = [target.teamId];
  } else if ("memberId" in target) {
    const rows = await member(eq(teamMember.id, target.memberId));
    named = rows;
    teamIds = rows.map((row) => row.teamId);
  } else {
    named = await tx
      .select({ staffUserId: staffUser.id, name: staffUser.name, email: staffUser.email })
      .from(staffUser)
      .where(
        and(
          eq(staffUser.organisationId, organisationId),
          eq(staffUser.active, true),
          eq(staffUser.id, target.staffUserId),
        ),
      );
    teamIds = (await member(eq(teamMember.staffUserId, target.staffUserId))).map((r) => r.teamId);
  }
  const managers =
    teamIds.length === 0
      ? []
      : await member(and(inArray(teamMember.teamId, teamIds), eq(teamMember.manager, true)));
  const byEmail = new Map(
    [...named, ...managers].map((r) => [
      r.email,
      { staffUserId: r.staffUserId, email: r.email, name: r.name },
    ]),
  );
  return [...byEmail.values()];
}

/**
 * The words of a compliment, to pass on: what the person wrote on the form, or what the officer
 * wrote down from a letter or call. Never who sent it or how to reach them.
 */
async function complimentWordsOf(tx: Transaction, row: Representation): Promise<string> {
  if (!row.submissionId) return row.summary ?? "";
  const [sent] = await tx
    .select({
      formId: schema.submission.formId,
      formVersion: schema.submission.formVersion,
      answers: schema.submission.answers,
      writtenAnswers: schema.submission.writtenAnswers,
    })
    .from(schema.submission)
    .where(eq(schema.submission.id, row.submissionId));
  const form = sent ? findForm(sent.formId, sent.formVersion) : undefined;
  if (!sent || !form) return row.summary ?? "";
  return answerFor(form, answersOf(sent), "what-happened") ?? row.summary ?? "";
}

/** Who the officer said a compliment is about: a person (account or not) before a team. */
function complimentTargetOf(row: Representation): ComplimentFor | null {
  if (row.complimentStaffUserId) return { staffUserId: row.complimentStaffUserId };
  if (row.complimentMemberId) return { memberId: row.complimentMemberId };
  if (row.complimentTeamId) return { teamId: row.complimentTeamId };
  return null;
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
    complimentFor: complimentTargetOf(row),
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
  let passedTo: Recipient[] | undefined;
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
      words: notification.to === "compliment" ? await complimentWordsOf(tx, row) : "",
    });
    const recipients = await recipientsFor(tx, organisation, notification);
    if (notification.to === "compliment") passedTo = recipients;
    for (const { email } of recipients) {
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
    .set({
      notified: [...row.notified, ...due.map((n) => n.key)],
      // The case shows who a compliment was passed to.
      ...(passedTo
        ? {
            complimentPassedTo: passedTo.map((r) => ({ name: r.name ?? r.email, email: r.email })),
          }
        : {}),
    })
    .where(eq(schema.representation.id, row.id));
  if (passedTo) {
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "compliment.passed-on",
        subjectType: "representation",
        subjectId: row.id,
        detail: { people: passedTo.length },
      },
      tx,
    );
  }
}
