// `npm start`: build when the build is missing or older than the sources, then serve: the web
// server runs under the supervisor, which restarts a worker that dies.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const built = path.resolve("build/index.js");
const sources = ["app", "db", "locales", "remix.config.js", "package.json"];

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(file).map((name) => newest(path.join(file, name))));
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt < Math.max(...sources.map(newest))) {
  console.log("Building the portal…");
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"],
    {
      stdio: "inherit",
    },
  );
}
process.env.NODE_ENV ??= "production";
await import("./supervisor.js");
