// The embedded database belongs to one process: a second server on the same folder is refused
// with a clear message, and the first shuts down cleanly on a signal, releasing its lock.
// (This is about PGlite, so it runs on PGlite in both CI passes.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { ensureBuilt, spawnServer } from "#test/support/server";

const embedded = (dataDir: string) => ({ DATA_DIR: dataDir, DATABASE_URL: "" });

test("a second process on the same embedded database is refused; SIGINT and SIGTERM close cleanly", async () => {
  ensureBuilt();
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-lock-")), "db");
  const first = await spawnServer(embedded(dataDir));
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(true);

  const second = await spawnServer(embedded(dataDir)).then(
    () => ({ code: 0, output: "started" }),
    (error: { code: number; output: string }) => error,
  );
  expect(second.code).toBe(1);
  expect(second.output).toContain("already open in another process");
  expect(second.output).toContain("DATABASE_URL");

  // The first is unharmed and still answers.
  expect((await fetch(`${first.origin}/healthz`)).status).toBe(200);
  expect(await first.stop("SIGINT")).toBe(0);
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

  // Once it has gone, the folder can be opened again, with the data it kept.
  const again = await spawnServer(embedded(dataDir));
  expect((await fetch(`${again.origin}/`)).status).toBe(200);
  expect(await again.stop("SIGTERM")).toBe(0);
}, 120_000);

test("a lock left by a process that died is replaced", async () => {
  ensureBuilt();
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-stale-")), "db");
  fs.writeFileSync(`${dataDir}.lock`, "999999");
  const server = await spawnServer(embedded(dataDir));
  expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(server.process.pid));
  expect(await server.stop()).toBe(0);
}, 120_000);

test("with no council set up yet, visitors are told so in their language, and health says not ready", async () => {
  ensureBuilt();
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-empty-")), "db");
  const server = await spawnServer({ ...embedded(dataDir), SEED_DEMO: "false" });
  const response = await fetch(`${server.origin}/`, { headers: { "Accept-Language": "pl" } });
  expect(response.status).toBe(503);
  const html = await response.text();
  expect(html).toContain('<html lang="pl" dir="ltr"');
  const polish = JSON.parse(fs.readFileSync("locales/pl/common.json", "utf8"));
  expect(html).toContain(polish.errors.notSetUp.title);
  expect(html).toContain("npm run council -- create");
  expect(html).toContain('href="tel:08001111"');
  expect((await fetch(`${server.origin}/healthz`)).status).toBe(503);
  // A form posted meanwhile comes back with "Try again", carrying exactly what was typed.
  const posted = await fetch(`${server.origin}/forms/listen-to-me-11-18/about-you`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "pl" },
    body: new URLSearchParams({ name: "Siân & <Sam>", csrf: "t".repeat(43) }),
  });
  expect(posted.status).toBe(503);
  const kept = await posted.text();
  expect(kept).toContain('<form method="post" action="/forms/listen-to-me-11-18/about-you">');
  expect(kept).toContain('<input type="hidden" name="name" value="Siân &amp; &lt;Sam&gt;"/>');
  expect(kept).toContain(polish.errors.unavailable.tryAgain);
  expect(await server.stop()).toBe(0);
}, 120_000);
