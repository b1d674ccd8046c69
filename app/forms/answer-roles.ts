// The one way a model reads an answer: by the role the form gives a question, never by its id.
// What comes back is typed by the role: a list for list roles, otherwise words or null.
import type { Answers, FormDefinition, Question, QuestionRole } from "./types";

/** Roles whose answer is a list of values (ticked boxes). */
const LIST_ROLES = ["may-also-see", "advocate-consent"] as const satisfies readonly QuestionRole[];
type ListRole = (typeof LIST_ROLES)[number];

export type RoleValue<R extends QuestionRole> = R extends ListRole ? string[] : string | null;

const isListRole = (role: QuestionRole): role is ListRole =>
  (LIST_ROLES as readonly QuestionRole[]).includes(role);

/** The question this form gives a role, if it has one. */
export function questionWithRole(form: FormDefinition, role: QuestionRole): Question | undefined {
  for (const page of form.pages)
    for (const question of page.questions) if (question.role === role) return question;
  return undefined;
}

/** The answer to the question with this role; null (or []) when unanswered or not asked. */
export function answerFor<R extends QuestionRole>(
  form: FormDefinition,
  answers: Answers,
  role: R,
): RoleValue<R>;
export function answerFor(form: FormDefinition, answers: Answers, role: QuestionRole) {
  const question = questionWithRole(form, role);
  const value = question ? answers[question.id] : undefined;
  if (isListRole(role)) return Array.isArray(value) ? value : [];
  return typeof value === "string" && value !== "" ? value : null;
}

/** A value narrowed to one of a list's own values, or null: no model needs a cast. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}
