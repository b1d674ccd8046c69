// The statutory clocks of a comment, compliment or complaint, in working days (docs/domain.md).
// Pure: the calendar (bank holidays from data) and "today" are passed in.
import type { Procedure, Stage } from "#db/schema/constants";
import type { WorkingCalendar } from "#app/utils/working-days";
import type { IsoDate } from "#app/utils/dates";

type Timescale = { days: number; extendedDays?: number };

/** Working days each stage has, by procedure. Corporate stages cannot be extended. */
export const TIMESCALES: Record<Procedure, Record<Stage, Timescale>> = {
  statutory: {
    1: { days: 10, extendedDays: 20 },
    2: { days: 25, extendedDays: 65 },
    3: { days: 30 },
  },
  corporate: { 1: { days: 10 }, 2: { days: 20 }, 3: { days: 20 } },
};

/**
 * Statutory guidance: a complaint is acknowledged within 3 working days of receipt. A council may
 * set 2 or 5 instead (its `acknowledgement_days`).
 */
export const ACKNOWLEDGE_WITHIN = 3;

/** Working days left at or below which a deadline is "due soon". */
export const DUE_SOON_DAYS = 2;

/** Until the officer decides, a new case runs on the statutory clock (the shorter is the same). */
export const timescaleOf = (procedure: Procedure | null, stage: Stage) =>
  TIMESCALES[procedure ?? "statutory"][stage];

export const canExtend = (procedure: Procedure | null, stage: Stage) =>
  timescaleOf(procedure, stage).extendedDays !== undefined;

/**
 * When a stage must be answered. A stage starts on the day it was received or asked for (day 0);
 * an agreed extension replaces the limit with the longer one.
 */
export function stageDeadline(
  calendar: WorkingCalendar,
  input: { procedure: Procedure | null; stage: Stage; startedOn: IsoDate; extended?: boolean },
): IsoDate {
  const timescale = timescaleOf(input.procedure, input.stage);
  const days =
    input.extended && timescale.extendedDays !== undefined
      ? timescale.extendedDays
      : timescale.days;
  return calendar.addWorkingDays(input.startedOn, days);
}

export const acknowledgeBy = (
  calendar: WorkingCalendar,
  receivedOn: IsoDate,
  days: number = ACKNOWLEDGE_WITHIN,
) => calendar.addWorkingDays(receivedOn, days);

export type ClockState =
  | { status: "overdue"; workingDaysLate: number }
  | { status: "due-soon" | "on-track"; workingDaysLeft: number };

/** How a deadline stands today: overdue the day after it passes, due soon in its last 2 days. */
export function clockState(calendar: WorkingCalendar, dueOn: IsoDate, today: IsoDate): ClockState {
  if (today > dueOn) {
    return { status: "overdue", workingDaysLate: calendar.workingDaysBetween(dueOn, today) };
  }
  const workingDaysLeft = calendar.workingDaysBetween(today, dueOn);
  return { status: workingDaysLeft <= DUE_SOON_DAYS ? "due-soon" : "on-track", workingDaysLeft };
}

/** Answered in time: on or before the deadline in force (the extended one, if agreed). */
export const answeredInTime = (respondedOn: IsoDate, dueOn: IsoDate) => respondedOn <= dueOn;
