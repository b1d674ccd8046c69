import { describe, expect, it } from "vitest";
import holidays from "#db/data/bank-holidays.json";
import { calendarFor, WorkingCalendar } from "#app/utils/working-days";
import { acknowledgeBy, canExtend, clockState, stageDeadline } from "./clock";

const england = calendarFor("england-and-wales");

describe("stage deadlines in working days (England and Wales bank holidays, from data)", () => {
  it.each([
    // prettier-ignore
    { why: "weekends skipped: Monday + 10", procedure: "statutory", stage: 1, startedOn: "2026-11-02", extended: false, due: "2026-11-16" },
    {
      why: "received on a Saturday: the clock starts on Monday",
      procedure: "statutory",
      stage: 1,
      startedOn: "2026-11-07",
      extended: false,
      due: "2026-11-23",
    },
    {
      why: "Christmas, the Boxing Day substitute and New Year",
      procedure: "statutory",
      stage: 1,
      startedOn: "2026-12-18",
      extended: false,
      due: "2027-01-06",
    },
    {
      why: "Good Friday and Easter Monday 2026",
      procedure: "statutory",
      stage: 1,
      startedOn: "2026-04-01",
      extended: false,
      due: "2026-04-17",
    },
    {
      why: "Easter 2027 falls in March",
      procedure: "statutory",
      stage: 1,
      startedOn: "2027-03-22",
      extended: false,
      due: "2027-04-07",
    },
    {
      why: "an agreed Stage 1 extension: 20 working days",
      procedure: "statutory",
      stage: 1,
      startedOn: "2026-11-02",
      extended: true,
      due: "2026-11-30",
    },
    {
      why: "Stage 2: 25 working days from the request",
      procedure: "statutory",
      stage: 2,
      startedOn: "2026-11-02",
      extended: false,
      due: "2026-12-07",
    },
    {
      why: "Stage 2 extended to 65, across Christmas and New Year",
      procedure: "statutory",
      stage: 2,
      startedOn: "2026-11-02",
      extended: true,
      due: "2027-02-04",
    },
    {
      why: "Stage 3 panel within 30 working days",
      procedure: "statutory",
      stage: 3,
      startedOn: "2026-11-02",
      extended: false,
      due: "2026-12-14",
    },
    {
      why: "corporate Stage 1: 10 working days",
      procedure: "corporate",
      stage: 1,
      startedOn: "2026-11-02",
      extended: false,
      due: "2026-11-16",
    },
    {
      why: "corporate Stage 1 cannot be extended",
      procedure: "corporate",
      stage: 1,
      startedOn: "2026-11-02",
      extended: true,
      due: "2026-11-16",
    },
    {
      why: "corporate Stage 2: 20 working days",
      procedure: "corporate",
      stage: 2,
      startedOn: "2026-11-02",
      extended: false,
      due: "2026-11-30",
    },
    {
      why: "not yet classified: the statutory clock",
      procedure: null,
      stage: 1,
      startedOn: "2025-12-19",
      extended: false,
      due: "2026-01-07",
    },
  ] as const)("$why → $due", ({ procedure, stage, startedOn, extended, due }) => {
    expect(stageDeadline(england, { procedure, stage, startedOn, extended })).toBe(due);
  });

  it("only statutory Stages 1 and 2 can be extended", () => {
    expect(canExtend("statutory", 1)).toBe(true);
    expect(canExtend("statutory", 2)).toBe(true);
    expect(canExtend("statutory", 3)).toBe(false);
    expect(canExtend("corporate", 1)).toBe(false);
  });

  it("takes its holidays from the data file, not from code", () => {
    const easter = holidays.regions["england-and-wales"].map((h) => h.date);
    expect(easter).toContain("2026-04-03");
    expect(easter).toContain("2026-04-06");
    const withoutHolidays = new WorkingCalendar([]);
    const input = { procedure: "statutory", stage: 1, startedOn: "2026-04-01" } as const;
    expect(stageDeadline(withoutHolidays, input)).toBe("2026-04-15");
    // A one-off holiday added to the data moves the deadline by a day.
    const oneOff = calendarFor("england-and-wales", ["2026-11-10"]);
    expect(stageDeadline(oneOff, { ...input, startedOn: "2026-11-02" })).toBe("2026-11-17");
  });

  it("asks for an acknowledgement within 3 working days, Christmas included", () => {
    expect(acknowledgeBy(england, "2026-11-02")).toBe("2026-11-05");
    expect(acknowledgeBy(england, "2026-12-24")).toBe("2026-12-31");
  });
});

describe("how a deadline stands today", () => {
  it.each([
    { today: "2026-11-11", state: { status: "on-track", workingDaysLeft: 3 } },
    { today: "2026-11-12", state: { status: "due-soon", workingDaysLeft: 2 } },
    { today: "2026-11-16", state: { status: "due-soon", workingDaysLeft: 0 } },
    { today: "2026-11-17", state: { status: "overdue", workingDaysLate: 1 } },
    { today: "2026-11-21", state: { status: "overdue", workingDaysLate: 4 } },
  ])("due Monday 16 November, on $today", ({ today, state }) => {
    expect(clockState(england, "2026-11-16", today)).toEqual(state);
  });
});
