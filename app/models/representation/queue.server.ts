// The complaints officer's queue, and one case opened with its history.
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#db/client";
import { type MadeBy, type RepresentationKind, type Stage } from "#db/schema/constants";
import { acknowledgeBy, canExtend, clockState, type ClockState } from "#app/complaints/clock";
import { answersOf } from "#app/forms/stored-answers";
import type { Answers } from "#app/forms/types";
import { type IsoDate } from "#app/utils/dates";
import { recordAudit } from "../audit.server";
import type { Organisation } from "../organisation.server";
import type { ListWindow, StaffActor } from "../inbox.server";
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

/** What the next deadline is worked out from: a case's clock fields and its current stage's. */
type ClockFields = Pick<Representation, "kind" | "receivedOn" | "acknowledgedOn" | "closedOn">;
type StageClock = Pick<StageRow, "dueOn" | "respondedOn" | "respondedInTime">;

/** The deadline that matters next for an open case. */
export function nextDueOf(
  organisation: Organisation,
  row: ClockFields,
  current: StageClock | undefined,
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

/** Only what the queue shows: a case's sealed words are not read (nor unsealed) for a list. */
const { representation, representationStage } = schema;
const queueColumns = {
  id: representation.id,
  reference: representation.reference,
  kind: representation.kind,
  receivedOn: representation.receivedOn,
  acknowledgedOn: representation.acknowledgedOn,
  confirmedAt: representation.confirmedAt,
  urgent: representation.urgent,
  stage: representation.stage,
  madeBy: representation.madeBy,
  serviceArea: representation.serviceArea,
  closedOn: representation.closedOn,
};

/** A case's current stage's clock, one index lookup a case (a compliment has none). */
function currentStageClock() {
  return db()
    .select({
      dueOn: representationStage.dueOn,
      respondedOn: representationStage.respondedOn,
      respondedInTime: representationStage.respondedInTime,
    })
    .from(representationStage)
    .where(joinCurrentStage)
    .limit(1)
    .as("current_stage");
}

/** The cases asked for, with the columns the queue shows and their current stage's clock. */
function readCases(where: SQL | undefined) {
  const stage = currentStageClock();
  return db()
    .select({
      row: queueColumns,
      stage: {
        dueOn: stage.dueOn,
        respondedOn: stage.respondedOn,
        respondedInTime: stage.respondedInTime,
      },
    })
    .from(representation)
    .leftJoinLateral(stage, sql`true`)
    .where(where);
}

function queueItemOf(
  organisation: Organisation,
  today: IsoDate,
  { row, stage }: Awaited<ReturnType<typeof readCases>>[number],
): QueueItem {
  return {
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
  };
}

type QueueInput = { organisation: Organisation; staff: StaffActor; now?: Date };

/**
 * The open queue, one window of it and how many there are; null for anyone who may not triage.
 * New cases first (urgent ones at the very top), then by the nearest deadline. The deadlines are
 * worked out from the council's calendar, so every open case is read (the partial index
 * `representation_open` finds them among a council's hundred thousand closed ones) and ordered
 * here: a council has hundreds open, not hundreds of thousands.
 */
export async function readOpenQueue(
  input: QueueInput,
  window?: ListWindow,
): Promise<{ rows: QueueItem[]; total: number } | null> {
  const { organisation, staff } = input;
  if (!mayTriage(organisation.id, staff)) return null;
  const today = todayInLondon(input.now);
  const rows = await readCases(
    and(eq(representation.organisationId, organisation.id), isNull(representation.closedOn)),
  );
  const items = rows.map((row) => queueItemOf(organisation, today, row));
  const rank = (item: QueueItem) => (item.isNew ? (item.urgent ? 0 : 1) : 2);
  items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.nextDue?.dueOn ?? "9999").localeCompare(b.nextDue?.dueOn ?? "9999") ||
      a.receivedOn.localeCompare(b.receivedOn),
  );
  const shown = window ? items.slice(window.offset, window.offset + window.limit) : items;
  return { rows: shown, total: items.length };
}

/** The whole open queue, in its order (see `readOpenQueue`). */
export async function listQueue(input: QueueInput): Promise<QueueItem[] | null> {
  return (await readOpenQueue(input))?.rows ?? null;
}

/** Where a page of closed cases starts or ends: the day one was closed, and its id. */
export type ClosedCursor = { closedOn: IsoDate; id: string };

/** A cursor as an address carries it ("2026-11-20.<id>"), or undefined if it is not one. */
export function closedCursorOf(text: string | null | undefined): ClosedCursor | undefined {
  const [closedOn, id] = (text ?? "").split(".");
  if (!closedOn || !id || !/^\d{4}-\d{2}-\d{2}$/.test(closedOn) || !isUuid(id)) return undefined;
  return { closedOn: closedOn as IsoDate, id };
}
export const closedCursorText = (cursor: ClosedCursor) => `${cursor.closedOn}.${cursor.id}`;

export type ClosedPage = {
  rows: QueueItem[];
  /** Where the more recently closed page ends, and the earlier one starts (null: none). */
  newer: ClosedCursor | null;
  older: ClosedCursor | null;
};

/**
 * Closed cases, most recently closed first, a page of `limit` at a time: those closed before
 * `after` (the page after), or after `before` (the page before), or the most recent. Each page is
 * read from the index `representation_closed` where the last one ended (no count, no offset), so
 * the thousandth page costs what the first does. Null for anyone who may not triage.
 */
export async function readClosedCases(
  input: QueueInput & { after?: ClosedCursor; before?: ClosedCursor; limit: number },
): Promise<ClosedPage | null> {
  const { organisation, staff, after, before, limit } = input;
  if (!mayTriage(organisation.id, staff)) return null;
  const today = todayInLondon(input.now);
  const key = sql`(${representation.closedOn}, ${representation.id})`;
  const at = (cursor: ClosedCursor) => sql`(${cursor.closedOn}::date, ${cursor.id}::uuid)`;
  const backwards = !after && before !== undefined;
  const found = await readCases(
    and(
      eq(representation.organisationId, organisation.id),
      sql`${representation.closedOn} is not null`,
      after ? sql`${key} < ${at(after)}` : backwards ? sql`${key} > ${at(before)}` : undefined,
    ),
  )
    .orderBy(
      ...(backwards
        ? [asc(representation.closedOn), asc(representation.id)]
        : [desc(representation.closedOn), desc(representation.id)]),
    )
    .limit(limit + 1);
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (backwards) page.reverse();
  const rows = page.map((row) => queueItemOf(organisation, today, row));
  const cursorOf = (item: QueueItem | undefined) =>
    item?.closedOn ? { closedOn: item.closedOn, id: item.id } : null;
  return {
    rows,
    // Past either end (an old address), the way back is from where it was asked.
    newer: backwards
      ? more
        ? cursorOf(rows[0])
        : null
      : after
        ? (cursorOf(rows[0]) ?? after)
        : null,
    older: backwards ? (cursorOf(rows.at(-1)) ?? before) : more ? cursorOf(rows.at(-1)) : null,
  };
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
