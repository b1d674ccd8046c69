// Journeys a person makes, in a real browser.
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { aberhaven, DEMO_PASSWORD, origin, passwordSignInButton, signIn } from "./helpers";

test("a member of staff signs in and out with the keyboard alone", async ({ page }) => {
  await page.goto(`${origin()}/staff/sign-in`);
  await page.keyboard.press("Tab");
  await expect(page.locator(".skip-link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();
  for (
    let i = 0;
    i < 10 && !(await page.locator("#field-email").evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(page.locator("#field-email")).toBeFocused();
  // focus is visible: a yellow outline
  const outline = await page
    .locator("#field-email")
    .evaluate((el) => getComputedStyle(el).outlineColor);
  expect(outline).toBe("rgb(255, 221, 0)");
  await page.keyboard.type("chair@westmoor.example");
  await page.keyboard.press("Tab");
  await expect(page.locator("#field-password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.locator("h1")).toHaveText("Hello, Tom Evans");
  await expect(page.getByText("Child protection conference chair")).toBeVisible();
  await expect(page).toHaveTitle("Your work – Have your say");

  const signOut = page.getByRole("button", { name: "Sign out" }).first();
  await signOut.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/staff\/sign-in\?reason=signed-out/);
  await expect(page.getByText("You have signed out")).toBeVisible();
  await page.goto(`${origin()}/staff`);
  await expect(page).toHaveURL(/\/staff\/sign-in/);
});

test("wrong passwords: the error summary takes focus, then sign-in is throttled", async ({
  page,
}) => {
  await page.goto(`${origin()}/staff/sign-in`);
  const attempt = async (password: string) => {
    await page.locator("#field-email").fill("advocacy@westmoor.example");
    await page.locator("#field-password").fill(password);
    await page.locator("main button[type=submit]").click();
  };
  await attempt("not-the-password");
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator(".error-summary")).toContainText(
    "The email address or password is not right",
  );
  await expect(page.locator("#field-email")).toHaveValue("advocacy@westmoor.example");
  await expect(page.locator("#field-password")).toHaveValue("");
  for (let i = 0; i < 4; i++) await attempt(`wrong-${i}`);
  await attempt(DEMO_PASSWORD);
  await expect(page.locator(".error-summary")).toContainText(/Try again in 1[45] minutes/);
  await page.locator(".error-summary a").click();
  await expect(page.locator("#field-email")).toBeFocused();
});

test("the other council's site shows its own name and refuses this council's staff", async ({
  page,
}) => {
  await page.goto(`${aberhaven()}/`);
  await expect(page.locator(".header__council")).toHaveText("Aberhaven County Council");
  await page.goto(`${aberhaven()}/staff/sign-in`);
  await page.locator("#field-email").fill("admin@westmoor.example");
  await page.locator("#field-password").fill(DEMO_PASSWORD);
  await passwordSignInButton(page).click();
  await expect(page.locator(".error-summary")).toContainText("not right");
  await signIn(page, "admin@aberhaven.example", aberhaven());
  await page.goto(`${aberhaven()}/staff/users`);
  await expect(page.locator("table")).toContainText("admin@aberhaven.example");
  await expect(page.locator("table")).not.toContainText("westmoor");
});

test.describe("Exit this page", () => {
  test.beforeEach(async ({ context }) => {
    await context.route("https://www.bbc.co.uk/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<title>Weather</title><h1>Weather</h1>" }),
    );
  });

  test("leaves at once and the back button does not return to the portal", async ({ page }) => {
    await page.goto("about:blank");
    await page.goto(`${origin()}/`);
    await page.getByRole("link", { name: /Exit this page/ }).click();
    await expect(page).toHaveURL("https://www.bbc.co.uk/weather");
    await page.goBack();
    await expect(page).toHaveURL("about:blank");
  });

  test("pressing Shift three times leaves too", async ({ page }) => {
    await page.goto(`${origin()}/accessibility`);
    await expect(page.getByText("Or press the Shift key 3 times")).toBeVisible();
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
    await expect(page).toHaveURL("https://www.bbc.co.uk/weather");
  });

  test("without JavaScript it is an ordinary link", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route("https://www.bbc.co.uk/**", (route) => route.fulfill({ body: "Weather" }));
    const page = await context.newPage();
    await page.goto(`${origin()}/`);
    await expect(page.getByText("Or press the Shift key 3 times")).toBeHidden();
    await page.getByRole("link", { name: /Exit this page/ }).click();
    await expect(page).toHaveURL("https://www.bbc.co.uk/weather");
    await context.close();
  });
});

test("the timeout warning keeps a member of staff signed in when asked", async ({ page }) => {
  await page.clock.install();
  await signIn(page, "fgc@westmoor.example");
  const dialog = page.locator("[data-timeout-warning]");
  await page.clock.fastForward("27:00");
  await expect(dialog).toBeHidden();
  await page.clock.fastForward("01:30");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  // With script, staying signed in happens in the background: the page is not reloaded.
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
  const extended = page.waitForResponse((r) => r.url().endsWith("/staff/session"));
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  expect((await extended).headers()["content-type"]).toContain("application/json");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/staff$/);
  expect(await page.evaluate(() => "stillThisPage" in window)).toBe(true);
  // after the full 30 minutes with no answer, the page goes to sign in
  await page.clock.fastForward("30:01");
  await expect(page).toHaveURL(/\/staff\/sign-in\?reason=timeout/);
});

test("public pages: tiny JavaScript, no fonts, nothing from other sites", async ({ page }) => {
  const requests: { url: string; type: string; bytes: number }[] = [];
  page.on("requestfinished", async (request) => {
    const response = await request.response();
    const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
    requests.push({
      url: request.url(),
      type: request.resourceType(),
      bytes: gzipSync(body).length,
    });
  });
  for (const path of ["/", "/accessibility", "/privacy", "/staff/sign-in"]) {
    await page.goto(`${origin()}${path}`, { waitUntil: "networkidle" });
  }
  expect(requests.filter((r) => !r.url.startsWith(origin()))).toEqual([]);
  expect(requests.filter((r) => r.type === "font")).toEqual([]);
  const scripts = requests.filter((r) => r.type === "script");
  expect(scripts.length).toBeGreaterThan(0);
  const scriptBytes = Math.max(...scripts.map((r) => r.bytes));
  console.log(
    `public JavaScript: ${scriptBytes} bytes gzipped (${new Set(scripts.map((s) => s.url)).size} file)`,
  );
  expect(scriptBytes).toBeLessThanOrEqual(15 * 1024);
  const home = requests.find((r) => r.type === "document" && r.url === `${origin()}/`);
  const css = requests.find((r) => r.type === "stylesheet");
  console.log(`home page: HTML ${home?.bytes} B, CSS ${css?.bytes} B, JS ${scriptBytes} B gzipped`);
});
