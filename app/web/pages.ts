/** Rows a staff list shows at once: a long queue is read a page at a time. */
export const ROWS_PER_PAGE = 25;

export type OnePage<Row> = { rows: Row[]; page: number; pages: number; total: number };

/** The page the address asks for (`?page=`): a whole number from 1, else 1. */
function askedPage(request: Request): number {
  const asked = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return Number.isInteger(asked) && asked >= 1 ? asked : 1;
}

const pagesFor = (total: number) => Math.max(1, Math.ceil(total / ROWS_PER_PAGE));

/** The page of rows the address asks for (`?page=`), or the nearest one there is. */
export function onePage<Row>(rows: Row[], request: Request): OnePage<Row> {
  const pages = pagesFor(rows.length);
  const page = Math.min(askedPage(request), pages);
  const start = (page - 1) * ROWS_PER_PAGE;
  return { rows: rows.slice(start, start + ROWS_PER_PAGE), page, pages, total: rows.length };
}

/**
 * The page the address asks for, read from the database one page at a time (`read` counts and
 * cuts there); past the last page (the list got shorter, or a typed address), the last one.
 */
export async function pageFromDatabase<Row>(
  request: Request,
  read: (window: { limit: number; offset: number }) => Promise<{ rows: Row[]; total: number }>,
): Promise<OnePage<Row>> {
  const readPage = (page: number) =>
    read({ limit: ROWS_PER_PAGE, offset: (page - 1) * ROWS_PER_PAGE });
  let page = askedPage(request);
  let found = await readPage(page);
  const pages = pagesFor(found.total);
  if (page > pages) {
    page = pages;
    found = await readPage(page);
  }
  return { rows: found.rows, page, pages, total: found.total };
}
