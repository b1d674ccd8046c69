// A council that requires single sign-on, in a real browser, on a portal of its own (so no other
// test's password sign-ins are refused): the admin cannot require it before naming an admin who
// may still use a password, then does; an IRO's right password is refused with the reason and
// the password form is folded away; the IRO signs in with the council account; the named admin
// still signs in with a password and a code.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { startIdentityProvider } from "../../scripts/identity-provider.js";
import { spawnServer, type RunningServer } from "../support/server";
import {
  DEMO_PASSWORD,
  expectAccessible,
  passwordSignInButton,
  preloadAxe,
  signIn,
} from "./helpers";

test.describe.configure({ mode: "serial" });

const SECRET = "westmoor-portal-secret-for-the-required-test";
let server: RunningServer;
let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
let dropDatabase = async () => {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const serverUrl = process.env.TEST_DATABASE_URL;
  const env: Record<string, string> = {};
  if (serverUrl) {
    const name = `portal_sso_${Date.now().toString(36)}${process.pid}`;
    const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await sql.unsafe(`create database "${name}"`);
    await sql.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  } else {
    env.DATA_DIR = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-sso-")), "db");
  }
  server = await spawnServer(env);
  idp = await startIdentityProvider({
    clients: [
      {
        id: "westmoor-portal",
        secret: SECRET,
        redirectUris: [`${server.origin}/staff/sso/callback`],
      },
    ],
  });
});

test.afterAll(async () => {
  await idp?.stop();
  await server?.stop();
  await dropDatabase();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await preloadAxe(context);
  return context.newPage();
}

test("required for all but the admins named", async ({ browser }) => {
  test.setTimeout(120_000);
  const base = server.origin;
  const admin = await newPage(browser);
  await signIn(admin, "admin@westmoor.example", base);

  // The service first; then it cannot be required before an admin may still use a password.
  await admin.goto(`${base}/staff/settings/sign-in`);
  await admin.locator("#field-ssoIssuer").fill(idp.issuer);
  await admin.locator("#field-ssoClientId").fill("westmoor-portal");
  await admin.locator("#field-ssoClientSecret").fill(SECRET);
  await admin.locator("main button[type=submit]").click();
  await expect(admin.locator(".notice")).toContainText("Your changes are saved");
  const requireIt = async () => {
    await admin.goto(`${base}/staff/settings/sign-in`);
    await admin.locator('[name="staffSignIn"][value="sso-required"]').check();
    await admin.locator("main button[type=submit]").click();
    await admin.waitForLoadState("load");
  };
  await requireIt();
  await expect(admin.locator(".error-summary")).toContainText(
    "First name at least one admin account that may still use a password",
  );
  await expectAccessible(admin, "requiring single sign-on, refused");

  // The admin names their own account, then requires it.
  await admin.goto(`${base}/staff/users`);
  await admin.locator('main table a[href^="/staff/users/"]', { hasText: "Chris Lee" }).click();
  await admin.getByRole("button", { name: "Allow a password" }).click();
  await expect(admin.locator(".notice")).toContainText("Chris Lee may now use a password");
  await expectAccessible(admin, "an admin allowed a password");
  await requireIt();
  await expect(admin.locator(".notice")).toContainText("Your changes are saved");

  // An IRO's right password is refused, with the reason; the form is folded away.
  const iro = await newPage(browser);
  await iro.goto(`${base}/staff/sign-in`);
  await expect(iro.locator("details.details")).not.toHaveAttribute("open", "");
  await expectAccessible(iro, "sign in where single sign-on is required");
  await iro.getByText("Sign in with a password").click();
  await iro.locator("#field-email").fill("iro@westmoor.example");
  await iro.locator("#field-password").fill(DEMO_PASSWORD);
  await passwordSignInButton(iro).click();
  await expect(iro.locator(".error-summary")).toContainText(
    "Your council asks you to sign in with your council account",
  );
  await expect(iro.locator("details.details")).toHaveAttribute("open", "");
  await expectAccessible(iro, "a password refused where single sign-on is required");
  await iro.goto(`${base}/staff/forgot-password`);
  await expect(iro.locator("main")).toContainText("Only accounts your admin has named");

  // …and signs in with the council account.
  await iro.goto(`${base}/staff/sign-in`);
  await iro.getByRole("link", { name: "Sign in with your Westmoor account" }).click();
  await iro.locator('input[name="login"]').fill("iro@westmoor.example");
  await iro.locator('input[name="password"]').fill("anything");
  await iro.locator('button[type="submit"]').click();
  await iro.locator('button[type="submit"]').click();
  await expect(iro).toHaveURL(`${base}/staff`);
  await expect(iro.locator("main")).toContainText("Independent Reviewing Officer");

  // The admin named still signs in with a password and a code.
  const again = await newPage(browser);
  await again.goto(`${base}/staff/sign-in`);
  await again.getByText("Sign in with a password").click();
  await again.locator("#field-email").fill("admin@westmoor.example");
  await again.locator("#field-password").fill(DEMO_PASSWORD);
  await passwordSignInButton(again).click();
  await expect(again).toHaveURL(/\/staff\/sign-in\/code$/);
});
