// The embedded database's folder is for the portal's own user only: the folder and every folder
// in it 0700, every file 0600 (and the key and lock files beside it), also when an older folder
// had wider modes. With DATABASE_URL the key can only come from the environment.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "#db/client";
import { schema } from "#db/client";
import { loadSecretKey, setKeyring } from "#db/sealing";
import { ensureBuilt, TEST_SECRET_KEY } from "#test/support/server";

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** Every folder and file under (and including) a folder, with its mode. */
function modesUnder(folder: string): { path: string; dir: boolean; mode: number }[] {
  const found = [{ path: folder, dir: true, mode: modeOf(folder) }];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...modesUnder(full));
    else found.push({ path: full, dir: false, mode: modeOf(full) });
  }
  return found;
}

const wrong = (dataDir: string) =>
  modesUnder(dataDir)
    .filter((entry) => entry.mode !== (entry.dir ? 0o700 : 0o600))
    .map((entry) => `${entry.mode.toString(8)} ${entry.path}`);

let root: string;
let umask: number;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "portal-modes-"));
  // As on the machine where the finding was made: nothing masked by default.
  umask = process.umask(0);
});

afterAll(() => {
  process.umask(umask);
  setKeyring(TEST_SECRET_KEY);
  fs.rmSync(root, { recursive: true, force: true });
});

async function openAndWrite(dataDir: string) {
  loadSecretKey({ keyFile: `${dataDir}.secret-key` });
  const open = await openDatabase({ kind: "pglite", dataDir });
  try {
    expect(modeOf(`${dataDir}.lock`)).toBe(0o600);
    await open.migrate();
    await open.db.insert(schema.rateLimit).values(
      Array.from({ length: 50 }, (_, i) => ({
        key: `${path.basename(path.dirname(dataDir))}-${Date.now()}-${i}`,
        count: i,
        resetAt: new Date(),
      })),
    );
  } finally {
    await open.close();
  }
}

describe("the embedded database's folder", () => {
  test("a new folder, after rows are written: folders 0700, files 0600, key file 0600", async () => {
    const dataDir = path.join(root, "fresh", "db");
    await openAndWrite(dataDir);
    expect(modesUnder(dataDir).length).toBeGreaterThan(100);
    expect(wrong(dataDir)).toEqual([]);
    expect(modeOf(`${dataDir}.secret-key`)).toBe(0o600);
  });

  test("a folder left with wider modes is put right when it is opened", async () => {
    const dataDir = path.join(root, "fresh", "db");
    for (const entry of modesUnder(dataDir)) fs.chmodSync(entry.path, entry.dir ? 0o777 : 0o666);
    fs.chmodSync(`${dataDir}.secret-key`, 0o644);
    expect(wrong(dataDir).length).toBeGreaterThan(100);
    await openAndWrite(dataDir);
    expect(wrong(dataDir)).toEqual([]);
    expect(modeOf(`${dataDir}.secret-key`)).toBe(0o600);
  });
});

describe("the key with a PostgreSQL server", () => {
  test("without SECRET_KEY the server does not start, even with a key file beside DATA_DIR", async () => {
    ensureBuilt();
    const dataDir = path.join(root, "fresh", "db");
    expect(fs.existsSync(`${dataDir}.secret-key`)).toBe(true);
    const child = spawn(process.execPath, ["server.js"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: "0",
        // Nothing listens here: the key is checked before the database is opened.
        DATABASE_URL: "postgres://portal@127.0.0.1:9/portal",
        DATA_DIR: dataDir,
        SECRET_KEY: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).not.toBe(0);
    expect(output).toContain("SECRET_KEY is not set");
    expect(output).not.toMatch(/Portal ready/);
  });
});
