// Review participation over real HTTP: an IRO records the reviews they chair with a plain form
// post (as a browser without JavaScript sends it), the manager's figures and their CSV file agree,
// who may see what, and the pages in Welsh.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor, todayAs } from "#test/support/staff-visitor";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const signedIn = (email: string) => signedInVisitor(server.origin, email);

const RECORD = "/staff/reviews";
const FIGURES = "/staff/reviews/participation";

/** Today in the UK, "YYYY-MM-DD". */
const today = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/** Tomorrow as the three boxes of the form. */
function tomorrowAs(name: string): Record<string, string> {
  const date = new Date(`${today()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return {
    [`${name}-day`]: String(date.getUTCDate()),
    [`${name}-month`]: String(date.getUTCMonth() + 1),
    [`${name}-year`]: String(date.getUTCFullYear()),
  };
}

const decoded = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();

/** The text of each cell of each body row of the table after the element with this id. */
function tableRows(html: string, headingId: string): string[][] {
  const start = html.indexOf(`id="${headingId}"`);
  expect(start, `no #${headingId} on the page`).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf("</table>", start));
  const body = table.slice(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decoded(cell[1]!)),
  );
}

/** A CSV file (RFC 4180) as rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  return rows;
}

/** What the manager's page says: the totals, each category, each IRO. */
function figuresOnPage(html: string) {
  const recorded = /data-figure="reviews">([\s\S]*?)<\/p>/.exec(html);
  const share = /data-figure="share">([\s\S]*?)<\/p>/.exec(html);
  if (!recorded || !share) return { reviews: 0, share: null, categories: [], iros: [] };
  const footer = /<tfoot>[\s\S]*?<td[^>]*>(\d+)<\/td>/.exec(html);
  return {
    reviews: Number(/\d+/.exec(decoded(recorded[1]!))![0]),
    allReviewsRow: Number(footer?.[1]),
    sentence: decoded(share[1]!),
    share: Number(/(\d+)%/.exec(decoded(share[1]!))![1]),
    categories: tableRows(html, "question-categories").map(([label, count, percent]) => ({
      label: label!,
      count: Number(count),
      percent: Number(percent),
    })),
    iros: tableRows(html, "iros-heading").map(([name, reviews, share]) => ({
      name: name!,
      reviews: Number(reviews),
      share: Number(share),
    })),
  };
}

async function recordReview(email: string, participation: string) {
  const iro = await signedIn(email);
  const form = await (await iro.request(RECORD)).text();
  const posted = await iro.postFrom(RECORD, form, { ...todayAs("heldOn"), participation });
  expect(posted.status).toBe(302);
  return posted;
}

describe("an IRO records the reviews they chair", () => {
  test("with a plain form post carrying the page's token, then sees the review in their list", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const page = await iro.request(RECORD);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<title>Your reviews – /);
    for (const box of ["heldOn-day", "heldOn-month", "heldOn-year"])
      expect(html).toContain(`name="${box}"`);
    const radios = [...html.matchAll(/name="participation" type="radio" value="(\d)"/g)];
    expect(radios.map((radio) => radio[1])).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(html).toContain("Came to the review and gave their views without words");

    const posted = await iro.postFrom(RECORD, html, { ...todayAs("heldOn"), participation: "2" });
    expect(posted.status).toBe(302);
    const location = posted.headers.get("location") ?? "";
    expect(location).toMatch(/^\/staff\/reviews\?done=recorded&/);

    const listed = await (await iro.request(location)).text();
    expect(listed).toContain("Review recorded");
    const rows = tableRows(listed, "field-list");
    expect(rows.length).toBeGreaterThan(0);
    expect(listed).toMatch(new RegExp(`<time datetime="${today()}"`, "i"));
    expect(rows.some((row) => row[1]?.startsWith("2. Came to the review and gave"))).toBe(true);
    // Recorded today, so it can still be taken back.
    expect(listed).toContain('name="reviewId"');
  });

  test("another IRO does not see it in their list", async () => {
    const iro2 = await signedIn("iro2@westmoor.example");
    const html = await (await iro2.request(RECORD)).text();
    expect(html).toContain("You have not recorded any reviews yet.");
    expect(html).not.toContain('name="reviewId"');
  });

  test("a review recorded by mistake is removed the same day", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const before = await (await iro.request(RECORD)).text();
    const count = tableRows(before, "field-list").length;
    await iro.postFrom(RECORD, before, { ...todayAs("heldOn"), participation: "6" });
    const after = await (await iro.request(RECORD)).text();
    expect(tableRows(after, "field-list")).toHaveLength(count + 1);
    // The latest recorded of today's reviews is listed first.
    const id = /name="reviewId" value="([0-9a-f-]{36})"/.exec(after)![1]!;
    const removed = await iro.postFrom(RECORD, after, { intent: "remove", reviewId: id });
    expect(removed.status).toBe(302);
    expect(removed.headers.get("location")).toBe("/staff/reviews?done=removed");
    const page = await (await iro.request("/staff/reviews?done=removed")).text();
    expect(page).toContain("Review removed");
    expect(page).not.toContain(id);
    expect(tableRows(page, "field-list")).toHaveLength(count);
    // Removing it again: it is gone, said plainly, and nothing else changes.
    const again = await iro.postFrom(RECORD, page, { intent: "remove", reviewId: id });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This review can no longer be removed");
  });

  test("bad input gives the translated problem and keeps the date as typed", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const form = await (await iro.request(RECORD)).text();
    const response = await iro.postFrom(RECORD, form, {
      "heldOn-day": "31",
      "heldOn-month": "2",
      "heldOn-year": "2024",
      participation: "",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain("There is a problem");
    expect(html).toContain('href="#field-heldOn"');
    expect(html).toContain('href="#field-participation"');
    expect(html).toContain("The date of the review must be a real date");
    expect(html).toContain("Choose how the child took part in their review");
    expect(html).toContain('value="31"');
    expect(html).toContain('value="2"');
    expect(html).toContain('value="2024"');

    const future = await iro.postFrom(RECORD, form, {
      ...tomorrowAs("heldOn"),
      participation: "7",
    });
    expect(future.status).toBe(400);
    const futureHtml = await future.text();
    expect(futureHtml).toContain("The date of the review must be today or in the past");
    expect(futureHtml).toContain("Choose how the child took part in their review");

    const early = await iro.postFrom(RECORD, form, {
      "heldOn-day": "5",
      "heldOn-month": "6",
      "heldOn-year": "1999",
      participation: "4",
    });
    const earlyHtml = await early.text();
    expect(earlyHtml).toContain("The date of the review must be in the year 2000 or later");
    // The category chosen is kept too.
    expect(earlyHtml).toMatch(/<input [^>]*checked="" value="4"/);
  });

  test("a post without the page's token is refused", async () => {
    const iro = await signedIn("iro@westmoor.example");
    await iro.request(RECORD);
    const forged = await iro.request(RECORD, {
      method: "POST",
      body: new URLSearchParams({ ...todayAs("heldOn"), participation: "1" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(forged.status).toBe(403);
  });
});

describe("the manager's figures", () => {
  test("count every review recorded, by category and by IRO, and the CSV file has the same numbers", async () => {
    const manager = await signedIn("manager@westmoor.example");
    const before = figuresOnPage(await (await manager.request(FIGURES)).text());
    await recordReview("iro@westmoor.example", "1");
    await recordReview("iro@westmoor.example", "3");
    await recordReview("iro@westmoor.example", "5");
    await recordReview("iro2@westmoor.example", "4");
    await recordReview("iro2@westmoor.example", "6");

    const page = await manager.request(FIGURES);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<title>How children took part in their reviews – /);
    const after = figuresOnPage(html);
    expect(after.reviews).toBe(before.reviews + 5);
    expect(after.allReviewsRow).toBe(after.reviews);
    expect(after.categories.map((row) => row.label)).toEqual([
      "1. Came to the review and spoke for themselves",
      "2. Came to the review and gave their views without words (for example with signs, symbols or pictures)",
      "3. Came to the review but did not give their views",
      "4. Did not come; an advocate told the review their views",
      "5. Did not come; sent their views (for example a booklet or a letter)",
      "6. Did not come and did not give their views",
    ]);
    const countsBefore = before.categories.length
      ? before.categories.map((row) => row.count)
      : [0, 0, 0, 0, 0, 0];
    expect(after.categories.map((row, i) => row.count - countsBefore[i]!)).toEqual([
      1, 0, 1, 1, 1, 1,
    ]);
    const reviewsOf = (figures: typeof after, name: string) =>
      figures.iros.find((iro) => iro.name === name)?.reviews ?? 0;
    expect(reviewsOf(after, "Priya Shah") - reviewsOf(before, "Priya Shah")).toBe(3);
    expect(reviewsOf(after, "Daniel Hughes") - reviewsOf(before, "Daniel Hughes")).toBe(2);

    // The share against the target, said plainly.
    const takingPart = after.categories
      .filter((_, i) => i !== 2 && i !== 5)
      .reduce((sum, row) => sum + row.count, 0);
    expect(after.share).toBe(Math.round((takingPart * 100) / after.reviews));
    expect(after.sentence).toContain("The council’s target is 95%.");
    expect(after.sentence).toContain(
      takingPart * 100 >= 95 * after.reviews
        ? "The target has been met."
        : "The target has not been met.",
    );

    // The file the page links to holds the same numbers.
    const href = /href="(\/staff\/reviews\/participation\.csv\?year=\d{4})"/.exec(html)![1]!;
    const file = await manager.request(href.replace(/&amp;/g, "&"));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; filename="review-participation-\d{4}-\d{2}\.csv"$/,
    );
    // Starts with a byte order mark, so a spreadsheet reads it as UTF-8.
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows.slice(1, 7)).toEqual(
      after.categories.map((row) => [row.label, String(row.count), String(row.percent)]),
    );
    expect(rows[7]).toEqual(["All reviews", String(after.reviews), ""]);
    expect(rows[8]).toEqual([
      "Child took part (categories 1, 2, 4 and 5)",
      String(takingPart),
      String(after.share),
    ]);
    expect(rows[9]).toEqual(["Council’s target (per cent)", "", "95"]);
    const iroHeader = rows.findIndex((row) => row[0] === "IRO");
    expect(
      rows.slice(iroHeader + 1).map(([name, reviews, , share]) => ({
        name,
        reviews: Number(reviews),
        share: Number(share),
      })),
    ).toEqual(after.iros);
  });

  test("an IRO gets 403 on the figures and on their file; a manager cannot record", async () => {
    const iro = await signedIn("iro@westmoor.example");
    expect((await iro.request(FIGURES)).status).toBe(403);
    expect((await iro.request(`${FIGURES}.csv`)).status).toBe(403);
    const complaints = await signedIn("complaints@westmoor.example");
    expect((await complaints.request(FIGURES)).status).toBe(403);
    expect((await complaints.request(RECORD)).status).toBe(403);
    const manager = await signedIn("manager@westmoor.example");
    expect((await manager.request(RECORD)).status).toBe(403);
  });

  test("signed out, both pages send you to sign in", async () => {
    const visitor = new Visitor(server.origin);
    for (const path of [RECORD, FIGURES]) {
      const response = await visitor.request(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/staff\/sign-in\?/);
    }
  });
});

/** A translation key left on a page instead of words (the server throws on a missing one too). */
const KEY = /\b(?:reviews|common|staff|summaries):[\w-]+(?:\.[\w-]+)+/;

/** What a person reads: the page without its scripts and tags. */
const visibleText = (html: string) => decoded(html.replace(/<script\b[\s\S]*?<\/script>/g, ""));

describe("in Welsh", () => {
  test("both pages, their errors and the file are in words, not keys", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const page = await iro.request(`${RECORD}?lng=cy`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="cy"');
    expect(html).toContain("Cofnodi adolygiad");
    expect(visibleText(html)).not.toMatch(KEY);

    const problem = await iro.postFrom(RECORD, html, {
      "heldOn-day": "",
      "heldOn-month": "",
      "heldOn-year": "",
      participation: "",
    });
    expect(problem.status).toBe(400);
    const problemHtml = await problem.text();
    expect(problemHtml).toContain("Rhowch ddyddiad yr adolygiad");
    expect(problemHtml).toContain("Dewiswch sut cymerodd y plentyn ran yn ei adolygiad");
    expect(visibleText(problemHtml)).not.toMatch(KEY);

    const manager = await signedIn("manager@westmoor.example");
    const figures = await manager.request(`${FIGURES}?lng=cy`);
    expect(figures.status).toBe(200);
    const figuresHtml = await figures.text();
    expect(figuresHtml).toContain("Sut cymerodd plant ran yn eu hadolygiadau");
    expect(figuresHtml).toContain("Targed y cyngor yw 95%.");
    expect(visibleText(figuresHtml)).not.toMatch(KEY);
    const file = await (await manager.request(`${FIGURES}.csv`)).text();
    expect(file).toContain("Sut cymerodd y plentyn ran,Adolygiadau,Y cant");
    expect(file).not.toMatch(KEY);
  });
});
