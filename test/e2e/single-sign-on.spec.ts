// Single sign-on against a real OpenID Connect provider started here on loopback, at Aberhaven,
// each person doing their own part in a real browser: the admin sets the council's sign-in
// service up; an IRO signs in through it and lands on their work page with their portal roles;
// a replayed code, a wrong `state`, an ID token for another client, an identity with no account
// and a Westmoor identity are each refused with a page that says why. (Aberhaven never requires
// it here, so the other tests' password sign-ins there go on working.)
import { createPrivateKey, sign } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startIdentityProvider } from "../../scripts/identity-provider.js";
import {
  aberhaven,
  EVERY_PAGE,
  expectAccessible,
  expectReflow,
  LANGUAGES,
  preloadAxe,
  signIn,
  withoutScripts,
} from "./helpers";

test.describe.configure({ mode: "serial" });

const SECRET = "aberhaven-portal-secret-for-the-browser-tests";
let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
/** The next ID token the provider gives out is re-signed for this audience instead. */
let nextAudience: string | undefined;

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An ID token with another audience, signed with the provider's own key. */
function reissued(idToken: string, audience: string): string {
  const [header, payload] = idToken.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as object;
  const body = `${header}.${base64url({ ...claims, aud: audience })}`;
  const key = createPrivateKey({ key: idp.signingKey, format: "jwk" });
  return `${body}.${sign("sha256", Buffer.from(body), key).toString("base64url")}`;
}

test.beforeAll(async () => {
  idp = await startIdentityProvider({
    clients: [
      {
        id: "aberhaven-portal",
        secret: SECRET,
        redirectUris: [`${aberhaven()}/staff/sso/callback`],
      },
    ],
  });
  idp.provider.use(async (ctx: { path: string; body: unknown }, next: () => Promise<void>) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && nextAudience && body?.id_token) {
      ctx.body = { ...body, id_token: reissued(body.id_token, nextAudience) };
      nextAudience = undefined;
    }
  });
});

test.afterAll(async () => {
  await idp?.stop();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await preloadAxe(context);
  return context.newPage();
}

/**
 * Presses "Sign in with your Aberhaven account" by keyboard; resolves at the provider, with the
 * `state` the portal sent it.
 */
async function startSignIn(page: Page): Promise<string> {
  const asked = page.waitForRequest((request) => request.url().startsWith(`${idp.issuer}/auth?`));
  await page.goto(`${aberhaven()}/staff/sign-in`);
  const button = page.getByRole("link", { name: "Sign in with your Aberhaven account" });
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.href.startsWith(idp.issuer));
  return new URL((await asked).url()).searchParams.get("state")!;
}

/** Signs in at the provider's own pages as `login`, and agrees to share their details. */
async function atTheProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.href.startsWith(aberhaven()));
}

/** A refusal page: its heading, axe-checked; no session came of it. */
async function expectRefused(page: Page, heading: string) {
  await expect(page.locator("h1")).toHaveText(heading);
  await expectAccessible(page, `single sign-on refused: ${heading}`);
  await page.getByRole("link", { name: "Go back to sign in" }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
}

test("the admin sets it up, and an IRO signs in with the council account", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await newPage(browser);
  await signIn(admin, "admin@aberhaven.example", aberhaven());
  await admin.goto(`${aberhaven()}/staff/settings`);
  await admin.getByRole("link", { name: "Signing in" }).click();
  await expectAccessible(admin, "the sign-in settings");
  await admin.locator("#field-ssoIssuer").fill("ftp://sign-in.aberhaven.example");
  await admin.locator("#field-ssoClientId").fill("aberhaven-portal");
  await admin.locator("#field-ssoClientSecret").fill(SECRET);
  await admin.locator("main button[type=submit]").click();
  await expect(admin.locator(".error-summary")).toContainText("starts with https://");
  // What was typed stays, but the secret is never sent back to the page.
  await expect(admin.locator("#field-ssoClientId")).toHaveValue("aberhaven-portal");
  expect(await admin.content()).not.toContain(SECRET);
  await admin.locator("#field-ssoIssuer").fill(idp.issuer);
  await admin.locator("#field-ssoClientSecret").fill(SECRET);
  await admin.locator("main button[type=submit]").click();
  await expect(admin.locator(".notice")).toContainText("Your changes are saved");
  await expect(admin.locator("#field-ssoClientSecret-hint")).toContainText("A secret is saved");
  expect(await admin.content()).not.toContain(SECRET);
  await expectAccessible(admin, "the sign-in settings, saved");

  // The IRO signs in through the council's service, by keyboard on the portal's pages.
  const iro = await newPage(browser);
  await iro.goto(`${aberhaven()}/staff/sign-in`);
  await expectAccessible(iro, "sign-in with the council account offered");
  const callbacks: string[] = [];
  iro.on("request", (request) => {
    if (request.url().includes("/staff/sso/callback")) callbacks.push(request.url());
  });
  await startSignIn(iro);
  await atTheProvider(iro, "iro@aberhaven.example");
  await expect(iro).toHaveURL(`${aberhaven()}/staff`);
  await expect(iro.locator("h1")).toContainText("Hello,");
  await expect(iro.locator("main")).toContainText("Independent Reviewing Officer");
  await expectAccessible(iro, "the IRO's work page after single sign-on");

  // The same way back again (a replayed code, in the same browser) signs nobody in.
  const used = callbacks[0]!;
  await iro.context().clearCookies();
  await iro.goto(used);
  await expectRefused(iro, "This sign-in has run out");

  // The used code, with a fresh sign-in's own state: the provider refuses it.
  const again = await newPage(browser);
  const state = await startSignIn(again);
  const replay = new URL(used);
  replay.searchParams.set("state", state);
  await again.goto(replay.href);
  await expectRefused(again, "Your council's sign-in service did not accept this sign-in");

  // The admin sees the account linked.
  await admin.goto(`${aberhaven()}/staff/users`);
  await admin.getByRole("link", { name: "Priya Shah" }).click();
  await expect(admin.locator("main")).toContainText("linked to its owner's council account");
  await expectAccessible(admin, "an account linked to the council's sign-in service");
});

test("a way back that did not start in this browser is refused", async ({ browser }) => {
  const page = await newPage(browser);
  await startSignIn(page);
  await page.goto(`${aberhaven()}/staff/sso/callback?code=made-up&state=not-the-one`);
  await expectRefused(page, "We could not check this sign-in");
});

test("an ID token for another client is refused", async ({ browser }) => {
  const page = await newPage(browser);
  await startSignIn(page);
  nextAudience = "westmoor-portal";
  await atTheProvider(page, "iro@aberhaven.example");
  await expectRefused(page, "We could not trust this sign-in");
  expect(nextAudience).toBeUndefined();
});

test("an identity with no staff account here is refused, Westmoor's too", async ({ browser }) => {
  for (const login of ["nobody@aberhaven.example", "iro@westmoor.example"]) {
    const page = await newPage(browser);
    await startSignIn(page);
    await atTheProvider(page, login);
    await expect(page.locator("main")).toContainText(`There is no staff account here for ${login}`);
    await expectRefused(page, "There is no account for you here");
  }
});

/** The pages single sign-on adds, as each person sees them. */
const PAGES: { label: string; as?: string; path: string }[] = [
  { label: "sign in, with the council account offered", path: "/staff/sign-in" },
  { label: "the council's service not answering", path: "/staff/sign-in?reason=sso-unreachable" },
  { label: "a sign-in that has run out", path: "/staff/sso/callback?code=x&state=y" },
  { label: "the sign-in settings", as: "admin@aberhaven.example", path: "/staff/settings/sign-in" },
];

for (const language of LANGUAGES) {
  for (const javaScript of [true, false]) {
    test(
      `its pages in ${language}, JavaScript ${javaScript ? "on" : "off"}`,
      EVERY_PAGE,
      async ({ browser }) => {
        const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
        if (!javaScript) await withoutScripts(context);
        await preloadAxe(context);
        const page = await context.newPage();
        await page.goto(`${aberhaven()}/?lng=${language}`);
        for (const check of PAGES) {
          const label = `${check.label} [${language}, JS ${javaScript ? "on" : "off"}]`;
          if (check.as) await signIn(page, check.as, aberhaven());
          await page.goto(`${aberhaven()}${check.path}`);
          await expect(page.locator("html"), label).toHaveAttribute("lang", language);
          await expect(page.locator("html"), label).toHaveAttribute(
            "dir",
            language === "ur" ? "rtl" : "ltr",
          );
          await expect(page.locator("main"), label).not.toContainText(/account:|settings:/);
          const scripts = await page.evaluate(() => document.scripts.length);
          expect(scripts > 0, `${label}: scripts present`).toBe(javaScript);
          await expectAccessible(page, label);
          await expectReflow(page, label);
        }
        // An account's own page, with its council-account part.
        await page.goto(`${aberhaven()}/staff/users`);
        await page.getByRole("link", { name: "Priya Shah", exact: true }).click();
        await page.waitForLoadState("load");
        await expect(page.locator('main button[name="intent"][value="unlink"]')).toBeVisible();
        await expectAccessible(page, `an account's page [${language}]`);
        await expectReflow(page, `an account's page [${language}]`);
        await context.close();
      },
    );
  }
}
