// What every part of a comment, compliment or complaint's life shares: its clock's calendar and
// today's date in London, and how a case is joined to the stage it is at.
import { and, asc, eq } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import type { StaffActor } from "../inbox.server";
import { can } from "../permissions";
import { type RepresentationKind } from "#db/schema/constants";
import { calendarFor } from "#app/utils/working-days";
import { londonDateOf } from "#app/utils/dates";
import type { Organisation } from "../organisation.server";

export type Representation = typeof schema.representation.$inferSelect;
export type StageRow = typeof schema.representationStage.$inferSelect;

/** Joins a case to the stage it is at now (a left join: a compliment has none). */
export const joinCurrentStage = and(
  eq(schema.representationStage.representationId, schema.representation.id),
  eq(schema.representationStage.stage, schema.representation.stage),
);

/** A stage has been answered: on a known day, or (imported history) known to be in time or late. */
export const answered = (stage: Pick<StageRow, "respondedOn" | "respondedInTime">) =>
  stage.respondedOn !== null || stage.respondedInTime !== null;

export const calendarOf = (organisation: Pick<Organisation, "bankHolidayRegion">) =>
  calendarFor(organisation.bankHolidayRegion);

export const todayInLondon = (now = new Date()) => londonDateOf(now);

/** Complaints and comments are answered; a compliment is passed on, not answered. */
export const isAnswered = (kind: RepresentationKind) => kind !== "compliment";

/** The complaints officer of this council. */
export const mayTriage = (organisationId: string, staff: StaffActor) =>
  staff.organisationId === organisationId && can(staff.roles, "representation:triage");

export function stagesOf(tx: Transaction | ReturnType<typeof db>, representationId: string) {
  return tx
    .select()
    .from(schema.representationStage)
    .where(eq(schema.representationStage.representationId, representationId))
    .orderBy(asc(schema.representationStage.stage));
}
