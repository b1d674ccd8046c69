// Refusals over real HTTP: another IRO's booklet opened by id, and a form with a wrong token,
// are each audited, and the council's manager sees them by account and page; nobody else does.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { invitationFields, signedInVisitor } from "#test/support/staff-visitor";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const signedIn = (email: string) => signedInVisitor(server.origin, email);

/** IRO1 invites a child, the child sends the booklet: the path of that booklet in IRO1's inbox. */
async function iroOnesBooklet(): Promise<string> {
  const iro = await signedIn("iro@westmoor.example");
  const formHtml = await (await iro.request("/staff/invitations/new")).text();
  const created = await iro.postFrom("/staff/invitations/new", formHtml, invitationFields());
  expect(created.status).toBe(302);
  const invitation = await (await iro.request(created.headers.get("location")!)).text();
  const link = /\/i\/[A-Za-z0-9_-]{43}/.exec(invitation)?.[0];
  expect(link).toBeDefined();

  const child = new Visitor(server.origin);
  let location = (await child.request(link!)).headers.get("location") ?? "";
  for (let steps = 0; !location.endsWith("/check"); steps++) {
    if (steps > 25) throw new Error("the booklet never reached Check your answers");
    const response = location.match(/\/forms\/[^/]+$/)
      ? await child.submit(location, {})
      : await child.submit(location, { intent: "continue", "share-with": "iro-only" });
    expect(response.status, `${location} accepted`).toBe(302);
    location = response.headers.get("location") ?? "";
  }
  const sent = await child.submit(location, {});
  expect(sent.headers.get("location")).toMatch(/\/sent$/);

  const inbox = await (await iro.request("/staff/inbox/iro")).text();
  const path = /\/staff\/inbox\/iro\/[0-9a-f-]{36}/.exec(inbox)?.[0];
  expect(path).toBeDefined();
  expect((await iro.request(path!)).status).toBe(200);
  return path!;
}

/** The rows of the refusals table: account, page, count, why. */
function rowsOf(html: string) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) =>
      cell!
        .replace(/<br\/?>/g, " ")
        .replace(/<[^>]+>/g, "")
        .trim(),
    ),
  );
}

describe("refusals", () => {
  test("audited, and shown to the council's manager by account and page", async () => {
    const booklet = await iroOnesBooklet();
    const iro2 = await signedIn("iro2@westmoor.example");
    for (let i = 0; i < 2; i++) expect((await iro2.request(booklet)).status).toBe(404);
    // Another id on the same page counts with it: trying many ids is one repeated row.
    expect((await iro2.request(`/staff/inbox/iro/${crypto.randomUUID()}`)).status).toBe(404);
    // A form with a token that is not theirs.
    const forged = await iro2.request("/staff/invitations/new", {
      method: "POST",
      body: new URLSearchParams({ csrf: "not-the-token", childName: "X" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(forged.status).toBe(403);

    const manager = await signedIn("manager@westmoor.example");
    const home = await (await manager.request("/staff")).text();
    expect(home).toContain('href="/staff/refusals"');
    const page = await manager.request("/staff/refusals");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<caption>Refusals in the last 7 days, by account and page");
    const rows = rowsOf(html).filter(([account]) => account!.includes("iro2@westmoor.example"));
    expect(rows.map(([, path, count, why]) => [path, count, why])).toEqual([
      ["/staff/invitations/new", "1", "A form without its security token"],
      ["/staff/inbox/iro/…", "3", "Not theirs, or not there"],
    ]);
    // Another period can be chosen; a day still holds them.
    const today = await (await manager.request("/staff/refusals?days=1")).text();
    expect(today).toContain("/staff/inbox/iro/…");

    const admin = await signedIn("admin@westmoor.example");
    expect((await admin.request("/staff/refusals")).status).toBe(200);
  });

  test("another council's manager sees nothing of it", async () => {
    // A Westmoor refusal there certainly is (whatever ran before).
    const iro2 = await signedIn("iro2@westmoor.example");
    expect((await iro2.request(`/staff/inbox/iro/${crypto.randomUUID()}`)).status).toBe(404);
    const manager = await signedInVisitor(
      server.origin,
      "manager@aberhaven.example",
      "aberhaven.localhost",
    );
    const page = await manager.request("/staff/refusals");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("westmoor.example");
    expect(html).not.toContain("/staff/inbox/iro/");
  });

  test("an IRO may not see the page (and that refusal is itself audited)", async () => {
    const iro = await signedIn("iro@westmoor.example");
    expect((await iro.request("/staff/refusals")).status).toBe(403);
    const manager = await signedIn("manager@westmoor.example");
    const rows = rowsOf(await (await manager.request("/staff/refusals")).text());
    expect(rows).toContainEqual([
      expect.stringContaining("iro@westmoor.example"),
      "/staff/refusals",
      "1",
      "A page their role does not allow",
      expect.any(String),
    ]);
  });
});
