// Signed out while typing (WCAG 2.2.1): with JavaScript off there is no warning before the idle
// sign-out, so what the member of staff posted is kept for them. After signing in again they see
// what they typed and send it with one press; nobody else signing in on that browser sees it.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { PHONE_COMPLAINT, todayAs } from "#test/support/staff-visitor";

const IDLE_SECONDS = 2;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ STAFF_IDLE_SECONDS: String(IDLE_SECONDS) });
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const idle = () => new Promise((resolve) => setTimeout(resolve, (IDLE_SECONDS + 1) * 1000));
const summary = "The foster carer says the contact visits were cancelled again, three times now.";

test("what was typed is kept across signing in again, and sent with one press", async () => {
  const officer = new Visitor(server.origin);
  await officer.signIn("complaints@westmoor.example", DEMO_PASSWORD);
  await officer.request("/staff/representations/new");
  await idle();
  const posted = await officer.submit("/staff/representations/new", {
    ...PHONE_COMPLAINT,
    summary,
    ...todayAs("receivedOn"),
  });
  expect(posted.status).toBe(302);
  const signIn = posted.headers.get("location") ?? "";
  expect(signIn).toBe("/staff/sign-in?redirectTo=%2Fstaff%2Fkept&reason=timeout");
  // Kept sealed: the words are not readable in the cookie.
  expect(posted.headers.getSetCookie().join(";")).not.toContain("foster");

  // Someone else signing in on this browser sees nothing of it.
  const colleague = officer.withHost(new URL(server.origin).host);
  await colleague.signIn("manager@westmoor.example", DEMO_PASSWORD);
  expect(await (await colleague.request("/staff/kept")).text()).not.toContain("foster carer");

  await officer.signIn("complaints@westmoor.example", DEMO_PASSWORD);
  const kept = await officer.request("/staff/kept");
  const page = await kept.text();
  expect(page).toContain("Send what you typed");
  expect(page).toContain(summary);
  expect(page).toContain('action="/staff/representations/new"');
  // Shown once: the kept copy is cleared.
  expect(await (await officer.request("/staff/kept")).text()).toContain(
    "Nothing is waiting to be sent.",
  );

  // "Send it now" posts the kept fields with the page's own anti-forgery field.
  const fields = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter(([, name]) => name !== "csrf")
      .map(([, name, value]) => [
        name!,
        value!
          .replace(/&#x27;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&"),
      ]),
  );
  const sent = await officer.postFrom("/staff/representations/new", page, fields);
  expect(sent.status).toBe(302);
  const casePage = await (await officer.request(sent.headers.get("location")!)).text();
  expect(casePage).toContain("contact visits were cancelled again");
});
