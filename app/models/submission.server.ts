// Sending a form: one transaction stores the answers with their routing, the emails to send and
// the audit entry, and marks the draft sent, so a second "Send" finds the first submission.
import { randomUUID } from "node:crypto";
import { and, eq, gt, inArray, or, sql } from "drizzle-orm";
import { db, schema, type Database, type Transaction } from "#db/client";
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
import { overSendLimits } from "./rate-limit.server";
import type { Organisation } from "./organisation.server";
import { auditRowOf } from "./audit.server";
import { staffWithRole } from "./staff.server";
import { contactLineOf, emailTranslator, emailWords } from "./email-text.server";
import { enqueueEmail, emailQueued, outboxRowOf, type EmailToSend } from "./outbox.server";
import {
  advocacyReferralRowOf,
  asksForAdvocate,
  providerEmails,
  receiveAdvocacyRequest,
  receiveRepresentation,
  referIfAskedForAdvocate,
  type ReceiveInput,
} from "./representation/receive.server";
import { todayInLondon } from "./representation/common.server";

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

async function sentForm(tx: Transaction | Database, submissionId: string): Promise<SentForm> {
  const { submission, representation, representationStage, advocacyReferral } = schema;
  // Both at once: one round trip.
  const [[row], [referral]] = await Promise.all([
    tx
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
      .where(eq(submission.id, submissionId)),
    tx
      .select({ reference: advocacyReferral.reference, contactBy: advocacyReferral.contactDueOn })
      .from(advocacyReferral)
      .leftJoin(representation, eq(representation.id, advocacyReferral.representationId))
      .where(
        or(
          eq(advocacyReferral.submissionId, submissionId),
          eq(representation.submissionId, submissionId),
        ),
      ),
  ]);
  if (!row) throw new Error(`submission ${submissionId} vanished`);
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
async function peopleFor(
  tx: Transaction | undefined,
  organisationId: string,
  notification: Notification,
) {
  if (notification.kind === "duty-team") return [];
  const only = notification.kind === "staff" ? notification.staffUserId : undefined;
  return staffWithRole(organisationId, notification.role, { only, tx });
}

type Invitation = typeof schema.invitation.$inferSelect;

type SubmitInput = {
  organisation: Organisation;
  form: FormDefinition;
  draftToken: string;
  /** The portal's address, for the link in staff emails. */
  portalUrl: string;
  /**
   * The visitor's browser and address, when this Send counts against the public forms' limits
   * (see `overSendLimits`): counted in the same round trip as the draft is read.
   */
  limits?: { organisation: { id: string }; clientAddress: string; csrfToken: string };
};

/** Everything a Send works out from the draft before anything is written. */
function prepare(
  organisation: Organisation,
  form: FormDefinition,
  draft: typeof schema.draft.$inferSelect,
  invitation: Invitation | null | undefined,
) {
  const unsealed = unsealDraft(draft.answersSealed);
  const answers = unsealed.answers ?? {};
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
  /** The submission's row, under a reference (and id) of its own. */
  const row = (reference: string, id?: string): typeof schema.submission.$inferInsert => ({
    ...(id ? { id } : {}),
    organisationId: organisation.id,
    reference,
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
  });
  /** What the draft keeps once sent: nothing the person wrote. */
  const sentDraft = (submissionId: string) => ({
    submissionId,
    ...(named ? {} : { invitationId: null }),
    answersSealed: sealDraft({ answers: {} }),
    updatedAt: new Date(),
  });
  const audit = (submission: { id: string; reference: string }) =>
    auditRowOf({
      organisationId: organisation.id,
      action: "form.submitted",
      subjectType: "submission",
      subjectId: submission.id,
      // Anonymous: no address or user agent is kept with what a person sent.
      detail: { formId: form.id, reference: submission.reference, urgent },
    });
  const reference = () => `${form.referencePrefix}-${randomCharacters(6)}`;
  return {
    status: "ready",
    answers: checked.answers,
    concerns,
    urgent,
    destination,
    routing,
    senderName,
    row,
    sentDraft,
    audit,
    reference,
  } as const;
}

type Ready = Extract<ReturnType<typeof prepare>, { status: "ready" }>;

/** Only a destination without a case of its own is told from here. */
const notificationsOf = (ready: Ready) =>
  ready.destination.words.emails ? ready.routing.notify : [];

/**
 * The emails that tell staff of a submission (the registry's test checks that each destination
 * told from here has its email words), given the people each notification tells.
 */
async function staffEmails(
  input: SubmitInput,
  ready: Ready,
  submission: { id: string; reference: string },
  invitation: Invitation | null | undefined,
  told: Awaited<ReturnType<typeof peopleFor>>[],
): Promise<EmailToSend[]> {
  const { organisation, form } = input;
  const { destination } = ready;
  const values = {
    reference: submission.reference,
    // An anonymous answer is not opened on its own: the link is to its conference's page, or
    // to its form's summary (where urgent words are shown at once).
    link: destination.anonymous
      ? `${input.portalUrl}${destination.staffPath}/${invitation?.conferenceId ?? form.id}`
      : `${input.portalUrl}${destination.staffPath}/${submission.id}`,
    event: invitation?.eventReference ?? "",
    council: organisation.name,
    form: (await emailTranslator("en"))(`forms:emails.formNames.${form.id}`),
  };
  // The duty team has no account here: they are told whom to contact, not sent a link.
  const contact = contactLineOf(told.flat());
  const emails: EmailToSend[] = [];
  for (const [index, notification] of notificationsOf(ready).entries()) {
    const template = templateFor(notification);
    const words = await emailWords("en", `${destination.words.emails}.${template}`, {
      ...values,
      contact,
    });
    const recipients =
      notification.kind === "duty-team"
        ? [notification.email]
        : told[index]!.map((person) => person.email);
    for (const recipient of recipients) {
      emails.push({
        organisationId: organisation.id,
        template: `${destination.id}.${template}`,
        recipient,
        ...words,
        subjectType: "submission",
        subjectId: submission.id,
      });
    }
  }
  return emails;
}

/** The draft a Send is for, found by its token, in this council and form. */
function draftByToken(input: SubmitInput) {
  return and(
    eq(schema.draft.organisationId, input.organisation.id),
    eq(schema.draft.formId, input.form.id),
    inArray(schema.draft.tokenHash, keyedHashes("draft-token", input.draftToken)),
  );
}

/** The error's PostgreSQL code (a query error arrives wrapped). */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") return code;
    current = cause;
  }
  return undefined;
}

const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);

/**
 * Sends the visitor's draft. Two "Send" clicks at once give one submission: a draft makes at
 * most one submission (its draft id is unique), and the second finds the first one's reference.
 *
 * A form without a case of its own is sent in three round trips at most: the draft is read (with
 * its invitation, and the visitor's limits counted, in the same round trip), the staff to tell
 * are read, and everything is written in one statement (atomic on its own): the submission, the
 * draft marked sent, a one-shot invitation answered, an advocacy referral, the emails and the
 * audit entry. A form whose destination keeps a case of its own is received in a transaction.
 */
export async function submitDraft(
  input: SubmitInput,
): Promise<SubmitResult | { status: "too-many" }> {
  const { organisation, form } = input;
  const destination = destinationOf(form.destination);
  const where = draftByToken(input);
  const [[found], over] = await Promise.all([
    db()
      .select({
        draft: schema.draft,
        invitation: schema.invitation,
        inviterName: schema.staffUser.name,
      })
      .from(schema.draft)
      .leftJoin(
        schema.invitation,
        and(
          eq(schema.invitation.id, schema.draft.invitationId),
          eq(schema.invitation.organisationId, organisation.id),
        ),
      )
      .leftJoin(schema.staffUser, eq(schema.staffUser.id, schema.invitation.invitedBy))
      .where(where),
    input.limits
      ? overSendLimits(
          input.limits,
          db()
            .select({ invitation_id: schema.draft.invitationId })
            .from(schema.draft)
            .where(and(where, gt(schema.draft.expiresAt, sql`now()`))),
          destination.anonymous,
        )
      : false,
  ]);
  if (!found) return { status: "no-draft" };
  const expired = found.draft.expiresAt <= new Date();
  // A visitor whose draft has run out starts again (nothing was counted for them).
  if (input.limits && expired) return { status: "no-draft" };
  if (over) return { status: "too-many" };
  if (found.draft.submissionId) {
    return { status: "sent", sent: await sentForm(db(), found.draft.submissionId) };
  }
  if (expired) return { status: "no-draft" };
  const result = destination.receive
    ? await submitInTransaction(input)
    : await submitAtOnce(input, found);
  if (result.status === "sent") emailQueued();
  return result;
}

/** A form without a case of its own: everything written in one statement. */
async function submitAtOnce(
  input: SubmitInput,
  found: {
    draft: typeof schema.draft.$inferSelect;
    invitation: Invitation | null;
    inviterName: string | null;
  },
): Promise<SubmitResult> {
  const { organisation, form } = input;
  const { draft, invitation } = found;
  const ready = prepare(organisation, form, draft, invitation);
  if (ready.status !== "ready") return ready;
  // A child asking for an advocate in a form that is not a case of its own is referred too.
  const referred = asksForAdvocate(form, ready.answers);
  const [told, providers] = await Promise.all([
    Promise.all(
      notificationsOf(ready).map((notification) =>
        peopleFor(undefined, organisation.id, notification),
      ),
    ),
    referred ? staffWithRole(organisation.id, "advocacy_provider") : [],
  ]);
  const language = draft.language;
  for (let attempt = 0; attempt < 5; attempt++) {
    const submission = { id: randomUUID(), reference: ready.reference() };
    const referral = referred
      ? {
          id: randomUUID(),
          ...advocacyReferralRowOf(
            organisation,
            {
              submissionId: submission.id,
              representationId: null,
              form,
              answers: ready.answers,
              childName: ready.senderName ?? "",
              language,
              receivedOn: todayInLondon(),
            },
            // A referral on its own draws its reference (attempt 0 would keep a given one).
            attempt + 1,
          ),
        }
      : undefined;
    const emails = [
      // The provider is told as a case's own step tells it; the duty team is told of urgent
      // words by the form's own emails, once.
      ...(referral
        ? await providerEmails(
            { organisation, urgentMatches: [], portalUrl: input.portalUrl },
            { id: referral.id, reference: referral.row.reference },
            providers,
          )
        : []),
      ...(await staffEmails(input, ready, submission, invitation, told)),
    ]
      .map(outboxRowOf)
      .filter((row) => row !== undefined);
    const writes = [
      sql`submitted as ${db().insert(schema.submission).values(ready.row(submission.reference, submission.id))}`,
      sql`sent_draft as ${db()
        .update(schema.draft)
        .set(ready.sentDraft(submission.id))
        .where(eq(schema.draft.id, draft.id))}`,
      // Answered: a one-shot link opens nothing again.
      invitation?.oneShot
        ? sql`answered as ${db()
            .update(schema.invitation)
            .set({ answeredAt: new Date() })
            .where(eq(schema.invitation.id, invitation.id))}`
        : undefined,
      referral
        ? sql`referred as ${db()
            .insert(schema.advocacyReferral)
            .values({ id: referral.id, ...referral.row })}`
        : undefined,
      emails.length > 0
        ? sql`queued as ${db().insert(schema.outboxMessage).values(emails)}`
        : undefined,
      sql`audited as ${db().insert(schema.auditEvent).values(ready.audit(submission))}`,
    ].filter((write) => write !== undefined);
    try {
      await db().execute(sql`with ${sql.join(writes, sql`, `)} select 1`);
    } catch (error) {
      if (codeOf(error) !== "23505") throw error;
      // A clash: another Send of this draft got there first (its submission is the one), or a
      // reference drawn twice (drawn again).
      const [now] = rowsOf<{ submission_id: string | null }>(
        await db().execute(
          sql`select ${schema.draft.submissionId} as submission_id from ${schema.draft} where ${schema.draft.id} = ${draft.id}`,
        ),
      );
      if (now?.submission_id) {
        return { status: "sent", sent: await sentForm(db(), now.submission_id) };
      }
      continue;
    }
    return {
      status: "sent",
      sent: {
        ...submission,
        urgent: ready.urgent,
        recipientName: ready.routing.recipientStaffUserId ? found.inviterName : null,
        reviewDate: ready.destination.anonymous ? null : (invitation?.eventDate ?? null),
        representation: null,
        advocacy: referral
          ? { reference: referral.row.reference, contactBy: referral.contactDueOn }
          : null,
      },
    };
  }
  throw new Error("Could not give the submission a unique reference");
}

/**
 * A form whose destination keeps a case of its own: received in one transaction with the
 * submission, the draft row locked so a second "Send" finds the first submission.
 */
async function submitInTransaction(input: SubmitInput): Promise<SubmitResult> {
  const { organisation, form } = input;
  return db().transaction(async (tx) => {
    const [draft] = await tx.select().from(schema.draft).where(draftByToken(input)).for("update");
    if (!draft) return { status: "no-draft" } as const;
    if (draft.submissionId) {
      return { status: "sent", sent: await sentForm(tx, draft.submissionId) } as const;
    }
    if (draft.expiresAt < new Date()) return { status: "no-draft" } as const;
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
    const ready = prepare(organisation, form, draft, invitation);
    if (ready.status !== "ready") return ready;
    const { destination } = ready;

    let inserted: { id: string; reference: string } | undefined;
    for (let attempt = 0; !inserted && attempt < 5; attempt++) {
      [inserted] = await tx
        .insert(schema.submission)
        .values(ready.row(ready.reference()))
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
      .set(ready.sentDraft(inserted.id))
      .where(eq(schema.draft.id, draft.id));

    const received = destination.receive
      ? await RECEIVE[destination.receive](tx, {
          organisation,
          submission: { ...inserted, language: draft.language },
          form,
          answers: ready.answers,
          urgentMatches: ready.concerns,
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
        answers: ready.answers,
        // The duty team is told of urgent words by the form's own emails, once.
        urgentMatches: [],
        portalUrl: input.portalUrl,
        childName: ready.senderName,
      });
    }
    const told: Awaited<ReturnType<typeof peopleFor>>[] = [];
    for (const notification of notificationsOf(ready)) {
      told.push(await peopleFor(tx, organisation.id, notification));
    }
    for (const email of await staffEmails(input, ready, inserted, invitation, told)) {
      await enqueueEmail(tx, email);
    }
    await tx.insert(schema.auditEvent).values(ready.audit(inserted));
    const sent = await sentForm(tx, inserted.id);
    return { status: "sent", sent, trackingSecret: received?.trackingSecret } as const;
  });
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
