// How a sent form's answers are kept: choices (values from the form's own lists) stay readable
// so they can be counted; everything the person wrote in their own words is sealed. One function
// decides the split from the form's definition; one merges them back for every reader.
import type { Answers, FormDefinition, QuestionKind } from "./types";

/** Questions whose answer is one of the form's (or the council's) own values. */
const CHOICE_KINDS: ReadonlySet<QuestionKind> = new Set<QuestionKind>([
  "single",
  "multiple",
  "yes-no-not-sure",
  "feelings",
  "service-area",
]);

export type StoredAnswers = {
  /** Kept readable: choices only. */
  choices: Answers;
  /** Sealed: text, names, contact details, typed dates, and any answer the form does not know. */
  written: Answers;
};

/**
 * Splits checked answers into choices and written words. An answer to a question this form
 * version does not have is treated as written (sealed), never as a choice.
 */
export function splitAnswers(form: FormDefinition, answers: Answers): StoredAnswers {
  const kinds = new Map<string, QuestionKind>();
  for (const page of form.pages)
    for (const question of page.questions) kinds.set(question.id, question.kind);
  const choices: Answers = {};
  const written: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    const kind = kinds.get(id);
    if (kind && CHOICE_KINDS.has(kind)) choices[id] = value;
    else written[id] = value;
  }
  return { choices, written };
}

/** A sent form's answers as one set again, whichever column each part is kept in. */
export function answersOf(row: {
  answers: Record<string, unknown> | null;
  writtenAnswers: Record<string, unknown> | null;
}): Answers {
  return { ...(row.answers ?? {}), ...(row.writtenAnswers ?? {}) } as Answers;
}
