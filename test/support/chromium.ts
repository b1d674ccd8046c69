// Finds a Chromium for the browser tests: CHROMIUM_PATH, then Playwright's own, then Debian's,
// installing Debian's when running as root on Debian. Otherwise stops with what to install.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";

const DEBIAN_PATH = "/usr/bin/chromium";

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // Playwright's own browser is not downloaded; fine.
  }
  if (fs.existsSync(DEBIAN_PATH)) return DEBIAN_PATH;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && fs.existsSync("/etc/debian_version")) {
    console.log("No Chromium found: installing Debian's chromium package…");
    execSync(
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
      {
        stdio: "inherit",
      },
    );
    if (fs.existsSync(DEBIAN_PATH)) return DEBIAN_PATH;
  }
  throw new Error(
    "The browser tests need Chromium and none was found. Install one of: Debian/Ubuntu " +
      "`apt-get install chromium`; or `npx playwright install chromium`; or set CHROMIUM_PATH " +
      "to a Chromium or Chrome executable.",
  );
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
