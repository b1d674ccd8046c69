// An advocacy referral followed to its end over real HTTP, as a browser without JavaScript uses
// it: what the child wanted recorded, the referral closed with its outcome (problems answered in
// the reader's language, with what was typed kept); the closed list; and the advocacy figures on
// screen and as CSV with the same numbers, for the provider and managers only.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reportYearOf } from "#app/complaints/annual-report";
import { londonDateOf } from "#app/utils/dates";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor } from "#test/support/staff-visitor";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const signedIn = (email: string, host?: string) => signedInVisitor(server.origin, email, host);
const today = londonDateOf(new Date());
const [year, month, day] = today.split("-").map(Number) as [number, number, number];
const startYear = reportYearOf(today);
const todayAs = (name: string) => ({
  [`${name}-day`]: String(day),
  [`${name}-month`]: String(month),
  [`${name}-year`]: String(year),
});

/** A child asks for an advocate through the public form; the provider's link to the referral. */
async function referralFor(childName: string, provider: Visitor) {
  const child = new Visitor(server.origin);
  const form = "advocacy-request";
  let response = await child.submit(`/forms/${form}`, {});
  let location = response.headers.get("location") ?? "";
  for (let pages = 0; !location.endsWith("/check"); pages++) {
    if (pages > 20) throw new Error("the form never reached Check your answers");
    response = await child.submit(location, {
      intent: "continue",
      relationship: "child",
      childName,
      whatHappened: "I want to see my brother more",
      putRight: "Help asking",
      advocateContact: "Text 07700 900321",
      advocateTime: "",
      communicationNeeds: "",
      interpreter: "",
      advocateConsent: "agree",
    });
    expect(response.status, `${location} accepted`).toBe(302);
    location = response.headers.get("location") ?? "";
  }
  const sent = await child.submit(`/forms/${form}/check`, {});
  expect(sent.headers.get("location")).toBe(`/forms/${form}/sent`);
  const list = await (await provider.request("/staff/advocacy")).text();
  const path = new RegExp(
    `<th scope="row"[^>]*>${childName}[\\s\\S]*?href="(/staff/advocacy/[0-9a-f-]{36})"`,
  ).exec(list)?.[1];
  expect(path, `${childName} is on the list`).toBeDefined();
  return path!;
}

/** The cells of the page's figure tables, as "table / row" → number. */
function pageCells(html: string): Map<string, number> {
  const cells = new Map<string, number>();
  const tables =
    /<h2 class="heading-m" id="report-table-[^"]+">([^<]+)<\/h2>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/g;
  for (const section of html.matchAll(tables)) {
    const title = section[1]!;
    for (const row of section[2]!.matchAll(
      /<tr><th scope="row"[^>]*>([^<]+)<\/th><td class="numeric">(\d+)<\/td><\/tr>/g,
    ))
      cells.set(`${title} / ${row[1]}`, Number(row[2]));
  }
  return cells;
}

/** The same from the CSV file: a title line, headings, rows, and a blank line between tables. */
function csvCells(csv: string): Map<string, number> {
  const cells = new Map<string, number>();
  const blocks = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r\n\r\n/);
  for (const block of blocks) {
    const [title, , ...rows] = block.split("\r\n");
    for (const row of rows) {
      const [label, count] = row.split(",");
      cells.set(`${title} / ${label}`, Number(count));
    }
  }
  return cells;
}

const decode = (text: string) =>
  text
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("closing a referral", () => {
  let closedPath = "";

  test("the provider records what the child wanted and closes it, without JavaScript", async () => {
    const provider = await signedIn("advocacy@westmoor.example");
    const path = await referralFor("Morwenna", provider);
    let html = await (await provider.request(path)).text();
    // Before contact, only "no contact" closing is offered.
    expect(html).toContain("Close without contact");
    expect(html).not.toContain('name="childWanted"');
    expect((await provider.postFrom(path, html, { intent: "accept" })).status).toBe(302);
    html = await (await provider.request(path)).text();
    expect(
      (await provider.postFrom(path, html, { intent: "contact", ...todayAs("firstContact") }))
        .status,
    ).toBe(302);
    html = await (await provider.request(path)).text();
    expect(html).toContain('name="childWanted"');
    // Closing waits for what the child wanted.
    expect(html).not.toContain('value="close"');

    // Nothing chosen and nothing written: both problems, in words, and nothing is lost.
    let answer = await provider.postFrom(path, html, {
      intent: "details",
      childStatus: "",
      childWanted: "   ",
    });
    expect(answer.status).toBe(400);
    let page = decode(await answer.text());
    expect(page).toContain("There is a problem");
    expect(page).toContain("Select the child's status");
    expect(page).toContain("Enter what the child wanted");
    expect(page).toContain('href="#field-childStatus"');

    // In Welsh, a status that is not one of the list: the Welsh words, and the typed text kept.
    answer = await provider.postFrom(`${path}?lng=cy`, html, {
      intent: "details",
      childStatus: "not-a-status",
      childWanted: "To see Bryn on Saturdays",
    });
    expect(answer.status).toBe(400);
    page = decode(await answer.text());
    expect(page).toContain("Dewiswch statws y plentyn");
    expect(page).toContain("To see Bryn on Saturdays");

    answer = await provider.postFrom(path, html, {
      intent: "details",
      childStatus: "in-care",
      childWanted: "To see Bryn on Saturdays",
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`${path}?done=details`);
    html = await (await provider.request(`${path}?lng=en`)).text();
    expect(html).toContain("To see Bryn on Saturdays");
    expect(html).toContain('value="close"');
    // "No contact" is not offered once in touch.
    expect(html).not.toContain('value="no-contact"');

    // A date that does not exist and a note too long: translated problems, the rest kept.
    answer = await provider.postFrom(path, html, {
      intent: "close",
      outcome: "achieved",
      outcomeNote: "Visits agreed",
      "closedOn-day": "31",
      "closedOn-month": "2",
      "closedOn-year": String(year),
    });
    expect(answer.status).toBe(400);
    page = decode(await answer.text());
    expect(page).toContain("Date it ended must be a real date");
    expect(page).toContain('href="#field-closedOn"');
    expect(page).toContain("Visits agreed");
    expect(page).toMatch(/value="achieved"[^>]*checked|checked[^>]*value="achieved"/);
    expect(page).toContain('value="31"');

    answer = await provider.postFrom(path, html, {
      intent: "close",
      outcome: "",
      outcomeNote: "x".repeat(2001),
      "closedOn-day": "1",
      "closedOn-month": "1",
      "closedOn-year": String(year + 2),
    });
    expect(answer.status).toBe(400);
    page = decode(await answer.text());
    expect(page).toContain("Select the outcome");
    expect(page).toContain("The outcome note must be 2000 characters or fewer");
    expect(page).toContain("Date it ended must be today or in the past");

    answer = await provider.postFrom(path, html, {
      intent: "close",
      outcome: "achieved",
      outcomeNote: "Visits agreed every other Saturday",
      ...todayAs("closedOn"),
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`${path}?done=closed`);
    html = decode(await (await provider.request(`${path}?done=closed`)).text());
    expect(html).toContain("The request has been closed.");
    expect(html).toContain("Achieved what the child wanted");
    expect(html).toContain("Visits agreed every other Saturday");
    expect(html).toContain("Alex Morgan");
    expect(html).not.toContain('value="close"');

    // Closed: gone from the open list, on the closed one.
    const open = await (await provider.request("/staff/advocacy")).text();
    expect(open).not.toContain(path);
    const closed = await (await provider.request("/staff/advocacy?show=closed")).text();
    expect(closed).toContain(path);
    expect(closed).toContain("Closed");
    closedPath = path;

    // Posting to a closed referral again: a problem in words, never a server error.
    answer = await provider.postFrom(path, html, {
      intent: "close",
      outcome: "withdrawn",
      outcomeNote: "",
      ...todayAs("closedOn"),
    });
    expect(answer.status).toBe(400);
    expect(decode(await answer.text())).toContain("This request is already closed");
  });

  test("a request nobody could reach is closed as 'no contact'", async () => {
    const provider = await signedIn("advocacy@westmoor.example");
    const path = await referralFor("Ifeoluwa", provider);
    const html = await (await provider.request(path)).text();
    const missing = await provider.postFrom(path, html, {
      intent: "close",
      outcome: "no-contact",
      outcomeNote: "Three texts, no reply",
    });
    expect(missing.status).toBe(400);
    const page = decode(await missing.text());
    expect(page).toContain("Enter the date it ended");
    expect(page).toContain("Three texts, no reply");
    const closed = await provider.postFrom(path, html, {
      intent: "close",
      outcome: "no-contact",
      outcomeNote: "Three texts, no reply",
      ...todayAs("closedOn"),
    });
    expect(closed.status).toBe(302);
    const after = decode(await (await provider.request(path)).text());
    expect(after).toContain("No contact");
  });

  test("nobody else may close: another council's provider gets 'not found'", async () => {
    expect(closedPath).not.toBe("");
    const theirs = await signedIn("advocacy@aberhaven.example", "aberhaven.localhost");
    expect((await theirs.request(closedPath)).status).toBe(404);
    const iro = await signedIn("iro@westmoor.example");
    expect((await iro.request(closedPath)).status).toBe(403);
  });
});

describe("the advocacy figures", () => {
  test("the manager sees the year's figures, and the CSV file holds the same numbers", async () => {
    const manager = await signedIn("manager@westmoor.example");
    const response = await manager.request(`/staff/advocacy/figures?year=${startYear}`);
    expect(response.status).toBe(200);
    const html = decode(await response.text());
    expect(html).toContain("Advocacy figures");
    expect(html).toContain(`April ${startYear} to March ${startYear + 1}`);
    const cells = pageCells(html);
    // Three tables: contact, the child's status, outcomes.
    expect(cells.size).toBe(3 + 6 + 6);
    // The two referrals closed above are in this year's figures.
    expect(cells.get("Outcomes / Achieved what the child wanted")).toBeGreaterThanOrEqual(1);
    expect(cells.get("Outcomes / No contact")).toBeGreaterThanOrEqual(1);
    expect(cells.get("Child's status / In care (looked after)")).toBeGreaterThanOrEqual(1);
    expect(
      cells.get("In touch within 1 working day / Within 1 working day"),
    ).toBeGreaterThanOrEqual(1);
    const received = Number(/data-figure="received">(\d+)/.exec(html)?.[1]);
    for (const table of ["In touch within 1 working day", "Child's status", "Outcomes"]) {
      const sum = [...cells]
        .filter(([k]) => k.startsWith(`${table} / `))
        .reduce((s, [, v]) => s + v, 0);
      expect(sum, table).toBe(received);
    }

    const file = await manager.request(`/staff/advocacy/figures.csv?year=${startYear}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/csv");
    expect(file.headers.get("content-disposition")).toContain(
      `advocacy-figures-${startYear}-${String(startYear + 1).slice(-2)}.csv`,
    );
    const fromCsv = csvCells(await file.text());
    for (const [key, value] of cells) expect(fromCsv.get(key), key).toBe(value);
    expect(fromCsv.get("In touch within 1 working day / Total")).toBe(received);
  });

  test("the provider sees them too, linked from the list; an IRO and the officer do not", async () => {
    const provider = await signedIn("advocacy@westmoor.example");
    const list = await (await provider.request("/staff/advocacy")).text();
    expect(list).toContain('href="/staff/advocacy/figures"');
    expect((await provider.request("/staff/advocacy/figures")).status).toBe(200);
    for (const email of ["iro@westmoor.example", "complaints@westmoor.example"]) {
      const other = await signedIn(email);
      expect((await other.request("/staff/advocacy/figures")).status, email).toBe(403);
      expect((await other.request("/staff/advocacy/figures.csv")).status, email).toBe(403);
    }
  });
});
