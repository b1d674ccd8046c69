// Calendar dates ("YYYY-MM-DD", no time and no time zone), the UK day a moment fell on, and
// dates as people in the UK write them ("Tuesday 9 June 2026") in the reader's language. A
// calendar date is shown as it is; a moment as the clock in the UK showed it. Working days and
// bank holidays are in working-days.ts.

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC), after checking that `d` is a real "YYYY-MM-DD" date. */
export function toDayNumber(d: IsoDate): number {
  const match = ISO_DATE.exec(d);
  if (match) {
    const [, y, m, day] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(y, m - 1, day);
    if (fromDayNumber(ms / MS_PER_DAY) === d) return ms / MS_PER_DAY;
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

const londonDate = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date that `instant` fell on in the UK (Europe/London, GMT or BST). */
export function londonDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid Date");
  const parts = londonDate.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The calendar date `days` after (or before) `day`. */
export function addDays(day: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(day) + days);
}

const londonHour = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  hourCycle: "h23",
});

/**
 * The moment a UK calendar day starts. Clocks change at 01:00 UTC, so the offset at UTC midnight
 * is also the offset at UK midnight.
 */
export function startOfLondonDay(day: IsoDate): Date {
  const utcMidnight = toDayNumber(day) * MS_PER_DAY;
  const offsetHours = Number(londonHour.format(utcMidnight));
  return new Date(utcMidnight - offsetHours * 3_600_000);
}

export const dateLocale = (language: string) => (language === "en" ? "en-GB" : language);

export type DateStyle = "medium" | "long" | "full";

/**
 * Formatters are made once for each language, style and time zone: making one costs far more
 * than using it, and a staff list formats every date on its page.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(
  language: string,
  options: { dateStyle: DateStyle; timeStyle?: "short"; timeZone: string },
): Intl.DateTimeFormat {
  const key = `${language}|${options.dateStyle}|${options.timeStyle ?? ""}|${options.timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(dateLocale(language), options);
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDay(isoDate: string, language: string, style: DateStyle = "long"): string {
  return formatterFor(language, { dateStyle: style, timeZone: "UTC" }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );
}

export function formatMoment(
  instant: Date | string,
  language: string,
  style: Exclude<DateStyle, "full"> = "long",
): string {
  return formatterFor(language, {
    dateStyle: style,
    timeStyle: "short",
    timeZone: "Europe/London",
  }).format(new Date(instant));
}

/** A calendar date as the day, month and year boxes of a date input ("9", "6", "2026"). */
export function dateBoxesOf(isoDate: string | null): [string, string, string] {
  if (!isoDate) return ["", "", ""];
  const [year = "", month = "", day = ""] = isoDate.slice(0, 10).split("-");
  return [String(Number(day)), String(Number(month)), year];
}
