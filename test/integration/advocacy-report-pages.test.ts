// The advocacy provider's pages and the complaints annual report over real HTTP, as a browser
// without JavaScript uses them: a child's request for an advocate taken on and first contact
// recorded; the report on screen and as CSV with the same numbers; importing a CSV file; and who
// may see what.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { IMPORT_COLUMNS, parseCsv } from "#app/complaints/import-csv";
import { REPORT_TABLE_IDS, reportYearOf } from "#app/complaints/annual-report";
import { londonDateOf } from "#app/utils/dates";
import { csrfFieldOf, startServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor } from "#test/support/staff-visitor";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const signedIn = (email: string, host?: string) => signedInVisitor(server.origin, email, host);

/** A file chosen in the page's file input and sent as multipart/form-data. */
async function upload(visitor: Visitor, path: string, html: string, csv: string) {
  const form = new FormData();
  form.set("csrf", csrfFieldOf(html));
  form.set("file", new Blob([csv], { type: "text/csv" }), "representations.csv");
  const encoded = new Response(form);
  return visitor.request(path, {
    method: "POST",
    body: new Uint8Array(await encoded.arrayBuffer()),
    headers: { "Content-Type": encoded.headers.get("content-type")! },
  });
}

const today = londonDateOf(new Date());
const [year, month, day] = today.split("-").map(Number) as [number, number, number];
const startYear = reportYearOf(today);

/** A child asks for an advocate through the public form, page by page. */
async function childAsksForAnAdvocate(childName: string) {
  const child = new Visitor(server.origin);
  const form = "advocacy-request";
  let response = await child.submit(`/forms/${form}`, {});
  let location = response.headers.get("location") ?? "";
  for (let pages = 0; !location.endsWith("/check"); pages++) {
    expect(location, "each page leads to the next").toMatch(new RegExp(`^/forms/${form}/`));
    if (pages > 20) throw new Error("the form never reached Check your answers");
    response = await child.submit(location, {
      intent: "continue",
      relationship: "child",
      childName,
      whatHappened: "I want to see my sister more",
      putRight: "Help asking my social worker",
      advocateContact: "Text 07700 900456",
      advocateTime: "After school",
      communicationNeeds: "",
      interpreter: "",
      advocateConsent: "agree",
    });
    expect(response.status, `${location} accepted`).toBe(302);
    location = response.headers.get("location") ?? "";
  }
  const sent = await child.submit(`/forms/${form}/check`, {});
  expect(sent.headers.get("location")).toBe(`/forms/${form}/sent`);
  const confirmation = await (await child.request(`/forms/${form}/sent`)).text();
  const reference = /ADV-[A-Z2-9]{6}/.exec(confirmation)?.[0];
  expect(reference).toBeDefined();
  return reference!;
}

let referralPath = "";

describe("the advocacy provider", () => {
  test("sees the request, opens it, accepts it and records first contact", async () => {
    const reference = await childAsksForAnAdvocate("Jordan");
    const provider = await signedIn("advocacy@westmoor.example");
    const list = await provider.request("/staff/advocacy");
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    // The list shows the reference the child was given, beside the referral's own.
    expect(listHtml).toContain(`Child&#x27;s reference: ${reference}`);
    expect(listHtml).toContain("<caption");
    referralPath =
      new RegExp(
        `href="(/staff/advocacy/[0-9a-f-]{36})"[^>]*>ADV-[A-Z2-9]{6}</a><span[^>]*>Child&#x27;s reference: ${reference}<`,
      ).exec(listHtml)?.[1] ?? "";
    expect(referralPath).not.toBe("");

    let page = await provider.request(referralPath);
    expect(page.status).toBe(200);
    let html = await page.text();
    for (const text of [
      "Jordan",
      "Text 07700 900456",
      "After school",
      "I want to see my sister more",
    ])
      expect(html).toContain(text);
    expect(html).toContain("Accept request");

    const accepted = await provider.postFrom(referralPath, html, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`${referralPath}?done=accepted`);
    html = await (await provider.request(`${referralPath}?done=accepted`)).text();
    expect(html).toContain("You have accepted this request.");
    expect(html).toContain("Alex Morgan");

    // A date that does not exist: the error summary, and what was typed is kept.
    const wrong = await provider.postFrom(referralPath, html, {
      intent: "contact",
      "firstContact-day": "31",
      "firstContact-month": "2",
      "firstContact-year": String(year),
      note: "Texted Jordan",
    });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain("There is a problem");
    expect(wrongHtml).toContain('href="#field-firstContact"');
    expect(wrongHtml).toContain("Texted Jordan");

    const recorded = await provider.postFrom(referralPath, html, {
      intent: "contact",
      "firstContact-day": String(day),
      "firstContact-month": String(month),
      "firstContact-year": String(year),
      note: "Texted Jordan, meeting on Friday",
    });
    expect(recorded.status).toBe(302);
    page = await provider.request(`${referralPath}?done=contact`);
    html = await page.text();
    expect(html).toContain("First contact has been recorded.");
    expect(html).toMatch(/In touch within 1 working day<\/dt><dd[^>]*>Yes</);
    expect(html).toContain("Texted Jordan, meeting on Friday");
    const after = await (await provider.request("/staff/advocacy")).text();
    expect(after).toContain("In touch");
  });

  test("the Aberhaven provider cannot open Westmoor's referral", async () => {
    expect(referralPath).not.toBe("");
    const theirs = await signedIn("advocacy@aberhaven.example", "aberhaven.localhost");
    expect((await theirs.request(referralPath)).status).toBe(404);
    const list = await theirs.request("/staff/advocacy");
    expect(list.status).toBe(200);
    expect(await list.text()).not.toContain(referralPath);
  });
});

/** A file of representations received on the first day of this reporting year. */
function importFile(rows: Partial<Record<string, string>>[]) {
  const base = {
    received_on: `${startYear}-04-01`,
    type: "complaint",
    procedure: "statutory",
    category: "finance",
    service_area: "neighbourhood",
    made_by: "child",
    contact_method: "text",
    stage1_response: "in-time",
    outcome: "upheld",
    ethnicity: "white",
    disability: "no",
    advocacy_offered: "yes",
    advocacy_taken: "no",
  };
  const lines = rows.map((row) => {
    const values: Partial<Record<string, string>> = { ...base, ...row };
    return IMPORT_COLUMNS.map((column) => values[column] ?? "").join(",");
  });
  return [IMPORT_COLUMNS.join(","), ...lines].join("\r\n");
}

/** The numbers on the page, table by table (null where not recorded). */
function pageNumbers(html: string) {
  return html
    .split('id="report-table-')
    .slice(1)
    .map((section) => {
      const body = section.split("</section>")[0]!;
      const columns = (body.match(/<th scope="col" class="numeric">/g) ?? []).length;
      const cells = [...body.matchAll(/<td class="numeric">(.*?)<\/td>/g)].map((m) =>
        /^\d+$/.test(m[1]!) ? Number(m[1]) : null,
      );
      return { columns, cells };
    });
}

/** The numbers in the CSV file, table by table, in the same order. */
function csvNumbers(csv: string, columnsPerTable: number[]) {
  const tables: string[][][] = [[]];
  for (const record of parseCsv(csv)) {
    if (record.length === 1 && record[0] === "") tables.push([]);
    else tables.at(-1)!.push(record);
  }
  return tables.map((records, index) =>
    records
      .slice(2) // the title and the column headings
      // A table with no numbers (what a council changed) has none to compare.
      .flatMap((record) => (columnsPerTable[index] ? record.slice(-columnsPerTable[index]!) : []))
      // A number, or nothing (not recorded); words (what a council changed) are not numbers.
      .map((cell) => (/^\d+$/.test(cell) ? Number(cell) : null)),
  );
}

const caseCountOf = (html: string) =>
  Number(/(\d+) representations? (?:was|were) received in this year/.exec(html)?.[1] ?? NaN);

describe("the complaints annual report", () => {
  test("the officer imports a file; the page and the CSV file show the same numbers", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const importPage = await officer.request("/staff/representations/import");
    expect(importPage.status).toBe(200);
    const importHtml = await importPage.text();
    expect(importHtml).toMatch(/enctype="multipart\/form-data"/i);
    for (const column of IMPORT_COLUMNS) expect(importHtml).toContain(`>${column}</code>`);

    const before = caseCountOf(
      await (await officer.request(`/staff/reports/complaints?year=${startYear}`)).text(),
    );
    const imported = await upload(
      officer,
      "/staff/representations/import",
      importHtml,
      importFile([
        { reference: "HTTP-1" },
        { reference: "HTTP-2", made_by: "other", service_area: "fostering", outcome: "" },
        { type: "compliment", category: "", stage1_response: "", outcome: "" },
      ]),
    );
    expect(imported.status).toBe(302);
    expect(imported.headers.get("location")).toBe("/staff/representations/import?imported=3");
    const done = await (await officer.request("/staff/representations/import?imported=3")).text();
    expect(done).toContain("3 representations were imported.");

    for (const email of ["complaints@westmoor.example", "manager@westmoor.example"]) {
      const reader = email.startsWith("complaints") ? officer : await signedIn(email);
      const page = await reader.request(`/staff/reports/complaints?year=${startYear}`);
      expect(page.status, email).toBe(200);
      const html = await page.text();
      expect(caseCountOf(html)).toBe(before + 3);
      expect(html).toContain("Representations received, by type and procedure");
      expect(html).toContain("Neighbourhood teams");
      expect(html).toContain('<th scope="row"');
      expect(html).toContain(`href="/staff/reports/complaints.csv?year=${startYear}"`);

      const csv = await reader.request(`/staff/reports/complaints.csv?year=${startYear}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const filename = `complaints-report-${startYear}-${String(startYear + 1).slice(-2)}.csv`;
      expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${filename}"`);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      expect(text).toContain("Neighbourhood teams");

      const onPage = pageNumbers(html);
      expect(onPage).toHaveLength(REPORT_TABLE_IDS.length);
      const inFile = csvNumbers(
        text,
        onPage.map((table) => table.columns),
      );
      expect(inFile).toEqual(onPage.map((table) => table.cells));
    }
  });

  test("the all-users figures: a wrong number is shown with what was typed; a right one is kept", async () => {
    const manager = await signedIn("manager@westmoor.example");
    const path = `/staff/reports/complaints?year=${startYear}`;
    const html = await (await manager.request(path)).text();
    const wrong = await manager.postFrom(path, html, {
      intent: "figures",
      year: String(startYear),
      "figure-ethnicity-white": "lots",
      "figure-disability-yes": "1,234",
    });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('href="#field-figure-ethnicity-white"');
    expect(wrongHtml).toContain('value="lots"');
    expect(wrongHtml).toContain('value="1,234"');

    const saved = await manager.postFrom(path, html, {
      intent: "figures",
      year: String(startYear),
      "figure-ethnicity-white": "1,234",
    });
    expect(saved.status).toBe(302);
    const page = await (await manager.request(`${path}&saved=figures`)).text();
    expect(page).toContain("The figures have been saved.");
    expect(page).toContain('value="1234"');
  });

  test("a file with one bad row shows its problem and imports nothing", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const reportPath = `/staff/reports/complaints?year=${startYear}`;
    const before = caseCountOf(await (await officer.request(reportPath)).text());
    const html = await (await officer.request("/staff/representations/import")).text();
    const response = await upload(
      officer,
      "/staff/representations/import",
      html,
      importFile([{}, {}, { made_by: "grandparent" }, {}]),
    );
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Nothing was imported.");
    expect(page).toContain("There is a problem");
    // Row 4, as a spreadsheet counts them (the header is row 1).
    expect(page).toMatch(
      /<th scope="row">4<\/th><td><code dir="ltr">made_by<\/code><\/td><td>made_by is “grandparent”/,
    );
    expect(caseCountOf(await (await officer.request(reportPath)).text())).toBe(before);

    // A reference already imported earlier: a problem for its row, and nothing imported.
    const again = await upload(
      officer,
      "/staff/representations/import",
      html,
      importFile([{ reference: "NEW-1" }, { reference: "http-1" }]),
    );
    expect(again.status).toBe(400);
    const againPage = await again.text();
    expect(againPage).toContain("Nothing was imported.");
    expect(againPage).toMatch(
      /<th scope="row">3<\/th><td><code dir="ltr">reference<\/code><\/td><td>The reference “http-1” is already used/,
    );
    expect(caseCountOf(await (await officer.request(reportPath)).text())).toBe(before);

    const none = await upload(officer, "/staff/representations/import", html, "");
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("The file is empty");
  });
});

describe("who may see these pages", () => {
  test.each([
    "/staff/advocacy",
    "/staff/advocacy/00000000-0000-4000-8000-000000000000",
    "/staff/reports/complaints",
    "/staff/reports/complaints.csv",
    "/staff/representations/import",
  ])("an IRO gets 403 for %s", async (path) => {
    const iro = await signedIn("iro@westmoor.example");
    const response = await iro.request(path);
    expect(response.status).toBe(403);
  });

  test("an IRO cannot accept a referral, and a manager cannot import", async () => {
    expect(referralPath).not.toBe("");
    const iro = await signedIn("iro@westmoor.example");
    const home = await (await iro.request("/staff")).text();
    expect((await iro.postFrom(referralPath, home, { intent: "accept" })).status).toBe(403);
    const manager = await signedIn("manager@westmoor.example");
    const managerHome = await (await manager.request("/staff")).text();
    const refused = await upload(
      manager,
      "/staff/representations/import",
      managerHome,
      importFile([{}]),
    );
    expect(refused.status).toBe(403);
  });

  test("signed out, each page asks to sign in", async () => {
    const visitor = new Visitor(server.origin);
    for (const path of [
      "/staff/advocacy",
      "/staff/reports/complaints",
      "/staff/reports/complaints.csv",
    ]) {
      const response = await visitor.request(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/staff\/sign-in\?redirectTo=/);
    }
  });
});
