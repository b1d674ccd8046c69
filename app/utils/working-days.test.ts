import { describe, expect, it } from "vitest";
import holidays from "#db/data/bank-holidays.json";
import { calendarFor, coveredYears, WorkingCalendar, type BankHolidayRegion } from "./working-days";
import { londonDateOf } from "./dates";

const england = calendarFor("england-and-wales");
const scotland = calendarFor("scotland");
const northernIreland = calendarFor("northern-ireland");
const REGIONS: BankHolidayRegion[] = ["england-and-wales", "scotland", "northern-ireland"];

const weekdayOf = (d: string) =>
  ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][new Date(`${d}T00:00:00Z`).getUTCDay()];

describe("isWorkingDay", () => {
  it.each([
    { date: "2026-11-20", working: true, why: "an ordinary Friday" },
    { date: "2026-11-21", working: false, why: "Saturday" },
    { date: "2026-11-22", working: false, why: "Sunday" },
    { date: "2026-11-23", working: true, why: "an ordinary Monday" },
    { date: "2026-12-24", working: true, why: "Christmas Eve is not a bank holiday" },
    { date: "2026-12-25", working: false, why: "Christmas Day (Friday)" },
    { date: "2026-12-26", working: false, why: "Boxing Day falls on a Saturday" },
    { date: "2026-12-28", working: false, why: "Monday substitute for Boxing Day" },
    { date: "2027-01-01", working: false, why: "New Year’s Day" },
    { date: "2027-12-27", working: false, why: "substitute for Christmas Day (Saturday)" },
    { date: "2027-12-28", working: false, why: "substitute for Boxing Day (Sunday)" },
  ])("England and Wales: $date is working: $working ($why)", ({ date, working }) => {
    expect(england.isWorkingDay(date)).toBe(working);
  });
});

describe("addWorkingDays: the day of receipt is day 0", () => {
  // November 2026 has no bank holidays anywhere in the UK, so only weekends matter here.
  it.each([
    { received: "2026-11-20", n: 1, due: "2026-11-23", why: "Friday + 1 → Monday" },
    { received: "2026-11-21", n: 1, due: "2026-11-24", why: "Saturday counts as Monday (day 0)" },
    { received: "2026-11-22", n: 1, due: "2026-11-24", why: "Sunday counts as Monday (day 0)" },
    { received: "2026-11-21", n: 0, due: "2026-11-23", why: "n = 0: first working day on/after" },
    { received: "2026-11-23", n: 0, due: "2026-11-23", why: "n = 0 on a working day: itself" },
    { received: "2026-11-18", n: 2, due: "2026-11-20", why: "Wednesday + 2 → Friday" },
    { received: "2026-11-18", n: 3, due: "2026-11-23", why: "Wednesday + 3 crosses a weekend" },
    { received: "2026-11-16", n: 5, due: "2026-11-23", why: "a working week" },
    { received: "2026-11-20", n: 10, due: "2026-12-04", why: "two working weeks" },
  ])("weekends: $received + $n → $due ($why)", ({ received, n, due }) => {
    expect(england.addWorkingDays(received, n)).toBe(due);
  });

  /*
   * Received Wednesday 23 December 2026, reply within 10 working days (England and Wales):
   *   Thu 24 Dec  1
   *   Fri 25 Dec  -  Christmas Day
   *   Sat 26, Sun 27  -  weekend (Boxing Day is on the Saturday)
   *   Mon 28 Dec  -  Boxing Day substitute
   *   Tue 29 Dec  2,  Wed 30 Dec  3,  Thu 31 Dec  4
   *   Fri  1 Jan  -  New Year’s Day;  Sat 2, Sun 3  -  weekend
   *   Mon  4 Jan  5,  Tue 5  6,  Wed 6  7,  Thu 7  8,  Fri 8  9
   *   Sat 9, Sun 10  -  weekend
   *   Mon 11 Jan 10  →  due 2027-01-11
   * In Scotland 2 January 2027 is a Saturday, so Monday 4 January is a holiday too and every
   * day from there moves one on: due Tuesday 2027-01-12.
   */
  it.each([
    { received: "2026-12-23", n: 10, due: "2027-01-11", why: "over Christmas and New Year" },
    { received: "2026-12-23", n: 1, due: "2026-12-24", why: "Christmas Eve is a working day" },
    { received: "2026-12-24", n: 1, due: "2026-12-29", why: "skips 25, weekend and 28 Dec" },
    { received: "2026-12-25", n: 1, due: "2026-12-30", why: "received on Christmas Day → 29th" },
    { received: "2026-12-31", n: 1, due: "2027-01-04", why: "skips New Year’s Day and weekend" },
  ])("Christmas 2026: $received + $n → $due ($why)", ({ received, n, due }) => {
    expect(england.addWorkingDays(received, n)).toBe(due);
  });

  it("Christmas 2026 in Scotland: 2 January substitute (Mon 4 Jan 2027) adds a day", () => {
    expect(scotland.addWorkingDays("2026-12-23", 10)).toBe("2027-01-12");
  });

  // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
  it.each([
    { received: "2027-03-25", n: 1, due: "2027-03-30", why: "Thursday + 1 skips Fri–Mon" },
    { received: "2027-03-24", n: 2, due: "2027-03-30", why: "Thu 25 is 1, Tue 30 is 2" },
    { received: "2027-03-25", n: 5, due: "2027-04-05", why: "Tue 30 … Fri 2, Mon 5 April" },
    { received: "2027-03-26", n: 1, due: "2027-03-31", why: "received Good Friday → day 0 Tue" },
    { received: "2027-03-29", n: 0, due: "2027-03-30", why: "n = 0 on Easter Monday" },
  ])("Easter 2027: $received + $n → $due ($why)", ({ received, n, due }) => {
    expect(england.addWorkingDays(received, n)).toBe(due);
  });

  it.each([
    { received: "2025-05-02", n: 1, due: "2025-05-06", why: "early May bank holiday 5 May 2025" },
    { received: "2026-05-01", n: 1, due: "2026-05-05", why: "early May bank holiday 4 May 2026" },
    { received: "2028-04-28", n: 1, due: "2028-05-02", why: "early May bank holiday 1 May 2028" },
  ])("early May: $received + $n → $due ($why)", ({ received, n, due }) => {
    expect(england.addWorkingDays(received, n)).toBe(due);
  });

  /*
   * Complaint clocks from Monday 20 April 2026 (England and Wales). Holidays on the way:
   * Mon 4 May (early May) and Mon 25 May (spring).
   *   21–24 Apr 1–4, 27–30 Apr 5–8, Fri 1 May 9, [4 May], Tue 5 May 10,
   *   6–8 May 11–13, 11–15 May 14–18, 18–22 May 19–23, [25 May], Tue 26 May 24, Wed 27 May 25,
   *   then 28–29 May 26–27, and five a week for seven weeks (1 Jun – 17 Jul) to 62,
   *   Mon 20 Jul 63, Tue 21 Jul 64, Wed 22 Jul 65.
   */
  it.each([
    { n: 10, due: "2026-05-05", clock: "10 working days (Stage 1)" },
    { n: 20, due: "2026-05-19", clock: "20 working days (Stage 1 extended / Stage 2 clock)" },
    { n: 25, due: "2026-05-27", clock: "25 working days (Stage 2 / extension)" },
    { n: 65, due: "2026-07-22", clock: "65 working days (longest Stage 2 extension)" },
  ])("received 2026-04-20, $clock → $due", ({ n, due }) => {
    expect(england.addWorkingDays("2026-04-20", n)).toBe(due);
    expect(england.workingDaysBetween("2026-04-20", due)).toBe(n);
  });

  it("extra closure days passed to calendarFor are skipped too", () => {
    const withClosure = calendarFor("england-and-wales", ["2026-11-23"]);
    expect(withClosure.addWorkingDays("2026-11-20", 1)).toBe("2026-11-24");
    expect(england.addWorkingDays("2026-11-20", 1)).toBe("2026-11-23");
  });
});

describe("regions differ", () => {
  it.each([
    { date: "2025-01-02", what: "2 January", ew: true, scot: false, ni: true },
    { date: "2026-01-02", what: "2 January", ew: true, scot: false, ni: true },
    { date: "2027-01-04", what: "2 January substitute", ew: true, scot: false, ni: true },
    { date: "2026-04-06", what: "Easter Monday", ew: false, scot: true, ni: false },
    { date: "2027-03-29", what: "Easter Monday", ew: false, scot: true, ni: false },
    { date: "2027-03-26", what: "Good Friday", ew: false, scot: false, ni: false },
    { date: "2026-08-03", what: "first Monday of August", ew: true, scot: false, ni: true },
    { date: "2026-08-31", what: "last Monday of August", ew: false, scot: true, ni: false },
    { date: "2026-11-30", what: "St Andrew’s Day", ew: true, scot: false, ni: true },
    { date: "2024-12-02", what: "St Andrew’s Day substitute", ew: true, scot: false, ni: true },
    {
      date: "2026-06-15",
      what: "Scotland’s one-off World Cup day",
      ew: true,
      scot: false,
      ni: true,
    },
    { date: "2026-03-17", what: "St Patrick’s Day", ew: true, scot: true, ni: false },
    { date: "2024-03-18", what: "St Patrick’s Day substitute", ew: true, scot: true, ni: false },
    { date: "2026-07-13", what: "Battle of the Boyne substitute", ew: true, scot: true, ni: false },
    { date: "2026-12-28", what: "Boxing Day substitute", ew: false, scot: false, ni: false },
  ])("$date ($what): E&W $ew, Scotland $scot, NI $ni", ({ date, ew, scot, ni }) => {
    expect(england.isWorkingDay(date)).toBe(ew);
    expect(scotland.isWorkingDay(date)).toBe(scot);
    expect(northernIreland.isWorkingDay(date)).toBe(ni);
  });

  it("Easter 2027: Thursday + 1 is Tuesday in England but Monday in Scotland", () => {
    expect(england.addWorkingDays("2027-03-25", 1)).toBe("2027-03-30");
    expect(scotland.addWorkingDays("2027-03-25", 1)).toBe("2027-03-29");
  });
});

describe("subtractWorkingDays: alerts before a date", () => {
  it.each([
    { review: "2026-11-23", n: 2, alert: "2026-11-19", why: "Monday review → Thursday before" },
    { review: "2026-11-23", n: 1, alert: "2026-11-20", why: "Monday review → Friday before" },
    { review: "2026-11-25", n: 2, alert: "2026-11-23", why: "Wednesday review → Monday" },
    { review: "2026-11-21", n: 1, alert: "2026-11-20", why: "Saturday: 1 before is Friday" },
    { review: "2026-11-22", n: 0, alert: "2026-11-20", why: "n = 0: last working day on/before" },
    { review: "2026-11-23", n: 0, alert: "2026-11-23", why: "n = 0 on a working day: itself" },
    { review: "2026-12-29", n: 2, alert: "2026-12-23", why: "skips 28, weekend, 25 Dec; 24th=1" },
    { review: "2027-03-30", n: 2, alert: "2027-03-24", why: "skips Easter Monday … Good Friday" },
    { review: "2027-01-05", n: 2, alert: "2026-12-31", why: "skips weekend and 1 January" },
  ])("$n working days before $review → $alert ($why)", ({ review, n, alert }) => {
    expect(england.subtractWorkingDays(review, n)).toBe(alert);
  });
});

describe("workingDaysBetween: after `from`, up to and including `to`", () => {
  it.each([
    { from: "2026-11-20", to: "2026-11-23", days: 1, why: "Friday → Monday" },
    { from: "2026-11-20", to: "2026-11-20", days: 0, why: "same day" },
    { from: "2026-11-23", to: "2026-11-20", days: 0, why: "`to` before `from`" },
    { from: "2026-11-21", to: "2026-11-22", days: 0, why: "a weekend" },
    { from: "2026-11-21", to: "2026-11-24", days: 2, why: "Saturday → Tuesday: Mon and Tue" },
    { from: "2026-11-16", to: "2026-11-27", days: 9, why: "Mon → Fri of the next week" },
    { from: "2026-12-23", to: "2027-01-11", days: 10, why: "over Christmas and New Year" },
    { from: "2027-03-25", to: "2027-03-29", days: 0, why: "Maundy Thursday → Easter Monday" },
  ])("$from → $to: $days ($why)", ({ from, to, days }) => {
    expect(england.workingDaysBetween(from, to)).toBe(days);
  });

  it("agrees with addWorkingDays and subtractWorkingDays for every working day of 2026–27", () => {
    for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const start = new Date(t).toISOString().slice(0, 10);
      if (!england.isWorkingDay(start)) continue;
      for (const n of [0, 1, 2, 10, 20, 25]) {
        const due = england.addWorkingDays(start, n);
        expect(england.isWorkingDay(due)).toBe(true);
        expect(england.workingDaysBetween(start, due)).toBe(n);
        expect(england.subtractWorkingDays(due, n)).toBe(start);
      }
    }
  });
});

describe("invalid input", () => {
  it.each([
    { what: "a non-date", call: () => england.isWorkingDay("next Tuesday") },
    { what: "30 February", call: () => england.addWorkingDays("2026-02-30", 1) },
    { what: "a date with a time", call: () => england.addWorkingDays("2026-11-20T10:00", 1) },
    { what: "a negative count", call: () => england.addWorkingDays("2026-11-20", -1) },
    { what: "a fractional count", call: () => england.subtractWorkingDays("2026-11-20", 1.5) },
    { what: "a bad holiday", call: () => new WorkingCalendar(["2026-13-01"]) },
    { what: "an invalid Date", call: () => londonDateOf(new Date("nonsense")) },
  ])("rejects $what", ({ call }) => {
    expect(call).toThrow(RangeError);
  });
});

describe("londonDateOf", () => {
  // 2026: clocks go forward at 01:00 UTC on Sunday 29 March, back at 01:00 UTC on Sunday 25 October.
  it.each([
    { instant: "2026-03-28T23:59:59Z", london: "2026-03-28", why: "GMT: same as UTC" },
    { instant: "2026-03-29T00:30:00Z", london: "2026-03-29", why: "00:30 GMT, just before BST" },
    { instant: "2026-03-29T01:30:00Z", london: "2026-03-29", why: "02:30 BST" },
    { instant: "2026-06-30T22:59:59Z", london: "2026-06-30", why: "23:59:59 BST" },
    { instant: "2026-06-30T23:30:00Z", london: "2026-07-01", why: "00:30 BST the next day" },
    { instant: "2026-10-24T23:30:00Z", london: "2026-10-25", why: "00:30 BST" },
    {
      instant: "2026-10-25T00:30:00Z",
      london: "2026-10-25",
      why: "01:30 BST, before clocks go back",
    },
    { instant: "2026-10-25T23:30:00Z", london: "2026-10-25", why: "23:30 GMT" },
    { instant: "2026-12-31T23:59:59Z", london: "2026-12-31", why: "GMT: same as UTC" },
  ])("$instant is $london in London ($why)", ({ instant, london }) => {
    expect(londonDateOf(new Date(instant))).toBe(london);
  });

  it("a complaint sent at 00:30 BST on Saturday counts from Monday, not from Friday", () => {
    const received = londonDateOf(new Date("2026-06-26T23:30:00Z"));
    expect(received).toBe("2026-06-27");
    expect(england.addWorkingDays(received, 1)).toBe("2026-06-30");
  });
});

describe("db/data/bank-holidays.json", () => {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher): Easter Sunday as "YYYY-MM-DD".
  function easterSunday(y: number): string {
    const a = y % 19;
    const b = Math.floor(y / 100);
    const c = y % 100;
    const d = Math.floor(b / 4);
    const e = b % 4;
    const f = Math.floor((b + 8) / 25);
    const g = Math.floor((b - f + 1) / 3);
    const h = (19 * a + b - d - g + 15) % 30;
    const i = Math.floor(c / 4);
    const k = c % 4;
    const l = (32 + 2 * e + 2 * i - h - k) % 7;
    const m = Math.floor((a + 11 * h + 22 * l) / 451);
    const month = Math.floor((h + l - 7 * m + 114) / 31);
    const day = ((h + l - 7 * m + 114) % 31) + 1;
    return new Date(Date.UTC(y, month - 1, day)).toISOString().slice(0, 10);
  }
  const shift = (d: string, days: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const YEARS = [2024, 2025, 2026, 2027, 2028];
  const datesOf = (region: BankHolidayRegion) => holidays.regions[region].map((h) => h.date);

  it.each([
    { year: 2024, easter: "2024-03-31" },
    { year: 2025, easter: "2025-04-20" },
    { year: 2026, easter: "2026-04-05" },
    { year: 2027, easter: "2027-03-28" },
    { year: 2028, easter: "2028-04-16" },
  ])("Easter $year is $easter; Good Friday everywhere, Easter Monday not in Scotland", (row) => {
    expect(easterSunday(row.year)).toBe(row.easter);
    for (const region of REGIONS) {
      expect(datesOf(region)).toContain(shift(row.easter, -2));
    }
    expect(datesOf("england-and-wales")).toContain(shift(row.easter, 1));
    expect(datesOf("northern-ireland")).toContain(shift(row.easter, 1));
    expect(datesOf("scotland")).not.toContain(shift(row.easter, 1));
  });

  it.each(REGIONS)("%s covers 2024 to 2028", (region) => {
    expect(coveredYears(region)).toEqual({ first: 2024, last: 2028 });
  });

  it.each([
    { region: "england-and-wales" as const, perYear: [8, 8, 8, 8, 8] },
    { region: "scotland" as const, perYear: [9, 9, 10, 9, 9] }, // + 15 June 2026 (World Cup)
    { region: "northern-ireland" as const, perYear: [10, 10, 10, 10, 10] },
  ])("$region has $perYear holidays in 2024…2028", ({ region, perYear }) => {
    const counts = YEARS.map((y) => datesOf(region).filter((d) => d.startsWith(`${y}-`)).length);
    expect(counts).toEqual(perYear);
  });

  it.each(REGIONS)("%s: every date is a real weekday, titled, ascending, no duplicates", (r) => {
    const entries = holidays.regions[r];
    for (const { date, title } of entries) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      expect(["Sat", "Sun"], `${date} ${title}`).not.toContain(weekdayOf(date));
      expect(title.trim()).not.toBe("");
    }
    const dates = entries.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (let i = 1; i < dates.length; i++) expect(dates[i]! > dates[i - 1]!).toBe(true);
  });

  it.each([
    { date: "2025-05-05", what: "early May 2025" },
    { date: "2026-05-04", what: "early May 2026" },
    { date: "2028-05-01", what: "early May 2028" },
    { date: "2026-12-25", what: "Christmas Day 2026" },
    { date: "2026-12-28", what: "Boxing Day substitute 2026" },
    { date: "2027-12-27", what: "Christmas Day substitute 2027" },
    { date: "2027-12-28", what: "Boxing Day substitute 2027" },
    { date: "2028-01-03", what: "New Year’s Day substitute 2028" },
  ])("every region has $date ($what)", ({ date }) => {
    for (const region of REGIONS) expect(datesOf(region)).toContain(date);
  });
});
