// A second factor in a real browser, each person doing their own part, at Aberhaven: the admin
// makes a manager's account; its owner signs in, sets up an authenticator app from the page (the
// code computed here from the key the page shows), keeps the recovery codes, and signs in again
// with one (it works once) and with a code; the admin removes the app for a lost phone and its
// owner is signed out. Then the pages in every language, JavaScript on and off.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { codeAt } from "../support/authenticator";
import {
  aberhaven,
  EVERY_PAGE,
  expectAccessible,
  expectReflow,
  LANGUAGES,
  passwordSignInButton,
  preloadAxe,
  signIn,
  withoutScripts,
} from "./helpers";

test.describe.configure({ mode: "serial" });

const stamp = Date.now();
const NAME = `Morgan Reed ${stamp}`;
const EMAIL = `morgan.reed.${stamp}@aberhaven.example`;
const PASSWORD = "the ferry waits by the lighthouse";
const STEP = 30_000;

async function newPage(browser: Browser, options = {}): Promise<Page> {
  const context = await browser.newContext(options);
  await preloadAxe(context);
  return context.newPage();
}

async function withPassword(page: Page) {
  await page.goto(`${aberhaven()}/staff/sign-in`);
  await page.locator("#field-email").fill(EMAIL);
  await page.locator("#field-password").fill(PASSWORD);
  await passwordSignInButton(page).click();
  await page.waitForLoadState("load");
}

async function giveCode(page: Page, code: string) {
  await page.locator("#field-code").fill(code);
  await page.locator("#field-code").press("Enter");
  await page.waitForLoadState("load");
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/staff\/sign-in/);
}

test("a manager sets up an authenticator app, and signs in with a code or a recovery code", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const admin = await newPage(browser);
  await signIn(admin, "admin@aberhaven.example", aberhaven());
  await admin.goto(`${aberhaven()}/staff/users/new`);
  await admin.locator("#field-name").fill(NAME);
  await admin.locator("#field-email").fill(EMAIL);
  await admin.locator('[name="roles"][value="manager"]').check();
  await admin.locator("#field-password").fill(PASSWORD);
  await admin.locator("main button[type=submit]").click();
  await expect(admin.locator(".notice")).toContainText("The account has been created");

  // Their first sign-in: the password alone is not enough; they set the app up.
  const manager = await newPage(browser);
  await withPassword(manager);
  await expect(manager).toHaveURL(/\/staff\/sign-in\/set-up$/);
  await expect(manager.locator("h1")).toHaveText("Set up an authenticator app");
  await expect(manager.locator("img.authenticator-qr")).toHaveAttribute("alt", /QR code/);
  await expectAccessible(manager, "setting up an authenticator app");
  await expectReflow(manager, "setting up an authenticator app");
  // Not signed in yet.
  await manager.goto(`${aberhaven()}/staff`);
  await expect(manager).toHaveURL(/\/staff\/sign-in/);
  await manager.goto(`${aberhaven()}/staff/sign-in/set-up`);
  const key = (await manager.locator("#authenticator-key").textContent())!.replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);

  await giveCode(manager, "000000");
  await expect(manager.locator(".error-summary")).toContainText("The code is not right");
  await expectAccessible(manager, "setting up, a wrong code");
  await giveCode(manager, codeAt(key));
  await expect(manager.locator("h1")).toHaveText("Keep your recovery codes");
  const codes = await manager.locator(".recovery-codes code").allTextContents();
  expect(codes).toHaveLength(10);
  await expectAccessible(manager, "the recovery codes");
  await expectReflow(manager, "the recovery codes");
  await manager.getByRole("link", { name: "I have kept them: continue" }).click();
  await expect(manager).toHaveURL(`${aberhaven()}/staff`);
  await expect(manager.locator("main")).toContainText("Manager");
  await signOut(manager);

  // A recovery code works once.
  await withPassword(manager);
  await expect(manager).toHaveURL(/\/staff\/sign-in\/code$/);
  await expectAccessible(manager, "enter the code from your app");
  await giveCode(manager, codes[0]!);
  await expect(manager).toHaveURL(`${aberhaven()}/staff`);
  await signOut(manager);
  await withPassword(manager);
  await giveCode(manager, codes[0]!);
  await expect(manager.locator(".error-summary")).toContainText("has been used");
  await expectAccessible(manager, "a code used before");
  // The app's next code does.
  await giveCode(manager, codeAt(key, Date.now() + STEP));
  await expect(manager).toHaveURL(`${aberhaven()}/staff`);

  // A lost phone: the admin removes the app, and its owner is signed out at once.
  await admin.goto(`${aberhaven()}/staff/users`);
  await admin.getByRole("link", { name: NAME }).click();
  await expect(admin.locator("main")).toContainText("Set up");
  await admin.getByRole("button", { name: "Remove the authenticator app" }).click();
  await expect(admin.locator(".notice")).toContainText("will set up an authenticator app again");
  await expectAccessible(admin, "an account whose app was removed");
  await manager.reload();
  await expect(manager).toHaveURL(/\/staff\/sign-in/);
  await withPassword(manager);
  await expect(manager).toHaveURL(/\/staff\/sign-in\/set-up$/);
});

for (const language of LANGUAGES) {
  for (const javaScript of [true, false]) {
    test(
      `its pages in ${language}, JavaScript ${javaScript ? "on" : "off"}`,
      EVERY_PAGE,
      async ({ browser }) => {
        const page = await newPage(browser, { viewport: { width: 1024, height: 768 } });
        if (!javaScript) await withoutScripts(page.context());
        await page.goto(`${aberhaven()}/?lng=${language}`);
        for (const path of ["/staff/sign-in/set-up", "/staff/sign-in/code"]) {
          const label = `${path} [${language}, JS ${javaScript ? "on" : "off"}]`;
          // The manager above (app removed) is sent to set up; the admin to give a code.
          if (path.endsWith("set-up")) await withPassword(page);
          else {
            await page.goto(`${aberhaven()}/staff/sign-in`);
            await page.locator("#field-email").fill("admin@aberhaven.example");
            await page.locator("#field-password").fill("listen-to-children");
            await passwordSignInButton(page).click();
            await page.waitForLoadState("load");
          }
          await expect(page).toHaveURL(new RegExp(`${path}$`));
          // A redirect's target is not routed, so without JavaScript load it again as a visitor would.
          await page.goto(page.url());
          await expect(page.locator("html"), label).toHaveAttribute("lang", language);
          await expect(page.locator("main"), label).not.toContainText(/account:/);
          const scripts = await page.evaluate(() => document.scripts.length);
          expect(scripts > 0, `${label}: scripts present`).toBe(javaScript);
          await expectAccessible(page, label);
          await expectReflow(page, label);
        }
        await page.context().close();
      },
    );
  }
}
