// A table for a reporting year as a CSV file to download and open in a spreadsheet.

/** Excel only reads a CSV file as UTF-8 (Welsh ŵ, Urdu, Polish ł) when it starts with a BOM. */
const BYTE_ORDER_MARK = "\uFEFF";

/** `csv` as `<name>-<startYear>-<yy>.csv` (e.g. "fgc-family-2026-27.csv"), never cached. */
export function csvDownload(csv: string, name: string, startYear: number): Response {
  const filename = `${name}-${startYear}-${String(startYear + 1).slice(-2)}.csv`;
  return new Response(BYTE_ORDER_MARK + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
