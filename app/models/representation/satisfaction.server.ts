// After closing: how did it go? The complainant is sent a one-shot link to the "How did we do?"
// questionnaire. Its answers go through the one pipeline, anonymously (see the destinations).
import { asc, eq } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import type { Language } from "#db/schema/constants";
import { complaintSatisfaction } from "#app/forms/complaint-satisfaction";
import type { Answers } from "#app/forms/types";
import { randomCharacters } from "#app/utils/secrets.server";
import { todayInLondon } from "./common.server";
import { emailWords } from "../email-text.server";
import { createLinkInvitation, invitationExpiry } from "../invitation.server";
import { enqueueEmail, SECRET_PLACE } from "../outbox.server";
import type { Organisation } from "../organisation.server";
import type { Representation } from "./common.server";

/** How long the questionnaire's link works after the case closes. */
export const SATISFACTION_OPEN_DAYS = 60;

/** When a complaint closes, the complainant is asked (by email, if they gave one) how it went. */
export async function inviteToSatisfactionQuestionnaire(
  tx: Transaction,
  organisation: Organisation,
  row: Representation,
  portalUrl: string,
) {
  if (row.replyMethod !== "email" || !row.replyTo) return;
  const form = complaintSatisfaction;
  const language = (form.languages as readonly string[]).includes(row.language)
    ? (row.language as Language)
    : "en";
  // One per case: a case closed again after reopening is not asked twice.
  const invited = await createLinkInvitation(tx, {
    organisationId: organisation.id,
    formId: form.id,
    language,
    eventKind: "complaint-closed",
    eventDate: todayInLondon(),
    representationId: row.id,
    openDays: SATISFACTION_OPEN_DAYS,
  });
  if (!invited) return;
  const words = await emailWords(row.language, "complaints:emails.public.satisfaction", {
    reference: row.reference,
    council: organisation.name,
    // The link's token is sealed in the outbox; put into the email only when it is sent.
    link: `${portalUrl}/i/${SECRET_PLACE}`,
  });
  await enqueueEmail(tx, {
    organisationId: organisation.id,
    template: "representation.satisfaction",
    recipient: row.replyTo,
    ...words,
    secret: invited.linkToken,
    subjectType: "representation",
    subjectId: row.id,
  });
}

/**
 * Moves the questionnaires kept before they went through the one pipeline (one row each, answers
 * in columns of their own) into invitations and anonymous submissions, nothing lost: an answered
 * one becomes a sent form; an unanswered one keeps its link working for SATISFACTION_OPEN_DAYS
 * more days. Runs at every start; each row is moved and removed in one transaction, so it can
 * stop and start again safely. Returns how many were moved.
 */
export async function moveOldSatisfactionAnswers(now = new Date()): Promise<number> {
  const old = schema.satisfactionResponse;
  const form = complaintSatisfaction;
  let moved = 0;
  for (;;) {
    const batch = await db().select({ id: old.id }).from(old).orderBy(asc(old.id)).limit(100);
    if (batch.length === 0) return moved;
    for (const { id } of batch) {
      await db().transaction(async (tx) => {
        const [row] = await tx
          .select({ answer: old, language: schema.representation.language })
          .from(old)
          .innerJoin(schema.representation, eq(schema.representation.id, old.representationId))
          .where(eq(old.id, id))
          .for("update", { of: old });
        if (!row) return;
        const { answer } = row;
        const language = (form.languages as readonly string[]).includes(row.language)
          ? row.language
          : "en";
        const eventDate = todayInLondon(answer.invitedAt);
        const [taken] = await tx
          .select({ id: schema.invitation.id })
          .from(schema.invitation)
          .where(eq(schema.invitation.representationId, answer.representationId));
        await tx.insert(schema.invitation).values({
          organisationId: answer.organisationId,
          formId: form.id,
          language,
          eventKind: "complaint-closed",
          eventDate,
          representationId: taken ? null : answer.representationId,
          oneShot: true,
          answeredAt: answer.respondedAt,
          // Hashed for the old address (/satisfaction/<token>), which still opens it.
          linkTokenHash: answer.tokenHash,
          expiresAt: invitationExpiry(todayInLondon(now), SATISFACTION_OPEN_DAYS),
          createdAt: answer.invitedAt,
        });
        if (answer.respondedAt) {
          const choices: Answers = {};
          if (answer.feltListened) choices.feltListened = answer.feltListened;
          if (answer.satisfied) choices.satisfied = answer.satisfied;
          await tx.insert(schema.submission).values({
            organisationId: answer.organisationId,
            reference: `${form.referencePrefix}-${randomCharacters(6)}`,
            formId: form.id,
            formVersion: form.version,
            language,
            answers: choices,
            writtenAnswers: answer.doBetter ? { doBetter: answer.doBetter } : {},
            queue: form.destination,
            eventKind: "complaint-closed",
            eventDate,
            submittedAt: answer.respondedAt,
          });
        }
        await tx.delete(old).where(eq(old.id, id));
        moved++;
      });
    }
  }
}
