/**
 * Working-day calendar for statutory clocks (children's social care complaints, IRO alerts).
 *
 * Pure and data-driven: no database, no clock. Every date is a plain calendar date
 * ("YYYY-MM-DD") with no time or time zone; arithmetic is done on UTC midnights (`Date.UTC`)
 * so that a clock change can never shift a day. To turn a moment (a `Date`) into the calendar
 * date it was in England, Wales, Scotland or Northern Ireland, use `londonDateOf`.
 *
 * Counting rule (the one councils use for "within 10 working days of receipt"):
 *   - A working day is a Monday to Friday that is not a listed holiday.
 *   - The day something is received is day 0; the clock runs on the following working days.
 *     Received Friday, 1 working day → the Monday after.
 *   - Something received on a non-working day (weekend or holiday) counts as received on the
 *     next working day, which is day 0. Received Saturday, 1 working day → Tuesday.
 *   - 0 working days → the first working day on or after the date.
 *   - Counting back (alerts): n working days before a date is the n-th working day strictly
 *     before it. 2 working days before a Monday review → the Thursday before.
 *   - Working days between two dates count the days after the first, up to and including the
 *     second: "how many working days have passed since receipt".
 *
 * Bank holidays are only known for the years in `db/data/bank-holidays.json`
 * (see `coveredYears`); outside them only weekends are skipped.
 */
// A plain import, not `with { type: "json" }`: the Remix compiler's esbuild cannot parse it.
import holidays from "#db/data/bank-holidays.json";
import { fromDayNumber, toDayNumber, type IsoDate } from "./dates";

export type BankHolidayRegion = "england-and-wales" | "scotland" | "northern-ireland";

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`A number of working days must be a whole number ≥ 0, not ${n}`);
  }
}

export class WorkingCalendar {
  readonly #holidays: ReadonlySet<number>;

  /** @param holidays the dates that are not working days even though they are weekdays. */
  constructor(holidays: Iterable<IsoDate>) {
    this.#holidays = new Set(Array.from(holidays, toDayNumber));
  }

  /** False for a Saturday, a Sunday or a listed holiday; true otherwise. */
  isWorkingDay(d: IsoDate): boolean {
    return this.#isWorking(toDayNumber(d));
  }

  /**
   * The date `n` working days after `start`, where `start` is the day of receipt (day 0).
   *
   * If `start` is not a working day, the first working day after it is day 0 instead
   * (received Saturday, n = 1 → Tuesday). With n = 0 the result is the first working day on or
   * after `start`. The result is always a working day.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    checkCount(n);
    let day = toDayNumber(start);
    while (!this.#isWorking(day)) day++;
    for (let counted = 0; counted < n;) {
      day++;
      if (this.#isWorking(day)) counted++;
    }
    return fromDayNumber(day);
  }

  /**
   * The date `n` working days before `d`, not counting `d` itself: 2 working days before a
   * Monday review is the Thursday before (Friday is 1). The count always starts from `d`, even
   * when `d` is not a working day: 1 working day before a Saturday is the Friday. With n = 0
   * the result is the last working day on or before `d`. The result is always a working day,
   * and for a working day `s`, `subtractWorkingDays(addWorkingDays(s, n), n)` is `s`.
   */
  subtractWorkingDays(d: IsoDate, n: number): IsoDate {
    checkCount(n);
    let day = toDayNumber(d);
    if (n === 0) while (!this.#isWorking(day)) day--;
    for (let counted = 0; counted < n;) {
      day--;
      if (this.#isWorking(day)) counted++;
    }
    return fromDayNumber(day);
  }

  /**
   * How many working days fall after `from` up to and including `to`: "working days elapsed
   * since receipt". 0 when `to` is on or before `from`. For a working day `s`,
   * `workingDaysBetween(s, addWorkingDays(s, n))` is `n`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const first = toDayNumber(from);
    const last = toDayNumber(to);
    let count = 0;
    for (let day = first + 1; day <= last; day++) if (this.#isWorking(day)) count++;
    return count;
  }

  #isWorking(day: number): boolean {
    // 1970-01-01 was a Thursday (4); Sunday is 0, Saturday 6.
    const weekday = (((day + 4) % 7) + 7) % 7;
    return weekday !== 0 && weekday !== 6 && !this.#holidays.has(day);
  }
}

/**
 * The working calendar for one UK region's bank holidays, plus any `extra` non-working dates
 * (for example a council's own closure days).
 */
export function calendarFor(region: BankHolidayRegion, extra: IsoDate[] = []): WorkingCalendar {
  if (extra.length === 0) return regionCalendars.get(region) ?? regionCalendar(region);
  return new WorkingCalendar([...holidays.regions[region].map((h) => h.date), ...extra]);
}

/** Each region's own calendar is made once: a queue asks for it for every open case. */
const regionCalendars = new Map<BankHolidayRegion, WorkingCalendar>();
function regionCalendar(region: BankHolidayRegion): WorkingCalendar {
  const calendar = new WorkingCalendar(holidays.regions[region].map((h) => h.date));
  regionCalendars.set(region, calendar);
  return calendar;
}

/** The first and last year that `db/data/bank-holidays.json` lists for `region`. */
export function coveredYears(region: BankHolidayRegion): { first: number; last: number } {
  const dates = holidays.regions[region].map((h) => h.date);
  return { first: Number(dates[0]!.slice(0, 4)), last: Number(dates.at(-1)!.slice(0, 4)) };
}
