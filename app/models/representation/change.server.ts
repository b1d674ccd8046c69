// What the officer does to a case: each change is one transaction with its audit entry, and the
// routing rules are asked again who must now hear.
import { and, eq } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import {
  type ComplaintCategory,
  type ContactMethod,
  type Disability,
  type Ethnicity,
  type MadeBy,
  type OmbudsmanOutcome,
  type Outcome,
  type Procedure,
  type RepresentationKind,
  type Stage,
} from "#db/schema/constants";
import { canExtend, stageDeadline } from "#app/complaints/clock";
import { type IsoDate } from "#app/utils/dates";
import { recordAudit, type AuditAction } from "../audit.server";
import { emailWords } from "../email-text.server";
import { formatDay } from "#app/utils/dates";
import { enqueueEmail, emailQueued } from "../outbox.server";
import type { Organisation } from "../organisation.server";
import type { StaffActor } from "../inbox.server";
import { isUuid } from "../invitation.server";
import {
  type Representation,
  answered,
  calendarOf,
  isAnswered,
  mayTriage,
  stagesOf,
} from "./common.server";
import { notifyWhoMustKnow } from "./notify.server";
import { inviteToSatisfactionQuestionnaire } from "./satisfaction.server";

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
  /** Someone in a team with no account here (left out: unchanged, or none for a new case). */
  complimentMemberId?: string | null;
};

export type CaseChange =
  | ({ type: "classify" } & Classification)
  | { type: "assign"; responderStaffUserId: string | null; responderTeamId: string | null }
  | { type: "acknowledge"; on: IsoDate }
  | { type: "extend"; reason: string; agreedOn: IsoDate }
  | { type: "respond"; on: IsoDate }
  | { type: "escalate"; requestedOn: IsoDate; conductedBy?: string | null }
  | { type: "ombudsman"; on: IsoDate; outcome?: OmbudsmanOutcome | null }
  | { type: "close"; outcome: Outcome | null; on: IsoDate; lessonsLearnt?: string | null }
  /** Stage 2's independent investigator, or Stage 3's panel or reviewer (the current stage). */
  | { type: "conducted-by"; conductedBy: string }
  /** What the council changed after an upheld or partly upheld complaint. */
  | { type: "lessons"; lessonsLearnt: string }
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

export const AUDIT_OF: Record<CaseChange["type"], AuditAction> = {
  classify: "representation.classified",
  assign: "representation.assigned",
  acknowledge: "representation.acknowledged",
  extend: "representation.extended",
  respond: "representation.responded",
  escalate: "representation.escalated",
  ombudsman: "representation.ombudsman",
  close: "representation.closed",
  // Recorded as who the stage was given to, and as what closing it led to (`recorded` in the
  // entry's detail says which, for the history).
  "conducted-by": "representation.assigned",
  lessons: "representation.closed",
  note: "representation.note-added",
  reply: "representation.reply-sent",
};

/** The outcomes after which the council says what it changed ("lessons learnt"). */
export const UPHELD: readonly (Outcome | null)[] = ["upheld", "partly-upheld"];

/** Changes that may still be made once a case is closed: they record what happened after. */
const AFTER_CLOSING = new Set<CaseChange["type"]>([
  "note",
  "reply",
  "ombudsman",
  "conducted-by",
  "lessons",
]);

/** Staff the officer may name (assign, compliment, IRO): active, in this council. */
export async function staffInCouncil(tx: Transaction, organisationId: string, id: string | null) {
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

export async function teamInCouncil(tx: Transaction, organisationId: string, id: string | null) {
  if (id === null) return true;
  if (!isUuid(id)) return false;
  const [row] = await tx
    .select({ id: schema.team.id })
    .from(schema.team)
    .where(and(eq(schema.team.id, id), eq(schema.team.organisationId, organisationId)));
  return Boolean(row);
}

/** Someone in one of this council's teams. */
async function memberInCouncil(tx: Transaction, organisationId: string, id: string | null) {
  if (id === null) return true;
  if (!isUuid(id)) return false;
  const [row] = await tx
    .select({ id: schema.teamMember.id })
    .from(schema.teamMember)
    .where(and(eq(schema.teamMember.id, id), eq(schema.teamMember.organisationId, organisationId)));
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
    if (closed && !AFTER_CLOSING.has(change.type)) return { ok: false, problem: "closed" };
    const now = new Date();
    const set: Partial<Representation> = { updatedAt: now };
    let detail: Record<string, unknown> = {};
    switch (change.type) {
      case "classify": {
        if (
          !(await staffInCouncil(tx, organisation.id, change.iroStaffUserId)) ||
          !(await staffInCouncil(tx, organisation.id, change.complimentStaffUserId)) ||
          !(await teamInCouncil(tx, organisation.id, change.complimentTeamId)) ||
          !(await memberInCouncil(tx, organisation.id, change.complimentMemberId ?? null))
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
        const conductedBy = change.conductedBy?.trim() || null;
        await tx.insert(schema.representationStage).values({
          organisationId: organisation.id,
          representationId: row.id,
          stage,
          startedOn: change.requestedOn,
          dueOn,
          conductedBy,
        });
        set.stage = stage;
        set.responderStaffUserId = null;
        set.responderTeamId = null;
        detail = { stage, requestedOn: change.requestedOn, dueOn, conductedBy };
        break;
      }
      case "ombudsman":
        if (row.kind !== "complaint") return { ok: false, problem: "onlyComplaints" };
        if (change.on < row.receivedOn) return { ok: false, problem: "beforeReceived" };
        set.ombudsmanOn = change.on;
        // A decision, once recorded, stays unless another is recorded.
        set.ombudsmanOutcome = change.outcome ?? row.ombudsmanOutcome;
        detail = { on: change.on, ombudsmanOutcome: set.ombudsmanOutcome };
        break;
      case "close": {
        if (row.kind === "complaint" && !change.outcome) return { ok: false, problem: "outcome" };
        const outcome = row.kind === "complaint" ? change.outcome : null;
        const lessonsLearnt = change.lessonsLearnt?.trim() || null;
        if (lessonsLearnt && !UPHELD.includes(outcome))
          return { ok: false, problem: "lessonsNotUpheld" };
        set.outcome = outcome;
        set.closedOn = change.on;
        if (lessonsLearnt) set.lessonsLearnt = lessonsLearnt;
        // What was changed is the council's own record, kept on the case, not in its history.
        detail = { outcome, on: change.on, ...(lessonsLearnt ? { lessonsLearnt: true } : {}) };
        break;
      }
      case "conducted-by": {
        if (row.kind !== "complaint") return { ok: false, problem: "onlyComplaints" };
        if (!current || row.stage < 2) return { ok: false, problem: "noIndependentStage" };
        await tx
          .update(schema.representationStage)
          .set({ conductedBy: change.conductedBy.trim() })
          .where(eq(schema.representationStage.id, current.id));
        detail = {
          recorded: "conducted-by",
          stage: row.stage,
          conductedBy: change.conductedBy.trim(),
        };
        break;
      }
      case "lessons":
        if (row.kind !== "complaint" || !closed || !UPHELD.includes(row.outcome))
          return { ok: false, problem: "lessonsNotUpheld" };
        set.lessonsLearnt = change.lessonsLearnt.trim();
        detail = { recorded: "lessons-learnt", outcome: row.outcome, lessonsLearnt: true };
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
  emailQueued();
  return result;
}
