// A NUL (or another control character) typed into a form, over real HTTP: a translated message
// on that field, everything else typed shown again, nothing unusual stored, and a booklet that
// can still be sent once the answer is put right. (Before, each of these answered 500.)
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

const MESSAGE = "Please remove the unusual character (it may look like �) from this answer.";
const form = "listen-to-me-11-18";

/** The field's error, tied to the field, as the page shows it. */
const errorOn = (html: string, field: string) =>
  new RegExp(`id="field-${field}-error"[^>]*>[\\s\\S]*?</p>`).exec(html)?.[0] ?? "";

describe("a public form", () => {
  test("a NUL in an answer: 400 with the message, the rest kept; once put right, Send works", async () => {
    const child = new Visitor(server.origin);
    let location = (await child.submit(`/forms/${form}`, {})).headers.get("location") ?? "";
    // Up to the page with two long answers, answering only what is required.
    while (!location.endsWith("/about-me")) {
      const response = await child.submit(location, { intent: "continue", name: "Alex" });
      expect(response.status, `${location} accepted`).toBe(302);
      location = response.headers.get("location") ?? "";
    }
    const refused = await child.submit(location, {
      intent: "continue",
      likes: "Drawing\u0000 and football",
      proud: "My garden\nand my dog",
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("There is a problem");
    expect(errorOn(html, "likes")).toContain(MESSAGE);
    expect(errorOn(html, "proud")).toBe("");
    // What was typed comes back: the NUL shown as "�", the other answer as it was.
    expect(html).toContain("Drawing� and football</textarea>");
    expect(html).toContain("My garden\nand my dog</textarea>");

    // Going on without putting it right: still refused, never stored, never a server error.
    const again = await child.submit(location, { intent: "continue", likes: "Art\u0007" });
    expect(again.status).toBe(400);
    expect(errorOn(await again.text(), "likes")).toContain(MESSAGE);

    const fixed = await child.submit(location, {
      intent: "continue",
      likes: "Drawing and football",
      proud: "My garden\nand my dog",
    });
    expect(fixed.status).toBe(302);
    location = fixed.headers.get("location") ?? "";
    for (let pages = 0; !location.endsWith("/check"); pages++) {
      if (pages > 20) throw new Error("the booklet never reached Check your answers");
      const response = await child.submit(location, {
        intent: "continue",
        "share-with": "iro-only",
      });
      expect(response.status, `${location} accepted`).toBe(302);
      location = response.headers.get("location") ?? "";
    }
    const sent = await child.submit(`/forms/${form}/check`, {});
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/forms/${form}/sent`);
  });

  test("a NUL saved for later: the draft keeps no NUL, and Send asks for it to be put right", async () => {
    const child = new Visitor(server.origin);
    let location = (await child.submit(`/forms/${form}`, {})).headers.get("location") ?? "";
    expect(location).toMatch(/\/about-you$/);
    // "Save for later" keeps what was typed, whatever it is.
    const saved = await child.submit(location, { intent: "save", name: "Al\u0000ex" });
    expect(saved.status).toBe(302);
    const send = await child.submit(`/forms/${form}/check`, {});
    expect(send.status).toBeLessThan(500);
    expect(send.status).not.toBe(200);
    location = send.headers.get("location") ?? "";
    expect(location).toMatch(/\/about-you/);
    const page = await (await child.request(location)).text();
    expect(errorOn(page, "name")).toContain(MESSAGE);
    expect(page).toContain('value="Al�ex"');
  });
});

describe("staff forms", () => {
  test("a NUL in a child's name on a new invitation: 400 with the message, the rest kept", async () => {
    const iro = await signedInVisitor(server.origin, "iro@westmoor.example");
    const formHtml = await (await iro.request("/staff/invitations/new")).text();
    const typed = invitationFields({ childName: "Sa\u0000m", age: "12", language: "cy" });
    const refused = await iro.postFrom("/staff/invitations/new", formHtml, typed);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(errorOn(html, "childName")).toContain(MESSAGE);
    expect(html).toContain('value="Sa�m"');
    expect(html).toContain('value="12"');
    expect(html).toContain(`value="${typed["reviewDate-year"]}"`);
  });

  test("a NUL in the sign-in email: 400 with the message, the email shown again", async () => {
    const visitor = new Visitor(server.origin);
    const refused = await visitor.submit("/staff/sign-in", {
      email: "iro@west\u0000moor.example",
      password: "listen-to-children",
      redirectTo: "/staff",
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(errorOn(html, "email")).toContain(MESSAGE);
    expect(html).toContain('value="iro@west�moor.example"');
  });
});
