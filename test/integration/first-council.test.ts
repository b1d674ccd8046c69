// A new deployment from an empty database (PGlite, or the PostgreSQL server when
// TEST_DATABASE_URL is set): the portal says no council exists and how to make one; the README's
// command makes a council and its admin; the admin opens the one-time link, chooses a password
// and is signed in; the link then works no more.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { codeAt } from "#test/support/authenticator";
import { NO_COUNCIL_YET } from "#app/models/council.server";
import { admin, runId, serverUrl, urlFor } from "#test/support/databases";
import { ensureBuilt, freePort, spawnServer, TEST_SECRET_KEY, Visitor } from "#test/support/server";

const run = promisify(execFile);

async function emptyDatabase(): Promise<{
  env: Record<string, string>;
  dispose: () => Promise<unknown>;
}> {
  if (serverUrl) {
    const name = `portal_test_${runId()}_first_${process.pid}`;
    await admin((sql) => sql.unsafe(`create database "${name}"`));
    return {
      env: { DATABASE_URL: urlFor(name) },
      dispose: () => admin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)),
    };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-first-"));
  return {
    env: { DATA_DIR: path.join(folder, "db"), DATABASE_URL: "" },
    dispose: async () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}

const welsh = JSON.parse(fs.readFileSync("locales/cy/common.json", "utf8"));

test("from an empty database, the council command makes a council whose admin signs in through the link", async () => {
  ensureBuilt();
  const database = await emptyDatabase();
  const port = String(await freePort());
  const env = { ...database.env, SEED_DEMO: "false", PORT: port };
  try {
    // Nothing set up yet: the log and the page say so, in the visitor's language.
    const empty = await spawnServer(env);
    try {
      const page = await fetch(`${empty.origin}/`, { headers: { "Accept-Language": "cy" } });
      expect(page.status).toBe(503);
      const html = (await page.text()).replaceAll("&#x27;", "'");
      expect(html).toContain(welsh.errors.notSetUp.title);
      expect(html).toContain("npm run council -- create");
      expect(empty.output()).toContain(NO_COUNCIL_YET);
    } finally {
      expect(await empty.stop()).toBe(0);
    }

    // The README's command, as an operator types it.
    const args = [
      "scripts/council.js",
      "create",
      "--name",
      "Northfield City Council",
      "--short-name",
      "Northfield",
      "--public-url",
      `http://localhost:${port}`,
      "--contact-email",
      "haveyoursay@northfield.example",
      "--contact-phone",
      "0300 555 0100",
      "--out-of-hours-phone",
      "0300 555 0199",
      "--admin-name",
      "Morgan Price",
      "--admin-email",
      "morgan@northfield.example",
    ];
    const commandEnv = { ...process.env, ...database.env, SECRET_KEY: TEST_SECRET_KEY };
    const { stdout } = await run(process.execPath, args, { env: commandEnv });
    const link = /(http:\/\/localhost:\d+\/staff\/welcome\/[A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    expect(stdout).toContain("Created Northfield City Council (northfield)");
    expect(link).toBeDefined();

    // The same command again is refused plainly, and creates nothing.
    const again = await run(process.execPath, args, { env: commandEnv }).catch((e) => e);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A council called "northfield" already exists.');
    const missing = await run(process.execPath, ["scripts/council.js", "create"], {
      env: commandEnv,
    }).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--name: missing");

    const server = await spawnServer(env);
    try {
      const home = await fetch(`${server.origin}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("0300 555 0199");

      const admin = new Visitor(server.origin);
      const path = new URL(link!).pathname;
      const welcome = await admin.request(path);
      expect(welcome.status).toBe(200);
      expect(welcome.headers.get("cache-control")).toContain("no-store");
      const form = await welcome.text();
      expect(form).toContain("Welcome, Morgan Price.");
      // Too short, then not the same: told why, nothing spent.
      const short = await admin.postFrom(path, form, { password: "short", confirm: "short" });
      expect(short.status).toBe(400);
      expect(await short.text()).toContain("Your password needs at least 12 characters.");
      const different = await admin.postFrom(path, form, {
        password: "the kettle is on the stove",
        confirm: "the kettle is on the stove!",
      });
      expect(await different.text()).toContain("The two passwords are not the same.");
      const chosen = await admin.postFrom(path, form, {
        password: "the kettle is on the stove",
        confirm: "the kettle is on the stove",
      });
      // An admin sets up an authenticator app before their first session.
      expect(chosen.status).toBe(302);
      expect(chosen.headers.get("location")).toBe("/staff/sign-in/set-up");
      expect((await admin.request("/staff")).status).toBe(302);
      const setUp = await (await admin.request("/staff/sign-in/set-up")).text();
      const key = /id="authenticator-key"[^>]*>([A-Z2-7 ]+)</.exec(setUp)![1]!.replace(/ /g, "");
      const kept = await admin.postFrom("/staff/sign-in/set-up", setUp, { code: codeAt(key) });
      expect(kept.status).toBe(200);
      expect(await kept.text()).toContain("Keep your recovery codes");
      const staffHome = await admin.request("/staff");
      expect(staffHome.status).toBe(200);
      const work = await staffHome.text();
      expect(work).toContain('href="/staff/settings"');
      expect(work).toContain('href="/staff/users"');

      // The link is spent: it says so, and never whose it was.
      const spent = await new Visitor(server.origin).request(path);
      expect(spent.status).toBe(410);
      const spentPage = await spent.text();
      expect(spentPage).toContain("This link has been used or has run out");
      expect(spentPage).not.toContain("Morgan");

      // The password, then the app's next code, now sign in.
      const later = new Visitor(server.origin);
      const password = await later.submit("/staff/sign-in", {
        email: "morgan@northfield.example",
        password: "the kettle is on the stove",
      });
      expect(password.headers.get("location")).toBe("/staff/sign-in/code");
      const code = await later.submit("/staff/sign-in/code", {
        code: codeAt(key, Date.now() + 30_000),
      });
      expect(code.status).toBe(302);
      expect((await later.request("/staff/settings")).status).toBe(200);
    } finally {
      await server.stop();
    }
  } finally {
    await database.dispose();
  }
}, 180_000);
