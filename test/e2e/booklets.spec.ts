// Listen to Me in a real browser: every page of every booklet is accessible in every language
// with JavaScript on and off, and the whole journey works — from the IRO's invitation to the
// child's answers in the IRO's inbox and the email in a real SMTP server.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { mailIn } from "../support/smtp-receiver";
import {
  EVERY_PAGE,
  expectAccessible,
  expectReflow,
  LANGUAGES,
  origin,
  preloadAxe,
  signIn,
  withoutScripts,
} from "./helpers";
import { REVIEW_FORMS } from "../../app/forms/registry";

/** Every form offered for a review, from the registry. */
const FORMS = REVIEW_FORMS.map((form) => form.id);

async function newVisitor(browser: Browser, javaScript: boolean) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  if (!javaScript) await withoutScripts(context);
  await preloadAxe(context);
  return { context, page: await context.newPage() };
}

/** Fills what a page asks with something sensible, so the walk can go on. */
async function answerPage(page: Page, words = "I like drawing") {
  for (const input of await page.locator("main input[type=text]:visible").all())
    await input.fill("Sam");
  for (const area of await page.locator("main textarea").all()) await area.fill(words);
  for (const group of await page.locator("main fieldset").all()) {
    const first = group.locator("input[type=radio], input[type=checkbox]").first();
    if (await first.count()) await first.check();
  }
}

async function continueOn(page: Page) {
  await page.locator("main button[value=continue]").click();
  await page.waitForLoadState("load");
}

for (const language of LANGUAGES) {
  for (const javaScript of [true, false]) {
    test(
      `every booklet page is accessible in ${language}, JavaScript ${javaScript ? "on" : "off"}`,
      EVERY_PAGE,
      async ({ browser }) => {
        test.setTimeout(300_000);
        const { context, page } = await newVisitor(browser, javaScript);
        const check = async (label: string) => {
          const where = `${label} [${language}, JS ${javaScript ? "on" : "off"}]`;
          await expect(page.locator("html"), where).toHaveAttribute("lang", language);
          await expectAccessible(page, where);
          await expectReflow(page, where);
        };
        await page.goto(`${origin()}/listen-to-me?lng=${language}`);
        await check("review forms");
        await page.goto(`${origin()}/code`);
        await check("I have a code");
        await page.locator("main button[type=submit]").click();
        await page.waitForLoadState("load");
        await expect(page.locator(".error-summary")).toBeVisible();
        await check("I have a code, with an error");
        await page.goto(`${origin()}/i/no-such-link`);
        await check("a link that does not work");
        for (const formId of FORMS) {
          await page.goto(`${origin()}/forms/${formId}`);
          await check(`${formId} start`);
          await page.locator("main button[type=submit]").click();
          await page.waitForLoadState("load");
          const thorough = formId === FORMS[0];
          for (let index = 0; !page.url().endsWith("/check"); index++) {
            if (index === 0) {
              // the first page (their name) is required without an invitation: show the error
              await continueOn(page);
              await expect(page.locator(".error-summary")).toBeVisible();
              await expect(page).toHaveTitle(/^\S+:/);
              await check(`${formId} ${new URL(page.url()).pathname} with an error`);
            }
            await check(`${formId} ${new URL(page.url()).pathname}`);
            // words that flag the booklet, so the confirmation shows "If you are not safe now"
            await answerPage(page, thorough ? "It hurt when I fell" : "I like drawing");
            if (thorough && index === 1) {
              await page.locator("main button[value=save]").click();
              await page.waitForLoadState("load");
              await check(`${formId} saved, with its code`);
              await page.locator("main form button[type=submit]").click();
              await page.waitForLoadState("load");
              await expect(page.locator(".error-summary")).toBeVisible();
              await check(`${formId} saved, email with an error`);
              await page.goto(`${origin()}/forms/${formId}`);
              await page.locator("main button[type=submit]").click();
              await page.waitForLoadState("load");
              await answerPage(page, "It hurt when I fell");
            }
            await continueOn(page);
          }
          await check(`${formId} check your answers`);
          if (thorough) {
            await page.locator("main form button[type=submit]").click();
            await page.waitForLoadState("load");
            await expect(page.locator(".help-urgent")).toBeVisible();
            await check(`${formId} sent, with help if not safe`);
          }
        }
        await context.close();
      },
    );
  }
}

async function createInvitation(page: Page, language: string, formId: string) {
  await page.goto(`${origin()}/staff/invitations/new`);
  await page.locator("#field-childName").fill("Sam");
  await page.locator(`input[name=formId][value="${formId}"]`).check();
  await page.locator(`input[name=language][value="${language}"]`).check();
  const date = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000);
  await page.locator("input[name=reviewDate-day]").fill(String(date.getUTCDate()));
  await page.locator("input[name=reviewDate-month]").fill(String(date.getUTCMonth() + 1));
  await page.locator("input[name=reviewDate-year]").fill(String(date.getUTCFullYear()));
  await page.locator("main button[type=submit]").click();
  await page.waitForLoadState("load");
  await expectAccessible(page, `invitation made [${language}]`);
  const link = await page.locator("[data-invitation-link]").textContent();
  expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  // the printable letter, in the child's language, with a QR code of the same link
  await page.goto(`${page.url().replace(/[?#].*$/, "")}/letter`);
  await expect(page.locator("main svg").first()).toBeVisible();
  await expect(page.locator("main")).toContainText(link!.trim());
  await expectAccessible(page, `invitation letter [${language}]`);
  return link!.trim();
}

for (const javaScript of [true, false]) {
  for (const { language, formId } of [
    { language: "en", formId: "listen-to-me-5-11" },
    { language: "ur", formId: "listen-to-me-11-18" },
  ]) {
    test(`invitation to inbox: ${formId} in ${language}, JavaScript ${javaScript ? "on" : "off"}`, async ({
      browser,
    }) => {
      test.setTimeout(180_000);
      // The IRO invites the child.
      const iro = await newVisitor(browser, javaScript);
      await signIn(iro.page, "iro@westmoor.example");
      const link = await createInvitation(iro.page, language, formId);

      // The child opens the link: greeted by name, in their language, told who their IRO is.
      const child = await newVisitor(browser, javaScript);
      await child.page.goto(link);
      await expect(child.page.locator("html")).toHaveAttribute("lang", language);
      await expect(child.page.locator("html")).toHaveAttribute(
        "dir",
        language === "ur" ? "rtl" : "ltr",
      );
      await expect(child.page.locator(".greeting")).toContainText("Sam");
      await expect(child.page.locator(".greeting")).toContainText("Priya Shah");
      await expectAccessible(child.page, `greeting [${language}]`);
      await child.page.locator("main button[type=submit]").click();
      await child.page.waitForLoadState("load");

      // Two pages in, they save and get a code.
      for (let i = 0; i < 2; i++) {
        await answerPage(child.page, "I want to talk about seeing my brother");
        await continueOn(child.page);
      }
      const stoppedAt = new URL(child.page.url()).pathname;
      await child.page.locator("main button[value=save]").click();
      await child.page.waitForLoadState("load");
      const code = (await child.page.locator(".resume-code").textContent())!
        .replace(/\s/g, "")
        .slice(-9);
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await child.context.close();

      // Later, on another device, the code brings them back where they stopped.
      const later = await newVisitor(browser, javaScript);
      await later.page.goto(`${origin()}/code?lng=${language}`);
      await later.page.locator("#field-code").fill(code.toLowerCase());
      await later.page.locator("main button[type=submit]").click();
      await later.page.waitForLoadState("load");
      expect(new URL(later.page.url()).pathname).toBe(stoppedAt);
      while (!later.page.url().endsWith("/check")) {
        await answerPage(later.page, "I want to talk about seeing my brother");
        await continueOn(later.page);
      }
      // Check answers keeps what was typed before saving.
      await expect(later.page.locator(".summary-list")).toContainText("seeing my brother");
      await later.page.locator("main form button[type=submit]").click();
      await later.page.waitForLoadState("load");
      const reference = (await later.page.locator(".reference").textContent())!.trim();
      expect(reference).toMatch(/^LTM-[A-Z2-9]{6}$/);
      await later.context.close();

      // The IRO's email arrives at the SMTP server, without the child's words.
      await expect
        .poll(
          () => mailIn(process.env.E2E_MAIL_FOLDER!).filter((m) => m.subject.includes(reference)),
          {
            timeout: 15_000,
          },
        )
        .toHaveLength(1);
      const [mail] = mailIn(process.env.E2E_MAIL_FOLDER!).filter((m) =>
        m.subject.includes(reference),
      );
      expect(mail!.to).toEqual(["iro@westmoor.example"]);
      expect(mail!.text).not.toContain("brother");

      // The link in the email opens the booklet for the IRO (on the council's own address; here
      // its path on the test server).
      const emailed = mail!.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes("/staff/"));
      expect(emailed).toBeDefined();
      await iro.page.goto(`${origin()}${new URL(emailed!).pathname}`);
      await expect(iro.page.locator("main")).toContainText("seeing my brother");
      await expect(iro.page.locator("main")).toContainText(reference);

      // The IRO finds it in their inbox, reads it and records participation.
      await iro.page.goto(`${origin()}/staff/inbox/iro`);
      const row = iro.page.locator("tr", { hasText: reference });
      await expect(row).toBeVisible();
      await expectAccessible(iro.page, "the IRO's inbox");
      await row.getByRole("link").getByText(reference).click();
      await iro.page.waitForLoadState("load");
      await expect(iro.page.locator("main")).toContainText("seeing my brother");
      // The child's words carry the language they wrote in, on the IRO's English page.
      await expect(
        iro.page.locator(`main .answer-text[lang="${language}"]`, { hasText: "my brother" }),
      ).not.toHaveCount(0);
      await expectAccessible(iro.page, "the booklet as the IRO reads it");
      await iro.page.locator("input[name=category][value='5']").check();
      await iro.page.locator("main form button[type=submit]").last().click();
      await iro.page.waitForLoadState("load");
      await expect(iro.page.locator("input[name=category][value='5']")).toBeChecked();
      await iro.context.close();
    });
  }
}
