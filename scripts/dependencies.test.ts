// The dependency list: every package the portal ships is one its code imports, and the mail
// library is outside the published advisories of its 6.x line (fixed from 7.0.11 on).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const manifest = JSON.parse(fs.readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
};

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const shipped = [
  ...sourceFiles("app"),
  ...sourceFiles("db"),
  ...sourceFiles("scripts"),
  "server.js",
]
  .map((file) => fs.readFileSync(file, "utf8"))
  .join("\n");

const installedVersion = (name: string) =>
  (
    JSON.parse(fs.readFileSync(path.join("node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

describe("dependencies", () => {
  test.each(Object.keys(manifest.dependencies))("%s is used by the portal's own code", (name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    // Only an import names a package: `from "x"`, `import("x")`, `import "x"` or `require("x")`.
    const specifier = `["']${escaped}(/[^"']*)?["']`;
    expect(shipped).toMatch(
      new RegExp(`(from\\s+|import\\s*\\(\\s*|import\\s+|require\\s*\\(\\s*)${specifier}`),
    );
  });

  test("the mail library is past the 6.x advisories", () => {
    const [major = 0, minor = 0, patch = 0] = installedVersion("nodemailer").split(".").map(Number);
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(7_000_011);
  });
});
