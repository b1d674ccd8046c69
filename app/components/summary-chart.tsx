// One question's answers as a table, each answer's row with a bar drawn on the server beside its
// figures: the words and numbers are the table's (for everyone, screen readers included), the bar
// only shows their size (hidden from screen readers, no text in it, no script, no fonts). Every
// word comes in already translated.
import { ScrollRegion } from "#app/components/fields";
import { percentOf, type ChoiceTally, type CommentList } from "#app/summaries/summarise";

// Bar units: the viewBox is 100 wide, so a bar's width is its percentage; it is stretched to its
// cell's width (preserveAspectRatio="none"), which is why there is no text in it.
const BAR_BOX_HEIGHT = 10;
const BAR_HEIGHT = 6;

export type SummaryChartProps = {
  tally: ChoiceTally;
  /** The question as it was asked: the section's heading and the table's name. */
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

/** One answer's share as a bar: a track the full width, filled to its percentage. */
function Bar({ percent }: { percent: number }) {
  const y = (BAR_BOX_HEIGHT - BAR_HEIGHT) / 2;
  return (
    <svg
      className="summary-chart__bars"
      viewBox={`0 0 100 ${BAR_BOX_HEIGHT}`}
      preserveAspectRatio="none"
      width="100%"
      height="1.5em"
      aria-hidden="true"
      focusable="false"
    >
      {/* The outline stays one pixel however far the bar is stretched. */}
      <rect
        className="summary-chart__track"
        x="0"
        y={y}
        width="100"
        height={BAR_HEIGHT}
        vectorEffect="non-scaling-stroke"
      />
      {percent > 0 && (
        <rect
          className="summary-chart__bar"
          x="0"
          y={y}
          width={Math.min(percent, 100)}
          height={BAR_HEIGHT}
        />
      )}
    </svg>
  );
}

export function SummaryChart({
  tally,
  caption,
  optionLabel,
  answerLabel,
  countLabel,
  percentLabel,
  answeredLabel,
}: SummaryChartProps) {
  const captionId = `question-${tally.questionId}`;
  const rows = tally.counts.map(({ value, count }) => ({
    value,
    count,
    percent: percentOf(count, tally.answered),
  }));
  return (
    <figure className="summary-chart">
      {/* The question is the figure's caption and the section's heading, said once. */}
      <figcaption className="summary-chart__caption">
        <h2 className="heading-m" id={captionId}>
          {caption}
        </h2>
      </figcaption>
      <ScrollRegion labelledBy={captionId}>
        <table className="table summary-chart__table">
          {/* The table needs its own name when it is read on its own. */}
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
              <td className="summary-chart__bar-cell" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.value}>
                <th scope="row">{optionLabel(row.value)}</th>
                <td className="numeric">{row.count}</td>
                <td className="numeric">{row.percent}</td>
                <td className="summary-chart__bar-cell">
                  <Bar percent={row.percent} />
                </td>
              </tr>
            ))}
          </tbody>
          {answeredLabel !== undefined && (
            <tfoot>
              <tr>
                <th scope="row">{answeredLabel}</th>
                <td className="numeric">{tally.answered}</td>
                <td />
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      </ScrollRegion>
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
  speaker,
  empty,
}: {
  list: CommentList;
  /** The id of the heading that names the list (the question). */
  labelledBy?: string;
  /** Who wrote it, by their relationship to the child only (e.g. "Grandmother"). */
  speaker?: (relationship: string) => string;
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
          {speaker && comment.relationship ? (
            <p className="summary-comments__speaker">{speaker(comment.relationship)}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
