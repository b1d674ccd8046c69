// The staff pages' lists as one kind of table: a caption, a heading for each column, one row per
// item (the cell that names the row is its heading), and a message instead of an empty table.
// The annual report's tables of figures are another kind (app/components/report-tables.tsx).
import { Fragment, type ReactNode } from "react";
import { ScrollRegion } from "#app/components/fields";

export type StaffTableColumn<Row> = {
  /** The column's heading, already translated. */
  heading: ReactNode;
  /** What the column shows for one row. */
  cell: (row: Row) => ReactNode;
  /** This column names the row: its cells are row headings (`<th scope="row">`). */
  rowHeader?: boolean;
  /** A class on each of the column's cells (not on its heading). */
  className?: string;
};

export function StaffTable<Row>(props: {
  /** What the table lists, already translated. */
  caption: string;
  /** The caption is shown to everyone; without this it is for screen readers only. */
  showCaption?: boolean;
  /** A class of its own for a shown caption. */
  captionClassName?: string;
  /** Classes beside "table" (for the page's own styles). */
  className?: string;
  columns: readonly StaffTableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** More rows under each row (as `<tr>` elements), such as the text of an email. */
  rowsBelow?: (row: Row) => ReactNode;
  /** Said instead of the table when there are no rows, already translated. Without it, an empty
   * table is shown. */
  empty?: string;
  /**
   * The id of the heading that names the table: it then scrolls sideways in a region of its own
   * that a keyboard can reach. Without it the table sits in the plain "table-wrapper".
   */
  regionLabelledBy?: string;
}) {
  const { columns, rows } = props;
  if (rows.length === 0 && props.empty !== undefined) return <p>{props.empty}</p>;
  const table = (
    <table className={props.className ? `table ${props.className}` : "table"}>
      <caption className={props.showCaption ? props.captionClassName : "visually-hidden"}>
        {props.caption}
      </caption>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th scope="col" key={index}>
              {column.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const cells = (
            <tr className={props.rowClassName?.(row)}>
              {columns.map((column, columnIndex) =>
                column.rowHeader ? (
                  <th scope="row" className={column.className} key={columnIndex}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td className={column.className} key={columnIndex}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          );
          return (
            <Fragment key={props.rowKey(row, index)}>
              {cells}
              {props.rowsBelow?.(row)}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
  return props.regionLabelledBy ? (
    <ScrollRegion labelledBy={props.regionLabelledBy}>{table}</ScrollRegion>
  ) : (
    <div className="table-wrapper">{table}</div>
  );
}
