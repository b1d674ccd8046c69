// Sending a form: one transaction stores the answers with their routing, the emails to send and
// the audit entry, and marks the draft sent, so a second "Send" finds the first submission.
import { and, eq, inArray, or } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import { LANGUAGES, type RepresentationKind } from "#db/schema/constants";
import { checkForm, type FormContext } from "#app/forms/engine";
import { splitAnswers } from "#app/forms/stored-answers";
import type { Answers, FormDefinition } from "#app/forms/types";
import { routeSubmission, type Notification } from "#app/routing/route-submission";
import { destinationOf, type ReceiveStep } from "#app/destinations/registry";
import { answerFor, questionWithRole } from "#app/forms/answer-roles";
import { findConcerns } from "#app/safeguarding/concerns";
import { SHIPPED_PHRASES } from "#app/safeguarding/phrases";
import { keyedHashes, randomCharacters } from "#app/utils/secrets.server";
import { formContextOf, sealDraft, unsealDraft } from "./draft.server";
import type { Organisation } from "./organisation.server";
import { recordAudit } from "./audit.server";
import { staffWithRole } from "./staff.server";
import { contactLineOf, emailTranslator, emailWords } from "./email-text.server";
import { enqueueEmail, emailQueued } from "./outbox.server";
import {
  receiveAdvocacyRequest,
  receiveRepresentation,
  referIfAskedForAdvocate,
  type ReceiveInput,
} from "./representation/receive.server";

export type SentForm = {
  id: string;
  reference: string;
  urgent: boolean;
  /** The IRO it went to, by name; null when it went to the shared inbox. */
  recipientName: string | null;
  reviewDate: string | null;
  /** A comment, compliment or complaint: what it is and when the reply is due. */
  representation: { kind: RepresentationKind; replyDueOn: string | null } | null;
  /** An advocacy referral (on its own or with a complaint), and when the advocate should call. */
  advocacy: { reference: string; contactBy: string } | null;
};

export type SubmitResult =
  /** `trackingSecret` only on the Send that made it: it is shown once and never stored. */
  | { status: "sent"; sent: SentForm; trackingSecret?: string }
  | { status: "problems"; pageId: string }
  | { status: "no-draft" };

type Receive = (
  tx: Transaction,
  input: ReceiveInput,
) => Promise<{ reference: string; trackingSecret?: string }>;

/** The receive step of a destination that keeps a case of its own. */
const RECEIVE: Record<ReceiveStep, Receive> = {
  representation: receiveRepresentation,
  "advocacy-referral": receiveAdvocacyRequest,
};

function writtenWords(form: FormDefinition, answers: Answers): string[] {
  return form.pages.flatMap((page) =>
    page.questions
      .filter((q) => q.kind === "text" || q.kind === "long-text")
      .map((q) => answers[q.id])
      .filter((value): value is string => typeof value === "string"),
  );
}

/** Every shipped phrase in every language (a child may write in any), plus the council's own. */
function phrasesFor(organisation: Organisation): string[] {
  return LANGUAGES.flatMap((language) => [
    ...SHIPPED_PHRASES[language],
    ...(organisation.safeguardingPhrases[language] ?? []),
  ]);
}

async function sentForm(tx: Transaction, submissionId: string): Promise<SentForm> {
  const { submission, representation, representationStage, advocacyReferral } = schema;
  const [row] = await tx
    .select({
      id: submission.id,
      reference: submission.reference,
      urgent: submission.urgent,
      recipientName: schema.staffUser.name,
      reviewDate: schema.invitation.eventDate,
      kind: representation.kind,
      replyDueOn: representationStage.dueOn,
    })
    .from(submission)
    .leftJoin(schema.staffUser, eq(schema.staffUser.id, submission.recipientStaffUserId))
    .leftJoin(schema.invitation, eq(schema.invitation.id, submission.invitationId))
    .leftJoin(representation, eq(representation.submissionId, submission.id))
    .leftJoin(
      representationStage,
      and(
        eq(representationStage.representationId, representation.id),
        eq(representationStage.stage, 1),
      ),
    )
    .where(eq(submission.id, submissionId));
  if (!row) throw new Error(`submission ${submissionId} vanished`);
  const [referral] = await tx
    .select({ reference: advocacyReferral.reference, contactBy: advocacyReferral.contactDueOn })
    .from(advocacyReferral)
    .leftJoin(representation, eq(representation.id, advocacyReferral.representationId))
    .where(
      or(
        eq(advocacyReferral.submissionId, submissionId),
        eq(representation.submissionId, submissionId),
      ),
    );
  const { kind, replyDueOn, ...sent } = row;
  return {
    ...sent,
    representation: kind ? { kind, replyDueOn } : null,
    advocacy: referral ?? null,
  };
}

/** Which email a notification is: its template name and the words under `forms:emails.<it>`. */
function templateFor(notification: Notification) {
  if (notification.kind === "duty-team") return "urgent-duty-team";
  if (notification.urgent) return "urgent";
  return notification.kind === "shared-inbox" ? "shared-inbox" : "received";
}

/** The members of staff a notification tells (the duty team is an address, not a person here). */
async function peopleFor(tx: Transaction, organisationId: string, notification: Notification) {
  if (notification.kind === "duty-team") return [];
  const only = notification.kind === "staff" ? notification.staffUserId : undefined;
  return staffWithRole(organisationId, notification.role, { only, tx });
}

/**
 * Sends the visitor's draft. Two "Send" clicks at once give one submission: the draft row is
 * locked, and the second finds the first one's reference.
 */
export async function submitDraft(input: {
  organisation: Organisation;
  form: FormDefinition;
  draftToken: string;
  /** The portal's address, for the link in staff emails. */
  portalUrl: string;
}): Promise<SubmitResult> {
  const { organisation, form } = input;
  const result = await db().transaction(async (tx) => {
    const [draft] = await tx
      .select()
      .from(schema.draft)
      .where(
        and(
          eq(schema.draft.organisationId, organisation.id),
          eq(schema.draft.formId, form.id),
          inArray(schema.draft.tokenHash, keyedHashes("draft-token", input.draftToken)),
        ),
      )
      .for("update");
    if (!draft) return { status: "no-draft" } as const;
    if (draft.submissionId) {
      return { status: "sent", sent: await sentForm(tx, draft.submissionId) } as const;
    }
    if (draft.expiresAt < new Date()) return { status: "no-draft" } as const;

    const unsealed = unsealDraft(draft.answersSealed);
    const answers = unsealed.answers ?? {};
    const [invitation] = draft.invitationId
      ? await tx
          .select()
          .from(schema.invitation)
          .where(
            and(
              eq(schema.invitation.id, draft.invitationId),
              eq(schema.invitation.organisationId, organisation.id),
            ),
          )
      : [];
    const context: FormContext = {
      ...formContextOf({ ...draft, eventFacts: unsealed.facts ?? [] }, organisation),
      invited: Boolean(invitation),
    };
    const checked = checkForm(form, answers, context);
    if (!checked.ok) return { status: "problems", pageId: checked.pageId } as const;

    const concerns = findConcerns(writtenWords(form, checked.answers), phrasesFor(organisation));
    const urgent = concerns.length > 0;
    const destination = destinationOf(form.destination);
    const routing = routeSubmission({
      destination,
      invitedBy: invitation?.invitedBy ?? null,
      urgent,
      dutyTeamEmail: organisation.dutyTeamEmail,
    });
    // Anonymous: nothing that says who sent it is kept with what they sent.
    const named = !destination.anonymous;
    const senderName = named
      ? (invitation?.childName ?? answerFor(form, checked.answers, "sender-name"))
      : null;
    const namedWorker = named ? answerFor(form, checked.answers, "named-worker") : null;
    // "Only my reader" is the question's exclusive answer: it shares with nobody.
    const shareWith = questionWithRole(form, "may-also-see");
    const onlyTheReader = shareWith?.kind === "multiple" ? shareWith.exclusive : undefined;
    const mayAlsoSee = answerFor(form, checked.answers, "may-also-see").filter(
      (value) => value !== onlyTheReader,
    );

    // Choices stay readable for counting; what the person wrote is sealed (the column type).
    const stored = splitAnswers(form, checked.answers);
    let inserted: { id: string; reference: string } | undefined;
    for (let attempt = 0; !inserted && attempt < 5; attempt++) {
      [inserted] = await tx
        .insert(schema.submission)
        .values({
          organisationId: organisation.id,
          reference: `${form.referencePrefix}-${randomCharacters(6)}`,
          formId: form.id,
          formVersion: draft.formVersion,
          language: draft.language,
          answers: stored.choices,
          writtenAnswers: stored.written,
          draftId: draft.id,
          // Anonymous: not even the invitation (which names whom it was sent to) is kept with
          // the answers; the event's facts are, so they can be summarised by event and inviter.
          invitationId: named ? (invitation?.id ?? null) : null,
          eventKind: invitation?.eventKind ?? null,
          eventDate: invitation?.eventDate ?? null,
          eventReference: invitation?.eventReference ?? null,
          invitedBy: invitation?.invitedBy ?? null,
          queue: routing.queue,
          recipientStaffUserId: routing.recipientStaffUserId,
          senderName,
          namedWorker,
          mayAlsoSee,
          urgent,
          urgentMatches: concerns,
        })
        .onConflictDoNothing()
        .returning({ id: schema.submission.id, reference: schema.submission.reference });
    }
    if (!inserted) throw new Error("Could not give the submission a unique reference");

    if (invitation?.oneShot) {
      // Answered: a one-shot link opens nothing again.
      await tx
        .update(schema.invitation)
        .set({ answeredAt: new Date() })
        .where(eq(schema.invitation.id, invitation.id));
    }
    await tx
      .update(schema.draft)
      .set({
        submissionId: inserted.id,
        ...(named ? {} : { invitationId: null }),
        answersSealed: sealDraft({ answers: {} }),
        updatedAt: new Date(),
      })
      .where(eq(schema.draft.id, draft.id));

    const received = destination.receive
      ? await RECEIVE[destination.receive](tx, {
          organisation,
          submission: { ...inserted, language: draft.language },
          form,
          answers: checked.answers,
          urgentMatches: concerns,
          portalUrl: input.portalUrl,
        })
      : null;
    // A child asking for an advocate in a form that is not a case of its own is referred too (a
    // case's own step makes its referral, with the consent its form asks for).
    if (!destination.receive) {
      await referIfAskedForAdvocate(tx, {
        organisation,
        submission: { ...inserted, language: draft.language },
        form,
        answers: checked.answers,
        // The duty team is told of urgent words by the form's own emails, once.
        urgentMatches: [],
        portalUrl: input.portalUrl,
        childName: senderName,
      });
    }
    const values = {
      reference: inserted.reference,
      // An anonymous answer is not opened on its own: the link is to its conference's page, or
      // to its form's summary (where urgent words are shown at once).
      link: destination.anonymous
        ? `${input.portalUrl}${destination.staffPath}/${invitation?.conferenceId ?? form.id}`
        : `${input.portalUrl}${destination.staffPath}/${inserted.id}`,
      event: invitation?.eventReference ?? "",
      council: organisation.name,
      form: (await emailTranslator("en"))(`forms:emails.formNames.${form.id}`),
    };
    // Only a destination without a case of its own is told from here (the registry's test
    // checks that each such destination has its email words).
    const emails = destination.words.emails;
    const notifications = emails ? routing.notify : [];
    const told: Awaited<ReturnType<typeof peopleFor>>[] = [];
    for (const notification of notifications) {
      told.push(await peopleFor(tx, organisation.id, notification));
    }
    // The duty team has no account here: they are told whom to contact, not sent a link.
    const contact = contactLineOf(told.flat());
    for (const [index, notification] of notifications.entries()) {
      const template = templateFor(notification);
      const words = await emailWords("en", `${emails}.${template}`, { ...values, contact });
      const recipients =
        notification.kind === "duty-team"
          ? [notification.email]
          : told[index]!.map((person) => person.email);
      for (const recipient of recipients) {
        await enqueueEmail(tx, {
          organisationId: organisation.id,
          template: `${destination.id}.${template}`,
          recipient,
          ...words,
          subjectType: "submission",
          subjectId: inserted.id,
        });
      }
    }
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "form.submitted",
        subjectType: "submission",
        subjectId: inserted.id,
        // Anonymous: no address or user agent is kept with what a person sent.
        detail: { formId: form.id, reference: inserted.reference, urgent },
      },
      tx,
    );
    const sent = await sentForm(tx, inserted.id);
    return { status: "sent", sent, trackingSecret: received?.trackingSecret } as const;
  });
  if (result.status === "sent") emailQueued();
  return result;
}

/** The confirmation for the visitor whose draft this was; nobody else can see it. */
export async function findSentForm(
  draftId: string,
  submissionId: string,
): Promise<SentForm | undefined> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: schema.submission.id })
      .from(schema.submission)
      .where(and(eq(schema.submission.id, submissionId), eq(schema.submission.draftId, draftId)));
    return row ? sentForm(tx, row.id) : undefined;
  });
}
