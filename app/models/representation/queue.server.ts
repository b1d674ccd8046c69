// The complaints officer's queue, and one case opened with its history.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { type MadeBy, type RepresentationKind, type Stage } from "#db/schema/constants";
import { acknowledgeBy, canExtend, clockState, type ClockState } from "#app/complaints/clock";
import { answersOf } from "#app/forms/stored-answers";
import type { Answers } from "#app/forms/types";
import { type IsoDate } from "#app/utils/dates";
import { recordAudit } from "../audit.server";
import type { Organisation } from "../organisation.server";
import type { StaffActor } from "../inbox.server";
import { isUuid } from "../invitation.server";
import {
  type Representation,
  type StageRow,
  answered,
  calendarOf,
  joinCurrentStage,
  mayTriage,
  stagesOf,
  todayInLondon,
} from "./common.server";
import { wasToldOf } from "./notify.server";

export type QueueItem = {
  id: string;
  reference: string;
  kind: RepresentationKind;
  receivedOn: IsoDate;
  isNew: boolean;
  urgent: boolean;
  stage: number;
  /** "not-recorded" for imported history that did not say. */
  madeBy: MadeBy | "not-recorded";
  serviceArea: string | null;
  /** The next thing due: acknowledgement, then the current stage's answer. */
  nextDue: { what: "acknowledge" | "respond"; dueOn: IsoDate; state: ClockState } | null;
  closedOn: IsoDate | null;
};

/** The deadline that matters next for an open case. */
export function nextDueOf(
  organisation: Organisation,
  row: Representation,
  current: StageRow | undefined,
  today: IsoDate,
): QueueItem["nextDue"] {
  if (row.closedOn) return null;
  const calendar = calendarOf(organisation);
  if (!row.acknowledgedOn && row.kind === "complaint") {
    const dueOn = acknowledgeBy(calendar, row.receivedOn, organisation.acknowledgementDays);
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
    madeBy: row.madeBy ?? "not-recorded",
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
  /**
   * When the complainant was sent "How did we do?" (their answers are anonymous: they are read
   * with everyone else's in the summary, never with the case).
   */
  satisfactionAskedAt: Date | null;
  /**
   * "officer" may change it; "responder" (the Stage responder) and "told" (someone emailed a link
   * to it: the child's IRO, the reviewing service's managers) may only read it.
   */
  access: "officer" | "responder" | "told";
};

/**
 * A case, for the complaints officer, the member of staff answering it, or someone emailed a link
 * to it; null for anyone else, whether or not it exists. Every view is audited.
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
        : (await wasToldOf(tx, organisation, row, staff.id))
          ? "told"
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
    const [asked] = await tx
      .select({ at: schema.invitation.createdAt })
      .from(schema.invitation)
      .where(eq(schema.invitation.representationId, row.id));
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
      acknowledgeBy: acknowledgeBy(calendar, row.receivedOn, organisation.acknowledgementDays),
      answers: sent ? answersOf(sent) : null,
      formId: sent?.formId ?? null,
      formVersion: sent?.formVersion ?? null,
      history: history.map((entry) => ({
        ...entry,
        detail: (entry.detail ?? {}) as Record<string, unknown>,
      })),
      advocacyReferral: referral ?? null,
      satisfactionAskedAt: asked?.at ?? null,
      access,
    };
  });
}
