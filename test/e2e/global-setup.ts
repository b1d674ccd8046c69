// Starts one real portal server (production build, its own fresh database) for the browser tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuilt, spawnServer } from "../support/server";
import { startSmtpReceiver } from "../support/smtp-receiver";

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
  // Email goes to a real SMTP server; what arrives is written to a folder the tests read.
  const mailFolder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-mail-"));
  const receiver = await startSmtpReceiver({ folder: mailFolder });
  env.SMTP_URL = receiver.url;
  env.OUTBOX_INTERVAL_MS = "200";
  const server = await spawnServer(env);
  process.env.E2E_ORIGIN = server.origin;
  process.env.E2E_PORT = String(server.port);
  process.env.E2E_MAIL_FOLDER = mailFolder;
  return async () => {
    const code = await server.stop("SIGTERM");
    await receiver.stop();
    await dropDatabase();
    if (code !== 0)
      throw new Error(`the server did not shut down cleanly (exit ${code}):\n${server.output()}`);
  };
}
