// axe-core (WCAG 2.2 A and AA) on every page, in every language, with JavaScript on and off,
// plus the language and direction of each page and reflow at 320 CSS pixels.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { spawnServer } from "../support/server";
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

type Check = { label: string; visit: (page: Page) => Promise<unknown> };

const publicPages: Check[] = [
  { label: "home", visit: (page) => page.goto(`${origin()}/`) },
  { label: "accessibility statement", visit: (page) => page.goto(`${origin()}/accessibility`) },
  { label: "privacy notice", visit: (page) => page.goto(`${origin()}/privacy`) },
  { label: "page not found", visit: (page) => page.goto(`${origin()}/no-such-page`) },
  // answered by the HTTP layer before Remix, with the same shell
  { label: "unreadable address (400)", visit: (page) => page.goto(`${origin()}/%E0%A4%A`) },
  { label: "staff sign in", visit: (page) => page.goto(`${origin()}/staff/sign-in`) },
  {
    label: "staff sign in with errors",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/sign-in`);
      await page.locator("main button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
  {
    label: "signed out notice",
    visit: (page) => page.goto(`${origin()}/staff/sign-in?reason=timeout`),
  },
  {
    label: "password reset notice",
    visit: (page) => page.goto(`${origin()}/staff/sign-in?reason=password-reset`),
  },
  { label: "forgotten password", visit: (page) => page.goto(`${origin()}/staff/forgot-password`) },
  {
    label: "forgotten password with errors",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/forgot-password`);
      await page.locator("main button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
  {
    label: "forgotten password: check your email",
    visit: (page) => page.goto(`${origin()}/staff/forgot-password?sent=1`),
  },
  {
    label: "a reset link that has been used",
    visit: (page) => page.goto(`${origin()}/staff/reset-password/${"x".repeat(43)}`),
  },
];

const adminPages: Check[] = [
  { label: "staff home", visit: (page) => page.goto(`${origin()}/staff`) },
  { label: "staff accounts", visit: (page) => page.goto(`${origin()}/staff/users`) },
  { label: "add staff account", visit: (page) => page.goto(`${origin()}/staff/users/new`) },
  {
    label: "accounts nobody has used",
    visit: (page) => page.goto(`${origin()}/staff/users?show=unused`),
  },
  {
    label: "a staff account",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/users`);
      await page.getByRole("link", { name: "Priya Shah", exact: true }).click();
      await page.waitForLoadState("load");
    },
  },
  {
    label: "your own account",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/users`);
      await page.locator('main table a[href^="/staff/users/"]', { hasText: "Chris Lee" }).click();
      await page.waitForLoadState("load");
    },
  },
  { label: "change your password", visit: (page) => page.goto(`${origin()}/staff/password`) },
  {
    label: "change your password with errors",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/password`);
      await page.locator("#field-current").fill("not it");
      await page.locator("#field-password").fill("password1234");
      await page.locator("main button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
  { label: "mailbox", visit: (page) => page.goto(`${origin()}/staff/mailbox`) },
  { label: "refused requests", visit: (page) => page.goto(`${origin()}/staff/refusals`) },
  { label: "council settings", visit: (page) => page.goto(`${origin()}/staff/settings`) },
  ...["council", "booklet", "complaints", "safeguarding", "privacy", "staff-accounts"].map(
    (topic) => ({
      label: `settings: ${topic}`,
      visit: (page: Page) => page.goto(`${origin()}/staff/settings/${topic}`),
    }),
  ),
  {
    label: "settings with errors",
    visit: async (page: Page) => {
      await page.goto(`${origin()}/staff/settings/council`);
      await page.locator('[name="contactEmail"]').fill("not an address");
      await page.locator("main form button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
  {
    label: "service areas",
    visit: (page) => page.goto(`${origin()}/staff/settings/service-areas`),
  },
  {
    label: "a service area",
    visit: (page) => page.goto(`${origin()}/staff/settings/service-areas/neighbourhood`),
  },
  { label: "teams", visit: (page) => page.goto(`${origin()}/staff/settings/teams`) },
  {
    label: "a team",
    visit: async (page: Page) => {
      await page.goto(`${origin()}/staff/settings/teams`);
      await page.locator('main table a[href^="/staff/settings/teams/"]').first().click();
      await page.waitForLoadState("load");
    },
  },
  {
    label: "a sign-in link that has been used",
    visit: (page) => page.goto(`${origin()}/staff/welcome/${"x".repeat(43)}`),
  },
  {
    label: "add staff account with errors",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/users/new`);
      await page.locator("#field-name").fill("Someone");
      await page.locator("main button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
];

const iroPages: Check[] = [
  { label: "not allowed (403)", visit: (page) => page.goto(`${origin()}/staff/users`) },
  { label: "invitations", visit: (page) => page.goto(`${origin()}/staff/invitations`) },
  { label: "new invitation", visit: (page) => page.goto(`${origin()}/staff/invitations/new`) },
  {
    label: "new invitation with errors",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/invitations/new`);
      await page.locator("main button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
  { label: "my booklets", visit: (page) => page.goto(`${origin()}/staff/inbox/iro`) },
  { label: "the reviews I chaired", visit: (page) => page.goto(`${origin()}/staff/reviews`) },
];

const managerPages: Check[] = [
  { label: "shared inbox", visit: (page) => page.goto(`${origin()}/staff/inbox/iro?box=shared`) },
  {
    label: "complaints report",
    visit: (page) => page.goto(`${origin()}/staff/reports/complaints`),
  },
  {
    label: "how did we do: the summary, with its charts and tables",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/summaries/complaint-satisfaction`);
      await expect(page.locator(".summary-chart").first()).toBeVisible();
    },
  },
  {
    label: "how did we do: a year with too few answers",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/summaries/complaint-satisfaction`);
      await page.locator("#field-year").selectOption({ index: 4 });
      await page.locator("main form button[type=submit]").click();
      await expect(page.locator(".summary-too-few")).toBeVisible();
    },
  },
  { label: "nothing kept to send", visit: (page) => page.goto(`${origin()}/staff/kept`) },
  {
    label: "review participation figures",
    visit: (page) => page.goto(`${origin()}/staff/reviews/participation`),
  },
  { label: "every conference", visit: (page) => page.goto(`${origin()}/staff/conferences`) },
];

/** Fields of a staff form, by name: text boxes, radios and selects. */
async function fillStaffForm(page: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`[name="${name}"]`);
    const type = await field
      .first()
      .evaluate((el) =>
        el instanceof HTMLSelectElement ? "select" : (el as HTMLInputElement).type,
      );
    if (type === "select") await field.selectOption(value);
    else if (type === "radio" || type === "checkbox")
      await page.locator(`[name="${name}"][value="${value}"]`).check();
    else await field.fill(value);
  }
}

/** Logs a letter as the complaints officer and opens its case with every action unfolded. */
async function openLoggedComplaint(page: Page) {
  await page.goto(`${origin()}/staff/representations/new`);
  await fillStaffForm(page, {
    "receivedOn-day": "2",
    "receivedOn-month": "11",
    "receivedOn-year": "2026",
    kind: "complaint",
    contactMethod: "letter",
    summary: "The letter says the child's contact was cancelled twice.",
    procedure: "statutory",
    category: "service-delivery",
    serviceArea: "fostering",
    madeBy: "other",
    lookedAfterChild: "no",
    replyMethod: "letter",
    replyTo: "1 High Street, Westmoor",
  });
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/staff\/representations\/[0-9a-f-]{36}/);
  // A redirect's target is not routed, so without JavaScript load it again as a visitor would.
  await page.goto(page.url());
  await page
    .locator("details")
    .evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

const complaintsOfficerPages: Check[] = [
  { label: "complaints queue", visit: (page) => page.goto(`${origin()}/staff/representations`) },
  {
    label: "closed complaints",
    visit: (page) => page.goto(`${origin()}/staff/representations?show=closed`),
  },
  {
    label: "log a letter or call, with errors",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/representations/new`);
      await page.locator("main form button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
  {
    label: "a logged complaint, its history and every action",
    visit: openLoggedComplaint,
  },
  {
    label: "classify, with its errors",
    visit: async (page) => {
      await openLoggedComplaint(page);
      // A choice the lists do not offer (as a stale or tampered page would send).
      for (const name of ["classify-category", "classify-serviceArea"]) {
        await page.locator(`select[name="${name}"]`).evaluate((select: HTMLSelectElement) => {
          select.append(new Option("?", "not-a-choice"));
          select.value = "not-a-choice";
        });
      }
      await page
        .locator("form:has(input[name=intent][value=classify]) button[type=submit]")
        .click();
      await page.waitForLoadState("load");
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
  {
    label: "complaints report",
    visit: (page) => page.goto(`${origin()}/staff/reports/complaints`),
  },
  {
    label: "import representations",
    visit: (page) => page.goto(`${origin()}/staff/representations/import`),
  },
  {
    label: "import refused, with its row-by-row problems",
    visit: async (page) => {
      await page.goto(`${origin()}/staff/representations/import`);
      const file = "reference,received_on,type\nOLD-1,31/02/2025,moan\n";
      await page.locator("input[name=file]").setInputFiles({
        name: "old-cases.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(file),
      });
      await page.locator("main form button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
    },
  },
];

/** Thirty closed compliments from last year, so a list runs to a second page. */
function thirtyOldCompliments(): string {
  const columns =
    "reference,received_on,type,procedure,category,service_area,made_by,contact_method," +
    "stage1_response,stage2_response,stage3_response,ombudsman,outcome,ethnicity,disability," +
    "advocacy_offered,advocacy_taken";
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const rows = Array.from({ length: 30 }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    return `OLD-${tag}-${i + 1},2025-06-${day},compliment,,,fostering,other,letter,,,,,,,,,`;
  });
  return [columns, ...rows].join("\n");
}

complaintsOfficerPages.push({
  label: "closed complaints, second page",
  visit: async (page) => {
    await page.goto(`${origin()}/staff/representations/import`);
    await page.locator("input[name=file]").setInputFiles({
      name: "compliments.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(thirtyOldCompliments()),
    });
    await page.locator("main form button[type=submit]").click();
    await page.waitForLoadState("load");
    await expect(page.locator(".error-summary")).toHaveCount(0);
    await page.goto(`${origin()}/staff/representations?show=closed`);
    await page.locator("nav.pagination a[rel=next]").click();
    await page.waitForLoadState("load");
    await expect(page.locator("nav.pagination a[rel=prev]")).toBeVisible();
  },
});

/** A child's request for an advocate, sent through the public form as a browser posts it. */
async function sendAdvocacyRequest(page: Page) {
  const form = `${origin()}/forms/advocacy-request`;
  await page.goto(form);
  const csrf = async () =>
    (await page.context().cookies()).find((c) => c.name === "__Host-csrf" || c.name === "csrf")
      ?.value ?? "";
  const post = async (url: string, fields: Record<string, string> = {}) =>
    (
      await page.request.post(url, { form: { ...fields, csrf: await csrf() }, maxRedirects: 0 })
    ).headers()["location"] ?? "";
  let location = await post(form);
  for (let pages = 0; location.startsWith("/forms/") && !location.endsWith("/check"); pages++) {
    if (pages > 20) throw new Error("the advocacy form never reached Check your answers");
    location = await post(`${origin()}${location}`, {
      intent: "continue",
      relationship: "child",
      childName: "Jordan",
      whatHappened: "I want to see my sister more",
      advocateContact: "Text 07700 900456",
      advocateConsent: "agree",
    });
  }
  await post(`${form}/check`);
}

const advocacyProviderPages: Check[] = [
  { label: "advocacy referrals", visit: (page) => page.goto(`${origin()}/staff/advocacy`) },
  { label: "advocacy figures", visit: (page) => page.goto(`${origin()}/staff/advocacy/figures`) },
  {
    label: "a referral closed with no contact",
    visit: async (page) => {
      await sendAdvocacyRequest(page);
      await page.goto(`${origin()}/staff/advocacy`);
      await page.locator('main table a[href^="/staff/advocacy/"]').first().click();
      await page.waitForLoadState("load");
      const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })
        .format(new Date())
        .split("-");
      await page.locator("#field-closedOn").fill(String(Number(day)));
      await page.locator("#field-closedOn-month").fill(String(Number(month)));
      await page.locator("#field-closedOn-year").fill(year!);
      await page
        .locator('form:has(input[name="intent"][value="close"]) button[type=submit]')
        .click();
      await page.waitForURL(/done=closed/);
      // A redirect's target is not routed, so without JavaScript load it again as a visitor would.
      await page.goto(page.url());
    },
  },
  {
    label: "closed advocacy referrals",
    visit: (page) => page.goto(`${origin()}/staff/advocacy?show=closed`),
  },
];

for (const language of LANGUAGES) {
  for (const javaScript of [true, false]) {
    test(
      `every page is accessible in ${language}, JavaScript ${javaScript ? "on" : "off"}`,
      EVERY_PAGE,
      async ({ browser }) => {
        // Every page of every role, each checked by axe: more than the default 90 s on a slow machine.
        test.setTimeout(240_000);
        const visitAll = async (checks: Check[], signInAs?: string) => {
          const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
          if (!javaScript) await withoutScripts(context);
          await preloadAxe(context);
          const page = await context.newPage();
          await page.goto(`${origin()}/?lng=${language}`);
          if (signInAs) await signIn(page, signInAs);
          for (const check of checks) {
            const label = `${check.label} [${language}, JS ${javaScript ? "on" : "off"}]`;
            await check.visit(page);
            // after a form post the error summary can show before the document has finished loading
            await page.waitForLoadState("load");
            await expect(page.locator("html"), label).toHaveAttribute("lang", language);
            await expect(page.locator("html"), label).toHaveAttribute(
              "dir",
              language === "ur" ? "rtl" : "ltr",
            );
            const scripts = await page.evaluate(() => document.scripts.length);
            expect(scripts > 0, `${label}: scripts present`).toBe(javaScript);
            await expectAccessible(page, label);
            await expectReflow(page, label);
          }
          await context.close();
        };
        await visitAll(publicPages);
        await visitAll(adminPages, "admin@westmoor.example");
        await visitAll(iroPages, "iro@westmoor.example");
        await visitAll(managerPages, "manager@westmoor.example");
        await visitAll(complaintsOfficerPages, "complaints@westmoor.example");
        await visitAll(advocacyProviderPages, "advocacy@westmoor.example");
      },
    );
  }
}

test("the session timeout warning is accessible when it opens", async ({ page }) => {
  await page.clock.install();
  await signIn(page, "manager@westmoor.example");
  await page.clock.fastForward("28:30");
  await expect(page.locator("[data-timeout-warning]")).toBeVisible();
  await expectAccessible(page, "timeout warning");
});

test("'try again shortly' keeps what was typed, in every language, and is accessible", async ({
  browser,
}) => {
  // A portal whose database has no council yet answers every request 503, as when it is down.
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-down-")), "db");
  const down = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "false" });
  try {
    for (const language of LANGUAGES) {
      for (const javaScript of [true, false]) {
        const label = `try again [${language}, JS ${javaScript ? "on" : "off"}]`;
        const context = await browser.newContext({ locale: language });
        if (!javaScript) await withoutScripts(context);
        await preloadAxe(context);
        const page = await context.newPage();
        await page.goto(`${down.origin}/forms/listen-to-me-11-18`);
        // The visitor's answer, posted from the page they had open.
        await page.evaluate(() => {
          const form = Object.assign(document.createElement("form"), {
            method: "post",
            action: "/forms/listen-to-me-11-18/about-you",
          });
          form.append(
            Object.assign(document.createElement("input"), { name: "name", value: "Siân" }),
          );
          document.body.append(form);
          form.submit();
        });
        await page.waitForURL(/about-you$/);
        await page.waitForLoadState("load");
        await expect(page.locator("html"), label).toHaveAttribute("lang", language);
        const again = page.locator("main form button[type=submit]");
        await expect(again, label).toBeVisible();
        await expect(page.locator("main form input[name=name]"), label).toHaveValue("Siân");
        await expectAccessible(page, label);
        await expectReflow(page, label);
        // Pressing it sends the same again (still down here: the same page, still keeping it).
        await again.click();
        await page.waitForLoadState("load");
        await expect(page.locator("main form input[name=name]"), label).toHaveValue("Siân");
        await context.close();
      }
    }
  } finally {
    await down.stop();
  }
});
