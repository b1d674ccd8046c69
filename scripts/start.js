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

// `DEMO_SIGN_IN=true npm start`: a sign-in service on this machine that the demo councils use,
// to try "Sign in with your council account" (any email address, any password, at its page).
if (process.env.DEMO_SIGN_IN === "true") {
  const { startIdentityProvider } = await import("./identity-provider.js");
  const { demoSignInClient } = await import("../db/demo-addresses.js");
  const port = Number(process.env.PORT ?? 3000);
  const options = { port, publicUrl: process.env.PUBLIC_URL };
  const service = await startIdentityProvider({
    port: Number(process.env.DEMO_SIGN_IN_PORT ?? port + 1),
    clients: ["westmoor", "aberhaven"].map((slug) => demoSignInClient(slug, options)),
  });
  process.env.DEMO_SIGN_IN_SERVICE = service.issuer;
  console.log(`Demo sign-in service: ${service.issuer} (type any staff email address there)`);
}
await import("./supervisor.js");
