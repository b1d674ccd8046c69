// `npm run reseal`: seals with SECRET_KEY everything that is plain text or sealed with a key in
// PREVIOUS_SECRET_KEYS, then says so. Same settings as the server (DATABASE_URL or DATA_DIR,
// SECRET_KEY, PREVIOUS_SECRET_KEYS). Safe to run again; the server does the same at every start.
// With the embedded database, stop the server first. Build first (`npm run build`).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const BUILD_PATH = path.resolve("build/index.js");
if (!fs.existsSync(BUILD_PATH)) {
  console.error("There is no build yet: run `npm run build` first.");
  process.exit(1);
}

const build = await import(pathToFileURL(BUILD_PATH).href);
const { runResealProcess } = build.entry.module;

try {
  const left = await runResealProcess();
  if (Object.keys(left).length > 0) {
    console.error(`Some values changed while sealing; run it again: ${JSON.stringify(left)}`);
    process.exit(1);
  }
  console.log("Everything is sealed with the current SECRET_KEY.");
  process.exit(0);
} catch (error) {
  const known = ["DatabaseLockedError", "MissingKeyError"];
  if (error && (known.includes(error.name) || /^Invalid environment/.test(error.message))) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
