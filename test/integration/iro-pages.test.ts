// The IRO's invitation pages over real HTTP: the form (with its CSRF token), the link and code
// shown once, the printable letter with its QR code, and who may see what.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
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

/** A date a month from now, as the three boxes of the form. */
function inAMonth() {
  const date = new Date(Date.now() + 30 * 86_400_000);
  return {
    "reviewDate-day": String(date.getUTCDate()),
    "reviewDate-month": String(date.getUTCMonth() + 1),
    "reviewDate-year": String(date.getUTCFullYear()),
  };
}

const escapedText = (text: string) => text.replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

let invitationPath = "";

describe("an IRO invites a parent or carer", () => {
  test("with the parents' and carers' form, tied to the child's review, never as a child's booklet", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const formHtml = await (await iro.request("/staff/invitations/new")).text();
    expect(formHtml).toContain('value="review-consultation-parent"');
    const created = await iro.postFrom("/staff/invitations/new", formHtml, {
      childName: "Jordan",
      age: "",
      formId: "review-consultation-parent",
      language: "en",
      ...inAMonth(),
    });
    expect(created.status).toBe(302);
    const path = created.headers.get("location") ?? "";
    const html = await (await iro.request(path)).text();
    expect(html).toContain(escapedText("Invitation for Jordan’s parent or carer"));
    const code = /data-invitation-code="true">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(html)![1]!;
    const letter = await (await iro.request(`${path}/letter`)).text();
    expect(letter).toContain("Dear parent or carer of Jordan,");
    expect(letter).not.toContain("Hello Jordan");

    // The parent types the code: the form is about the child's review, not addressed to them.
    const parent = new Visitor(server.origin);
    const opened = await parent.submit("/code", { code });
    expect(opened.headers.get("location")).toBe("/forms/review-consultation-parent");
    const start = await (await parent.request("/forms/review-consultation-parent")).text();
    expect(start).toContain(escapedText("This is about Jordan’s review on"));
    expect(start).not.toContain("Hello Jordan");
  });
});

describe("an IRO invites a child", () => {
  test("through the real form: a link and a code, shown to them, then a letter to print", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const home = await iro.request("/staff");
    expect(await home.text()).toContain('href="/staff/invitations"');

    const form = await iro.request("/staff/invitations/new");
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('lang="cy"');
    expect(formHtml).toContain("اردو");

    const created = await iro.postFrom("/staff/invitations/new", formHtml, {
      childName: "Sam",
      age: "",
      formId: "listen-to-me-11-18",
      language: "cy",
      ...inAMonth(),
    });
    expect(created.status).toBe(302);
    invitationPath = created.headers.get("location") ?? "";
    expect(invitationPath).toMatch(/^\/staff\/invitations\/[0-9a-f-]{36}$/);
    const cookie = created.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`Path=${invitationPath}`);
    expect(cookie).toContain("HttpOnly");

    const page = await iro.request(invitationPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    const link = new RegExp(`${server.origin}/i/([A-Za-z0-9_-]{43})`).exec(html);
    expect(link).not.toBeNull();
    const code = /data-invitation-code="true">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(html)?.[1];
    expect(code).toBeDefined();
    expect(html).toContain(`${server.origin}/code`);
    expect(html).toContain("Invitation for Sam");

    const letter = await iro.request(`${invitationPath}/letter`);
    expect(letter.status).toBe(200);
    const letterHtml = await letter.text();
    expect(letterHtml).toMatch(/role="img" aria-label="[^"]+"><svg [^>]*viewBox/);
    expect(letterHtml).toContain(code!);
    expect(letterHtml).toContain(link![0]);
    expect(letterHtml).toContain(`${server.origin}/code`);
    // The letter is in the child's language, whatever the IRO reads the portal in.
    expect(letterHtml).toContain('lang="cy"');
    expect(letterHtml).toContain("Helo Sam,");
    expect(letterHtml).toContain(escapedText("Priya Shah ydw i"));

    const list = await (await iro.request("/staff/invitations")).text();
    expect(list).toContain(`href="${invitationPath}"`);
    expect(list).toContain("Sent, not opened yet");
  });

  test("making a new link and code shows new ones; the old ones are gone", async () => {
    const iro = await signedIn("iro@westmoor.example");
    // A new sign-in (a browser without the cookie) sees no link or code, only the offer.
    const page = await iro.request(invitationPath);
    const html = await page.text();
    expect(html).not.toContain(`${server.origin}/i/`);
    expect(html).toContain("Make a new link and code");
    const letter = await (await iro.request(`${invitationPath}/letter`)).text();
    expect(letter).not.toContain("<svg");

    const renewed = await iro.postFrom(invitationPath, html, { intent: "renew", next: "letter" });
    expect(renewed.status).toBe(302);
    expect(renewed.headers.get("location")).toBe(`${invitationPath}/letter?renewed=1`);
    const printable = await (await iro.request(`${invitationPath}/letter`)).text();
    expect(printable).toContain("<svg");
    expect(printable).toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}/);
  });

  test("a bad date is shown as a problem, with everything typed kept", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const formHtml = await (await iro.request("/staff/invitations/new")).text();
    const response = await iro.postFrom("/staff/invitations/new", formHtml, {
      childName: "Jo-Jo",
      age: "9",
      formId: "listen-to-me-5-11",
      language: "pl",
      "reviewDate-day": "31",
      "reviewDate-month": "2",
      "reviewDate-year": "2030",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain("There is a problem");
    expect(html).toContain('href="#field-reviewDate"');
    expect(html).toContain("The date of the review must be a real date");
    expect(html).toContain('value="Jo-Jo"');
    expect(html).toContain('value="9"');
    expect(html).toMatch(/<input [^>]*checked="" value="listen-to-me-5-11"/);
    expect(html).toMatch(/<input [^>]*checked="" value="pl"/);
    expect(html).not.toMatch(/<input [^>]*checked="" value="en"/);
    expect(html).toContain('value="31"');
    expect(html).toContain('value="2"');
    expect(html).toContain('value="2030"');

    const past = await iro.postFrom("/staff/invitations/new", formHtml, {
      childName: "",
      age: "",
      formId: "",
      language: "en",
      "reviewDate-day": "1",
      "reviewDate-month": "1",
      "reviewDate-year": "2020",
    });
    expect(past.status).toBe(400);
    const pastHtml = await past.text();
    expect(pastHtml).toContain("The date of the review must be today or in the future");
    expect(pastHtml).toContain("Enter the child&#x27;s first name");
    expect(pastHtml).toContain("Choose a booklet, or enter the child&#x27;s age");
  });

  test("without a booklet chosen, the child's age chooses it", async () => {
    const iro = await signedIn("iro2@westmoor.example");
    const formHtml = await (await iro.request("/staff/invitations/new")).text();
    const created = await iro.postFrom("/staff/invitations/new", formHtml, {
      childName: "Kim",
      age: "8",
      formId: "",
      language: "en",
      ...inAMonth(),
    });
    expect(created.status).toBe(302);
    const html = await (await iro.request(created.headers.get("location")!)).text();
    expect(html).toContain("Listen to Me, ages 5 to 11");
  });
});

describe("who may see an invitation", () => {
  test("another IRO gets 404 on it, its letter and its renewal", async () => {
    const iro2 = await signedIn("iro2@westmoor.example");
    expect((await iro2.request(invitationPath)).status).toBe(404);
    expect((await iro2.request(`${invitationPath}/letter`)).status).toBe(404);
    const formHtml = await (await iro2.request("/staff/invitations")).text();
    expect(formHtml).not.toContain(invitationPath);
    const renew = await iro2.postFrom(invitationPath, formHtml, { intent: "renew" });
    expect(renew.status).toBe(404);
    expect((await iro2.request("/staff/invitations/not-a-uuid")).status).toBe(404);
  });

  test("an IRO of another council gets 404 on it", async () => {
    const visitor = new Visitor(server.origin, "aberhaven.localhost");
    await visitor.signIn("iro@aberhaven.example", DEMO_PASSWORD);
    expect((await visitor.request(invitationPath)).status).toBe(404);
  });

  test.each(["manager@westmoor.example", "complaints@westmoor.example", "admin@westmoor.example"])(
    "%s gets 403 on the invitation pages",
    async (email) => {
      const staff = await signedIn(email);
      expect((await staff.request("/staff/invitations")).status).toBe(403);
      expect((await staff.request("/staff/invitations/new")).status).toBe(403);
      expect((await staff.request(invitationPath)).status).toBe(403);
    },
  );

  test("signed out: off to sign in", async () => {
    const response = await new Visitor(server.origin).request("/staff/invitations");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/staff\/sign-in\?redirectTo=/);
  });
});

describe("booklet inboxes", () => {
  test("an IRO sees their booklets; a manager the shared inbox; others are refused", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const mine = await iro.request("/staff/inbox/iro");
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain("My booklets");
    expect((await iro.request("/staff/inbox/iro?box=shared")).status).toBe(403);

    const manager = await signedIn("manager@westmoor.example");
    const shared = await manager.request("/staff/inbox/iro");
    expect(shared.status).toBe(200);
    expect(await shared.text()).toContain("Shared inbox");

    const complaints = await signedIn("complaints@westmoor.example");
    expect((await complaints.request("/staff/inbox/iro")).status).toBe(403);
    // A booklet that does not exist, or is not theirs: not found, for everyone.
    const unknown = "/staff/inbox/iro/00000000-0000-4000-8000-000000000000";
    for (const visitor of [iro, manager, complaints]) {
      expect((await visitor.request(unknown)).status).toBe(404);
    }
    // A destination with no inbox here (it keeps cases of its own), or none at all: not found.
    for (const path of ["/staff/inbox/complaints", "/staff/inbox/nothing", `${unknown}x`]) {
      expect((await manager.request(path)).status, path).toBe(404);
    }
  });

  test("the open and the shared inbox have titles of their own", async () => {
    const manager = await signedIn("manager@westmoor.example");
    const titleOf = async (path: string) =>
      /<title>([^<]*)<\/title>/.exec(await (await manager.request(path)).text())?.[1];
    const shared = await titleOf("/staff/inbox/iro?box=shared");
    expect(shared).toContain("Shared inbox");
    const iro = await signedIn("iro@westmoor.example");
    const mine = /<title>([^<]*)<\/title>/.exec(
      await (await iro.request("/staff/inbox/iro")).text(),
    )?.[1];
    expect(mine).toContain("My booklets");
    expect(mine).not.toBe(shared);
  });

  test("every address bookmarked or emailed before the one inbox still opens, in the same place", async () => {
    const iro = await signedIn("iro@westmoor.example");
    const id = "0d1c8a52-6f0e-4c57-9a8e-1b2c3d4e5f60";
    for (const [old, now] of [
      ["/staff/booklets", "/staff/inbox/iro"],
      ["/staff/booklets?box=shared", "/staff/inbox/iro?box=shared"],
      ["/staff/booklets?box=shared&done=allocated", "/staff/inbox/iro?box=shared&done=allocated"],
      [`/staff/booklets/${id}`, `/staff/inbox/iro/${id}`],
      [`/staff/booklets/${id}?saved=participation`, `/staff/inbox/iro/${id}?saved=participation`],
    ]) {
      const response = await iro.request(old!);
      expect(response.status, old).toBe(301);
      expect(response.headers.get("location"), old).toBe(now);
    }
    const mine = await iro.request("/staff/inbox/iro");
    expect(mine.status).toBe(200);
  });
});
