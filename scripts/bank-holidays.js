// Refreshes db/data/bank-holidays.json from the GOV.UK bank holidays file (JSON), which a council
// downloads from GOV.UK and passes here:  npm run bank-holidays -- path/to/bank-holidays.json
// Dates already in our file and not in the download (earlier years) are kept; the download wins
// for every year it covers, so a new one-off holiday or a moved date replaces ours.
import fs from "node:fs";
import path from "node:path";

const REGIONS = ["england-and-wales", "scotland", "northern-ireland"];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * @typedef {{ date: string, title: string }} Holiday
 * @param {{ source: string, regions: Record<string, Holiday[]> }} current
 * @param {any} download
 * @returns {{ source: string, regions: Record<string, Holiday[]> }}
 */
export function mergeBankHolidays(current, download) {
  /** @type {Record<string, Holiday[]>} */
  const regions = {};
  for (const region of REGIONS) {
    const events = download?.[region]?.events;
    if (!Array.isArray(events) || events.some((e) => !ISO.test(e?.date ?? "") || !e.title))
      throw new Error(`The download has no valid "${region}" events list`);
    const downloadedYears = new Set(events.map((e) => e.date.slice(0, 4)));
    const kept = (current.regions[region] ?? []).filter(
      (h) => !downloadedYears.has(h.date.slice(0, 4)),
    );
    const merged = [...kept, ...events.map((e) => ({ date: e.date, title: e.title }))];
    regions[region] = [...new Map(merged.map((h) => [h.date, h])).values()].sort((a, b) =>
      a.date.localeCompare(b.date),
    );
  }
  return { source: current.source, regions };
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  const input = process.argv[2];
  if (!input) {
    console.error("Usage: npm run bank-holidays -- <downloaded bank-holidays.json>");
    process.exit(2);
  }
  const target = path.resolve("db/data/bank-holidays.json");
  const current = JSON.parse(fs.readFileSync(target, "utf8"));
  const merged = mergeBankHolidays(current, JSON.parse(fs.readFileSync(input, "utf8")));
  fs.writeFileSync(target, `${JSON.stringify(merged, null, 2)}\n`);
  for (const region of REGIONS) {
    const years = merged.regions[region].map((h) => h.date.slice(0, 4));
    console.log(
      `${region}: ${merged.regions[region].length} holidays, ${years[0]}–${years.at(-1)}`,
    );
  }
  console.log("Rebuild and restart the portal to use them.");
}
