// The changes a complaints officer can make to a case, each its own small form on the case page
// (its `intent`), with what the page and the server both need to know about them.

/** Every change the officer can make, each its own small form. */
export const INTENTS = [
  "classify",
  "assign",
  "acknowledge",
  "extend",
  "respond",
  "escalate",
  "ombudsman",
  "close",
  "conducted-by",
  "lessons",
  "note",
  "reply",
] as const;
export type Intent = (typeof INTENTS)[number];
export const isIntent = (text: string): text is Intent =>
  (INTENTS as readonly string[]).includes(text);

export const MAX_NAME = 300;
export const MAX_TEXT = 10_000;
/** Stage 2's independent investigator, or Stage 3's panel or reviewer. */
export const MAX_CONDUCTED_BY = 200;
/** "What we changed" after an upheld or partly upheld complaint. */
export const MAX_LESSONS = 2000;

/** The limits the case page's messages name ("… {{maxText}} characters or fewer"). */
export const CASE_LIMITS = {
  maxName: MAX_NAME,
  maxText: MAX_TEXT,
  maxConductedBy: MAX_CONDUCTED_BY,
  maxLessons: MAX_LESSONS,
};

/** The classify form's fields, in the order it shows them. */
export const CLASSIFY_ORDER = [
  "kind",
  "procedure",
  "category",
  "serviceArea",
  "madeBy",
  "contactMethod",
  "lookedAfterChild",
  "iroStaffUserId",
  "ethnicity",
  "disability",
  "complimentStaffUserId",
  "complimentMemberId",
  "complimentTeamId",
] as const;

/** What comes back when a form had problems: which form, the problems, and what was typed in it. */
export type FormProblems = {
  intent: Intent;
  errors: Record<string, string>;
  values: Record<string, string>;
};
