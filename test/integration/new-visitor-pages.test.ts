// Pages every first-time visitor sees alike are kept ready-made for a short while. What a
// visitor notices must not change: their own CSRF cookie, their language, and their own page as
// soon as they have a draft.
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

/** A browser's first visit: it says the page was asked for by the visitor (Sec-Fetch-Site). */
const NAVIGATION = { "Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate" };

async function firstVisit(headers: Record<string, string> = {}) {
  const visitor = new Visitor(server.origin);
  const response = await visitor.request(FORM, { headers: { ...NAVIGATION, ...headers } });
  return { visitor, response, html: await response.text() };
}

/** Posts the start form as a browser does, saying where from (or not, or from elsewhere). */
const start = (visitor: Visitor, fetchSite?: string) =>
  visitor.request(FORM, {
    method: "POST",
    body: new URLSearchParams({ csrf: "" }),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(fetchSite ? { "Sec-Fetch-Site": fetchSite } : {}),
    },
  });

test("every new visitor gets the same bytes, their own CSRF cookie, and can start the form", async () => {
  const visits = [];
  for (let i = 0; i < 4; i++) visits.push(await firstVisit());
  const cookies = visits.map((v) => v.visitor.cookie("__Host-csrf"));
  expect(new Set(cookies).size).toBe(4);
  for (const visit of visits) {
    expect(visit.response.status).toBe(200);
    expect(visit.html).toBe(visits[0]!.html);
    expect(visit.html).toContain('name="csrf" value=""');
    expect(visit.html).toContain('<script src="/js/portal.js" defer="">');
    const csp = visit.response.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/nonce|unsafe-inline/);
    expect(visit.response.headers.get("cache-control")).toBe("private, no-store");
  }
  // The first was made; the others were the kept page.
  expect(visits.map((v) => v.response.headers.get("x-kept-page"))).toEqual([
    "yes",
    "yes",
    "yes",
    "yes",
  ]);
  // A kept page's form carries no token: the browser's word that it posts from this site is
  // taken instead, and nothing else.
  const last = visits[3]!.visitor;
  expect((await start(last)).status).toBe(403);
  expect((await start(last, "cross-site")).status).toBe(403);
  expect((await start(last, "same-site")).status).toBe(403);
  const started = await start(last, "same-origin");
  expect(started.status).toBe(302);
  expect(started.headers.get("location")).toMatch(new RegExp(`^${FORM}/`));
});

test("a browser that does not say where its posts come from gets its own page, with a token", async () => {
  const visitor = new Visitor(server.origin);
  const response = await visitor.request(FORM);
  expect(response.headers.get("x-kept-page")).toBeNull();
  const html = await response.text();
  expect(csrfFieldOf(html)).toBe(visitor.cookie("__Host-csrf"));
  const started = await visitor.postFrom(FORM, html, {});
  expect(started.status).toBe(302);
});

test("a visitor with a draft gets their own page (Carry on), not the kept one (Start)", async () => {
  const { visitor, html } = await firstVisit();
  expect(html).toContain(`>${words("en").start}</button>`);
  await start(visitor, "same-origin");
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

test("a kept page goes in brotli or gzip as the browser takes them, made once; a visitor's own page in gzip", async () => {
  await firstVisit();
  const encodingFor = async (acceptEncoding: string, headers = NAVIGATION) => {
    const response = await new Visitor(server.origin).request(FORM, {
      headers: { ...headers, "Accept-Encoding": acceptEncoding },
    });
    await response.arrayBuffer();
    return response.headers.get("content-encoding");
  };
  expect(await encodingFor("gzip, deflate, br, zstd")).toBe("br");
  expect(await encodingFor("gzip")).toBe("gzip");
  expect(await encodingFor("identity")).toBeNull();
  // Made for this visitor alone: gzip, which costs the server far less than brotli.
  expect(await encodingFor("gzip, deflate, br, zstd", {} as typeof NAVIGATION)).toBe("gzip");
});
