// The real server over HTTP: bad input never gets a 500, headers are safe, staff pages are
// guarded by sign-in, role, CSRF and council.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { startServer, Visitor, type RunningServer } from "#test/support/server";

let server: RunningServer;

async function expectWelshRefusal(response: Response, status: number, kind: string) {
  expect(response.status).toBe(status);
  const html = await response.text();
  expectTranslatedShell(html, "cy");
  expect(html).toContain(escaped(welsh.errors[kind].title));
  expect(html).toContain("Westmoor Borough Council");
}

const welsh = JSON.parse(fs.readFileSync("locales/cy/common.json", "utf8"));
const escaped = (text: string) => text.replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

/** A refused request still gets the whole translated page shell. */
function expectTranslatedShell(html: string, language: string) {
  expect(html).toMatch(new RegExp(`<html lang="${language}" dir="(ltr|rtl)"`));
  expect(html).toContain("data-exit-this-page");
  expect(html).toContain('href="tel:999"');
  expect(html).toContain('href="tel:08001111"');
  expect(html).toContain('<script src="/js/portal.js" defer="">');
}

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const ROUTES = [
  "/",
  "/accessibility",
  "/privacy",
  "/healthz",
  "/no-such-page",
  "/staff",
  "/staff/sign-in",
  "/staff/sign-out",
  "/staff/session",
  "/staff/users",
  "/staff/users/new",
];

describe("bad input never gets a 500", () => {
  const bodies: [string, () => RequestInit][] = [
    ["empty", () => ({ method: "POST" })],
    [
      "empty form",
      () => ({
        method: "POST",
        body: "",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    ],
    [
      "binary",
      () => ({
        method: "POST",
        body: new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    ],
    [
      "malformed multipart",
      () => ({
        method: "POST",
        body: "--x\r\nnonsense",
        headers: { "Content-Type": "multipart/form-data; boundary=zzz" },
      }),
    ],
    [
      "multipart without boundary",
      () => ({ method: "POST", body: "a=b", headers: { "Content-Type": "multipart/form-data" } }),
    ],
    [
      "json",
      () => ({
        method: "POST",
        body: '{"email":',
        headers: { "Content-Type": "application/json" },
      }),
    ],
    [
      "bad percent-encoding",
      () => ({
        method: "POST",
        body: "email=%E0%A4%A&password=%",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    ],
    ["PUT", () => ({ method: "PUT", body: "x=1" })],
    ["DELETE", () => ({ method: "DELETE" })],
  ];

  test.each(ROUTES)("%s", async (route) => {
    const visitor = new Visitor(server.origin);
    for (const [name, init] of bodies) {
      const response = await visitor.request(route, init());
      expect(response.status, `${name} → ${route}`).toBeLessThan(500);
      await response.arrayBuffer();
    }
  });

  test("an oversized body gets a translated 413 page, declared or streamed", async () => {
    const visitor = new Visitor(server.origin);
    const big = "a=" + "x".repeat(2 * 1024 * 1024);
    const declared = await visitor.request("/staff/sign-in?lng=cy", {
      method: "POST",
      body: big,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    await expectWelshRefusal(declared, 413, "tooLarge");

    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 64; i++)
          controller.enqueue(new TextEncoder().encode("y".repeat(16 * 1024)));
        controller.close();
      },
    });
    const streamed = await visitor.request("/", {
      method: "POST",
      body: chunks,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get("Connection")).toBe("close");
  });

  test("an unreadable address gets a translated 400 page", async () => {
    const response = await new Visitor(server.origin).request("/%E0%A4%A", {
      headers: { "Accept-Language": "cy" },
    });
    await expectWelshRefusal(response, 400, "badRequest");
  });

  test("odd paths and queries", async () => {
    const visitor = new Visitor(server.origin);
    for (const path of [
      "/%E0%A4%A",
      "/%00",
      "/?lng=../../etc/passwd",
      "/?lng=xx",
      "/staff/sign-in?redirectTo=https://evil.example",
      "/" + "a".repeat(5000),
    ]) {
      const response = await visitor.request(path);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});

describe("every response is served safely", () => {
  test("HTML carries a CSP that runs only script files of this site, and no page has inline script", async () => {
    const response = await new Visitor(server.origin).request("/");
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);
    const html = await response.text();
    // Every script is a file of this site's: none written into the page.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag)).toEqual([
      '<script src="/js/portal.js" defer="">',
    ]);
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Strict-Transport-Security")).toContain("max-age=");
    expect(response.headers.get("Cache-Control")).toContain("no-store");
  });

  test("static files get the headers too, and are cacheable", async () => {
    const response = await new Visitor(server.origin).request("/js/portal.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toContain("max-age");
  });

  test("health check answers when the database does", async () => {
    const response = await new Visitor(server.origin).request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  test("language: ?lng= beats the cookie, the cookie beats Accept-Language", async () => {
    const visitor = new Visitor(server.origin);
    const chosen = await visitor.request("/?lng=ur", { headers: { "Accept-Language": "pl" } });
    expect(await chosen.text()).toMatch(/<html lang="ur" dir="rtl"/);
    const remembered = await visitor.request("/", { headers: { "Accept-Language": "pl" } });
    expect(await remembered.text()).toMatch(/<html lang="ur" dir="rtl"/);
    const fresh = await new Visitor(server.origin).request("/", {
      headers: { "Accept-Language": "pl-PL,pl;q=0.9" },
    });
    expect(await fresh.text()).toMatch(/<html lang="pl" dir="ltr"/);
  });
});

describe("staff pages", () => {
  test("need signing in, and come back to the page asked for", async () => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.request("/staff/users");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff/sign-in?redirectTo=%2Fstaff%2Fusers");
  });

  test("a form posted without its CSRF token is refused", async () => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.submit(
      "/staff/sign-in",
      { email: "admin@westmoor.example", password: DEMO_PASSWORD },
      false,
    );
    expect(response.status).toBe(403);
  });

  test("a form posted from another site is refused", async () => {
    const visitor = new Visitor(server.origin);
    await visitor.request("/staff/sign-in");
    const response = await visitor.request("/staff/sign-in", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://evil.example",
      },
      body: new URLSearchParams({
        email: "admin@westmoor.example",
        password: DEMO_PASSWORD,
        csrf: visitor.cookie("__Host-csrf") ?? "",
      }),
    });
    expect(response.status).toBe(403);
    expectTranslatedShell(await response.text(), "en");
    const nullOrigin = await visitor.request("/staff/sign-in", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "null" },
      body: new URLSearchParams({
        email: "admin@westmoor.example",
        password: DEMO_PASSWORD,
        csrf: visitor.cookie("__Host-csrf") ?? "",
      }),
    });
    expect(nullOrigin.status).toBe(302);
  });

  test("cookies are HttpOnly, SameSite=Lax and Secure in production", async () => {
    const visitor = new Visitor(server.origin);
    const page = await visitor.request("/staff/sign-in");
    expect(page.headers.get("Set-Cookie")).toMatch(/__Host-csrf=.*HttpOnly; SameSite=Lax; Secure/);
    const signedIn = await visitor.signIn("admin@westmoor.example", DEMO_PASSWORD);
    expect(signedIn.headers.get("Set-Cookie")).toMatch(
      /__Host-staff_session=.*HttpOnly; SameSite=Lax; Max-Age=43200; Secure/,
    );
  });

  test("an IRO cannot open the staff accounts page (403)", async () => {
    const visitor = new Visitor(server.origin);
    await visitor.signIn("iro@westmoor.example", DEMO_PASSWORD);
    expect((await visitor.request("/staff")).status).toBe(200);
    expect((await visitor.request("/staff/users")).status).toBe(403);
    const post = await visitor.submit("/staff/users/new", {
      name: "X",
      email: "x@westmoor.example",
      roles: "admin",
      password: "a-long-enough-password",
    });
    expect(post.status).toBe(403);
  });

  test("a session from one council is nothing at another council's address", async () => {
    const westmoor = new Visitor(server.origin);
    await westmoor.signIn("admin@westmoor.example", DEMO_PASSWORD);
    expect((await westmoor.request("/staff/users")).status).toBe(200);
    const sameCookiesAtAberhaven = westmoor.withHost(`aberhaven.localhost:${server.port}`);
    const response = await sameCookiesAtAberhaven.request("/staff/users");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/staff/sign-in");
    // and a Westmoor account cannot sign in there
    const attempt = await new Visitor(server.origin, `aberhaven.localhost:${server.port}`).submit(
      "/staff/sign-in",
      {
        email: "admin@westmoor.example",
        password: DEMO_PASSWORD,
      },
    );
    expect(attempt.status).toBe(400);
  });

  test("an admin creates an account in their own council only; it can sign in there", async () => {
    const admin = new Visitor(server.origin, `aberhaven.localhost:${server.port}`);
    await admin.signIn("admin@aberhaven.example", DEMO_PASSWORD);
    const created = await admin.submit("/staff/users/new", {
      name: "Rhian Davies",
      email: "Rhian.Davies@aberhaven.example",
      roles: ["iro", "cp_chair"],
      password: "a-long-enough-password",
    });
    expect(created.status).toBe(302);
    const list = await (await admin.request("/staff/users")).text();
    expect(list).toContain("rhian.davies@aberhaven.example");
    expect(list).not.toContain("westmoor.example");

    const rhian = new Visitor(server.origin, `aberhaven.localhost:${server.port}`);
    await rhian.signIn("rhian.davies@aberhaven.example", "a-long-enough-password");
    expect((await rhian.request("/staff")).status).toBe(200);
    const elsewhere = await new Visitor(server.origin).submit("/staff/sign-in", {
      email: "rhian.davies@aberhaven.example",
      password: "a-long-enough-password",
    });
    expect(elsewhere.status).toBe(400);
  });

  test("a role that does not exist is refused with a clear message", async () => {
    const admin = new Visitor(server.origin);
    await admin.signIn("admin@westmoor.example", DEMO_PASSWORD);
    const response = await admin.submit("/staff/users/new", {
      name: "Someone",
      email: "someone@westmoor.example",
      roles: "superuser",
      password: "a-long-enough-password",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Select at least one role");
  });

  test("a form with problems keeps what was typed and says what to fix", async () => {
    const admin = new Visitor(server.origin);
    await admin.signIn("admin@westmoor.example", DEMO_PASSWORD);
    const response = await admin.submit("/staff/users/new", {
      name: "Kept Name",
      email: "not-an-email",
      password: "short",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("<title>Error:");
    expect(html).toContain("There is a problem");
    expect(html).toContain('value="Kept Name"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('href="#field-roles"');
    expect(html).not.toContain('value="short"');
  });

  test("signing out ends the session", async () => {
    const visitor = new Visitor(server.origin);
    await visitor.signIn("manager@westmoor.example", DEMO_PASSWORD);
    const token = visitor.cookie("__Host-staff_session");
    const out = await visitor.submit("/staff/sign-out", {});
    expect(out.status).toBe(302);
    const replay = new Visitor(server.origin);
    const response = await replay.request("/staff", {
      headers: { Cookie: `__Host-staff_session=${token}` },
    });
    expect(response.status).toBe(302);
  });
});
