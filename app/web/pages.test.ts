import { onePage, pageFromDatabase, ROWS_PER_PAGE } from "./pages";

const rows = Array.from({ length: 61 }, (_, i) => i + 1);
const at = (search: string) => onePage(rows, new Request(`http://localhost/staff/x${search}`));

test.each([
  ["", 1, [1, ROWS_PER_PAGE]],
  ["?page=2", 2, [26, 50]],
  ["?page=3", 3, [51, 61]],
  // Past the end, below the start or not a number: the nearest page there is.
  ["?page=9", 3, [51, 61]],
  ["?page=0", 1, [1, 25]],
  ["?page=two", 1, [1, 25]],
  ["?page=1.5", 1, [1, 25]],
])("%s shows page %i", (search, page, [first, last]) => {
  const shown = at(search);
  expect(shown).toMatchObject({ page, pages: 3, total: 61 });
  expect([shown.rows[0], shown.rows.at(-1)]).toEqual([first, last]);
});

test("an empty list is one empty page", () => {
  expect(onePage([], new Request("http://localhost/"))).toEqual({
    rows: [],
    page: 1,
    pages: 1,
    total: 0,
  });
});

describe("a list read from the database a page at a time", () => {
  const all = Array.from({ length: 61 }, (_, i) => i + 1);
  const windows: { limit: number; offset: number }[] = [];
  const read = async (window: { limit: number; offset: number }) => {
    windows.push(window);
    return { rows: all.slice(window.offset, window.offset + window.limit), total: all.length };
  };

  test.each([
    ["?page=2", 2, [26, 50], 1],
    // Past the end: the last page, read again from the database.
    ["?page=9", 3, [51, 61], 2],
    ["?page=0", 1, [1, 25], 1],
    ["?page=two", 1, [1, 25], 1],
  ])("%s shows page %i", async (search, page, [first, last], reads) => {
    windows.length = 0;
    const shown = await pageFromDatabase(new Request(`http://localhost/${search}`), read);
    expect(shown).toMatchObject({ page, pages: 3, total: 61 });
    expect([shown.rows[0], shown.rows.at(-1)]).toEqual([first, last]);
    expect(windows).toHaveLength(reads);
    expect(windows.at(-1)).toEqual({ limit: ROWS_PER_PAGE, offset: (page - 1) * ROWS_PER_PAGE });
  });
});
