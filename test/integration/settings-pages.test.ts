// The council's settings over real HTTP, as a browser without JavaScript posts them: every page
// in every language shows words, not keys; a change is saved and seen by visitors at once; bad
// input is refused with a translated message and keeps what was typed; only the council's own
// admin reaches any of it.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SETTINGS_TOPICS } from "#app/settings/topics";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor } from "#test/support/staff-visitor";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const admin = () => signedInVisitor(server.origin, "admin@westmoor.example");
const welsh = JSON.parse(fs.readFileSync("locales/cy/settings.json", "utf8"));

/** The main element's text, tags taken out and entities read. */
function mainText(html: string): string {
  return (/<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

/** Every field of a page's form with the value it shows (text boxes, areas, checked choices). */
function fieldsOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    if (!name || name === "csrf") continue;
    const type = /type="([^"]+)"/.exec(m[0])?.[1];
    const value = (/value="([^"]*)"/.exec(m[0])?.[1] ?? "").replace(/&amp;/g, "&");
    if ((type === "radio" || type === "checkbox") && !/checked/.test(m[0])) continue;
    fields[name] = value;
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields[m[1]!] = m[2]!.replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  }
  return fields;
}

const PAGES = [
  "/staff/settings",
  ...SETTINGS_TOPICS.map((topic) => `/staff/settings/${topic.id}`),
  "/staff/settings/service-areas",
  "/staff/settings/service-areas/fostering",
  "/staff/settings/teams",
];

describe("every settings page", () => {
  test.each(["en", "cy", "pl", "ur"])("in %s shows words, not keys", async (language) => {
    const visitor = await admin();
    const teams = await (await visitor.request("/staff/settings/teams")).text();
    const team = /href="(\/staff\/settings\/teams\/[0-9a-f-]{36})"/.exec(teams)![1]!;
    for (const path of [...PAGES, team]) {
      const response = await visitor.request(`${path}?lng=${language}`);
      expect(response.status, path).toBe(200);
      const text = mainText(await response.text());
      expect(text, path).not.toMatch(/\b[a-z-]+:[a-zA-Z-]+(\.[\w-]+)+/);
      expect(text, path).not.toMatch(/\{\{|\}\}/);
    }
  });

  test("only the admin opens them; another council's team is not there", async () => {
    for (const email of ["manager@westmoor.example", "complaints@westmoor.example"]) {
      const visitor = await signedInVisitor(server.origin, email);
      for (const path of PAGES) expect((await visitor.request(path)).status, path).toBe(403);
    }
    const westmoorTeams = await (await (await admin()).request("/staff/settings/teams")).text();
    const team = /href="(\/staff\/settings\/teams\/[0-9a-f-]{36})"/.exec(westmoorTeams)![1]!;
    const other = await signedInVisitor(
      server.origin,
      "admin@aberhaven.example",
      `aberhaven.localhost:${server.port}`,
    );
    expect((await other.request(team)).status).toBe(404);
    const posted = await other.submit(team, { intent: "rename", teamName: "Taken over" });
    expect(posted.status).toBe(404);
    const aberhavenTeams = await (await other.request("/staff/settings/teams")).text();
    expect(aberhavenTeams).not.toContain("Westmoor Central");
    // Nobody signed in is sent to sign in.
    expect((await new Visitor(server.origin).request("/staff/settings")).status).toBe(302);
  });
});

describe("a change", () => {
  test("is saved from the page's own form and seen by a visitor at once", async () => {
    const visitor = await admin();
    const page = await (await visitor.request("/staff/settings/council")).text();
    const saved = await visitor.postFrom("/staff/settings/council", page, {
      ...fieldsOf(page),
      outOfHoursPhone: "0300 123 8080",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/staff/settings/council?saved=1");
    const after = await (await visitor.request("/staff/settings/council?saved=1")).text();
    expect(after).toContain("Your changes are saved");
    expect(mainText(after)).toContain("Last changed by Chris Lee");
    // A first-time visitor, twice (the second may be given a page kept ready-made).
    for (let i = 0; i < 2; i++) {
      const home = await (await new Visitor(server.origin).request("/")).text();
      expect(home).toContain("0300 123 8080");
    }
    const booklet = await (await visitor.request("/staff/settings/booklet")).text();
    await new Visitor(server.origin).request("/listen-to-me");
    const pledge = await visitor.postFrom("/staff/settings/booklet", booklet, {
      ...fieldsOf(booklet),
      "pledge.en": "We keep our promises.",
      "pledge.cy": "Rydyn ni'n cadw ein haddewidion.",
    });
    expect(pledge.status).toBe(302);
    const english = await (await new Visitor(server.origin).request("/listen-to-me")).text();
    expect(english).toContain("We keep our promises.");
    const cymraeg = await (await new Visitor(server.origin).request("/listen-to-me?lng=cy")).text();
    expect(cymraeg.replace(/&#x27;/g, "'")).toContain("Rydyn ni'n cadw ein haddewidion.");
  });

  test("with problems is refused, translated, keeping everything typed", async () => {
    const visitor = await admin();
    const page = await (await visitor.request("/staff/settings/council?lng=cy")).text();
    const typed = {
      ...fieldsOf(page),
      name: "Cyngor <Westmoor> & Co",
      contactEmail: "not an address",
      outOfHoursPhone: "ring us",
    };
    const refused = await visitor.postFrom("/staff/settings/council?lng=cy", page, typed);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    const text = mainText(html);
    expect(text).toContain(welsh.errors.email);
    expect(text).toContain(welsh.errors.phone);
    expect(html).toContain('value="Cyngor &lt;Westmoor&gt; &amp; Co"');
    expect(html).toContain('value="not an address"');
    expect(html).toContain('value="ring us"');
    // Nothing changed.
    const home = await (await new Visitor(server.origin).request("/")).text();
    expect(home).toContain("Westmoor Borough Council");
  });

  test("a service area is renamed and retired; a team gets a person with only an address", async () => {
    const visitor = await admin();
    const area = "/staff/settings/service-areas/youth-justice";
    const areaPage = await (await visitor.request(area)).text();
    const renamed = await visitor.postFrom(area, areaPage, {
      intent: "rename",
      "areaName.en": "Youth justice and prevention",
      "areaName.cy": "",
      "areaName.pl": "",
      "areaName.ur": "",
    });
    expect(renamed.status).toBe(302);
    const empty = await visitor.postFrom(area, areaPage, { intent: "rename", "areaName.en": "" });
    expect(empty.status).toBe(400);
    expect(await visitor.postFrom(area, areaPage, { intent: "retire" })).toHaveProperty(
      "status",
      302,
    );
    const list = mainText(await (await visitor.request("/staff/settings/service-areas")).text());
    expect(list).toMatch(/Youth justice and prevention Retired on/);
    // A new case is offered it no more.
    const officer = await signedInVisitor(server.origin, "complaints@westmoor.example");
    const newCase = await (await officer.request("/staff/representations/new")).text();
    expect(newCase).toContain('<option value="fostering">');
    expect(newCase).not.toContain('<option value="youth-justice">');

    const teams = await (await visitor.request("/staff/settings/teams")).text();
    const made = await visitor.postFrom("/staff/settings/teams", teams, { name: "Eastgate Team" });
    const team = made.headers.get("location")!.split("?")[0]!;
    const teamPage = await (await visitor.request(team)).text();
    const missing = await visitor.postFrom(team, teamPage, {
      intent: "add-member",
      account: "",
      name: "Jo Bloggs",
      email: "",
    });
    expect(missing.status).toBe(400);
    const kept = await missing.text();
    expect(kept).toContain('value="Jo Bloggs"');
    expect(mainText(kept)).toContain("Enter the person's email address, or choose an account.");
    const added = await visitor.postFrom(team, teamPage, {
      intent: "add-member",
      account: "",
      name: "Jo Bloggs",
      email: "jo.bloggs@westmoor.example",
      manager: "yes",
    });
    expect(added.status).toBe(302);
    const again = await visitor.postFrom(team, teamPage, {
      intent: "add-member",
      account: "",
      name: "Jo B",
      email: "JO.BLOGGS@westmoor.example",
    });
    expect(mainText(await again.text())).toContain(
      "Someone with this email address is already in the team.",
    );
    const members = mainText(await (await visitor.request(team)).text());
    expect(members).toContain("Jo Bloggs jo.bloggs@westmoor.example Email only, Manager");
  });
});
