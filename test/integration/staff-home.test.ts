// Every demo account's staff home page, in every language: its work in words (never a
// translation key, never a promise of work to come), and every link on it opens for that person.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type RunningServer } from "#test/support/server";
import { signedInVisitor } from "#test/support/staff-visitor";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const IRO = [
  "/staff/invitations",
  "/staff/inbox/iro",
  "/staff/reviews",
  "/staff/summaries/after-your-review",
  "/staff/summaries/after-your-review-express",
];
const CONFERENCE_SUMMARIES = [
  "/staff/summaries/conference-parent",
  "/staff/summaries/conference-young-person",
  "/staff/summaries/conference-young-person-express",
];
const FGC_SUMMARIES = [
  "/staff/summaries/fgc-family",
  "/staff/summaries/fgc-referrer",
  "/staff/summaries/fgc-young-person",
];

/** Each demo account and the pages its home links to. */
const ACCOUNTS: Record<string, string[]> = {
  iro: IRO,
  iro2: IRO,
  chair: ["/staff/conferences", ...CONFERENCE_SUMMARIES],
  fgc: ["/staff/conferences", ...FGC_SUMMARIES],
  complaints: [
    "/staff/representations",
    "/staff/reports/complaints",
    "/staff/summaries/complaint-satisfaction",
  ],
  advocacy: ["/staff/advocacy", "/staff/advocacy/figures"],
  manager: [
    "/staff/inbox/iro?box=shared",
    "/staff/reports/complaints",
    "/staff/summaries/complaint-satisfaction",
    "/staff/refusals",
    "/staff/conferences",
    "/staff/reviews/participation",
    "/staff/advocacy/figures",
    "/staff/summaries/after-your-review",
    "/staff/summaries/after-your-review-express",
    ...CONFERENCE_SUMMARIES,
    ...FGC_SUMMARIES,
  ],
  admin: ["/staff/users", "/staff/settings", "/staff/mailbox", "/staff/refusals"],
};
const LANGUAGES = ["en", "cy", "pl", "ur"];

/** The text of the page's main element, without tags. */
function mainText(html: string): string {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? "";
  return main
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

describe.each(Object.keys(ACCOUNTS))("the staff home page of %s@westmoor.example", (account) => {
  test.each(LANGUAGES)("in %s: words only, and every link opens", async (language) => {
    const visitor = await signedInVisitor(server.origin, `${account}@westmoor.example`);
    const response = await visitor.request(`/staff?lng=${language}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = mainText(html);
    // A translation key looks like "namespace:a.b" or "work.something": no such text is shown.
    expect(text).not.toMatch(/\b[a-z]+:[a-zA-Z-]+(\.[\w:-]+)+/);
    expect(text).not.toMatch(/\b(work|home|roles|inbox|staff)\.[a-zA-Z]/);
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).not.toMatch(/will arrive here|arrive here/i);
    const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? "";
    const links = [...main.matchAll(/href="(\/staff[^"]*)"/g)].map((m) =>
      m[1]!.replace(/&amp;/g, "&"),
    );
    // The links of the page's own content (the header's sign-out is a form, not a link).
    expect(links.filter((link) => link !== "/staff").sort()).toEqual(
      [...ACCOUNTS[account]!].sort(),
    );
    for (const link of links) {
      const opened = await visitor.request(link);
      expect(opened.status, `${account} opens ${link}`).toBe(200);
    }
  });
});
