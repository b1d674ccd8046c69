// Against the built server on its own database: a child's "come back later" code reaches them
// by email over SMTP, yet is readable neither in the outbox row nor on the mailbox page; every
// cookie the server sets on a real journey is in the list the privacy notice shows, and the
// notice says, in every language, what is kept, for how long and who sees it.
import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db, openDatabase, schema, setDatabase } from "#db/client";
import { LANGUAGES } from "#db/schema/constants";
import { deliverDueMessages, SECRET_MASK, SECRET_PLACE } from "#app/models/outbox.server";
import { purgeExpiredRecords } from "#app/models/retention.server";
import { cookieNameOf, listedCookieOf } from "#app/privacy/cookies";
import { RETENTION_SCHEDULE } from "#app/privacy/retention";
import { smtpTransport } from "#app/server/mail.server";
import { ownServerDatabase, type OwnDatabase } from "#test/support/databases";
import { ensureBuilt, spawnServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor } from "#test/support/staff-visitor";
import { startSmtpReceiver } from "#test/support/smtp-receiver";
import { DEMO_PASSWORD } from "#db/seed";

const form = "listen-to-me-11-18";

/** A visitor that notes the name of every cookie the server sets. */
class CookieWatcher extends Visitor {
  static seen = new Set<string>();
  override async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const response = await super.request(pathname, init);
    for (const line of response.headers.getSetCookie()) {
      CookieWatcher.seen.add(line.split("=")[0]!.trim());
    }
    return response;
  }
}

let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let database: OwnDatabase;
let server: RunningServer | undefined;

beforeAll(async () => {
  ensureBuilt();
  receiver = await startSmtpReceiver();
  database = await ownServerDatabase("portal-secrets-");
  // No SMTP_URL: email waits in the outbox, as it does until a council sets up a mail server.
  server = await spawnServer(database.env);
}, 120_000);

afterAll(async () => {
  if (server) await server.stop();
  await receiver?.stop();
  await database?.dispose();
});

const decode = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

test("the resume code is emailed, but never readable in the outbox or on the mailbox page", async () => {
  const origin = server!.origin;
  const child = new CookieWatcher(origin);
  await child.request("/?lng=en");
  let response = await child.submit(`/forms/${form}`, {});
  const firstPage = response.headers.get("location")!;
  expect(firstPage).toMatch(new RegExp(`^/forms/${form}/`));
  response = await child.submit(firstPage, { intent: "save", name: "Alex" });
  expect(response.headers.get("location")).toBe(`/forms/${form}/saved`);
  const code = decodeURIComponent(child.cookie("__Host-resume-code")!);
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const savedPage = await (await child.request(`/forms/${form}/saved`)).text();
  expect(savedPage).toContain(code);
  response = await child.postFrom(`/forms/${form}/saved`, savedPage, {
    email: "child@example.org",
  });
  expect(response.status).toBe(200);

  // The administrator's mailbox shows the message, with the code masked.
  const admin = new CookieWatcher(origin);
  await admin.signIn("admin@westmoor.example", DEMO_PASSWORD);
  const mailbox = await (await admin.request("/staff/mailbox")).text();
  // Listed by its subject (the words before the form's name).
  expect(mailbox).toContain("Your code to carry on with your");
  expect(mailbox).not.toContain(code);
  expect(mailbox).not.toContain(code.replace("-", ""));
  expect(mailbox).toContain(SECRET_MASK);
  await admin.request("/privacy");

  // Cookies: every one the server set on the way is in the list.
  const unlisted = [...CookieWatcher.seen].filter((name) => !listedCookieOf(name));
  expect(unlisted).toEqual([]);
  expect([...CookieWatcher.seen].map(listedCookieOf).sort()).toEqual(
    // (the admin's right password is kept while they give their code: secondFactor)
    ["draft", "formSafety", "language", "resumeCode", "secondFactor", "staffSession"].sort(),
  );

  // The notice names each of them, as the browser sees it.
  const notice = await (await new Visitor(origin).request("/privacy")).text();
  for (const name of CookieWatcher.seen) {
    const id = listedCookieOf(name)!;
    expect(notice).toContain(cookieNameOf(id, true, id === "draft" ? "…" : ""));
  }

  expect(await server!.stop()).toBe(0);
  server = undefined;

  // The stored row holds no readable code: only a place for it and the code sealed.
  const open = await openDatabase(database.config);
  const own = db();
  try {
    setDatabase(open.db);
    const outboxRow = async () =>
      (
        await db()
          .select()
          .from(schema.outboxMessage)
          .where(eq(schema.outboxMessage.template, "draft.resume-code"))
      )[0]!;
    const row = await outboxRow();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code.replace("-", ""));
    expect(row.bodyText).toContain(SECRET_PLACE);
    expect(row.sealedSecret).toBeTruthy();

    // Delivery, over a real SMTP conversation, puts the real code in the email.
    const transport = smtpTransport(receiver.url, "Westmoor <no-reply@westmoor.example>");
    expect(await deliverDueMessages(transport)).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = receiver.messages.filter((m) => m.to.includes("child@example.org"));
    expect(mail!.text).toContain(code);
    expect(mail!.text).not.toContain(SECRET_PLACE);
    expect(mail!.subject).not.toContain(code);
    // Once sent, the sealed code is not kept either.
    expect((await outboxRow()).sealedSecret).toBeNull();

    // Past the council's 30 days, housekeeping empties the delivered message's words.
    await db()
      .update(schema.outboxMessage)
      .set({ sentAt: sql`now() - interval '31 days'` })
      .where(eq(schema.outboxMessage.id, row.id));
    expect((await purgeExpiredRecords()).westmoor).toMatchObject({ emailBodies: 1 });
    expect((await outboxRow()).bodyText).toBeNull();

    // Aberhaven keeps email bodies for 5 days only (its notice must say so; see below).
    await db()
      .update(schema.organisation)
      .set({ retention: { emailBodies: 5 } })
      .where(eq(schema.organisation.slug, "aberhaven"));
  } finally {
    setDatabase(own);
    await open.close();
  }
}, 120_000);

test.each([...LANGUAGES])(
  "the privacy notice in %s lists what is kept, for how long, who sees it, and every cookie",
  async (language) => {
    // The server of the first test has stopped; this one reads the same database.
    if (!server) server = await spawnServer(database.env);
    const html = decode(
      await (await new Visitor(server.origin).request(`/privacy?lng=${language}`)).text(),
    );
    const words = JSON.parse(fs.readFileSync(`locales/${language}/legal.json`, "utf8")) as {
      privacy: {
        notLinked: string;
        keptCaption: string;
        cookiesCaption: string;
        kept: Record<string, { name: string }>;
        cookieList: Record<string, string>;
      };
    };
    const p = words.privacy;
    expect(html).toContain(p.notLinked);
    expect(html).toContain(p.keptCaption);
    expect(html).toContain(p.cookiesCaption);
    for (const rule of RETENTION_SCHEDULE) expect(html).toContain(p.kept[rule.kind]!.name);
    for (const purpose of Object.values(p.cookieList)) expect(html).toContain(purpose);
    expect(html.match(/<caption>/g)).toHaveLength(2);
    expect(html.match(/<th scope="row">/g)!.length).toBe(
      RETENTION_SCHEDULE.length + Object.keys(p.cookieList).length,
    );
    expect(html).toContain('<th scope="col">');
  },
  60_000,
);

test("the mailbox says when a delivered message's words were removed", async () => {
  if (!server) server = await spawnServer(database.env);
  const admin = await signedInVisitor(server.origin, "admin@westmoor.example");
  const html = decode(await (await admin.request("/staff/mailbox")).text());
  const inbox = JSON.parse(fs.readFileSync("locales/en/inbox.json", "utf8")) as {
    mailbox: { bodyRemoved_other: string };
  };
  expect(html).toContain(inbox.mailbox.bodyRemoved_other.replace("{{count}}", "30"));
}, 60_000);

test("each council's notice gives its own times", async () => {
  if (!server) server = await spawnServer(database.env);
  const noticeOf = async (host?: string) =>
    decode(await (await new Visitor(server!.origin, host).request("/privacy?lng=en")).text());
  const emailBodies = (html: string) => /<tr data-kind="emailBodies">(.*?)<\/tr>/.exec(html)![1]!;
  expect(emailBodies(await noticeOf())).toContain("30 days after the email was sent");
  expect(emailBodies(await noticeOf("aberhaven.localhost"))).toContain(
    "5 days after the email was sent",
  );
  expect(await noticeOf()).toContain("6 years after the case was closed");
}, 60_000);
