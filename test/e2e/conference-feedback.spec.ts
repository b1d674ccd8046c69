// Conference feedback in a real browser, JavaScript on and off:
// - in English and in Polish: a chair records a conference; a parent answers with the code on
//   their own phone; a second parent answers on the device the chair hands round, which then
//   shows nothing of theirs; a third answers through the link; the chair reads the three in the
//   conference's summary, and a manager in the council-wide one;
// - in every language: every new page (the conference pages, the cards, the handed-round
//   device, each FGC form, both young people's conference forms and both "after your review"
//   forms page by page, the summaries) has no axe violation, shows words and not keys, and
//   reflows at 320 px.
import { expect, test, type Browser, type Page } from "@playwright/test";
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

const londonToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

async function newPage(browser: Browser, javaScript: boolean, width = 1024) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  if (!javaScript) await withoutScripts(context);
  await preloadAxe(context);
  return context.newPage();
}

/** axe, words and reflow on the page as it is now. */
async function check(page: Page, label: string) {
  await page.waitForLoadState("load");
  await expectAccessible(page, label);
  await expectReflow(page, label);
}

/** Signs in as demo staff and shows the staff pages in the language. */
async function staffIn(page: Page, email: string, language: string) {
  await page.goto(`${origin()}/?lng=${language}`);
  await signIn(page, email);
}

/** Records a conference of this kind as the signed-in chair or coordinator; its page's address. */
async function recordConference(
  page: Page,
  kind: "child-protection" | "family-group",
  label: string,
) {
  await page.goto(`${origin()}/staff/conferences`);
  await check(page, `conferences list ${label}`);
  await page.locator(`main a[href="/staff/conferences/new?kind=${kind}"]`).click();
  await page.waitForLoadState("load");
  // First with nothing filled in: every problem is named.
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await check(page, `record a ${kind} conference, with errors ${label}`);
  const [year, month, day] = londonToday().split("-");
  await page.locator('[name="heldOn-day"]').fill(String(Number(day)));
  await page.locator('[name="heldOn-month"]').fill(String(Number(month)));
  await page.locator('[name="heldOn-year"]').fill(year!);
  if (kind === "child-protection") {
    await page.locator('[name="conferenceType"][value="initial"]').check();
  } else {
    await page.locator('[name="referrerName"]').fill("Westmoor duty team");
    await page.locator('[name="aims"][value="prevent-care"]').check();
    await page.locator('[name="aims"][value="contact"]').check();
    await page.locator('[name="lookedAfterAtReferral"][value="yes"]').check();
  }
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/staff\/conferences\/[0-9a-f-]{36}$/);
  await page.goto(page.url());
  await check(page, `a ${kind} conference ${label}`);
  return page.url();
}

/** The codes and links on a conference's page, form by form, in the page's order. */
async function codesOf(page: Page) {
  const codes = await page.locator("main td strong.reference").allInnerTexts();
  const links = await page.locator("main .conference-link .reference").allInnerTexts();
  return { codes: codes.map((code) => code.trim()), links: links.map((link) => link.trim()) };
}

/**
 * Answers the open form page by page: the first answer of every question, the comment box on
 * the last page; each page checked on the way when asked. Ends on the page after "Send".
 */
async function answerForm(page: Page, comment: string, label?: string) {
  await page.locator("main button.button--start").click();
  await page.waitForLoadState("load");
  while (!new URL(page.url()).pathname.endsWith("/check")) {
    if (label) await check(page, `${new URL(page.url()).pathname} ${label}`);
    const names = await page
      .locator("main input[type=radio], main input[type=checkbox]")
      .evaluateAll((inputs) => [
        ...new Set(inputs.map((input) => (input as HTMLInputElement).name)),
      ]);
    for (const name of names) await page.locator(`main input[name="${name}"]`).first().check();
    const boxes = page.locator("main textarea");
    const last = page.locator('main textarea[name="anythingElse"]');
    if ((await last.count()) > 0) await last.fill(comment);
    else if ((await boxes.count()) > 0 && label) await boxes.first().fill(`${comment} (more)`);
    await page.locator("main button[value=continue]").click();
    await page.waitForLoadState("load");
  }
  if (label) await check(page, `check your answers ${label}`);
  await page.locator("main form button[type=submit]").click();
  await page.waitForLoadState("load");
}

for (const language of ["en", "pl"] as const) {
  for (const javaScript of [true, false]) {
    const label = `[${language}, JS ${javaScript ? "on" : "off"}]`;
    test(`a conference's parents answer, on their phones and on a handed-round device ${label}`, async ({
      browser,
    }) => {
      test.setTimeout(240_000);
      const chair = await newPage(browser, javaScript);
      await staffIn(chair, "chair@westmoor.example", language);
      const conferenceUrl = await recordConference(chair, "child-protection", label);
      const { codes, links } = await codesOf(chair);
      await chair.locator(`main a[href$="/cards"]`).click();
      await expect(chair.locator(".conference-card__qr svg").first()).toBeVisible();
      await check(chair, `cards ${label}`);
      await chair.goto(conferenceUrl);

      // 1. A parent on their own phone, with the code from the card.
      const phone = await newPage(browser, javaScript, 360);
      await phone.goto(`${origin()}/code?lng=${language}`);
      await phone.locator("#field-code").fill(codes[0]!);
      await phone.locator("main form button[type=submit]").click();
      await phone.waitForLoadState("load");
      await check(phone, `conference questionnaire start ${label}`);
      await answerForm(phone, `First parent ${language}`, label);
      await check(phone, `sent ${label}`);

      // 2. The chair hands the device round.
      await chair.locator("main form[action$='/hand-over'] button[type=submit]").click();
      await chair.waitForURL(/\/hand-over$/);
      await check(chair, `the handed-round device ${label}`);
      await chair.locator("main .hand-over-forms button").first().click();
      await chair.waitForLoadState("load");
      await expect(chair.locator("main button[value=save]")).toHaveCount(0);
      await answerForm(chair, `Second parent ${language}`);
      await expect(chair).toHaveURL(/\/hand-over\?sent=1$/);
      await check(chair, `the handed-round device, thank you ${label}`);
      // Back, again and again: nothing of the second parent's answers comes back.
      for (let i = 0; i < 4; i++) {
        await chair.goBack().catch(() => undefined);
        await chair.waitForLoadState("load");
        await expect(chair.locator("body")).not.toContainText(`Second parent ${language}`);
        expect(
          await chair
            .locator("textarea")
            .evaluateAll((boxes) =>
              boxes.map((box) => (box as HTMLTextAreaElement).value).filter(Boolean),
            ),
        ).toEqual([]);
      }
      // Nor can the chair's work be reached from it.
      await chair.goto(`${origin()}/staff/conferences`);
      await expect(chair).toHaveURL(/\/staff\/sign-in/);

      // 3. Someone follows the link.
      const third = await newPage(browser, javaScript, 360);
      await third.goto(`${links[0]!.replace(/^https?:\/\/[^/]+/, origin())}`);
      await answerForm(third, `Third parent ${language}`);

      // The chair reads them together; so does a manager, for the whole council.
      await chair.goto(`${origin()}/hand-over`);
      await chair.locator("main form.hand-over-end button").click();
      await chair.waitForURL(/\/staff\/sign-in/);
      await signIn(chair, "chair@westmoor.example");
      await chair.goto(conferenceUrl);
      await chair.locator(`main a[href*="/staff/summaries/conference-parent?event="]`).click();
      await chair.waitForLoadState("load");
      for (const who of ["First", "Second", "Third"]) {
        await expect(chair.locator("main")).toContainText(`${who} parent ${language}`);
      }
      await check(chair, `one conference's summary ${label}`);

      const manager = await newPage(browser, javaScript);
      await staffIn(manager, "manager@westmoor.example", language);
      await manager.goto(`${origin()}/staff/summaries/conference-parent`);
      await expect(manager.locator("main")).toContainText(`Third parent ${language}`);
      await manager.locator("#field-relationship").selectOption({ index: 1 });
      await manager.locator("main form:has(#field-relationship) button[type=submit]").click();
      await manager.waitForLoadState("load");
      await check(manager, `the council's summary, one relationship ${label}`);
      await manager.context().close();
      await chair.context().close();
      await phone.context().close();
      await third.context().close();
    });
  }
}

for (const language of LANGUAGES) {
  for (const javaScript of [true, false]) {
    const label = `[${language}, JS ${javaScript ? "on" : "off"}]`;
    test(
      `every FGC page, the young people's conference forms and "after your review" are accessible ${label}`,
      EVERY_PAGE,
      async ({ browser }) => {
        test.setTimeout(420_000);
        const coordinator = await newPage(browser, javaScript);
        await staffIn(coordinator, "fgc@westmoor.example", language);
        await recordConference(coordinator, "family-group", label);
        const { codes } = await codesOf(coordinator);
        await coordinator.locator(`main a[href$="/cards"]`).click();
        await check(coordinator, `FGC cards ${label}`);
        for (const [index, code] of codes.entries()) {
          const person = await newPage(browser, javaScript, 360);
          await person.goto(`${origin()}/code?lng=${language}`);
          await person.locator("#field-code").fill(code);
          await person.locator("main form button[type=submit]").click();
          await person.waitForLoadState("load");
          await check(person, `FGC form ${index + 1} start ${label}`);
          await answerForm(person, `FGC answer ${index + 1}`, label);
          await check(person, `FGC form ${index + 1} sent ${label}`);
          await person.context().close();
        }
        await coordinator.goto(`${origin()}/staff/summaries/fgc-family`);
        await check(coordinator, `FGC summary ${label}`);
        await coordinator.context().close();

        // A chair records a child protection conference: each young person's form (11 to 18,
        // and Express), page by page.
        const chair = await newPage(browser, javaScript);
        await staffIn(chair, "chair@westmoor.example", language);
        await recordConference(chair, "child-protection", label);
        const young = (await codesOf(chair)).codes.slice(1);
        expect(young).toHaveLength(2);
        for (const [index, code] of young.entries()) {
          const person = await newPage(browser, javaScript, 320);
          await person.goto(`${origin()}/code?lng=${language}`);
          await person.locator("#field-code").fill(code);
          await person.locator("main form button[type=submit]").click();
          await person.waitForLoadState("load");
          await check(person, `young person's form ${index + 1} start ${label}`);
          await answerForm(person, `Young person ${index + 1}`, label);
          await check(person, `young person's form ${index + 1} sent ${label}`);
          await person.context().close();
        }
        await chair.context().close();

        // An IRO sends "after your review" (11 to 18, and Express) for today's review; each child
        // answers it.
        const iro = await newPage(browser, javaScript);
        await staffIn(iro, "iro@westmoor.example", language);
        const [year, month, day] = londonToday().split("-");
        for (const formId of ["after-your-review", "after-your-review-express"]) {
          await iro.goto(`${origin()}/staff/invitations/new`);
          await iro.locator('[name="childName"]').fill("Robin");
          await iro.locator(`[name="formId"][value="${formId}"]`).check();
          await iro.locator(`[name="language"][value="${language}"]`).check();
          await iro.locator('[name="reviewDate-day"]').fill(String(Number(day)));
          await iro.locator('[name="reviewDate-month"]').fill(String(Number(month)));
          await iro.locator('[name="reviewDate-year"]').fill(year!);
          await iro.locator("main form button[type=submit]").click();
          await iro.waitForURL(/\/staff\/invitations\/[0-9a-f-]{36}/);
          await iro.goto(iro.url());
          await check(iro, `an invitation to ${formId} ${label}`);
          const code = (await iro.locator("[data-invitation-code]").innerText()).trim();
          const child = await newPage(browser, javaScript, 320);
          await child.goto(`${origin()}/code?lng=${language}`);
          await child.locator("#field-code").fill(code);
          await child.locator("main form button[type=submit]").click();
          await child.waitForLoadState("load");
          await check(child, `${formId} start ${label}`);
          await answerForm(child, "My review was fine", label);
          await check(child, `${formId} sent ${label}`);
          await child.context().close();
          await iro.goto(`${origin()}/staff/summaries/${formId}`);
          await check(iro, `${formId} summary ${label}`);
        }
        await iro.context().close();
      },
    );
  }
}
