// Dates as people in the UK write them ("Tuesday 9 June 2026"), in the reader's language.
// A calendar date ("YYYY-MM-DD") is shown as it is; a moment as the clock in the UK showed it.

export const dateLocale = (language: string) => (language === "en" ? "en-GB" : language);

export type DateStyle = "medium" | "long" | "full";

export function formatDay(isoDate: string, language: string, style: DateStyle = "long"): string {
  return new Intl.DateTimeFormat(dateLocale(language), {
    dateStyle: style,
    timeZone: "UTC",
  }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

export function formatMoment(
  instant: Date | string,
  language: string,
  style: Exclude<DateStyle, "full"> = "long",
): string {
  return new Intl.DateTimeFormat(dateLocale(language), {
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
