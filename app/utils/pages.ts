/** Rows a staff list shows at once: a long queue is read a page at a time. */
export const ROWS_PER_PAGE = 25;

export type OnePage<Row> = { rows: Row[]; page: number; pages: number; total: number };

/** The page of rows the address asks for (`?page=`), or the nearest one there is. */
export function onePage<Row>(rows: Row[], request: Request): OnePage<Row> {
  const asked = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
  const page = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  const start = (page - 1) * ROWS_PER_PAGE;
  return { rows: rows.slice(start, start + ROWS_PER_PAGE), page, pages, total: rows.length };
}
