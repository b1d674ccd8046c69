// The annual report's tables on screen. The CSV download is made from the same tables, so the
// two always show the same numbers.

import { ScrollRegion } from "#app/components/fields";
import type { ReportCell, ReportTable } from "#app/complaints/annual-report";

type Label = (id: string) => string;

function Cell({ value, label }: { value: ReportCell; label: Label }) {
  if (typeof value === "number") return <td className="numeric">{value}</td>;
  // Words (what changed after a complaint) read as text, not as a figure.
  if (typeof value === "string") return <td className="triage-note">{value}</td>;
  return (
    <td className="numeric">
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{label("not-recorded-cell")}</span>
    </td>
  );
}

function OneTable({ table, label }: { table: ReportTable; label: Label }) {
  const titleId = `report-table-${table.id}`;
  const title = label(`table:${table.id}`);
  return (
    <section>
      <h2 className="heading-m" id={titleId}>
        {title}
      </h2>
      {table.rows.length === 0 && !table.totals ? <p>{label("no-rows")}</p> : null}
      <ScrollRegion labelledBy={titleId}>
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {table.rowDimensions.map((dimension) => (
                <th scope="col" key={dimension}>
                  {label(`dimension:${dimension}`)}
                </th>
              ))}
              {table.columns.map((column) => (
                <th scope="col" className="numeric" key={column}>
                  {label(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.labels.join("|")}>
                {row.labels.map((id) => (
                  <th scope="row" key={id}>
                    {label(id)}
                  </th>
                ))}
                {row.cells.map((value, i) => (
                  <Cell key={table.columns[i] ?? i} value={value} label={label} />
                ))}
              </tr>
            ))}
          </tbody>
          {table.totals ? (
            <tfoot>
              <tr>
                <th scope="row" colSpan={table.rowDimensions.length}>
                  {label("total-row")}
                </th>
                {table.totals.map((value, i) => (
                  <Cell key={table.columns[i] ?? i} value={value} label={label} />
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </ScrollRegion>
    </section>
  );
}

export function ReportTables({ tables, label }: { tables: ReportTable[]; label: Label }) {
  return (
    <>
      {tables.map((table) => (
        <OneTable key={table.id} table={table} label={label} />
      ))}
    </>
  );
}
