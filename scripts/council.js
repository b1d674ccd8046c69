// `npm run council -- create --name … --short-name … --public-url … --contact-email …
//  --contact-phone … --out-of-hours-phone … --admin-name … --admin-email … [--slug …]
//  [--country england|wales] [--postal-address …]`
// Creates a council and its first admin, and prints once the link the admin opens to choose a
// password (it works once, for 72 hours). Same settings as the server (DATABASE_URL or DATA_DIR,
// SECRET_KEY). With the embedded database, stop the server first. Builds first when needed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const OPTIONS = {
  name: "name",
  "short-name": "shortName",
  slug: "slug",
  "public-url": "publicUrl",
  "contact-email": "contactEmail",
  "contact-phone": "contactPhone",
  "out-of-hours-phone": "outOfHoursPhone",
  "postal-address": "postalAddress",
  country: "country",
  "admin-name": "adminName",
  "admin-email": "adminEmail",
};

const USAGE = `Usage: npm run council -- create ${Object.keys(OPTIONS)
  .map((option) => `--${option} …`)
  .join(" ")}
--slug (default: from the short name), --country (england or wales; default england) and
--postal-address are optional.`;

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(Object.keys(OPTIONS).map((option) => [option, { type: "string" }])),
  });
} catch (error) {
  fail(`${error.message}\n\n${USAGE}`);
}
if (parsed.positionals[0] !== "create" || parsed.positionals.length !== 1) fail(USAGE);

const input = Object.fromEntries(
  Object.entries(OPTIONS).map(([option, field]) => [field, parsed.values[option]]),
);

const BUILD_PATH = path.resolve("build/index.js");
if (!fs.existsSync(BUILD_PATH)) {
  console.log("Building the portal…");
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"],
    {
      stdio: "inherit",
    },
  );
}
const build = await import(pathToFileURL(BUILD_PATH).href);
const { runCreateCouncilProcess } = build.entry.module;

try {
  const { organisation, admin, signInLink } = await runCreateCouncilProcess(input);
  console.log(`Created ${organisation.name} (${organisation.slug}) with its admin ${admin.email}.`);
  console.log("The admin opens this link to choose a password. It works once, for 72 hours,");
  console.log("and is not shown again:\n");
  console.log(`  ${signInLink}\n`);
  process.exit(0);
} catch (error) {
  if (error?.name === "ZodError") {
    const problems = error.issues.map((issue) => {
      const option = Object.keys(OPTIONS).find((key) => OPTIONS[key] === issue.path[0]);
      return `  --${option}: ${issue.input === undefined ? "missing" : issue.message}`;
    });
    fail(`The council was not created:\n${problems.join("\n")}\n\n${USAGE}`);
  }
  const known = ["CouncilExistsError", "DatabaseLockedError", "MissingKeyError"];
  if (error && (known.includes(error.name) || /^Invalid environment/.test(error.message))) {
    fail(error.message);
  }
  throw error;
}
