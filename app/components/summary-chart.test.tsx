import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { OTHER_ANSWERS, percentOf, type ChoiceTally } from "#app/summaries/summarise";
import { CommentsList, SummaryChart } from "./summary-chart";

const tally: ChoiceTally = {
  questionId: "helped",
  kind: "single",
  ordered: true,
  answered: 7,
  counts: [
    { value: "a-lot", count: 4 },
    { value: "a-bit", count: 0 },
    { value: "not-at-all", count: 2 },
    { value: OTHER_ANSWERS, count: 1 },
  ],
};

const chart = (answeredLabel?: string) =>
  renderToStaticMarkup(
    <SummaryChart
      tally={tally}
      caption="[question]"
      optionLabel={(value) => `[${value}]`}
      answerLabel="[answer]"
      countLabel="[count]"
      percentLabel="[percent]"
      answeredLabel={answeredLabel}
    />,
  );

describe("SummaryChart", () => {
  const html = chart("[answered]");

  it("has a table with the tally's numbers, one row per answer", () => {
    const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    const rows = [...body.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)].map((m) => [
      m[1],
      ...[...m[2]!.matchAll(/<td class="numeric">(\d+)<\/td>/g)].map((n) => Number(n[1])),
    ]);
    expect(rows).toEqual([
      ["[a-lot]", 4, 57],
      ["[a-bit]", 0, 0],
      ["[not-at-all]", 2, 29],
      [`[${OTHER_ANSWERS}]`, 1, 14],
    ]);
    expect(rows.map((row) => row[2])).toEqual(
      tally.counts.map((c) => percentOf(c.count, tally.answered)),
    );
    expect(html).toContain('<th scope="row">[answered]</th><td class="numeric">7</td>');
    expect(html.match(/<th scope="col"/g)?.length).toBe(3);
    expect(html).toContain('<caption class="visually-hidden">[question]</caption>');
  });

  it("draws a bar in each answer's row, hidden from screen readers, as wide as its percentage", () => {
    const svgs = [...html.matchAll(/<svg [^>]*>[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) {
      expect(svg).toMatch(/^<svg [^>]*aria-hidden="true"/);
      expect(svg).toMatch(/^<svg [^>]*focusable="false"/);
      expect(svg).toContain('viewBox="0 0 100 10"');
      expect(svg).toContain("summary-chart__track");
      expect(svg).not.toMatch(/<text/);
    }
    const widths = [...html.matchAll(/class="summary-chart__bar"[^>]*width="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    // No bar for nobody; the empty track still shows there is an answer.
    expect(widths).toEqual([57, 29, 14]);
  });

  it("has no words of its own", () => {
    const words = chart()
      .replace(/<[^>]*>/g, " ")
      .split(/\s+/)
      .filter(Boolean);
    expect(words.filter((word) => !/^(\[.*\]|\d+)$/.test(word))).toEqual([]);
    expect(chart()).not.toContain("<tfoot>");
  });

  it("leaves out the chart when there is nothing to draw", () => {
    const html = renderToStaticMarkup(
      <SummaryChart
        tally={{ ...tally, kind: "service-area", ordered: false, answered: 0, counts: [] }}
        caption="[q]"
        optionLabel={(value) => value}
        answerLabel="[a]"
        countLabel="[c]"
        percentLabel="[p]"
      />,
    );
    expect(html).not.toContain("<svg");
    expect(html).toContain("<table");
  });
});

describe("CommentsList", () => {
  const list = {
    questionId: "better",
    comments: [
      {
        text: "بہتر <b>",
        submittedAt: new Date("2025-01-02T10:00:00Z"),
        relationship: "grandmother",
      },
      { text: "Shorter\nmeetings", submittedAt: new Date("2025-01-01T10:00:00Z") },
    ],
    total: 2,
  };

  it("keeps the order, marks each comment's direction as its own, and escapes the words", () => {
    const html = renderToStaticMarkup(
      <CommentsList list={list} speaker={(relationship) => `[${relationship}]`} />,
    );
    const texts = [...html.matchAll(/<p class="answer-text" dir="auto">([^<]*)<\/p>/g)].map(
      (m) => m[1],
    );
    expect(texts).toEqual(["بہتر &lt;b&gt;", "Shorter\nmeetings"]);
    expect(html.match(/<blockquote/g)?.length).toBe(2);
    // Who wrote it, by relationship only, and only where it is known.
    expect(html.match(/\[grandmother\]/g)?.length).toBe(1);
    expect(html.indexOf("[grandmother]")).toBeLessThan(html.indexOf("Shorter"));
  });

  it("says so when nobody wrote anything", () => {
    const empty = { questionId: "better", comments: [], total: 0 };
    expect(renderToStaticMarkup(<CommentsList list={empty} empty="[none]" />)).toBe(
      '<p class="hint">[none]</p>',
    );
    expect(renderToStaticMarkup(<CommentsList list={empty} />)).toBe("");
  });
});
