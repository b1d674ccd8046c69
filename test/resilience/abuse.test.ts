// Abuse: public forms are limited per address and per browser, each limit set by the council's
// configuration, with a clear translated page that says the answers are kept; and a box no
// person sees turns away simple bots without any puzzle for a person to solve.
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { TRAP_FIELD } from "#app/utils/trap-field";
import { startServer, Visitor, type RunningServer } from "#test/support/server";

const FORM = "/forms/listen-to-me-11-18";
const common = (language: string) =>
  JSON.parse(fs.readFileSync(`locales/${language}/common.json`, "utf8"));
const escaped = (text: string) => text.replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    SEND_SESSION_LIMIT: "2",
    SEND_ADDRESS_LIMIT: "3",
    START_ADDRESS_LIMIT: "6",
  });
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

/** Starts the booklet and goes through it as a browser would, giving the two answers it needs. */
async function completeDraft(visitor: Visitor, name: string) {
  const start = await visitor.request(FORM);
  const started = await visitor.postFrom(FORM, await start.text(), {});
  expect(started.status).toBe(302);
  const answers: Record<string, Record<string, string>> = {
    "about-you": { name },
    "who-can-see": { "share-with": "iro-only" },
  };
  for (let step = 0; step < 20; step++) {
    const check = await visitor.request(`${FORM}/check`);
    if (check.status === 200) return check.text();
    const page = check.headers.get("location")!.split("?")[0]!;
    const html = await (await visitor.request(page)).text();
    const posted = await visitor.postFrom(page, html, answers[page.split("/").pop()!] ?? {});
    expect(posted.status).toBe(302);
  }
  throw new Error("the booklet never reached Check your answers");
}

async function send(visitor: Visitor, checkPage: string, extra: Record<string, string> = {}) {
  return visitor.postFrom(`${FORM}/check`, checkPage, extra);
}

test("one browser may send as many forms as set, then gets a translated page; nothing is lost", async () => {
  const visitor = new Visitor(server.origin);
  for (const name of ["Sam", "Alex"]) {
    const sent = await send(visitor, await completeDraft(visitor, name));
    expect(sent.headers.get("location")).toBe(`${FORM}/sent`);
    visitor.forgetCookie("__Host-draft-listen-to-me-11-18");
  }
  const third = await completeDraft(visitor, "Jo");
  const refused = await visitor.request(`${FORM}/check`, {
    method: "POST",
    body: new URLSearchParams({ csrf: visitor.cookie("__Host-csrf")!, [TRAP_FIELD]: "" }),
    headers: { "Accept-Language": "pl" },
  });
  expect(refused.status).toBe(429);
  const html = await refused.text();
  expect(html).toContain('<html lang="pl"');
  expect(html).toContain(escaped(common("pl").errors.tooManyForms.title));
  expect(html).toContain(escaped(common("pl").errors.tooManyForms.body));
  // The answers wait on "Check your answers", still unsent.
  const kept = await visitor.request(`${FORM}/check`);
  expect(kept.status).toBe(200);
  expect(await kept.text()).toContain("Jo");
  expect(third).toContain("Jo");
});

test("another browser at the same address is stopped by the address limit", async () => {
  // The address has tried to send 3 times in this hour (2 sent, 1 refused): the limit is 3.
  const other = new Visitor(server.origin);
  const refused = await send(other, await completeDraft(other, "Kit"));
  expect(refused.status).toBe(429);
  expect(await refused.text()).toContain(escaped(common("en").errors.tooManyForms.title));
  // Limits are per council: Aberhaven's visitors are not held up by Westmoor's.
  const elsewhere = new Visitor(server.origin, "aberhaven.localhost");
  const theirs = await send(elsewhere, await completeDraft(elsewhere, "Ria"));
  expect(theirs.headers.get("location")).toBe(`${FORM}/sent`);
});

test("starting drafts is limited per address, with the same translated page", async () => {
  // Aberhaven: one start above (Ria); the limit is 6.
  for (let start = 2; start <= 6; start++) {
    const visitor = new Visitor(server.origin, "aberhaven.localhost");
    const page = await visitor.request(FORM);
    expect((await visitor.postFrom(FORM, await page.text(), {})).status).toBe(302);
  }
  const seventh = new Visitor(server.origin, "aberhaven.localhost");
  const refused = await seventh.postFrom(FORM, await (await seventh.request(FORM)).text(), {});
  expect(refused.status).toBe(429);
  expect(await refused.text()).toContain(escaped(common("en").errors.tooManyForms.title));
  expect(seventh.cookie("__Host-draft-listen-to-me-11-18")).toBeUndefined();
});

test("a bot that fills the box no person sees is refused and nothing is kept", async () => {
  const person = new Visitor(server.origin, "trap.localhost");
  const start = await (await person.request(FORM)).text();
  // The box is in every form, labelled, and hidden from sight, screen readers and the keyboard.
  expect(start).toMatch(
    new RegExp(
      `<div class="trap-field"><label for="([^"]+)">[^<]+</label><input type="text" id="\\1" name="${TRAP_FIELD}" autoComplete="off" tabindex="-1"`,
      "i",
    ),
  );
  const bot = new Visitor(server.origin, "trap.localhost");
  const refused = await bot.submit(FORM, { [TRAP_FIELD]: "https://example.com/cheap-pills" });
  expect(refused.status).toBe(400);
  expect(bot.cookie("__Host-draft-listen-to-me-11-18")).toBeUndefined();
});
