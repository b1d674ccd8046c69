// Answer scales several forms share, with their words in `forms:scales.*`: the same scale reads
// the same in every form and in every summary, and is translated once.
import type { Choice, Question } from "./types";

const scale = (name: string, values: readonly string[]): readonly Choice[] =>
  values.map((value) => ({ value, words: `forms:scales.${name}.${value}` }));

/** An ordered, graded answer: how well something went. */
export const HOW_WELL = scale("howWell", ["not-at-all", "a-little", "quite-well", "completely"]);
export const YES_NO = scale("yesNo", ["yes", "no"]);
export const YES_PARTLY_NO = scale("yesPartlyNo", ["yes", "partly", "no"]);
export const YES_SOMETIMES_NO = scale("yesSometimesNo", ["yes", "sometimes", "no"]);
/** "It did not happen", after a graded scale about something that may not have happened. */
export const DID_NOT_HAPPEN = scale("didNotHappen", ["did-not-happen"]);

/** How a family member or friend is related to the child; their comments are quoted with it. */
export const FAMILY_RELATIONSHIPS = scale("relationship", [
  "mother",
  "father",
  "step-parent",
  "grandmother",
  "grandfather",
  "sister",
  "brother",
  "aunt",
  "uncle",
  "other-relative",
  "carer",
  "friend",
  "other",
]);

/**
 * A question on a graded scale with an optional comment beside it, on a page of its own: the
 * page is titled by `pages.<page>.title`, the comment is `questions.<id>Comment`.
 */
export function gradedPage(
  page: string,
  question: { id: string; options: readonly Choice[]; showIf?: Question["showIf"] },
) {
  return {
    id: page,
    questions: [
      { id: question.id, kind: "single", options: question.options },
      { id: `${question.id}Comment`, kind: "long-text", hint: true, maxLength: 1000 },
    ],
    ...(question.showIf ? { showIf: question.showIf } : {}),
  } as const;
}
