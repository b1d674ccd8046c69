// Review participation in a real browser: an IRO records a review with the keyboard alone and a
// manager sees it counted; both pages pass axe in English and in Urdu (right to left), with
// JavaScript on and off, and reflow at 320 CSS pixels.
import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  expectAccessible,
  expectReflow,
  origin,
  preloadAxe,
  signIn,
  withoutScripts,
} from "./helpers";

const RECORD = () => `${origin()}/staff/reviews`;
const FIGURES = () => `${origin()}/staff/reviews/participation`;

/** A new browser, signed in; without scripts when asked. */
async function signedInPage(browser: Browser, email: string, javaScript = true, language = "en") {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  if (!javaScript) await withoutScripts(context);
  await preloadAxe(context);
  const page = await context.newPage();
  await page.goto(`${origin()}/?lng=${language}`);
  await signIn(page, email);
  return page;
}

/** How many reviews the manager's page counts for one IRO and in one category (0 when none). */
async function countsOnFigures(page: Page, iroName: string, categoryNumber: number) {
  await page.goto(FIGURES());
  const iroRow = page.locator("tr[data-iro]", {
    has: page.locator("th", { hasText: iroName }),
  });
  const categoryRow = page.locator("figure:has(#question-categories) tbody tr", {
    has: page.locator("th", { hasText: new RegExp(`^${categoryNumber}\\. `) }),
  });
  const numberIn = async (row: typeof iroRow) =>
    (await row.count()) === 0 ? 0 : Number(await row.first().locator("td").first().innerText());
  return { iro: await numberIn(iroRow), category: await numberIn(categoryRow) };
}

/** Tabs until the element has focus (a few presses at most), as a keyboard user would. */
async function tabTo(page: Page, selector: string) {
  const target = page.locator(selector);
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("an IRO records a review with the keyboard alone, and the manager sees it counted", async ({
  browser,
}) => {
  const manager = await signedInPage(browser, "manager@westmoor.example");
  const before = await countsOnFigures(manager, "Daniel Hughes", 4);

  const iro = await signedInPage(browser, "iro2@westmoor.example");
  await iro.goto(RECORD());
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })
    .format(new Date())
    .split("-");
  await tabTo(iro, "#field-heldOn");
  await iro.keyboard.type(String(Number(day)));
  await iro.keyboard.press("Tab");
  await expect(iro.locator("#field-heldOn-month")).toBeFocused();
  await iro.keyboard.type(String(Number(month)));
  await iro.keyboard.press("Tab");
  await expect(iro.locator("#field-heldOn-year")).toBeFocused();
  await iro.keyboard.type(year!);
  // Into the categories: the first radio, then the arrow keys choose (as in any radio group).
  await iro.keyboard.press("Tab");
  await expect(iro.locator("#field-participation")).toBeFocused();
  for (let i = 0; i < 3; i++) await iro.keyboard.press("ArrowDown");
  await expect(iro.locator('input[name="participation"][value="4"]')).toBeChecked();
  await iro.keyboard.press("Tab");
  await expect(iro.locator("main form button[type=submit]").first()).toBeFocused();
  await iro.keyboard.press("Enter");

  await iro.waitForURL(/\/staff\/reviews\?done=recorded/);
  await expect(iro.locator(".notice")).toContainText("Review recorded");
  await expect(iro.locator(".notice")).toContainText("4. Did not come; an advocate");
  const latest = iro.locator("#field-list ~ * tbody tr").first();
  await expect(latest).toContainText("4. Did not come; an advocate told the review their views");

  const after = await countsOnFigures(manager, "Daniel Hughes", 4);
  expect(after.iro).toBe(before.iro + 1);
  expect(after.category).toBe(before.category + 1);
  await expect(manager.locator("[data-figure=reviews]")).toBeVisible();
  await iro.context().close();
  await manager.context().close();
});

for (const language of ["en", "ur"] as const) {
  for (const javaScript of [true, false]) {
    test(`both pages are accessible in ${language}, JavaScript ${javaScript ? "on" : "off"}`, async ({
      browser,
    }) => {
      test.setTimeout(180_000);
      const check = async (page: Page, label: string) => {
        const named = `${label} [${language}, JS ${javaScript ? "on" : "off"}]`;
        await page.waitForLoadState("load");
        await expect(page.locator("html"), named).toHaveAttribute("lang", language);
        await expect(page.locator("html"), named).toHaveAttribute(
          "dir",
          language === "ur" ? "rtl" : "ltr",
        );
        const scripts = await page.evaluate(() => document.scripts.length);
        expect(scripts > 0, `${named}: scripts present`).toBe(javaScript);
        await expectAccessible(page, named);
        await expectReflow(page, named);
      };

      const iro = await signedInPage(browser, "iro@westmoor.example", javaScript, language);
      await iro.goto(RECORD());
      await check(iro, "record a review");

      await iro.locator("main form button[type=submit]").first().click();
      await expect(iro.locator(".error-summary")).toBeVisible();
      await check(iro, "record a review, with its errors");

      const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })
        .format(new Date())
        .split("-");
      await iro.locator("#field-heldOn").fill(String(Number(day)));
      await iro.locator("#field-heldOn-month").fill(String(Number(month)));
      await iro.locator("#field-heldOn-year").fill(year!);
      await iro.locator('input[name="participation"][value="1"]').check();
      await iro.locator("main form button[type=submit]").first().click();
      await iro.waitForURL(/done=recorded/);
      // A redirect's target is not routed, so without JavaScript load it again as a visitor would.
      await iro.goto(iro.url());
      await expect(iro.locator(".notice")).toBeVisible();
      await expect(iro.locator("input[name=reviewId]").first()).toBeAttached();
      await check(iro, "a review recorded, the list with its remove buttons");

      const manager = await signedInPage(browser, "manager@westmoor.example", javaScript, language);
      await manager.goto(FIGURES());
      await expect(manager.locator(".summary-chart").first()).toBeVisible();
      await check(manager, "participation figures");
      // The earliest year offered, chosen on the page.
      await manager.locator("#field-year").selectOption({ index: 4 });
      await manager.locator("main form button[type=submit]").click();
      await manager.waitForURL(/year=\d{4}/);
      await check(manager, "participation figures, an earlier year");

      await iro.context().close();
      await manager.context().close();
    });
  }
}
