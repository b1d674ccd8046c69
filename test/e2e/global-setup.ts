// Starts one real portal server (production build, its own fresh database) for the browser tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuilt, spawnServer } from "../support/server";

export default async function globalSetup() {
  ensureBuilt();
  const serverUrl = process.env.TEST_DATABASE_URL;
  const env: Record<string, string> = {
    // Many sign-ins come from one address during these tests.
    SIGN_IN_ADDRESS_LIMIT: "1000",
  };
  let dropDatabase = async () => {};
  if (serverUrl) {
    const name = `portal_e2e_${Date.now().toString(36)}${process.pid}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    };
  } else {
    env.DATA_DIR = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-")), "db");
  }
  const server = await spawnServer(env);
  process.env.E2E_ORIGIN = server.origin;
  process.env.E2E_PORT = String(server.port);
  return async () => {
    const code = await server.stop("SIGTERM");
    await dropDatabase();
    if (code !== 0)
      throw new Error(`the server did not shut down cleanly (exit ${code}):\n${server.output()}`);
  };
}
