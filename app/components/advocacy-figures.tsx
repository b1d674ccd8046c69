// The words of the advocacy figures' tables: each id of the tables (see advocacyTables in
// app/models/advocacy-figures.server.ts) and its translation key, for the page and the CSV file.

/** The `advocacy:` key naming a table's id: its title, a column, a row or the total. */
export function figuresLabelKey(id: string): string {
  const [kind, value] = id.includes(":") ? (id.split(":", 2) as [string, string]) : [id, ""];
  switch (kind) {
    case "table":
      return `advocacy:figures.tables.${value}`;
    case "dimension":
      return `advocacy:figures.dimensions.${value}`;
    case "contact":
      return `advocacy:figures.contact.${value}`;
    case "status":
      return value === "not-recorded"
        ? "advocacy:figures.notRecorded"
        : `advocacy:childStatuses.${value}`;
    case "outcome":
      return value === "still-open" ? "advocacy:figures.stillOpen" : `advocacy:outcomes.${value}`;
    case "total-row":
      return "advocacy:figures.total";
    case "not-recorded-cell":
      return "advocacy:figures.notRecorded";
    default:
      return "advocacy:figures.referrals";
  }
}
