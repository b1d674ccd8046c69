import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./test/support/chromium";

process.env.CHROMIUM_PATH ??= findChromium();

export default defineConfig({
  testDir: "./test/e2e",
  globalSetup: "./test/e2e/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 90_000,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: "off",
  },
});
