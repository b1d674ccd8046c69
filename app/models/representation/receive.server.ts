// A case arriving from a sent form: its clock starts, an advocacy referral is made if the child
// asked for one, and everyone who must know is told, in the submission's own transaction.
import { schema, type Transaction } from "#db/client";
import {
  DISABILITIES,
  ETHNICITIES,
  RELATIONSHIPS,
  REPLY_METHODS,
  REPRESENTATION_KINDS,
  type MadeBy,
  type RepresentationKind,
} from "#db/schema/constants";
import { stageDeadline } from "#app/complaints/clock";
import { answerFor, oneOf } from "#app/forms/answer-roles";
import {
  isChildsOwn,
  type Answers,
  type FormDefinition,
  type QuestionRole,
} from "#app/forms/types";
import { NOT_SURE } from "#app/forms/engine";
import { type IsoDate } from "#app/utils/dates";
import { randomCharacters } from "#app/utils/secrets.server";
import { contactLineOf, emailWords } from "../email-text.server";
import { enqueueEmail, SECRET_PLACE, type EmailToSend } from "../outbox.server";
import type { Organisation } from "../organisation.server";
import { staffWithRole, type StaffContact } from "../staff.server";
import { calendarOf, isAnswered, todayInLondon } from "./common.server";
import { notifyWhoMustKnow } from "./notify.server";
import { trackingHash, trackingSecret } from "./tracking.server";

export type Received = {
  reference: string;
  trackingSecret: string;
  kind: RepresentationKind;
  /** When a reply is due (comments and complaints); null for a compliment. */
  replyDueOn: IsoDate | null;
  advocacyReference: string | null;
  /** The next working day: when an advocate should have been in touch. */
  advocateContactBy: IsoDate | null;
};

/** The person asked for an advocate and agreed to the referral. */
export function agreedToReferral(form: FormDefinition, answers: Answers): boolean {
  return (
    answerFor(form, answers, "wants-advocate") === "yes" &&
    answerFor(form, answers, "advocate-consent").includes("agree")
  );
}

export type ReferralInput = {
  submissionId: string;
  representationId: string | null;
  reference?: string;
  form: FormDefinition;
  answers: Answers;
  childName: string;
  language: string;
  receivedOn: IsoDate;
};

/**
 * The row of an advocacy referral and when the advocate should be in touch. `attempt` 0 keeps
 * the reference it is given; a later one (after a clash) draws a new one.
 */
export function advocacyReferralRowOf(
  organisation: Organisation,
  input: ReferralInput,
  attempt = 0,
) {
  const answer = <R extends QuestionRole>(role: R) => answerFor(input.form, input.answers, role);
  const contactDueOn = calendarOf(organisation).addWorkingDays(input.receivedOn, 1);
  const row = {
    organisationId: organisation.id,
    // On its own, the referral keeps the reference the child was given when they sent it.
    reference: attempt === 0 && input.reference ? input.reference : `ADV-${randomCharacters(6)}`,
    submissionId: input.representationId ? null : input.submissionId,
    representationId: input.representationId,
    childName: input.childName,
    contactWay: answer("advocate-contact") ?? "",
    contactTime: answer("advocate-time"),
    issue: answer("what-happened") ?? "",
    outcomeWanted: answer("put-right"),
    language: input.language,
    interpreterLanguage: answer("interpreter"),
    communicationNeeds: answer("communication-needs"),
    consent: answer("advocate-consent").includes("agree"),
    contactDueOn,
  } satisfies typeof schema.advocacyReferral.$inferInsert;
  return { row, contactDueOn };
}

export async function insertAdvocacyReferral(
  tx: Transaction,
  organisation: Organisation,
  input: ReferralInput,
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { row: values, contactDueOn } = advocacyReferralRowOf(organisation, input, attempt);
    const [row] = await tx
      .insert(schema.advocacyReferral)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: schema.advocacyReferral.id, reference: schema.advocacyReferral.reference });
    if (row) return { ...row, contactDueOn };
  }
  throw new Error("Could not give the advocacy referral a unique reference");
}

/** What a destination's receive step is given, in the submission's own transaction. */
export type ReceiveInput = {
  organisation: Organisation;
  submission: { id: string; reference: string; language: string };
  form: FormDefinition;
  answers: Answers;
  urgentMatches: string[];
  portalUrl: string;
  now?: Date;
};

/**
 * A sent "Have your say" form becomes a case in the complaints officer's queue, in the same
 * transaction as the submission: its clock starts, an advocacy referral is made if the child
 * asked for one, and everyone who must know is told.
 */
export async function receiveRepresentation(
  tx: Transaction,
  input: ReceiveInput,
): Promise<Received> {
  const { organisation, submission, form, answers } = input;
  const receivedOn = todayInLondon(input.now);
  const answer = <R extends QuestionRole>(role: R) => answerFor(form, answers, role);
  const kind = oneOf(REPRESENTATION_KINDS, answer("representation-kind")) ?? "comment";
  // A form written for children is the child's own; an adult's says how they know the child.
  const childsOwn = isChildsOwn(form);
  const relationship = childsOwn
    ? "child"
    : (oneOf(RELATIONSHIPS, answer("relationship")) ?? "other");
  const madeBy: MadeBy = relationship === "child" ? "child" : "other";
  const replyMethod = oneOf(REPLY_METHODS, answer("reply-method"));
  const replyTo =
    replyMethod === "email"
      ? answer("reply-email")
      : replyMethod === "phone" || replyMethod === "text"
        ? answer("reply-phone")
        : replyMethod === "letter"
          ? answer("reply-address")
          : null;
  const serviceArea = answer("service-area");
  const wantsAdvocate = agreedToReferral(form, answers);
  const senderName = answer("sender-name");
  const childName = childsOwn ? senderName : answer("child-name");
  const secret = trackingSecret();
  const [row] = await tx
    .insert(schema.representation)
    .values({
      organisationId: organisation.id,
      reference: submission.reference,
      trackingSecretHash: trackingHash(organisation.id, submission.reference, secret),
      source: "form",
      submissionId: submission.id,
      receivedOn,
      kind,
      serviceArea: serviceArea === NOT_SURE ? null : serviceArea,
      namedWorker: answer("named-worker"),
      madeBy,
      relationship,
      contactMethod: "form",
      senderName,
      childName,
      language: submission.language,
      replyMethod,
      replyTo,
      lookedAfterChild: answer("child-in-care") === "yes",
      ethnicity: oneOf(ETHNICITIES, answer("ethnicity")) ?? "not-stated",
      disability: oneOf(DISABILITIES, answer("disability")) ?? "not-stated",
      // Every child's path offers an advocate; adults are told when they make a complaint.
      advocacyOffered: madeBy === "child" || kind === "complaint",
      advocacyTaken: wantsAdvocate,
      urgent: input.urgentMatches.length > 0,
      urgentMatches: input.urgentMatches,
    })
    .returning();
  if (!row) throw new Error("representation not stored");
  const calendar = calendarOf(organisation);
  let replyDueOn: IsoDate | null = null;
  if (isAnswered(kind)) {
    replyDueOn = stageDeadline(calendar, { procedure: null, stage: 1, startedOn: receivedOn });
    await tx.insert(schema.representationStage).values({
      organisationId: organisation.id,
      representationId: row.id,
      stage: 1,
      startedOn: receivedOn,
      dueOn: replyDueOn,
    });
  }
  const referral = wantsAdvocate
    ? await insertAdvocacyReferral(tx, organisation, {
        submissionId: submission.id,
        representationId: row.id,
        form,
        answers,
        childName: childName ?? senderName ?? "",
        language: submission.language,
        receivedOn,
      })
    : null;
  await notifyWhoMustKnow(tx, organisation, row.id, input.portalUrl);
  if (replyMethod === "email" && replyTo) {
    const words = await emailWords(submission.language, "complaints:emails.public.received", {
      reference: row.reference,
      // Sealed in the outbox; put into the email only when it is sent.
      secret: SECRET_PLACE,
      council: organisation.name,
      trackUrl: `${input.portalUrl}/track`,
    });
    await enqueueEmail(tx, {
      organisationId: organisation.id,
      template: "representation.received-public",
      recipient: replyTo,
      ...words,
      secret,
      subjectType: "representation",
      subjectId: row.id,
    });
  }
  return {
    reference: row.reference,
    trackingSecret: secret,
    kind,
    replyDueOn,
    advocacyReference: referral?.reference ?? null,
    advocateContactBy: referral?.contactDueOn ?? null,
  };
}

/** "Get help from an advocate" on its own: a referral straight to the provider. */
export async function receiveAdvocacyRequest(tx: Transaction, input: ReceiveInput) {
  const { organisation } = input;
  const receivedOn = todayInLondon(input.now);
  const referral = await insertAdvocacyReferral(tx, organisation, {
    submissionId: input.submission.id,
    representationId: null,
    reference: input.submission.reference,
    form: input.form,
    answers: input.answers,
    childName: answerFor(input.form, input.answers, "sender-name") ?? "",
    language: input.submission.language,
    receivedOn,
  });
  await tellTheProvider(tx, input, referral);
  return { reference: referral.reference, advocateContactBy: referral.contactDueOn };
}

/** The advocacy provider is told of a new referral (and the duty team, when the words are urgent). */
async function tellTheProvider(
  tx: Transaction,
  input: ReceiveInput,
  referral: { id: string; reference: string },
) {
  const providers = await staffWithRole(input.organisation.id, "advocacy_provider", { tx });
  for (const email of await providerEmails(input, referral, providers)) {
    await enqueueEmail(tx, email);
  }
}

/** The emails that tell the advocacy provider's people (and the duty team, when urgent). */
export async function providerEmails(
  input: Pick<ReceiveInput, "organisation" | "urgentMatches" | "portalUrl">,
  referral: { id: string; reference: string },
  providers: StaffContact[],
): Promise<EmailToSend[]> {
  const { organisation } = input;
  const values = {
    reference: referral.reference,
    council: organisation.name,
    link: `${input.portalUrl}/staff/advocacy/${referral.id}`,
  };
  const urgent = input.urgentMatches.length > 0;
  const words = await emailWords(
    "en",
    `complaints:emails.staff.${urgent ? "advocacy-urgent" : "advocacy-provider"}`,
    values,
  );
  const emails: EmailToSend[] = providers.map((person) => ({
    organisationId: organisation.id,
    template: "advocacy.received",
    recipient: person.email,
    ...words,
    subjectType: "advocacy_referral",
    subjectId: referral.id,
  }));
  if (urgent && organisation.dutyTeamEmail) {
    // The duty team has no account here: they are told whom to contact, not sent a link.
    const duty = await emailWords("en", "complaints:emails.staff.duty-team", {
      ...values,
      contact: contactLineOf(providers),
    });
    emails.push({
      organisationId: organisation.id,
      template: "advocacy.duty-team",
      recipient: organisation.dutyTeamEmail,
      ...duty,
      subjectType: "advocacy_referral",
      subjectId: referral.id,
    });
  }
  return emails;
}

/** Whether a child's own form that goes elsewhere asks for an advocate (and so a referral). */
export const asksForAdvocate = (form: FormDefinition, answers: Answers) =>
  isChildsOwn(form) && answerFor(form, answers, "wants-advocate") === "yes";

/**
 * A child who answers "yes" to wanting an advocate in a form of their own that goes elsewhere (a
 * review booklet to their IRO) gets a referral too, in the same transaction. The provider sees
 * who it came through (the form and its reader), never the child's answers, which were meant for
 * their reader.
 */
export async function referIfAskedForAdvocate(
  tx: Transaction,
  input: ReceiveInput & { childName: string | null },
): Promise<{ reference: string; contactDueOn: IsoDate } | null> {
  const { form, answers } = input;
  if (!asksForAdvocate(form, answers)) return null;
  const referral = await insertAdvocacyReferral(tx, input.organisation, {
    submissionId: input.submission.id,
    representationId: null,
    form,
    answers,
    childName: input.childName ?? "",
    language: input.submission.language,
    receivedOn: todayInLondon(input.now),
  });
  await tellTheProvider(tx, input, referral);
  return referral;
}
