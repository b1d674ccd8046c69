// One question's answers as a bar chart drawn on the server, with a table of the same numbers for
// screen readers, keyboard users and anyone who prefers figures. Every word comes in already
// translated; the chart itself has no words (no fonts to load, nothing for a screen reader).
import { percentOf, type ChoiceTally, type CommentList } from "#app/summaries/summarise";

// Chart units: the viewBox is 100 wide, so a bar's width is its percentage. It is stretched to
// the width of the page (preserveAspectRatio="none"), which is why there is no text in it.
const ROW_HEIGHT = 10;
const BAR_HEIGHT = 6;
/** Each bar's row in the page's text size, so the chart grows when text is zoomed. */
const ROW_EM = 2;

export type SummaryChartProps = {
  tally: ChoiceTally;
  /** The question as it was asked. */
  caption: string;
  /** The words for one answer (also given OTHER_ANSWERS and service area keys). */
  optionLabel: (value: string) => string;
  /** Column headings. */
  answerLabel: string;
  countLabel: string;
  percentLabel: string;
  /** Heading of a last row with how many people answered (e.g. "Answered"); none without it. */
  answeredLabel?: string;
};

export function SummaryChart({
  tally,
  caption,
  optionLabel,
  answerLabel,
  countLabel,
  percentLabel,
  answeredLabel,
}: SummaryChartProps) {
  const rows = tally.counts.map(({ value, count }) => ({
    value,
    count,
    percent: percentOf(count, tally.answered),
  }));
  return (
    <figure className="summary-chart">
      <figcaption className="summary-chart__caption">{caption}</figcaption>
      {rows.length > 0 && (
        <svg
          className="summary-chart__bars"
          viewBox={`0 0 100 ${rows.length * ROW_HEIGHT}`}
          preserveAspectRatio="none"
          width="100%"
          height={`${rows.length * ROW_EM}em`}
          aria-hidden="true"
          focusable="false"
        >
          {rows.map((row, index) => {
            const y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
            return (
              <g key={row.value}>
                {/* The outline stays one pixel however far the chart is stretched. */}
                <rect
                  className="summary-chart__track"
                  x="0"
                  y={y}
                  width="100"
                  height={BAR_HEIGHT}
                  vectorEffect="non-scaling-stroke"
                />
                {row.percent > 0 && (
                  <rect
                    className="summary-chart__bar"
                    x="0"
                    y={y}
                    width={Math.min(row.percent, 100)}
                    height={BAR_HEIGHT}
                  />
                )}
              </g>
            );
          })}
        </svg>
      )}
      <table className="table summary-chart__table">
        {/* The figure's caption is on screen; the table needs its own name when read alone. */}
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{answerLabel}</th>
            <th scope="col" className="numeric">
              {countLabel}
            </th>
            <th scope="col" className="numeric">
              {percentLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.value}>
              <th scope="row">{optionLabel(row.value)}</th>
              <td className="numeric">{row.count}</td>
              <td className="numeric">{row.percent}</td>
            </tr>
          ))}
        </tbody>
        {answeredLabel !== undefined && (
          <tfoot>
            <tr>
              <th scope="row">{answeredLabel}</th>
              <td className="numeric">{tally.answered}</td>
              <td />
            </tr>
          </tfoot>
        )}
      </table>
    </figure>
  );
}

/**
 * What people wrote in answer to one question, newest first. Each comment is marked dir="auto"
 * so that Urdu runs right to left on an English page (and English left to right on an Urdu one).
 */
export function CommentsList({
  list,
  labelledBy,
  dateOf,
  empty,
}: {
  list: CommentList;
  /** The id of the heading that names the list (the question). */
  labelledBy?: string;
  /** When each was sent, in the reader's language; no dates without it. */
  dateOf?: (submittedAt: Date) => string;
  /** Shown instead of the list when nobody wrote anything. */
  empty?: string;
}) {
  if (list.comments.length === 0) return empty ? <p className="hint">{empty}</p> : null;
  return (
    <ul className="list summary-comments" aria-labelledby={labelledBy}>
      {list.comments.map((comment, index) => (
        // The same words can come from two people, so the position is part of the key.
        <li className="summary-comments__item" key={index}>
          <blockquote className="summary-comments__text">
            <p className="answer-text" dir="auto">
              {comment.text}
            </p>
          </blockquote>
          {dateOf && <p className="summary-comments__date">{dateOf(comment.submittedAt)}</p>}
        </li>
      ))}
    </ul>
  );
}
