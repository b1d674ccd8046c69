import path from "node:path";
import { defineConfig } from "vitest/config";

// One id per run names its snapshot and databases; workers inherit it.
process.env.PORTAL_TEST_RUN_ID ??= `${Date.now().toString(36)}${process.pid}`;

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#app\/(.*)$/, replacement: `${root}/app/$1` },
      { find: /^#db\/(.*)$/, replacement: `${root}/db/$1` },
      { find: /^#test\/(.*)$/, replacement: `${root}/test/$1` },
      { find: /^#locales\/(.*)$/, replacement: `${root}/locales/$1` },
    ],
  },
  test: {
    globals: true,
    // A missing word throws instead of showing its key.
    env: { PORTAL_STRICT_WORDS: "1" },
    include: [
      "app/**/*.test.{ts,tsx}",
      "db/**/*.test.ts",
      "scripts/**/*.test.ts",
      "test/integration/**/*.test.ts",
      "test/resilience/**/*.test.ts",
    ],
    globalSetup: ["./test/support/global-setup.ts"],
    setupFiles: ["./test/support/setup-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    fileParallelism: true,
  },
});
