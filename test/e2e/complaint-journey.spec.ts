// The whole journey in a real browser, with JavaScript on and off: a 12-year-old makes a
// complaint in Welsh and asks for an advocate; the complaints officer triages it and sees the
// right deadline; the advocacy provider accepts the referral and records first contact; the child
// checks how it is going with the reference and the secret.
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { mailIn } from "../support/smtp-receiver";
import { expectAccessible, LANGUAGES, origin, preloadAxe, signIn, withoutScripts } from "./helpers";

const holidays = new Set(
  (
    JSON.parse(fs.readFileSync("db/data/bank-holidays.json", "utf8")) as {
      regions: Record<string, { date: string }[]>;
    }
  ).regions["england-and-wales"]!.map((h) => h.date),
);

/** Counted here, apart from the portal's calendar: n working days after a date (day 0). */
function workingDaysAfter(start: string, n: number): string {
  const day = new Date(`${start}T00:00:00Z`);
  const working = () =>
    day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !holidays.has(day.toISOString().slice(0, 10));
  while (!working()) day.setUTCDate(day.getUTCDate() + 1);
  for (let counted = 0; counted < n;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (working()) counted++;
  }
  return day.toISOString().slice(0, 10);
}

const londonToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
const longDate = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** Opens every folded action form on a staff case page ("Classify", "Assign", …). */
const openEveryAction = (page: Page) =>
  page
    .locator("details")
    .evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));

/** Sends one of a staff page's action forms (by its intent) and expects it was taken. */
async function act(page: Page, intent: string) {
  await page.locator(`form:has(input[name=intent][value=${intent}]) button[type=submit]`).click();
  await page.waitForLoadState("load");
  await expect(page.locator(".error-summary")).toHaveCount(0);
}

async function visitor(browser: Browser, javaScript: boolean) {
  const context = await browser.newContext();
  if (!javaScript) await withoutScripts(context);
  await preloadAxe(context);
  return { context, page: await context.newPage() };
}

async function next(page: Page) {
  await page.locator("main button[value=continue]").click();
  await page.waitForLoadState("load");
}

/** A radio, checkbox or select in a staff form, by field name. */
async function choose(page: Page, name: string, value: string) {
  const select = page.locator(`select[name="${name}"]`);
  if (await select.count())
    await select.selectOption(value.startsWith("label:") ? { label: value.slice(6) } : value);
  else await page.locator(`input[name="${name}"][value="${value}"]`).check();
}

for (const javaScript of [true, false]) {
  test(`a child's complaint in Welsh with an advocate, triaged and tracked, JavaScript ${javaScript ? "on" : "off"}`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const today = londonToday();
    const due = workingDaysAfter(today, 10);
    const email = `cerys-${javaScript ? "on" : "off"}-${Date.now()}@example.com`;

    // The child, in Welsh.
    const child = await visitor(browser, javaScript);
    const page = child.page;
    await page.goto(`${origin()}/have-your-say?lng=cy`);
    await expect(page.locator("html")).toHaveAttribute("lang", "cy");
    await page.locator('a[href="/forms/have-your-say-child"]').click();
    await page.locator("main button[type=submit]").click();
    await page.waitForLoadState("load");
    await page.locator("input[name=kind][value=complaint]").check();
    await next(page);
    await page.locator("input[name=namedWorker]").fill("Mr Evans");
    await next(page);
    await page.locator("textarea[name=whatHappened]").fill("Dw i ddim yn cael gweld fy mrawd");
    await next(page);
    await next(page); // when: not known
    await page.locator("textarea[name=putRight]").fill("Gweld fy mrawd bob wythnos");
    await next(page);
    await page.locator("input[name=advocate][value=yes]").check();
    await next(page);
    await page.locator("input[name=advocateContact]").fill("07700 900123");
    await page.locator("input[name=advocateTime]").fill("Ar ôl ysgol");
    await page.locator("input[name=advocateConsent][value=agree]").check();
    await next(page);
    await page.locator("input[name=senderName]").fill("Cerys");
    await page.locator("input[name=childInCare][value=yes]").check();
    await next(page);
    await page.locator("input[name=replyBy][value=email]").check();
    await next(page);
    await page.locator("input[name=replyEmail]").fill(email);
    await next(page);
    await next(page); // communication needs
    await next(page); // equalities, optional
    await expect(page).toHaveURL(/\/check$/);
    await page.locator("main form button[type=submit]").click();
    await page.waitForLoadState("load");
    const [reference, secret] = await page.locator("strong.reference").allTextContents();
    expect(reference).toMatch(/^HYS-[A-Z0-9]{6}$/);
    expect(secret).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.locator("main")).toContainText(longDate(due, "cy"));
    await expectAccessible(page, "sent, with the secret [cy]");

    // The complaints officer triages it.
    const officerContext = await visitor(browser, javaScript);
    const officer = officerContext.page;
    await signIn(officer, "complaints@westmoor.example");
    await officer.goto(`${origin()}/staff/representations`);
    await officer.locator(`a:has-text("${reference}")`).click();
    await officer.waitForLoadState("load");
    await expect(officer.locator("main")).toContainText("Cerys");
    await openEveryAction(officer);
    await choose(officer, "classify-kind", "complaint");
    await choose(officer, "classify-procedure", "statutory");
    await choose(officer, "classify-category", "communication");
    await choose(officer, "classify-serviceArea", "children-in-care");
    await choose(officer, "classify-madeBy", "child");
    await choose(officer, "classify-contactMethod", "form");
    await choose(officer, "classify-lookedAfterChild", "yes");
    await choose(officer, "classify-iroStaffUserId", "label:Priya Shah");
    await act(officer, "classify");
    await openEveryAction(officer);
    await choose(officer, "assign-responderStaffUserId", "label:Helen Price");
    await act(officer, "assign");
    // The Stage 1 deadline: 10 working days from today, weekends and bank holidays skipped.
    await expect(officer.locator("main table").first()).toContainText(longDate(due, "en-GB"));
    await expect(officer.locator("main")).toContainText("Helen Price");
    await expectAccessible(officer, "a case from the form, classified and assigned");
    // The child's own words are marked as Welsh on the officer's English page.
    await expect(
      officer.locator('main .answer-text[lang="cy"]', { hasText: "Dw i ddim yn cael gweld" }),
    ).toHaveCount(1);
    // The referral is named on the case; only the provider, who works from it, gets a link.
    await expect(officer.locator("main")).toContainText(/ADV-[A-Z0-9]{6}/);
    await expect(officer.locator('main a[href^="/staff/advocacy/"]')).toHaveCount(0);

    // The child's IRO, told by email, opens the link in it and reads the case.
    const toIro = () =>
      mailIn(process.env.E2E_MAIL_FOLDER!).filter(
        (mail) => mail.to.includes("iro@westmoor.example") && mail.text.includes(reference!),
      );
    await expect.poll(() => toIro().length, { timeout: 15_000 }).toBe(1);
    const iroLink = /https?:\/\/\S+\/staff\/representations\/[0-9a-f-]{36}/.exec(
      toIro()[0]!.text,
    )![0];
    const iroContext = await visitor(browser, javaScript);
    const iro = iroContext.page;
    await signIn(iro, "iro@westmoor.example");
    for (const language of LANGUAGES) {
      await iro.goto(`${origin()}${new URL(iroLink).pathname}?lng=${language}`);
      await expect(iro.locator("h1")).toContainText(reference!);
      await expect(iro.locator("main")).toContainText("Dw i ddim yn cael gweld fy mrawd");
      // To read: the officer's actions are not there.
      await expect(iro.locator("main form")).toHaveCount(0);
      await expectAccessible(iro, `a case the IRO was told of [${language}]`);
    }
    await iroContext.context.close();

    // The advocacy provider accepts the referral and gets in touch.
    const providerContext = await visitor(browser, javaScript);
    const provider = providerContext.page;
    await signIn(provider, "advocacy@westmoor.example");
    await provider.goto(`${origin()}/staff/advocacy`);
    await provider.locator(`tr:has-text("${reference}") a`).first().click();
    await provider.waitForLoadState("load");
    await expect(provider.locator("main")).toContainText("07700 900123");
    await act(provider, "accept");
    const [year, month, day] = today.split("-");
    await provider.locator("input[name=firstContact-day]").fill(String(Number(day)));
    await provider.locator("input[name=firstContact-month]").fill(String(Number(month)));
    await provider.locator("input[name=firstContact-year]").fill(year!);
    await provider
      .locator("textarea[name=note], input[name=note]")
      .first()
      .fill("Spoke to Cerys by phone");
    await act(provider, "contact");
    await expect(provider.locator("main")).toContainText("In touch within 1 working day");
    await expectAccessible(provider, "an advocacy referral, accepted and contacted");

    // The child checks how it is going: the reference alone is not enough.
    await page.goto(`${origin()}/track`);
    await page.locator("input[name=reference]").fill(reference!);
    await page.locator("input[name=secret]").fill("AAAA-AAAA");
    await page.locator("main button[type=submit]").click();
    await page.waitForLoadState("load");
    await expect(page.locator(".error-summary")).toBeVisible();
    await page.locator("input[name=secret]").fill(secret!.toLowerCase());
    await page.locator("main button[type=submit]").click();
    await page.waitForLoadState("load");
    await expect(page.locator(".error-summary")).toHaveCount(0);
    await expect(page.locator("main")).toContainText(reference!);
    await expect(page.locator("main")).toContainText(longDate(due, "cy"));
    await expectAccessible(page, "how it is going [cy]");
    // The status in every language (with JavaScript on only: attempts are counted per address).
    if (javaScript) {
      for (const language of LANGUAGES) {
        await page.goto(`${origin()}/track?lng=${language}`);
        await page.locator("input[name=reference]").fill(reference!);
        await page.locator("input[name=secret]").fill(secret!);
        await page.locator("main button[type=submit]").click();
        await page.waitForLoadState("load");
        await expect(page.locator("main")).toContainText(reference!);
        await expectAccessible(page, `how it is going [${language}]`);
      }
    }
    // The provider's referral page in every language.
    const referralPath = new URL(provider.url()).pathname;
    for (const language of LANGUAGES) {
      await provider.goto(`${origin()}${referralPath}?lng=${language}`);
      await expect(provider.locator("html")).toHaveAttribute("lang", language);
      await expectAccessible(provider, `an advocacy referral [${language}]`);
    }

    // The officer records the Stage 1 response and closes the complaint: the child is asked, by
    // email through the outbox, how it went.
    const casePath = new URL(officer.url()).pathname;
    await officer.goto(`${origin()}${casePath}`);
    await openEveryAction(officer);
    await act(officer, "respond");
    await openEveryAction(officer);
    await officer.locator("input[name=close-outcome][value=partly-upheld]").check();
    await act(officer, "close");
    const invitation = () =>
      mailIn(process.env.E2E_MAIL_FOLDER!).filter(
        (mail) => mail.to.includes(email) && /How did we do|Sut wnaethon ni/.test(mail.subject),
      );
    await expect.poll(() => invitation().length, { timeout: 15_000 }).toBe(1);
    // A one-shot link: it opens the questionnaire (a form on the one pipeline) until answered.
    const link = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(invitation()[0]!.text)![0];
    const questionnaire = "/forms/complaint-satisfaction";
    await page.goto(`${origin()}${new URL(link).pathname}`);
    await expect(page).toHaveURL(new RegExp(`${questionnaire}$`));
    for (const language of LANGUAGES) {
      await page.goto(`${origin()}${questionnaire}?lng=${language}`);
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await expectAccessible(page, `how did we do [${language}]`);
    }
    await page.goto(`${origin()}${questionnaire}?lng=cy`);
    await page.locator("main button[type=submit]").click();
    await page.waitForLoadState("load");
    await page.locator("main button[value=continue]").click();
    await page.waitForLoadState("load");
    await expect(page.locator(".error-summary")).toBeVisible();
    await expectAccessible(page, "how did we do, with errors [cy]");
    await page.locator("input[name=feltListened][value=yes]").check();
    await page.locator("input[name=satisfied][value=partly]").check();
    await page.locator("textarea[name=doBetter]").fill("Ffonio'n gynt");
    await page.locator("main button[value=continue]").click();
    await page.waitForLoadState("load");
    await expect(page).toHaveURL(new RegExp(`${questionnaire}/check$`));
    await expectAccessible(page, "how did we do, check [cy]");
    await page.locator("main form button[type=submit]").click();
    await page.waitForLoadState("load");
    await expect(page.locator(".panel__title")).toBeVisible();
    // Anonymous: no reference to keep.
    await expect(page.locator(".reference")).toHaveCount(0);
    await expectAccessible(page, "how did we do, thanks [cy]");
    // The link opens nothing again.
    await page.goto(`${origin()}${new URL(link).pathname}`);
    await expect(page.locator("h1")).toContainText("Rwyt ti wedi ateb yn barod");
    await expectAccessible(page, "how did we do, already answered [cy]");
    // The officer sees that the complainant was asked, never their answers with the case; the
    // summary holds them, with everyone else's.
    await officer.goto(`${origin()}${casePath}`);
    await expect(officer.locator("main")).not.toContainText("Ffonio'n gynt");
    await officer.locator("main a[href='/staff/summaries/complaint-satisfaction']").click();
    await officer.waitForLoadState("load");
    await expect(officer.locator("main")).toContainText("Ffonio'n gynt");
    await expectAccessible(officer, "how did we do: the summary");

    for (const context of [child.context, officerContext.context, providerContext.context])
      await context.close();
  });
}
