import AxeBuilder from "@axe-core/playwright";
import axe from "axe-core";
import { expect, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import { namespaces } from "../../app/i18n";
import { freshCode } from "../support/authenticator";

export const origin = () => process.env.E2E_ORIGIN!;
export const aberhaven = () => `http://aberhaven.localhost:${process.env.E2E_PORT}`;
export const LANGUAGES = ["en", "cy", "pl", "ur"] as const;
export const DEMO_PASSWORD = "listen-to-children";

/**
 * What a visitor without JavaScript gets: every script request refused and inline scripts removed
 * from each document. (axe itself still runs, injected by Playwright, because axe hangs in a
 * context with JavaScript disabled.)
 */
export async function withoutScripts(context: BrowserContext) {
  await context.route("**/*", async (route) => {
    const request = route.request();
    if (request.resourceType() === "script") return route.abort();
    if (request.resourceType() !== "document") return route.continue();
    // Fetched from here, where *.localhost names (another council) may not resolve: asked of
    // localhost, with the council's host name.
    const url = new URL(request.url());
    const host = url.host;
    url.hostname = "localhost";
    const response = await route.fetch({
      url: url.href,
      headers: { ...request.headers(), host },
      maxRedirects: 0,
    });
    const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    return route.fulfill({ response, body });
  });
}

const AXE_TAGS = [
  "wcag2a",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22a",
  "wcag22aa",
  "best-practice",
];

/**
 * Loads axe into every page of the context up front, so a sweep over many pages does not inject
 * it page by page (much faster; same rules).
 */
export async function preloadAxe(context: BrowserContext) {
  await context.addInitScript({ content: axe.source });
}

export async function expectAccessible(page: Page, label: string) {
  const preloaded = await page.evaluate(() => "axe" in window);
  const results = preloaded
    ? await page.evaluate(
        (tags) =>
          (window as unknown as { axe: typeof axe }).axe.run(document, {
            runOnly: { type: "tag", values: tags },
          }),
        AXE_TAGS,
      )
    : await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(problems, `axe on ${label}`).toEqual([]);
  // axe no longer checks ids (WCAG 2.2 dropped 4.1.1), but a repeated id still sends a screen
  // reader's label or hint to the wrong element.
  const repeatedIds = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const element of document.querySelectorAll("[id]"))
      seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  expect(repeatedIds, `ids used twice on ${label}`).toEqual([]);
  await expectWords(page, label);
}

/** The namespaces of `locales/`: "inbox:booklet.title" on a page is a key, not words. */
const NAMESPACED_KEY = new RegExp(`\\b(?:${namespaces.join("|")}):[\\w-]+(?:\\.[\\w-]+)+`, "g");
/** A key without its namespace, such as "work.staff.manage" (three or more dotted words). */
const BARE_KEY = /(?<![\w@/.-])[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*){2,}(?![\w@/-])/g;

/**
 * Words, not keys: no page shows a translation key, a placeholder left unfilled, or the "something
 * went wrong" page (where a missing word ends up, since the test server makes it throw). Checks
 * the title, the text and the words read aloud (labels, alternatives).
 */
export async function expectWords(page: Page, label: string) {
  const { text, unexpected } = await page.evaluate(() => {
    const spoken = [...document.querySelectorAll("[aria-label], [alt], [title], [placeholder]")]
      .flatMap((el) => ["aria-label", "alt", "title", "placeholder"].map((a) => el.getAttribute(a)))
      .filter(Boolean);
    return {
      text: [document.title, document.body.innerText, ...spoken].join("\n"),
      unexpected: document.querySelectorAll("[data-error=unexpected]").length,
    };
  });
  const found = [
    ...(text.match(NAMESPACED_KEY) ?? []),
    ...(text.match(BARE_KEY) ?? []),
    ...(text.match(/\{\{[^}]*\}\}/g) ?? []),
    ...(text.match(/returned an object instead of string/g) ?? []),
  ];
  expect(found, `keys or placeholders instead of words on ${label}`).toEqual([]);
  expect(unexpected, `"something went wrong" on ${label}`).toBe(0);
}

/** Reflow (WCAG 1.4.10): at 320 CSS pixels nothing needs scrolling sideways. */
/**
 * The sweeps that open every page of a kind, in every language, JavaScript on and off, and check
 * each with axe and at 320 px. They render the same pages whichever database is behind them, so
 * `npm test` runs them on the embedded database only; every journey runs on both.
 */
export const EVERY_PAGE = { tag: "@every-page" } as const;

export async function expectReflow(page: Page, label: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal scroll at 320px on ${label}`).toBeLessThanOrEqual(0);
  if (size) await page.setViewportSize(size);
}

/** The sign-in page's password form's button (a council may offer its own sign-in above it). */
export const passwordSignInButton = (page: Page) =>
  page.locator("form:has(#field-password) button[type=submit]");

/**
 * On "Enter the code from your app": codes from the demo admins' and managers' authenticator
 * key, until one is taken (another test may have just used one).
 */
export async function giveCode(page: Page, account: string, key?: string) {
  for (let tries = 0; tries < 6 && page.url().includes("/staff/sign-in/code"); tries++) {
    await page.locator("#field-code").fill(await freshCode(account, key));
    await page.locator("main button[type=submit]").click();
    await page.waitForLoadState("load");
  }
}

/** Sessions that took a code from the authenticator app, by site and account (per worker). */
const keptSessions = new Map<string, Cookie[]>();

/**
 * Signs in as a demo account. Admins and managers give a code from their app, and the portal
 * takes each code once: their session is shared within a worker (still signed in? it is used
 * again), as one person's browser would be, rather than waiting half a minute for a new code.
 */
export async function signIn(page: Page, email: string, base = origin()) {
  const key = `${base} ${email}`;
  const kept = keptSessions.get(key);
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto(`${base}/staff`);
    await page.waitForLoadState("load");
    if (new URL(page.url()).pathname === "/staff") return;
  }
  await page.goto(`${base}/staff/sign-in`);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(DEMO_PASSWORD);
  await passwordSignInButton(page).click();
  await page.waitForLoadState("load");
  if (page.url().includes("/staff/sign-in/code")) {
    await giveCode(page, key);
    const session = (await page.context().cookies(base)).filter((c) =>
      c.name.endsWith("staff_session"),
    );
    keptSessions.set(key, session);
  }
  await expect(page).toHaveURL(/\/staff$/);
  // The URL changes before the deferred script has run; wait for it, so that tests which move
  // the clock on do so after the page has set its timers.
  await page.waitForLoadState("load");
}
