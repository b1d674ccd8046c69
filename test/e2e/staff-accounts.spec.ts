// A staff account from start to leaving, in a real browser, each person doing their own part:
// the admin makes it (a weak password refused, with the reason); its owner changes their password
// (their other browser is signed out), forgets it and resets it through the link emailed to the
// SMTP server, by keyboard (every session ends; the link works once); the admin finds the account
// and disables it, and its owner is signed out at once. (At Aberhaven, so no other test's Westmoor
// accounts change underneath it.)
import { expect, test, type Browser, type Page } from "@playwright/test";
import { mailIn } from "../support/smtp-receiver";
import { aberhaven, expectAccessible, passwordSignInButton, preloadAxe, signIn } from "./helpers";

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await preloadAxe(context);
  return context.newPage();
}

async function signInWith(page: Page, email: string, password: string) {
  await page.goto(`${aberhaven()}/staff/sign-in`);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await passwordSignInButton(page).click();
  await page.waitForLoadState("load");
}

/** Reloads the staff home: still signed in, or sent to sign in. */
async function signedIn(page: Page): Promise<boolean> {
  await page.goto(`${aberhaven()}/staff`);
  await page.waitForLoadState("load");
  return !new URL(page.url()).pathname.startsWith("/staff/sign-in");
}

test("an account is made, its password changed and reset by email, and it is disabled", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const name = `Robin Ash ${stamp}`;
  const email = `robin.ash.${stamp}@aberhaven.example`;
  const first = "a blue boat on the estuary";
  const second = "seven gulls over the harbour wall";
  const third = "the last train leaves at nine";

  // The admin makes the account: a common password is refused with its reason.
  const admin = await newPage(browser);
  await signIn(admin, "admin@aberhaven.example", aberhaven());
  await admin.goto(`${aberhaven()}/staff/users/new`);
  await admin.locator("#field-name").fill(name);
  await admin.locator("#field-email").fill(email);
  await admin.locator('[name="roles"][value="iro"]').check();
  await admin.locator("#field-password").fill("password1234");
  await admin.locator("main button[type=submit]").click();
  await expect(admin.locator(".error-summary")).toContainText(
    "like passwords many people use or that have been leaked",
  );
  await expect(admin.locator("#field-name")).toHaveValue(name);
  await admin.locator("#field-password").fill(first);
  await admin.locator("main button[type=submit]").click();
  await expect(admin.locator(".notice")).toContainText("The account has been created");

  // Its owner signs in twice (two browsers), then changes the password in one.
  const robin = await newPage(browser);
  const robinElsewhere = await newPage(browser);
  for (const page of [robin, robinElsewhere]) {
    await signInWith(page, email, first);
    await expect(page).toHaveURL(/\/staff$/);
  }
  await robin.getByRole("link", { name: "Change your password" }).click();
  await robin.locator("#field-current").fill(first);
  await robin.locator("#field-password").fill("aaaaaaaaaaaaaaaa");
  await robin.locator("#field-confirm").fill("aaaaaaaaaaaaaaaa");
  await robin.locator("main button[type=submit]").click();
  await expect(robin.locator(".error-summary")).toContainText("too easy to guess");
  await expectAccessible(robin, "change your password with a weak one");
  await robin.locator("#field-current").fill(first);
  await robin.locator("#field-password").fill(second);
  await robin.locator("#field-confirm").fill(second);
  await robin.locator("main button[type=submit]").click();
  await expect(robin.locator(".notice")).toContainText("Your password has been changed");
  await expectAccessible(robin, "password changed");
  expect(await signedIn(robin)).toBe(true);
  expect(await signedIn(robinElsewhere)).toBe(false);

  // Forgotten: asked for by keyboard alone, from the sign-in page.
  const forgetful = await newPage(browser);
  await forgetful.goto(`${aberhaven()}/staff/sign-in`);
  await forgetful.getByRole("link", { name: "Forgotten your password?" }).focus();
  await forgetful.keyboard.press("Enter");
  await forgetful.waitForURL(/\/staff\/forgot-password$/);
  await forgetful.locator("#field-email").focus();
  await forgetful.keyboard.type(email);
  await forgetful.keyboard.press("Enter");
  await expect(forgetful.locator("h1")).toHaveText("Check your email");
  await expectAccessible(forgetful, "check your email");

  const resets = () =>
    mailIn(process.env.E2E_MAIL_FOLDER!).filter(
      (mail) => mail.to.includes(email) && mail.subject.includes("Choose a new password"),
    );
  await expect.poll(() => resets().length, { timeout: 15_000 }).toBe(1);
  const emailed = resets()[0]!.text.match(/https?:\/\/\S+\/staff\/reset-password\/\S+/)?.[0];
  expect(emailed).toBeDefined();
  // The council's own address; here, its path on the test server.
  const link = `${aberhaven()}${new URL(emailed!).pathname}`;
  await forgetful.goto(link);
  await expect(forgetful.locator("main")).toContainText(email);
  await forgetful.locator("#field-password").focus();
  await forgetful.keyboard.type(third);
  await forgetful.keyboard.press("Tab");
  await forgetful.keyboard.type(`${third} (not the same)`);
  await forgetful.keyboard.press("Enter");
  await expect(forgetful.locator(".error-summary")).toContainText("not the same");
  await expectAccessible(forgetful, "choose a new password with errors");
  await forgetful.locator("#field-password").fill(third);
  await forgetful.locator("#field-confirm").fill(third);
  await forgetful.locator("#field-confirm").press("Enter");
  await forgetful.waitForURL(/\/staff\/sign-in\?reason=password-reset$/);
  await expect(forgetful.locator(".notice")).toContainText("Your password has been changed");

  // Every session ended; the new password signs in; the link does not work again.
  expect(await signedIn(robin)).toBe(false);
  await signInWith(forgetful, email, second);
  await expect(forgetful.locator(".error-summary")).toBeVisible();
  await signInWith(forgetful, email, third);
  await expect(forgetful).toHaveURL(/\/staff$/);
  await robin.goto(link);
  await expect(robin.locator("h1")).toHaveText("This link has been used or has run out");

  // The admin finds the account (not among those nobody uses) and disables it.
  await admin.goto(`${aberhaven()}/staff/users`);
  await admin.getByRole("link", { name: /Show accounts nobody has signed in to/ }).click();
  await expect(admin.locator("main")).not.toContainText(name);
  await admin.getByRole("link", { name: "Change the number of days" }).click();
  await expect(admin.locator("main")).toContainText("Days without signing in");
  await admin.goBack();
  await admin.getByRole("link", { name: "Show all accounts" }).click();
  const row = admin.locator("main tr", { hasText: email });
  await expect(row).toContainText("Can sign in");
  await row.getByRole("link", { name }).click();
  await expectAccessible(admin, "a staff account");
  await admin.getByRole("button", { name: "Disable account" }).click();
  await expect(admin.locator(".notice")).toContainText("disabled and signed out everywhere");
  await expect(admin.getByRole("button", { name: "Enable account" })).toBeVisible();
  await expectAccessible(admin, "a disabled account");
  expect(await signedIn(forgetful)).toBe(false);
  await signInWith(forgetful, email, third);
  await expect(forgetful.locator(".error-summary")).toBeVisible();
  await admin.goto(`${aberhaven()}/staff/users`);
  await expect(admin.locator("main tr", { hasText: email })).toContainText("Disabled");
});
