import { describe, expect, it } from "vitest";
import current from "#db/data/bank-holidays.json";
import { mergeBankHolidays } from "./bank-holidays.js";

const events = (dates: string[]) =>
  dates.map((date) => ({ date, title: `Holiday ${date}`, notes: "", bunting: true }));

describe("refreshing the bank holidays from a GOV.UK download", () => {
  it("takes the download's dates for the years it covers and keeps earlier years", () => {
    const download = {
      "england-and-wales": {
        division: "england-and-wales",
        events: events(["2029-01-01", "2029-03-30"]),
      },
      scotland: { division: "scotland", events: events(["2029-01-01", "2029-01-02"]) },
      "northern-ireland": {
        division: "northern-ireland",
        events: events(["2029-01-01", "2029-03-19"]),
      },
    };
    const merged = mergeBankHolidays(current, download);
    const england = merged.regions["england-and-wales"]!.map((h: { date: string }) => h.date);
    expect(england).toContain("2026-12-25");
    expect(england.slice(-2)).toEqual(["2029-01-01", "2029-03-30"]);
    expect(merged.regions.scotland!.at(-1)).toEqual({
      date: "2029-01-02",
      title: "Holiday 2029-01-02",
    });
  });

  it("lets a download replace a year: a one-off holiday is added, a removed date goes", () => {
    const ours = current.regions["england-and-wales"].filter((h) => h.date.startsWith("2026"));
    const changed = [...ours.map((h) => h.date).filter((d) => d !== "2026-08-31"), "2026-06-08"];
    const download = Object.fromEntries(
      ["england-and-wales", "scotland", "northern-ireland"].map((r) => [
        r,
        { events: events(changed) },
      ]),
    );
    const england = mergeBankHolidays(current, download).regions["england-and-wales"]!.map(
      (h: { date: string }) => h.date,
    );
    expect(england).toContain("2026-06-08");
    expect(england).not.toContain("2026-08-31");
  });

  it("refuses a file that is not a GOV.UK bank holidays download", () => {
    expect(() => mergeBankHolidays(current, { "england-and-wales": { events: [] } })).toThrow(
      /scotland/,
    );
    expect(() => mergeBankHolidays(current, { foo: 1 })).toThrow();
  });
});
