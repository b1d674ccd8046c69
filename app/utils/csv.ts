// CSV files to open in a spreadsheet (RFC 4180), for every report and summary alike.

// Spreadsheets run a cell starting with one of these as a formula; an apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell of a CSV file: quoted when it must be, and never run as a formula by a spreadsheet. */
export function csvText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
