// Links only ever to the council's own address, over real HTTP: whatever Host header or request
// target arrives ("Host: evil.example", a path starting "//other.example/", an absolute target),
// the emails of a complaint (officer, advocacy provider, complainant) and the IRO's invitation
// page, letter and QR code point at the council's public address. Also: no open redirect after
// signing in, odd requests refused cleanly (400, 405), and notices never print the address.
import fs from "node:fs";
import net from "node:net";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { startSmtpReceiver } from "#test/support/smtp-receiver";
import { invitationFields, signedInVisitor } from "#test/support/staff-visitor";

let server: RunningServer;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  server = await startServer({ SMTP_URL: receiver.url, OUTBOX_INTERVAL_MS: "100" });
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
  await receiver?.stop();
});

/** The ways a request may try to name another site. */
const VARIANTS = [
  { name: "a Host header", hostile: "evil.example", host: "evil.example", path: (p: string) => p },
  {
    name: "a path starting //",
    hostile: "other.example",
    path: (p: string) => `//other.example${p}`,
  },
  {
    name: "an absolute target",
    hostile: "evil.example",
    path: (p: string) => `http://evil.example${p}`,
  },
];
type Variant = (typeof VARIANTS)[number];

/** A link, of any kind a browser follows, to the other site. */
const linkTo = (host: string) => new RegExp(`(https?:)?//${host.replace(/\./g, "\\.")}`, "i");

/** The page's main content: where a notice is shown (links elsewhere repeat the address). */
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? "";

const as = (visitor: Visitor, variant: Variant) =>
  variant.host ? visitor.withHost(variant.host) : visitor;

/** Every http(s) address in a text. */
const addressesIn = (text: string) =>
  [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);

async function until(done: () => boolean, what: string) {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A child's complaint, page by page, asking for an advocate and a reply by email: up to Check. */
async function complaintUpToCheck(replyEmail: string) {
  const child = new Visitor(server.origin);
  const form = "have-your-say-child";
  let response = await child.submit(`/forms/${form}`, {});
  let location = response.headers.get("location") ?? "";
  for (let pages = 0; !location.endsWith("/check"); pages++) {
    expect(location, "each page leads to the next").toMatch(new RegExp(`^/forms/${form}/`));
    if (pages > 25) throw new Error("the form never reached Check your answers");
    response = await child.submit(location, {
      intent: "continue",
      kind: "complaint",
      namedWorker: "",
      whatHappened: "Nobody told me when I can see my brother",
      putRight: "Tell me the plan",
      advocate: "yes",
      advocateContact: "Text 07700 900123",
      advocateTime: "After school",
      advocateConsent: "agree",
      senderName: "Sam",
      childInCare: "no",
      replyBy: "email",
      replyEmail,
      communicationNeeds: "",
      interpreter: "",
    });
    expect(response.status, `${location} accepted`).toBe(302);
    location = response.headers.get("location") ?? "";
  }
  return { child, checkPath: `/forms/${form}/check`, sentPath: `/forms/${form}/sent` };
}

describe("every link in a complaint's emails is the council's own", () => {
  test.each(VARIANTS)("whatever $name says", async (variant) => {
    const replyEmail = `sam.${variant.name.replace(/\W+/g, "-")}@example.com`;
    const { child, checkPath, sentPath } = await complaintUpToCheck(replyEmail);
    const before = receiver.messages.length;
    const sent = await as(child, variant).submit(variant.path(checkPath), {});
    if (variant.name === "a path starting //") {
      // "//other.example/…" is a path on this site, which has no such page: sent again the
      // ordinary way, so its emails are still checked.
      expect(sent.status).toBe(404);
      expect((await child.submit(checkPath, {})).headers.get("location")).toBe(sentPath);
    } else {
      // A forged Host or an absolute target still sends the complaint, here.
      expect(sent.status).toBe(302);
      expect(sent.headers.get("location")).toBe(sentPath);
    }
    const arrived = () => receiver.messages.slice(before);
    const to = (address: string) => arrived().find((mail) => mail.to.includes(address));
    await until(
      () =>
        Boolean(
          to(replyEmail) && to("complaints@westmoor.example") && to("advocacy@westmoor.example"),
        ),
      "the complainant's, the officer's and the advocacy provider's emails",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const address of [
      replyEmail,
      "complaints@westmoor.example",
      "advocacy@westmoor.example",
    ]) {
      const links = addressesIn(to(address)!.text);
      expect(links.length, `a link in the email to ${address}`).toBeGreaterThan(0);
    }
    for (const mail of arrived()) {
      expect(mail.text).not.toMatch(linkTo(variant.hostile));
      expect(mail.text).not.toContain(variant.hostile);
      for (const link of addressesIn(mail.text))
        expect(link.startsWith(`${server.origin}/`)).toBe(true);
    }
  });
});

describe("the IRO's invitation page, letter and QR code name the council's own address", () => {
  let invitationPath = "";
  let iro: Visitor;

  beforeAll(async () => {
    iro = await signedInVisitor(server.origin, "iro@westmoor.example");
    const made = await iro.submit("/staff/invitations/new", invitationFields());
    expect(made.status).toBe(302);
    invitationPath = made.headers.get("location") ?? "";
    expect(invitationPath).toMatch(/^\/staff\/invitations\/[0-9a-f-]{36}$/);
  });

  test.each(VARIANTS)("whatever $name says", async (variant) => {
    const page = await as(iro, variant).request(variant.path(invitationPath));
    const html = await page.text();
    expect(html).not.toMatch(linkTo(variant.hostile));
    const letter = await as(iro, variant).request(variant.path(`${invitationPath}/letter`));
    const letterHtml = await letter.text();
    expect(letterHtml).not.toMatch(linkTo(variant.hostile));
    if (variant.name === "a path starting //") {
      expect(html).not.toContain("/i/");
      // "//other.example/staff/…" is a page of this site that does not exist.
      expect([page.status, letter.status]).toEqual([404, 404]);
      return;
    }
    expect(html + letterHtml).not.toContain(variant.hostile);
    expect([page.status, letter.status]).toEqual([200, 200]);
    const token = /\/i\/([A-Za-z0-9_-]{43})/.exec(html)?.[1];
    expect(token).toBeDefined();
    const link = `${server.origin}/i/${token}`;
    for (const shown of [html, letterHtml]) {
      expect(shown).toContain(link);
      expect(shown).toContain(`${server.origin}/code`);
      for (const address of addressesIn(shown).filter((a) => /\/(i\/|code\b)/.test(a))) {
        expect(address.startsWith(`${server.origin}/`)).toBe(true);
      }
    }
    // The QR code is the one made from the council's own link.
    const qr = await QRCode.toString(link, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    expect(letterHtml).toContain(qr);
  });
});

// (As a complaints officer: a password alone signs them in. After a second factor the same
// checked address is used: the pending sign-in keeps it.)
describe("signing in never sends anyone to another site", () => {
  const hostile = [
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
  ];

  test.each(hostile)("redirectTo %j after signing in", async (redirectTo) => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.submit("/staff/sign-in", {
      email: "complaints@westmoor.example",
      password: "listen-to-children",
      redirectTo,
    });
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(new URL(location, server.origin).origin).toBe(server.origin);
    expect(location).toBe("/staff");
  });

  test("the report's own case, as a browser posts it: %2F%09%2Fevil.example", async () => {
    const visitor = new Visitor(server.origin);
    await visitor.request("/staff/sign-in");
    const csrf = visitor.cookie("__Host-csrf") ?? visitor.cookie("csrf") ?? "";
    const body = `email=complaints%40westmoor.example&password=listen-to-children&redirectTo=%2F%09%2Fevil.example&csrf=${csrf}`;
    const response = await visitor.request("/staff/sign-in", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location") ?? "", server.origin).origin).toBe(
      server.origin,
    );
    // Signed in already: the sign-in page's own redirect is checked the same way.
    const again = await visitor.request("/staff/sign-in?redirectTo=%2F%09%2Fevil.example");
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/staff");
  });

  test("a control character in redirectTo is no server error", async () => {
    const visitor = new Visitor(server.origin);
    const response = await visitor.submit("/staff/sign-in", {
      email: "complaints@westmoor.example",
      password: "listen-to-children",
      redirectTo: "/staff\u0001\r\nSet-Cookie: x=1",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/staff");
    const again = await visitor.request("/staff/sign-in?redirectTo=%2Fstaff%01");
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/staff");
    const stay = await visitor.submit("/staff/session", { redirectTo: "/staff\u0000" });
    expect(stay.status).toBe(302);
    expect(stay.headers.get("location")).toBe("/staff");
  });
});

/** Bytes as they are, on a socket of their own (no HTTP client would send a control character). */
function rawRequest(head: string): Promise<{ status: number; html: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () => socket.end(head, "latin1"));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), html: text });
    });
  });
}

describe("odd requests are refused cleanly, in the visitor's language", () => {
  const common = async (language: string) =>
    JSON.parse(fs.readFileSync(`locales/${language}/common.json`, "utf8")) as {
      errors: Record<string, { title: string }>;
    };
  const escaped = (text: string) => text.replace(/'/g, "&#x27;");

  const hostRequest = (host: string) =>
    rawRequest(
      `GET / HTTP/1.1\r\nHost: ${host}\r\nAccept-Language: cy\r\nConnection: close\r\n\r\n`,
    );

  test.each(["a@host", "a@localhost", "local host", "localhost:99999", "localhost:", "[::1"])(
    "Host %j is 400",
    async (host) => {
      const { status, html } = await hostRequest(host);
      expect(status).toBe(400);
      expect(html).toContain('<html lang="cy"');
      expect(html).toContain(escaped((await common("cy")).errors.badRequest!.title));
    },
  );

  test("a control character in Host is refused (400, by Node's own parser), never a 500", async () => {
    expect((await hostRequest("localhost:1\u0001x")).status).toBe(400);
    expect((await hostRequest("local\u007fhost")).status).toBe(400);
    // And the portal goes on answering.
    expect((await new Visitor(server.origin).request("/")).status).toBe(200);
  });

  test.each(["TRACE", "PUT", "DELETE", "OPTIONS", "PATCH"])("%s is 405", async (method) => {
    const response = await new Visitor(server.origin).request("/staff/users", {
      method,
      headers: { "Accept-Language": "pl" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
    const html = await response.text();
    expect(html).toContain('<html lang="pl"');
    expect(html).toContain((await common("pl")).errors.notAllowed!.title);
  });
});

describe("notices are chosen by key, never printed from the address", () => {
  const bait = "Call 0800 000 000 now: your account is locked";

  test("the staff accounts page", async () => {
    const admin = await signedInVisitor(server.origin, "admin@westmoor.example");
    const page = await (
      await admin.request(`/staff/users?created=${encodeURIComponent(bait)}`)
    ).text();
    expect(mainOf(page)).toContain("<h1");
    expect(mainOf(page)).not.toContain("0800 000 000");
    const created = await admin.submit("/staff/users/new", {
      name: "Jo Test",
      email: "jo.test@westmoor.example",
      password: "a long and careful password",
      roles: "iro",
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/staff/users?done=created");
    const done = await (await admin.request("/staff/users?done=created")).text();
    expect(done).toContain("The account has been created.");
  });

  test("the shared inbox", async () => {
    const manager = await signedInVisitor(server.origin, "manager@westmoor.example");
    const page = await (
      await manager.request(
        `/staff/inbox/iro?box=shared&allocated=HYS-ABC123&to=${encodeURIComponent(bait)}`,
      )
    ).text();
    expect(mainOf(page)).toContain("<h1");
    expect(mainOf(page)).not.toContain("0800 000 000");
    expect(mainOf(page)).not.toContain("HYS-ABC123");
    const done = await (await manager.request("/staff/inbox/iro?box=shared&done=allocated")).text();
    expect(done).toContain("The booklet has been allocated.");
  });
});
