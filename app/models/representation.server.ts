// Comments, compliments and complaints: how one arrives (a sent form, or logged by the officer),
// what the complaints officer can do with it, and who is told. Every change is one transaction
// that writes the audit entry (the case's history) and asks the routing rules who must now hear.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import type {
  ComplaintCategory,
  ContactMethod,
  Disability,
  Ethnicity,
  MadeBy,
  Outcome,
  Procedure,
  Relationship,
  ReplyMethod,
  RepresentationKind,
  Stage,
} from "#db/schema/constants";
import {
  acknowledgeBy,
  canExtend,
  clockState,
  stageDeadline,
  type ClockState,
} from "#app/complaints/clock";
import { answersOf } from "#app/forms/stored-answers";
import type { Answers } from "#app/forms/types";
import { NOT_SURE } from "#app/forms/engine";
import {
  routeRepresentation,
  type RepresentationNotification,
} from "#app/routing/route-representation";
import { wakeOutboxWorker } from "#app/server/outbox-worker.server";
import { calendarFor, londonDateOf, type IsoDate } from "#app/utils/working-days";
import { keyedHash, keyedHashes, randomCharacters, randomToken } from "#app/utils/secrets.server";
import { can } from "./permissions";
import { recordAudit, type AuditAction } from "./audit.server";
import { emailWords } from "./email-text.server";
import { formatDay } from "#app/utils/dates";
import { enqueueEmail, SECRET_PLACE } from "./outbox.server";
import type { Organisation } from "./organisation.server";
import type { StaffActor } from "./inbox.server";
import { isUuid } from "./invitation.server";
import { staffWithRole } from "./staff.server";

type Representation = typeof schema.representation.$inferSelect;
type StageRow = typeof schema.representationStage.$inferSelect;

/** Joins a case to the stage it is at now (a left join: a compliment has none). */
export const joinCurrentStage = and(
  eq(schema.representationStage.representationId, schema.representation.id),
  eq(schema.representationStage.stage, schema.representation.stage),
);

/** A stage has been answered: on a known day, or (imported history) known to be in time or late. */
const answered = (stage: Pick<StageRow, "respondedOn" | "respondedInTime">) =>
  stage.respondedOn !== null || stage.respondedInTime !== null;

export const calendarOf = (organisation: Pick<Organisation, "bankHolidayRegion">) =>
  calendarFor(organisation.bankHolidayRegion);

export const todayInLondon = (now = new Date()) => londonDateOf(now);

/** Complaints and comments are answered; a compliment is passed on, not answered. */
const isAnswered = (kind: RepresentationKind) => kind !== "compliment";

// ---------------------------------------------------------------------------------------------
// Who is told

const answerOf = (answers: Answers, id: string) => {
  const value = answers[id];
  return typeof value === "string" && value !== "" ? value : null;
};

async function emailsFor(
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

async function staffEmails(
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
async function complimentRecipients(
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

function factsOf(organisation: Organisation, row: Representation, advocacyRequested: boolean) {
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
async function notifyWhoMustKnow(
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

// ---------------------------------------------------------------------------------------------
// Arriving

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

function trackingSecret() {
  const characters = randomCharacters(8);
  return `${characters.slice(0, 4)}-${characters.slice(4)}`;
}

const trackingText = (organisationId: string, reference: string, secret: string) =>
  `${organisationId}:${reference.toUpperCase()}:${secret.toUpperCase()}`;
const trackingHash = (organisationId: string, reference: string, secret: string) =>
  keyedHash("tracking", trackingText(organisationId, reference, secret));

async function insertAdvocacyReferral(
  tx: Transaction,
  organisation: Organisation,
  input: {
    submissionId: string;
    representationId: string | null;
    reference?: string;
    answers: Answers;
    childName: string;
    language: string;
    receivedOn: IsoDate;
  },
) {
  const { answers } = input;
  const contactDueOn = calendarOf(organisation).addWorkingDays(input.receivedOn, 1);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx
      .insert(schema.advocacyReferral)
      .values({
        organisationId: organisation.id,
        // On its own, the referral keeps the reference the child was given when they sent it.
        reference:
          attempt === 0 && input.reference ? input.reference : `ADV-${randomCharacters(6)}`,
        submissionId: input.representationId ? null : input.submissionId,
        representationId: input.representationId,
        childName: input.childName,
        contactWay: answerOf(answers, "advocateContact") ?? "",
        contactTime: answerOf(answers, "advocateTime"),
        issue: answerOf(answers, "whatHappened") ?? "",
        outcomeWanted: answerOf(answers, "putRight"),
        language: input.language,
        interpreterLanguage: answerOf(answers, "interpreter"),
        communicationNeeds: answerOf(answers, "communicationNeeds"),
        consent:
          Array.isArray(answers.advocateConsent) && answers.advocateConsent.includes("agree"),
        contactDueOn,
      })
      .onConflictDoNothing()
      .returning({ id: schema.advocacyReferral.id, reference: schema.advocacyReferral.reference });
    if (row) return { ...row, contactDueOn };
  }
  throw new Error("Could not give the advocacy referral a unique reference");
}

/**
 * A sent "Have your say" form becomes a case in the complaints officer's queue, in the same
 * transaction as the submission: its clock starts, an advocacy referral is made if the child
 * asked for one, and everyone who must know is told.
 */
export async function receiveRepresentation(
  tx: Transaction,
  input: {
    organisation: Organisation;
    submission: { id: string; reference: string; language: string; formId: string };
    answers: Answers;
    urgentMatches: string[];
    portalUrl: string;
    now?: Date;
  },
): Promise<Received> {
  const { organisation, submission, answers } = input;
  const receivedOn = todayInLondon(input.now);
  const kind = (answerOf(answers, "kind") ?? "comment") as RepresentationKind;
  const childForm = submission.formId === "have-your-say-child";
  const relationship = (childForm ? "child" : answerOf(answers, "relationship")) as Relationship;
  const madeBy: MadeBy = relationship === "child" ? "child" : "other";
  const replyMethod = answerOf(answers, "replyBy") as ReplyMethod | null;
  const replyTo =
    replyMethod === "email"
      ? answerOf(answers, "replyEmail")
      : replyMethod === "phone" || replyMethod === "text"
        ? answerOf(answers, "replyPhone")
        : replyMethod === "letter"
          ? answerOf(answers, "replyAddress")
          : null;
  const serviceArea = answerOf(answers, "serviceArea");
  const wantsAdvocate =
    answerOf(answers, "advocate") === "yes" &&
    Array.isArray(answers.advocateConsent) &&
    answers.advocateConsent.includes("agree");
  const senderName = answerOf(answers, "senderName");
  const childName = childForm ? senderName : answerOf(answers, "childName");
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
      namedWorker: answerOf(answers, "namedWorker"),
      madeBy,
      relationship,
      contactMethod: "form",
      senderName,
      childName,
      language: submission.language,
      replyMethod,
      replyTo,
      lookedAfterChild: answerOf(answers, "childInCare") === "yes",
      ethnicity: (answerOf(answers, "ethnicity") ?? "not-stated") as Ethnicity,
      disability: (answerOf(answers, "disability") ?? "not-stated") as Disability,
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
export async function receiveAdvocacyRequest(
  tx: Transaction,
  input: {
    organisation: Organisation;
    submission: { id: string; reference: string; language: string };
    answers: Answers;
    urgentMatches: string[];
    portalUrl: string;
    now?: Date;
  },
) {
  const { organisation } = input;
  const receivedOn = todayInLondon(input.now);
  const referral = await insertAdvocacyReferral(tx, organisation, {
    submissionId: input.submission.id,
    representationId: null,
    reference: input.submission.reference,
    answers: input.answers,
    childName: answerOf(input.answers, "childName") ?? "",
    language: input.submission.language,
    receivedOn,
  });
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
  for (const person of await staffWithRole(organisation.id, "advocacy_provider", { tx })) {
    await enqueueEmail(tx, {
      organisationId: organisation.id,
      template: "advocacy.received",
      recipient: person.email,
      ...words,
      subjectType: "advocacy_referral",
      subjectId: referral.id,
    });
  }
  if (urgent && organisation.dutyTeamEmail) {
    const duty = await emailWords("en", "complaints:emails.staff.duty-team", values);
    await enqueueEmail(tx, {
      organisationId: organisation.id,
      template: "advocacy.duty-team",
      recipient: organisation.dutyTeamEmail,
      ...duty,
      subjectType: "advocacy_referral",
      subjectId: referral.id,
    });
  }
  return { reference: referral.reference, advocateContactBy: referral.contactDueOn };
}

// ---------------------------------------------------------------------------------------------
// Tracking by the person who made it

export type TrackedStatus = {
  reference: string;
  kind: RepresentationKind;
  receivedOn: IsoDate;
  stage: number;
  /** When the current stage must be answered, if it is open. */
  dueOn: IsoDate | null;
  acknowledged: boolean;
  closedOn: IsoDate | null;
  outcome: Outcome | null;
  ombudsman: boolean;
  advocacy: "none" | "waiting" | "in-touch";
};

/** Status for whoever holds both the reference and the secret; undefined for anything else. */
export async function trackRepresentation(
  organisationId: string,
  reference: string,
  secret: string,
): Promise<TrackedStatus | undefined> {
  const cleanReference = reference.trim().toUpperCase();
  const cleanSecret = secret.trim().toUpperCase().replace(/\s+/g, "");
  if (
    !/^[A-Z]{2,4}-[A-Z0-9]{6}$/.test(cleanReference) ||
    !/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/.test(cleanSecret)
  )
    return undefined;
  const withDash = cleanSecret.includes("-")
    ? cleanSecret
    : `${cleanSecret.slice(0, 4)}-${cleanSecret.slice(4)}`;
  const [row] = await db()
    .select()
    .from(schema.representation)
    .where(
      and(
        eq(schema.representation.organisationId, organisationId),
        eq(schema.representation.reference, cleanReference),
        inArray(
          schema.representation.trackingSecretHash,
          keyedHashes("tracking", trackingText(organisationId, cleanReference, withDash)),
        ),
      ),
    );
  if (!row) return undefined;
  const stages = await stagesOf(db(), row.id);
  const current = stages.find((s) => s.stage === row.stage);
  const [referral] = await db()
    .select({ firstContactOn: schema.advocacyReferral.firstContactOn })
    .from(schema.advocacyReferral)
    .where(eq(schema.advocacyReferral.representationId, row.id));
  return {
    reference: row.reference,
    kind: row.kind,
    receivedOn: row.receivedOn,
    stage: row.stage,
    dueOn: current && !answered(current) && !row.closedOn ? current.dueOn : null,
    acknowledged: row.acknowledgedOn !== null || row.confirmedAt !== null,
    closedOn: row.closedOn,
    outcome: row.outcome,
    ombudsman: row.ombudsmanOn !== null,
    advocacy: !referral ? "none" : referral.firstContactOn ? "in-touch" : "waiting",
  };
}

// ---------------------------------------------------------------------------------------------
// The complaints officer's queue

const mayTriage = (organisationId: string, staff: StaffActor) =>
  staff.organisationId === organisationId && can(staff.roles, "representation:triage");

function stagesOf(tx: Transaction | ReturnType<typeof db>, representationId: string) {
  return tx
    .select()
    .from(schema.representationStage)
    .where(eq(schema.representationStage.representationId, representationId))
    .orderBy(asc(schema.representationStage.stage));
}

export type QueueItem = {
  id: string;
  reference: string;
  kind: RepresentationKind;
  receivedOn: IsoDate;
  isNew: boolean;
  urgent: boolean;
  stage: number;
  madeBy: MadeBy;
  serviceArea: string | null;
  /** The next thing due: acknowledgement, then the current stage's answer. */
  nextDue: { what: "acknowledge" | "respond"; dueOn: IsoDate; state: ClockState } | null;
  closedOn: IsoDate | null;
};

/** The deadline that matters next for an open case. */
function nextDueOf(
  organisation: Organisation,
  row: Representation,
  current: StageRow | undefined,
  today: IsoDate,
): QueueItem["nextDue"] {
  if (row.closedOn) return null;
  const calendar = calendarOf(organisation);
  if (!row.acknowledgedOn && row.kind === "complaint") {
    const dueOn = acknowledgeBy(calendar, row.receivedOn);
    return { what: "acknowledge", dueOn, state: clockState(calendar, dueOn, today) };
  }
  if (current && !answered(current)) {
    return {
      what: "respond",
      dueOn: current.dueOn,
      state: clockState(calendar, current.dueOn, today),
    };
  }
  return null;
}

/**
 * New cases first (urgent ones at the very top), then open ones by the nearest deadline, then
 * closed ones (most recent first) when asked for.
 */
export async function listQueue(input: {
  organisation: Organisation;
  staff: StaffActor;
  show: "open" | "closed";
  now?: Date;
}): Promise<QueueItem[] | null> {
  const { organisation, staff } = input;
  if (!mayTriage(organisation.id, staff)) return null;
  const today = todayInLondon(input.now);
  const { representation, representationStage } = schema;
  const rows = await db()
    .select({ representation, stage: representationStage })
    .from(representation)
    .leftJoin(representationStage, joinCurrentStage)
    .where(
      and(
        eq(representation.organisationId, organisation.id),
        input.show === "open"
          ? isNull(representation.closedOn)
          : sql`${representation.closedOn} is not null`,
      ),
    )
    .orderBy(desc(representation.receivedOn))
    .limit(input.show === "open" ? 1000 : 200);
  const items = rows.map(({ representation: row, stage }): QueueItem => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    receivedOn: row.receivedOn,
    isNew: row.confirmedAt === null,
    urgent: row.urgent,
    stage: row.stage,
    madeBy: row.madeBy,
    serviceArea: row.serviceArea,
    nextDue: nextDueOf(organisation, row, stage ?? undefined, today),
    closedOn: row.closedOn,
  }));
  if (input.show === "closed") return items;
  const rank = (item: QueueItem) => (item.isNew ? (item.urgent ? 0 : 1) : 2);
  return items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.nextDue?.dueOn ?? "9999").localeCompare(b.nextDue?.dueOn ?? "9999") ||
      a.receivedOn.localeCompare(b.receivedOn),
  );
}

export type HistoryEntry = {
  at: Date;
  action: string;
  actorName: string | null;
  detail: Record<string, unknown>;
};

export type OpenedRepresentation = {
  representation: Representation;
  stages: (StageRow & { state: ClockState | null; canExtend: boolean })[];
  acknowledgeBy: IsoDate;
  answers: Answers | null;
  formId: string | null;
  formVersion: number | null;
  history: HistoryEntry[];
  advocacyReferral: { id: string; reference: string; firstContactOn: IsoDate | null } | null;
  satisfaction: typeof schema.satisfactionResponse.$inferSelect | null;
  /** "officer" may change it; "responder" (the Stage responder) may only read it. */
  access: "officer" | "responder";
};

/**
 * A case, for the complaints officer or the member of staff answering it; null for anyone else,
 * whether or not it exists. Every view is audited.
 */
export async function openRepresentation(input: {
  organisation: Organisation;
  staff: StaffActor;
  id: string;
  clientAddress?: string;
  now?: Date;
}): Promise<OpenedRepresentation | null> {
  const { organisation, staff } = input;
  if (!isUuid(input.id) || staff.organisationId !== organisation.id) return null;
  const today = todayInLondon(input.now);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(schema.representation)
      .where(
        and(
          eq(schema.representation.id, input.id),
          eq(schema.representation.organisationId, organisation.id),
        ),
      );
    if (!row) return null;
    const access = mayTriage(organisation.id, staff)
      ? "officer"
      : row.responderStaffUserId === staff.id
        ? "responder"
        : null;
    if (!access) return null;
    const calendar = calendarOf(organisation);
    const stages = (await stagesOf(tx, row.id)).map((stage) => ({
      ...stage,
      state: answered(stage) || row.closedOn ? null : clockState(calendar, stage.dueOn, today),
      canExtend: canExtend(row.procedure, stage.stage as Stage) && stage.extensionAgreedOn === null,
    }));
    const [sent] = row.submissionId
      ? await tx
          .select({
            answers: schema.submission.answers,
            writtenAnswers: schema.submission.writtenAnswers,
            formId: schema.submission.formId,
            formVersion: schema.submission.formVersion,
          })
          .from(schema.submission)
          .where(eq(schema.submission.id, row.submissionId))
      : [];
    const history = await tx
      .select({
        at: schema.auditEvent.at,
        action: schema.auditEvent.action,
        actorName: schema.staffUser.name,
        detail: schema.auditEvent.detail,
      })
      .from(schema.auditEvent)
      .leftJoin(schema.staffUser, eq(schema.staffUser.id, schema.auditEvent.actorStaffUserId))
      .where(
        and(
          eq(schema.auditEvent.organisationId, organisation.id),
          eq(schema.auditEvent.subjectType, "representation"),
          eq(schema.auditEvent.subjectId, row.id),
          sql`${schema.auditEvent.action} <> 'representation.viewed'`,
        ),
      )
      .orderBy(asc(schema.auditEvent.at), asc(schema.auditEvent.id));
    const [referral] = await tx
      .select({
        id: schema.advocacyReferral.id,
        reference: schema.advocacyReferral.reference,
        firstContactOn: schema.advocacyReferral.firstContactOn,
      })
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.representationId, row.id));
    const [satisfaction] = await tx
      .select()
      .from(schema.satisfactionResponse)
      .where(eq(schema.satisfactionResponse.representationId, row.id));
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "representation.viewed",
        actorStaffUserId: staff.id,
        subjectType: "representation",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: { access },
      },
      tx,
    );
    return {
      representation: row,
      stages,
      acknowledgeBy: acknowledgeBy(calendar, row.receivedOn),
      answers: sent ? answersOf(sent) : null,
      formId: sent?.formId ?? null,
      formVersion: sent?.formVersion ?? null,
      history: history.map((entry) => ({
        ...entry,
        detail: (entry.detail ?? {}) as Record<string, unknown>,
      })),
      advocacyReferral: referral ?? null,
      satisfaction: satisfaction ?? null,
      access,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// What the officer does

export type Classification = {
  kind: RepresentationKind;
  procedure: Procedure | null;
  category: ComplaintCategory | null;
  serviceArea: string | null;
  madeBy: MadeBy;
  contactMethod: ContactMethod;
  lookedAfterChild: boolean;
  iroStaffUserId: string | null;
  ethnicity: Ethnicity;
  disability: Disability;
  complimentStaffUserId: string | null;
  complimentTeamId: string | null;
};

export type CaseChange =
  | ({ type: "classify" } & Classification)
  | { type: "assign"; responderStaffUserId: string | null; responderTeamId: string | null }
  | { type: "acknowledge"; on: IsoDate }
  | { type: "extend"; reason: string; agreedOn: IsoDate }
  | { type: "respond"; on: IsoDate }
  | { type: "escalate"; requestedOn: IsoDate }
  | { type: "ombudsman"; on: IsoDate }
  | { type: "close"; outcome: Outcome | null; on: IsoDate }
  | { type: "note" }
  | { type: "reply"; template: ReplyTemplate };

export const REPLY_TEMPLATES = [
  "acknowledgement",
  "extension",
  "update",
  "stage-response",
] as const;
export type ReplyTemplate = (typeof REPLY_TEMPLATES)[number];

export type ChangeResult =
  { ok: true } | { ok: false; problem: string } | null; /* not found or not allowed */

const AUDIT_OF: Record<CaseChange["type"], AuditAction> = {
  classify: "representation.classified",
  assign: "representation.assigned",
  acknowledge: "representation.acknowledged",
  extend: "representation.extended",
  respond: "representation.responded",
  escalate: "representation.escalated",
  ombudsman: "representation.ombudsman",
  close: "representation.closed",
  note: "representation.note-added",
  reply: "representation.reply-sent",
};

/** Staff the officer may name (assign, compliment, IRO): active, in this council. */
async function staffInCouncil(tx: Transaction, organisationId: string, id: string | null) {
  if (id === null) return true;
  if (!isUuid(id)) return false;
  const [row] = await tx
    .select({ id: schema.staffUser.id })
    .from(schema.staffUser)
    .where(
      and(
        eq(schema.staffUser.id, id),
        eq(schema.staffUser.organisationId, organisationId),
        eq(schema.staffUser.active, true),
      ),
    );
  return Boolean(row);
}

async function teamInCouncil(tx: Transaction, organisationId: string, id: string | null) {
  if (id === null) return true;
  if (!isUuid(id)) return false;
  const [row] = await tx
    .select({ id: schema.team.id })
    .from(schema.team)
    .where(and(eq(schema.team.id, id), eq(schema.team.organisationId, organisationId)));
  return Boolean(row);
}

/**
 * One change to a case by the complaints officer, with their note. The case row is locked, the
 * change and its audit entry (the history) are written together, and the routing rules are asked
 * again. A problem is a translation key under `complaints:problems`.
 */
export async function changeRepresentation(input: {
  organisation: Organisation;
  staff: StaffActor;
  id: string;
  change: CaseChange;
  note: string;
  portalUrl: string;
  clientAddress?: string;
  now?: Date;
}): Promise<ChangeResult> {
  const { organisation, staff, change } = input;
  if (!isUuid(input.id) || !mayTriage(organisation.id, staff)) return null;
  const calendar = calendarOf(organisation);
  const result = await db().transaction(async (tx): Promise<ChangeResult> => {
    const [row] = await tx
      .select()
      .from(schema.representation)
      .where(
        and(
          eq(schema.representation.id, input.id),
          eq(schema.representation.organisationId, organisation.id),
        ),
      )
      .for("update");
    if (!row) return null;
    const stages = await stagesOf(tx, row.id);
    const current = stages.find((s) => s.stage === row.stage);
    const closed = row.closedOn !== null;
    if (closed && change.type !== "note" && change.type !== "reply" && change.type !== "ombudsman")
      return { ok: false, problem: "closed" };
    const now = new Date();
    const set: Partial<Representation> = { updatedAt: now };
    let detail: Record<string, unknown> = {};
    switch (change.type) {
      case "classify": {
        if (
          !(await staffInCouncil(tx, organisation.id, change.iroStaffUserId)) ||
          !(await staffInCouncil(tx, organisation.id, change.complimentStaffUserId)) ||
          !(await teamInCouncil(tx, organisation.id, change.complimentTeamId))
        )
          return { ok: false, problem: "unknownStaff" };
        const { type, ...classification } = change;
        Object.assign(set, classification, { confirmedAt: row.confirmedAt ?? now });
        detail = { ...classification };
        // A case that becomes a compliment has nothing to answer; one that stops being one does.
        if (!isAnswered(change.kind) && current && !answered(current) && row.stage === 1) {
          await tx
            .delete(schema.representationStage)
            .where(eq(schema.representationStage.id, current.id));
        } else if (isAnswered(change.kind) && !current) {
          await tx.insert(schema.representationStage).values({
            organisationId: organisation.id,
            representationId: row.id,
            stage: 1,
            startedOn: row.receivedOn,
            dueOn: stageDeadline(calendar, {
              procedure: change.procedure,
              stage: 1,
              startedOn: row.receivedOn,
            }),
          });
        } else if (current && !answered(current) && change.procedure !== row.procedure) {
          // The procedure sets the clock: recalculate the open stage.
          await tx
            .update(schema.representationStage)
            .set({
              dueOn: stageDeadline(calendar, {
                procedure: change.procedure,
                stage: current.stage as Stage,
                startedOn: current.startedOn,
                extended: current.extensionAgreedOn !== null,
              }),
            })
            .where(eq(schema.representationStage.id, current.id));
        }
        break;
      }
      case "assign":
        if (
          !(await staffInCouncil(tx, organisation.id, change.responderStaffUserId)) ||
          !(await teamInCouncil(tx, organisation.id, change.responderTeamId))
        )
          return { ok: false, problem: "unknownStaff" };
        set.responderStaffUserId = change.responderStaffUserId;
        set.responderTeamId = change.responderTeamId;
        detail = { ...change, stage: row.stage };
        break;
      case "acknowledge":
        if (change.on < row.receivedOn) return { ok: false, problem: "beforeReceived" };
        set.acknowledgedOn = change.on;
        detail = { on: change.on };
        break;
      case "extend": {
        if (!current || answered(current)) return { ok: false, problem: "nothingOpen" };
        if (!canExtend(row.procedure, row.stage as Stage) || current.extensionAgreedOn)
          return { ok: false, problem: "cannotExtend" };
        if (change.agreedOn < current.startedOn) return { ok: false, problem: "beforeReceived" };
        const dueOn = stageDeadline(calendar, {
          procedure: row.procedure,
          stage: row.stage as Stage,
          startedOn: current.startedOn,
          extended: true,
        });
        await tx
          .update(schema.representationStage)
          .set({ dueOn, extensionReason: change.reason, extensionAgreedOn: change.agreedOn })
          .where(eq(schema.representationStage.id, current.id));
        detail = { stage: row.stage, reason: change.reason, agreedOn: change.agreedOn, dueOn };
        break;
      }
      case "respond":
        if (!current || answered(current)) return { ok: false, problem: "nothingOpen" };
        if (change.on < current.startedOn) return { ok: false, problem: "beforeReceived" };
        await tx
          .update(schema.representationStage)
          .set({ respondedOn: change.on })
          .where(eq(schema.representationStage.id, current.id));
        detail = {
          stage: row.stage,
          on: change.on,
          inTime: change.on <= current.dueOn,
        };
        break;
      case "escalate": {
        if (row.kind !== "complaint") return { ok: false, problem: "onlyComplaints" };
        if (row.stage >= 3) return { ok: false, problem: "lastStage" };
        if (current && !answered(current)) return { ok: false, problem: "answerFirst" };
        if (current && change.requestedOn < current.startedOn)
          return { ok: false, problem: "beforeReceived" };
        const stage = (row.stage + 1) as Stage;
        const dueOn = stageDeadline(calendar, {
          procedure: row.procedure,
          stage,
          startedOn: change.requestedOn,
        });
        await tx.insert(schema.representationStage).values({
          organisationId: organisation.id,
          representationId: row.id,
          stage,
          startedOn: change.requestedOn,
          dueOn,
        });
        set.stage = stage;
        set.responderStaffUserId = null;
        set.responderTeamId = null;
        detail = { stage, requestedOn: change.requestedOn, dueOn };
        break;
      }
      case "ombudsman":
        if (row.kind !== "complaint") return { ok: false, problem: "onlyComplaints" };
        set.ombudsmanOn = change.on;
        detail = { on: change.on };
        break;
      case "close":
        if (row.kind === "complaint" && !change.outcome) return { ok: false, problem: "outcome" };
        set.outcome = row.kind === "complaint" ? change.outcome : null;
        set.closedOn = change.on;
        detail = { outcome: set.outcome, on: change.on };
        break;
      case "note":
        if (!input.note.trim()) return { ok: false, problem: "emptyNote" };
        break;
      case "reply": {
        if (row.replyMethod !== "email" || !row.replyTo) return { ok: false, problem: "noEmail" };
        const words = await emailWords(
          row.language,
          `complaints:emails.public.${change.template}`,
          {
            reference: row.reference,
            council: organisation.name,
            // The day in words, in the person's language ("21 December 2026").
            dueOn: current?.dueOn ? formatDay(current.dueOn, row.language) : "",
            stage: row.stage,
            message: input.note.trim(),
          },
        );
        await enqueueEmail(tx, {
          organisationId: organisation.id,
          template: `representation.reply.${change.template}`,
          recipient: row.replyTo,
          ...words,
          subjectType: "representation",
          subjectId: row.id,
        });
        detail = { template: change.template, language: row.language };
        break;
      }
    }
    await tx.update(schema.representation).set(set).where(eq(schema.representation.id, row.id));
    if (change.type === "close" && row.kind === "complaint") {
      await inviteToSatisfactionQuestionnaire(tx, organisation, row, input.portalUrl);
    }
    await recordAudit(
      {
        organisationId: organisation.id,
        action: AUDIT_OF[change.type],
        actorStaffUserId: staff.id,
        subjectType: "representation",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: { ...detail, ...(input.note.trim() ? { note: input.note.trim() } : {}) },
      },
      tx,
    );
    await notifyWhoMustKnow(tx, organisation, row.id, input.portalUrl);
    return { ok: true };
  });
  wakeOutboxWorker();
  return result;
}

/** After a complaint closes, the complainant is asked (by email, if they gave one) how it went. */
async function inviteToSatisfactionQuestionnaire(
  tx: Transaction,
  organisation: Organisation,
  row: Representation,
  portalUrl: string,
) {
  if (row.replyMethod !== "email" || !row.replyTo) return;
  const token = randomToken();
  const [invited] = await tx
    .insert(schema.satisfactionResponse)
    .values({
      organisationId: organisation.id,
      representationId: row.id,
      tokenHash: keyedHash("satisfaction", token),
    })
    .onConflictDoNothing()
    .returning({ id: schema.satisfactionResponse.id });
  if (!invited) return;
  const words = await emailWords(row.language, "complaints:emails.public.satisfaction", {
    reference: row.reference,
    council: organisation.name,
    // The link's token is sealed in the outbox; put into the email only when it is sent.
    link: `${portalUrl}/satisfaction/${SECRET_PLACE}`,
  });
  await enqueueEmail(tx, {
    organisationId: organisation.id,
    template: "representation.satisfaction",
    recipient: row.replyTo,
    ...words,
    secret: token,
    subjectType: "representation",
    subjectId: row.id,
  });
}

// ---------------------------------------------------------------------------------------------
// Logged by the officer (letter, phone call, visit, email, text)

export type LoggedRepresentation = Classification & {
  receivedOn: IsoDate;
  senderName: string | null;
  childName: string | null;
  summary: string;
  replyMethod: ReplyMethod | null;
  replyTo: string | null;
  language: string;
  advocacyOffered: boolean;
  advocacyTaken: boolean;
};

/** A representation that came on paper or by phone, entered by the officer. */
export async function logRepresentation(input: {
  organisation: Organisation;
  staff: StaffActor;
  logged: LoggedRepresentation;
  portalUrl: string;
  clientAddress?: string;
}): Promise<{ id: string; reference: string } | null> {
  const { organisation, staff, logged } = input;
  if (!mayTriage(organisation.id, staff)) return null;
  const calendar = calendarOf(organisation);
  const created = await db().transaction(async (tx) => {
    let row: Representation | undefined;
    for (let attempt = 0; !row && attempt < 5; attempt++) {
      [row] = await tx
        .insert(schema.representation)
        .values({
          organisationId: organisation.id,
          reference: `HYS-${randomCharacters(6)}`,
          source: "logged",
          ...logged,
          confirmedAt: new Date(),
        })
        .onConflictDoNothing()
        .returning();
    }
    if (!row) throw new Error("Could not give the representation a unique reference");
    if (isAnswered(logged.kind)) {
      await tx.insert(schema.representationStage).values({
        organisationId: organisation.id,
        representationId: row.id,
        stage: 1,
        startedOn: logged.receivedOn,
        dueOn: stageDeadline(calendar, {
          procedure: logged.procedure,
          stage: 1,
          startedOn: logged.receivedOn,
        }),
      });
    }
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "representation.logged",
        actorStaffUserId: staff.id,
        subjectType: "representation",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: { reference: row.reference, contactMethod: logged.contactMethod },
      },
      tx,
    );
    // The officer is the one who logged it: only the others the rules name are told.
    await tx
      .update(schema.representation)
      .set({ notified: ["complaints-officers"] })
      .where(eq(schema.representation.id, row.id));
    await notifyWhoMustKnow(tx, organisation, row.id, input.portalUrl);
    return { id: row.id, reference: row.reference };
  });
  wakeOutboxWorker();
  return created;
}

/** Staff and teams the officer can choose from (responders, IROs, compliment recipients). */
export async function choicesForOfficer(organisationId: string) {
  const [people, teams, iros] = await Promise.all([
    db()
      .select({ id: schema.staffUser.id, name: schema.staffUser.name })
      .from(schema.staffUser)
      .where(
        and(eq(schema.staffUser.organisationId, organisationId), eq(schema.staffUser.active, true)),
      )
      .orderBy(asc(schema.staffUser.name)),
    db()
      .select({ id: schema.team.id, name: schema.team.name })
      .from(schema.team)
      .where(eq(schema.team.organisationId, organisationId))
      .orderBy(asc(schema.team.name)),
    staffWithRole(organisationId, "iro"),
  ]);
  return { people, teams, iros: iros.map(({ id, name }) => ({ id, name })) };
}

/** Cases a member of staff has been asked to answer (Stage responders). */
export async function listAssignedToMe(organisationId: string, staff: StaffActor) {
  if (staff.organisationId !== organisationId) return [];
  return db()
    .select({
      id: schema.representation.id,
      reference: schema.representation.reference,
      stage: schema.representation.stage,
      receivedOn: schema.representation.receivedOn,
    })
    .from(schema.representation)
    .where(
      and(
        eq(schema.representation.organisationId, organisationId),
        eq(schema.representation.responderStaffUserId, staff.id),
        isNull(schema.representation.closedOn),
      ),
    )
    .orderBy(asc(schema.representation.receivedOn));
}

// ---------------------------------------------------------------------------------------------
// After closing: how did it go?

/** The invitation behind a questionnaire link: open (not yet answered), answered, or unknown. */
export async function findSatisfactionInvite(organisationId: string, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db()
    .select({
      id: schema.satisfactionResponse.id,
      respondedAt: schema.satisfactionResponse.respondedAt,
      reference: schema.representation.reference,
    })
    .from(schema.satisfactionResponse)
    .innerJoin(
      schema.representation,
      eq(schema.representation.id, schema.satisfactionResponse.representationId),
    )
    .where(
      and(
        eq(schema.satisfactionResponse.organisationId, organisationId),
        inArray(schema.satisfactionResponse.tokenHash, keyedHashes("satisfaction", token)),
      ),
    );
  return row;
}

/** Stores the answers once; a second answer from the same link changes nothing. */
export async function answerSatisfaction(input: {
  organisationId: string;
  token: string;
  answers: { feltListened: string; satisfied: string; doBetter: string | null };
}): Promise<boolean> {
  const invite = await findSatisfactionInvite(input.organisationId, input.token);
  if (!invite) return false;
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.satisfactionResponse)
      .set({ ...input.answers, respondedAt: new Date() })
      .where(
        and(
          eq(schema.satisfactionResponse.id, invite.id),
          isNull(schema.satisfactionResponse.respondedAt),
        ),
      )
      .returning({ representationId: schema.satisfactionResponse.representationId });
    if (updated) {
      await recordAudit(
        {
          organisationId: input.organisationId,
          action: "satisfaction.answered",
          subjectType: "representation",
          subjectId: updated.representationId,
          // Anonymous: no address is kept with an answer.
        },
        tx,
      );
    }
    return true;
  });
}
