// Have your say in a real browser: every page of the comments, compliments and complaints forms
// and of "Get help from an advocate" is accessible in every language with JavaScript on and off.
import { expect, test, type Page } from "@playwright/test";
import {
  EVERY_PAGE,
  expectAccessible,
  expectReflow,
  LANGUAGES,
  origin,
  preloadAxe,
  withoutScripts,
} from "./helpers";
import { destinationOf } from "../../app/destinations/registry";
import { allForms } from "../../app/forms/registry";

/** The "Have your say" forms: every form, from the registry, that opens a case of its own. */
const FORMS = [
  ...new Set(
    allForms()
      .filter((form) => destinationOf(form.destination).receive !== null)
      .map((form) => form.id),
  ),
];

/** Fills what a page asks with something sensible, so the walk can go on. */
export async function answerPage(page: Page, words: string) {
  for (const input of await page.locator("main input[type=text]:visible").all()) {
    const name = (await input.getAttribute("name")) ?? "";
    if (name.endsWith("-day")) await input.fill("3");
    else if (name.endsWith("-month")) await input.fill("11");
    // over a year ago, so "Check your answers" shows its gentle note
    else if (name.endsWith("-year")) await input.fill("2024");
    else await input.fill("Sam");
  }
  for (const input of await page.locator("main input[type=email]").all())
    await input.fill("sam@example.com");
  for (const input of await page.locator("main input[type=tel]").all())
    await input.fill("07700 900123");
  for (const area of await page.locator("main textarea").all()) await area.fill(words);
  for (const group of await page.locator("main fieldset").all()) {
    const first = group.locator("input[type=radio], input[type=checkbox]").first();
    if (await first.count()) await first.check();
  }
}

export async function continueOn(page: Page) {
  await page.locator("main button[value=continue]").click();
  await page.waitForLoadState("load");
}

for (const language of LANGUAGES) {
  for (const javaScript of [true, false]) {
    test(
      `every Have your say page is accessible in ${language}, JavaScript ${javaScript ? "on" : "off"}`,
      EVERY_PAGE,
      async ({ browser }) => {
        test.setTimeout(300_000);
        const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
        if (!javaScript) await withoutScripts(context);
        await preloadAxe(context);
        const page = await context.newPage();
        const check = async (label: string) => {
          const where = `${label} [${language}, JS ${javaScript ? "on" : "off"}]`;
          await expect(page.locator("html"), where).toHaveAttribute("lang", language);
          await expectAccessible(page, where);
          await expectReflow(page, where);
        };
        await page.goto(`${origin()}/have-your-say?lng=${language}`);
        await check("have your say");
        await page.goto(`${origin()}/track`);
        await check("check how it is going");
        await page.locator("main button[type=submit]").click();
        await page.waitForLoadState("load");
        await expect(page.locator(".error-summary")).toBeVisible();
        await check("check how it is going, with errors");
        for (const formId of FORMS) {
          await page.goto(`${origin()}/forms/${formId}`);
          await check(`${formId} start`);
          await page.locator("main button[type=submit]").click();
          await page.waitForLoadState("load");
          for (let index = 0; !page.url().endsWith("/check"); index++) {
            if (index === 0) {
              await continueOn(page);
              await expect(page.locator(".error-summary")).toBeVisible();
              await check(`${formId} ${new URL(page.url()).pathname} with an error`);
            }
            await check(`${formId} ${new URL(page.url()).pathname}`);
            await answerPage(page, "Nobody told me my social worker was leaving");
            await continueOn(page);
            expect(index, "the form ends").toBeLessThan(20);
          }
          if (formId.startsWith("have-your-say"))
            await expect(
              page.locator("main .notice"),
              "the note for something over a year ago",
            ).toBeVisible();
          await check(`${formId} check your answers`);
          await page.locator("main form button[type=submit]").click();
          await page.waitForLoadState("load");
          await expect(page.locator(".panel__title")).toBeVisible();
          await check(`${formId} sent`);
        }
        await context.close();
      },
    );
  }
}
