// What a group of people said in one form, counted from the form's own definition: how many
// chose each answer, and the comments they wrote. Pure: the caller loads the responses (a page at
// a time if there are many) and unseals the written words; this only counts and lays out, so the
// page, the chart and the CSV file always show the same numbers.
import { csvText } from "#app/utils/csv";
import { valuesOf } from "#app/forms/engine";
import type { FormDefinition, Question, QuestionKind } from "#app/forms/types";

/** One sent form as the summary sees it. */
export type SummaryResponse = {
  /** The readable choices (the submission's `answers` column). */
  answers: Record<string, unknown>;
  /** The unsealed written words; only long answers (comments) are read from it. */
  written?: Record<string, string | string[]> | null;
  submittedAt: Date;
};

type TalliedKind = "single" | "multiple" | "yes-no-not-sure" | "feelings" | "service-area";

export type ChoiceTally = {
  questionId: string;
  kind: TalliedKind;
  /**
   * The options have an order of their own (a feelings scale, a list the form sets out), so a
   * chart keeps it and never re-sorts by count.
   */
  ordered: boolean;
  /** People who answered this question (a multiple choice counts each person once). */
  answered: number;
  /**
   * How many people chose each answer, in the form's own order, every option listed (zeros too).
   * A multiple choice's counts can add up to more than `answered`.
   */
  counts: { value: string; count: number }[];
};

export type CommentList = {
  questionId: string;
  /**
   * The newest `COMMENTS_SHOWN`, newest first. `relationship`: how the writer is related to the
   * child (a value of the form's relationship question), the only thing said about who wrote it.
   */
  comments: { text: string; submittedAt: Date; relationship?: string }[];
  /** How many wrote something here in all. */
  total: number;
};

/**
 * Comments shown for each question: the newest. A year of a council's answers can hold
 * thousands; nobody reads thousands on one page, and keeping them all made the page slow and
 * the server's memory grow with every answer. The page says how many there are in all.
 */
export const COMMENTS_SHOWN = 100;

export type Summary = {
  formId: string;
  /** The question whose answer a comment is quoted with (the writer's relationship), if any. */
  relationshipQuestion?: string;
  /** Every response counted, whether or not it answered a given question. */
  responses: number;
  choices: ChoiceTally[];
  comments: CommentList[];
};

/**
 * Answers given to an older version of the form that this version no longer offers. Brackets
 * keep it apart from every real option: option values are lowercase words joined by hyphens
 * (checked in booklets.test.ts), and a form may well have a real "other" option.
 */
export const OTHER_ANSWERS = "(other)";

const TALLIED = new Set<QuestionKind>([
  "single",
  "multiple",
  "yes-no-not-sure",
  "feelings",
  "service-area",
]);
// A multiple choice is a set of ticks and a service area is the council's list, not a scale.
const ORDERED = new Set<QuestionKind>(["single", "yes-no-not-sure", "feelings"]);

type TalliedQuestion = Extract<Question, { kind: TalliedKind }>;

const isTallied = (question: Question): question is TalliedQuestion => TALLIED.has(question.kind);

/** Every question once, in the form's order. */
function questionsOf(form: FormDefinition): Question[] {
  const seen = new Map<string, Question>();
  for (const page of form.pages)
    for (const question of page.questions)
      if (!seen.has(question.id)) seen.set(question.id, question);
  return [...seen.values()];
}

/**
 * An empty summary with a tally for every choice question and a list for every long answer.
 * Short text answers are names and contact details, so they are never summarised.
 */
export function startSummary(form: FormDefinition): Summary {
  const questions = questionsOf(form);
  const relationship = questions.find((question) => question.role === "relationship");
  return {
    formId: form.id,
    ...(relationship ? { relationshipQuestion: relationship.id } : {}),
    responses: 0,
    choices: questions.filter(isTallied).map((question) => ({
      questionId: question.id,
      kind: question.kind,
      ordered: ORDERED.has(question.kind),
      answered: 0,
      // The council's service areas are not in the form: they are collected as they are seen.
      counts:
        question.kind === "service-area"
          ? []
          : valuesOf(question).map((value) => ({ value, count: 0 })),
    })),
    comments: questions
      .filter((question) => question.kind === "long-text")
      .map((question) => ({ questionId: question.id, comments: [], total: 0 })),
  };
}

/**
 * The values one response chose. A one-answer question counts only a single value; anything else
 * stored there (a list, a number) is not an answer this version of the question can take.
 */
function chosen(raw: unknown, multiple: boolean): string[] {
  if (typeof raw === "string") return raw === "" ? [] : [raw];
  if (!multiple || !Array.isArray(raw)) return [];
  return raw.filter((value): value is string => typeof value === "string" && value !== "");
}

function addToTally(
  tally: ChoiceTally,
  question: TalliedQuestion,
  rows: readonly SummaryResponse[],
): ChoiceTally {
  const counts = new Map(tally.counts.map(({ value, count }) => [value, count]));
  const offered = tally.kind === "service-area" ? undefined : new Set(valuesOf(question));
  let answered = tally.answered;
  for (const row of rows) {
    const given = chosen(row.answers[tally.questionId], tally.kind === "multiple");
    if (given.length === 0) continue;
    answered += 1;
    // A Set, so each person counts once per answer (two old answers are one "other").
    const keys = new Set(
      given.map((value) => (!offered || offered.has(value) ? value : OTHER_ANSWERS)),
    );
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let ordered: { value: string; count: number }[];
  if (offered) {
    ordered = [...offered].map((value) => ({ value, count: counts.get(value) ?? 0 }));
    const other = counts.get(OTHER_ANSWERS) ?? 0;
    if (other > 0) ordered.push({ value: OTHER_ANSWERS, count: other });
  } else {
    // Most chosen first; equal counts by key, so the order never depends on the rows' order.
    ordered = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return { ...tally, answered, counts: ordered };
}

function addToComments(
  list: CommentList,
  rows: readonly SummaryResponse[],
  relationshipQuestion: string | undefined,
): CommentList {
  const comments = [...list.comments];
  let total = list.total;
  for (const row of rows) {
    const text = row.written?.[list.questionId];
    if (typeof text !== "string" || text.trim() === "") continue;
    total++;
    const relationship = relationshipQuestion ? row.answers[relationshipQuestion] : undefined;
    comments.push({
      text: text.trim(),
      submittedAt: row.submittedAt,
      ...(typeof relationship === "string" && relationship ? { relationship } : {}),
    });
  }
  // Sorting is stable, so feeding pages one after another gives the same list as one call.
  comments.sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
  return { ...list, comments: comments.slice(0, COMMENTS_SHOWN), total };
}

/**
 * Counts some more responses. Returns a new summary and leaves the one given unchanged, so the
 * caller can read responses a page at a time: `summary = addResponses(summary, form, page)`.
 * Only the counts and the comments are kept between pages, never the responses themselves.
 */
export function addResponses(
  summary: Summary,
  form: FormDefinition,
  rows: readonly SummaryResponse[],
): Summary {
  if (summary.formId !== form.id)
    throw new Error(`A summary of ${summary.formId} cannot count responses to ${form.id}`);
  const questions = new Map(questionsOf(form).map((question) => [question.id, question]));
  return {
    ...summary,
    responses: summary.responses + rows.length,
    choices: summary.choices.map((tally) => {
      const question = questions.get(tally.questionId);
      return question && isTallied(question) ? addToTally(tally, question, rows) : tally;
    }),
    comments: summary.comments.map((list) =>
      addToComments(list, rows, summary.relationshipQuestion),
    ),
  };
}

export function summarise(form: FormDefinition, rows: readonly SummaryResponse[]): Summary {
  return addResponses(startSummary(form), form, rows);
}

/**
 * A whole-number percentage (halves round up), 0 when nobody answered. Rounded figures need not
 * add up to exactly 100.
 */
export function percentOf(count: number, answered: number): number {
  return answered === 0 ? 0 : Math.round((count * 100) / answered);
}

export type ShownSummary =
  | { status: "shown"; summary: Summary }
  | { status: "too-few"; responses: number; threshold: number };

/**
 * Hides everything (every figure and every comment) when fewer than `threshold` people in the
 * group responded, so that nobody can be picked out from a small group. The threshold is about
 * the group's responses only: a shown summary keeps every question's figures and comments, even
 * where only a few of the group answered that question.
 */
export function applyThreshold(summary: Summary, threshold: number): ShownSummary {
  return summary.responses >= threshold
    ? { status: "shown", summary }
    : { status: "too-few", responses: summary.responses, threshold };
}

/** The CSV file's own words, in English unless the caller gives them in the reader's language. */
export const CSV_HEADINGS = {
  question: "Question",
  answer: "Answer",
  count: "Count",
  percent: "Percent",
  responses: "Responses",
  answered: "Answered",
} as const;

export type CsvLabels = {
  question(id: string): string;
  /** Also called with OTHER_ANSWERS, and with the council's service area keys. */
  option(questionId: string, value: string): string;
  heading?(id: keyof typeof CSV_HEADINGS): string;
};

/**
 * The summary as rows for a spreadsheet: a heading row, the number of responses, then for each
 * choice question how many answered it and a row per option, with the same percentages as the
 * page. Comments are not included: they are people's own words and stay on the page.
 */
export function summaryCsvRows(summary: Summary, label: CsvLabels): string[][] {
  const heading = (id: keyof typeof CSV_HEADINGS) => label.heading?.(id) ?? CSV_HEADINGS[id];
  const rows = [
    [heading("question"), heading("answer"), heading("count"), heading("percent")],
    [heading("responses"), "", String(summary.responses), ""],
  ];
  for (const tally of summary.choices) {
    const question = label.question(tally.questionId);
    rows.push([question, heading("answered"), String(tally.answered), ""]);
    for (const { value, count } of tally.counts) {
      rows.push([
        question,
        label.option(tally.questionId, value),
        String(count),
        String(percentOf(count, tally.answered)),
      ]);
    }
  }
  return rows;
}

/** Rows as a CSV file (RFC 4180, CRLF line ends) that is safe to open in a spreadsheet. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvText).join(",")}\r\n`).join("");
}
