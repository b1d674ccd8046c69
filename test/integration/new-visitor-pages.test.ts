// Pages every first-time visitor sees alike are kept ready-made for a short while. What a
// visitor notices must not change: their own CSRF token and script nonce, their language, and
// their own page as soon as they have a draft.
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { csrfFieldOf, startServer, Visitor, type RunningServer } from "#test/support/server";

let server: RunningServer;
const FORM = "/forms/listen-to-me-11-18";
const words = (language: string) =>
  JSON.parse(fs.readFileSync(`locales/${language}/forms.json`, "utf8")).start;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

async function firstVisit(headers: Record<string, string> = {}) {
  const visitor = new Visitor(server.origin);
  const response = await visitor.request(FORM, { headers });
  const html = await response.text();
  const nonce = /script-src 'nonce-([^']+)'/.exec(
    response.headers.get("content-security-policy")!,
  )!;
  return { visitor, response, html, nonce: nonce[1]! };
}

test("each new visitor gets their own CSRF token and script nonce, and can start the form", async () => {
  const visits = [];
  for (let i = 0; i < 4; i++) visits.push(await firstVisit());
  const tokens = visits.map((v) => csrfFieldOf(v.html));
  expect(new Set(tokens).size).toBe(4);
  for (const [i, visit] of visits.entries()) {
    expect(visit.response.status).toBe(200);
    expect(visit.visitor.cookie("__Host-csrf")).toBe(tokens[i]);
    expect(visit.html).toContain(`nonce="${visit.nonce}"`);
    expect(visit.response.headers.get("cache-control")).toBe("private, no-store");
  }
  // The first was made; the others were the kept page, each with its own token and nonce.
  expect(visits.map((v) => v.response.headers.get("x-kept-page"))).toEqual([
    null,
    "yes",
    "yes",
    "yes",
  ]);
  // The last page was a kept one: its form still works with the token it carries.
  const last = visits[3]!;
  const started = await last.visitor.postFrom(FORM, last.html, {});
  expect(started.status).toBe(302);
  expect(started.headers.get("location")).toMatch(new RegExp(`^${FORM}/`));
});

test("a visitor with a draft gets their own page (Carry on), not the kept one (Start)", async () => {
  const { visitor, html } = await firstVisit();
  expect(html).toContain(`>${words("en").start}</button>`);
  await visitor.postFrom(FORM, html, {});
  const page = await visitor.request(`${FORM}/${"about-you"}`);
  const answered = await visitor.postFrom(`${FORM}/about-you`, await page.text(), {
    name: "Sam",
  });
  expect(answered.status).toBe(302);
  const own = await visitor.request(FORM);
  expect(own.headers.get("x-kept-page")).toBeNull();
  const again = await own.text();
  expect(again).toContain(`>${words("en").carryOn}</button>`);
  // …while the next new visitor still gets "Start".
  expect((await firstVisit()).html).toContain(`>${words("en").start}</button>`);
});

test("the language a visitor's browser or choice asks for is the language they get", async () => {
  await firstVisit();
  const polish = await firstVisit({ "Accept-Language": "pl" });
  expect(polish.html).toContain('<html lang="pl"');
  expect(polish.html).toContain(words("pl").start);
  const polishAgain = await firstVisit({ "Accept-Language": "pl" });
  expect(polishAgain.response.headers.get("x-kept-page")).toBe("yes");
  expect(polishAgain.html).toContain('<html lang="pl"');
  const welsh = new Visitor(server.origin);
  const chosen = await welsh.request(`${FORM}?lng=cy`);
  expect(chosen.headers.get("x-kept-page")).toBeNull();
  expect(await chosen.text()).toContain('<html lang="cy"');
  // The choice is remembered: the same address without ?lng is Welsh for them, English for others.
  expect(await (await welsh.request(FORM)).text()).toContain('<html lang="cy"');
  expect((await firstVisit()).html).toContain('<html lang="en"');
});
