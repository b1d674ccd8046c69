// Answer scales several forms share, with their words in `forms:scales.*`: the same scale reads
// the same in every form and in every summary, and is translated once.
import type { Choice, PictureName, Question } from "./types";

const scale = (name: string, values: readonly string[]): readonly Choice[] =>
  values.map((value) => ({ value, words: `forms:scales.${name}.${value}` }));

/** An ordered, graded answer: how well something went. */
export const HOW_WELL = scale("howWell", ["not-at-all", "a-little", "quite-well", "completely"]);
export const YES_NO = scale("yesNo", ["yes", "no"]);
export const YES_PARTLY_NO = scale("yesPartlyNo", ["yes", "partly", "no"]);
export const YES_SOMETIMES_NO = scale("yesSometimesNo", ["yes", "sometimes", "no"]);
/** The same answers with a large emoji each, for the Express forms (pictures, fewer words). */
const withEmoji = (choices: readonly Choice[], emoji: Record<string, string>): readonly Choice[] =>
  choices.map((choice) => ({ ...choice, emoji: emoji[choice.value] }));
export const YES_NO_PICTURES = withEmoji(YES_NO, { yes: "👍", no: "👎" });
export const YES_SOMETIMES_NO_PICTURES = withEmoji(YES_SOMETIMES_NO, {
  yes: "👍",
  sometimes: "🤔",
  no: "👎",
});
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

/** An Express page: one picture, one question, each answer a large emoji. */
export function picturePage(
  page: string,
  picture: PictureName,
  id: string,
  options: readonly Choice[] = YES_SOMETIMES_NO_PICTURES,
) {
  return { id: page, picture, questions: [{ id, kind: "single", options }] } as const;
}
