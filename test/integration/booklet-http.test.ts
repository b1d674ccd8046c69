// A booklet over real HTTP, as a browser without JavaScript sends it: page by page with the
// draft cookie, then several "Send" posts at the same moment — one submission, one reference.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { startServer, Visitor, type RunningServer } from "#test/support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const form = "listen-to-me-11-18";

/** Starts a booklet without a code and answers only what is required, up to Check your answers. */
async function fillIn(child: Visitor) {
  let response = await child.submit(`/forms/${form}`, {});
  let location = response.headers.get("location") ?? "";
  for (let pages = 0; !location.endsWith("/check"); pages++) {
    expect(location, "each page leads to the next").toMatch(new RegExp(`^/forms/${form}/`));
    if (pages > 20) throw new Error("the booklet never reached Check your answers");
    response = await child.submit(location, {
      intent: "continue",
      name: "Alex",
      "share-with": "iro-only",
    });
    expect(response.status, `${location} accepted`).toBe(302);
    location = response.headers.get("location") ?? "";
  }
}

const referencesIn = (html: string) => new Set(html.match(/LTM-[A-Z2-9]{6}/g) ?? []);

test.each([2, 5])("%i Send posts at once make one submission, and all see it", async (presses) => {
  // Without an invitation it goes to the IRO service's shared inbox: watch it.
  const manager = new Visitor(server.origin);
  await manager.signIn("manager@westmoor.example", DEMO_PASSWORD);
  const sharedInbox = async () =>
    referencesIn(await (await manager.request("/staff/inbox/iro?box=shared")).text());
  const before = await sharedInbox();

  const child = new Visitor(server.origin);
  await fillIn(child);
  const sends = await Promise.all(
    Array.from({ length: presses }, () => child.submit(`/forms/${form}/check`, {})),
  );
  expect(sends.map((r) => [r.status, r.headers.get("location")])).toEqual(
    Array.from({ length: presses }, () => [302, `/forms/${form}/sent`]),
  );
  const confirmation = await (await child.request(`/forms/${form}/sent`)).text();
  const [reference] = referencesIn(confirmation);
  expect(reference).toBeDefined();

  // Exactly one new booklet in the shared inbox, with that reference.
  const after = await sharedInbox();
  expect([...after].filter((r) => !before.has(r))).toEqual([reference]);

  // Sending again later changes nothing: the same confirmation.
  const again = await child.submit(`/forms/${form}/check`, {});
  expect(again.headers.get("location")).toBe(`/forms/${form}/sent`);
  expect(referencesIn(await (await child.request(`/forms/${form}/sent`)).text())).toEqual(
    new Set([reference]),
  );
});
