// What every form shares: which pages and questions show, how a posted page becomes answers,
// and the checks each answer must pass (as zod schemas derived from the form's data).
import { z } from "zod";
import { hasUnusualCharacter, UNUSUAL_CHARACTER } from "#app/utils/plain-text";
import type { Answer, Answers, Condition, FormDefinition, Page, Question } from "./types";

/** What the visitor's situation adds to the answers when deciding what to show and allow. */
export type FormContext = {
  invited: boolean;
  /** Facts of the event the invitation is about, for `{ event }` conditions. */
  eventFacts?: readonly string[];
  /** The council's service area keys, for a "service-area" question. */
  serviceAreas?: readonly string[];
};

/** The answer to a service-area question when the person does not know which service it is. */
export const NOT_SURE = "not-sure";

export const LONG_TEXT_LIMIT = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Something that can be an email address (the mail server has the last word). */
export const looksLikeEmail = (text: string) => EMAIL.test(text);
/** Digits with the spaces, brackets, dashes and "+" people write in phone numbers. */
const PHONE = /^\+?[\d\s()-]{10,20}$/;
export const TEXT_LIMIT = 200;

export const YES_NO_NOT_SURE = ["yes", "no", "not-sure"] as const;
export const FEELINGS = ["1", "2", "3", "4", "5"] as const;

/**
 * The values a choice question can take. Given the answers so far, options whose condition is
 * not met are left out; without them, every value the question could ever take.
 */
export function valuesOf(
  question: Question,
  shown?: { answers: Answers; context: FormContext },
): readonly string[] {
  switch (question.kind) {
    case "single":
    case "multiple":
      return question.options
        .filter((option) => !shown || isShown(option.showIf, shown.answers, shown.context))
        .map((option) => option.value);
    case "service-area":
      return [...(shown?.context.serviceAreas ?? []), NOT_SURE];
    case "yes-no-not-sure":
      return YES_NO_NOT_SURE;
    case "feelings":
      return FEELINGS;
    default:
      return [];
  }
}

export function isShown(condition: Condition | undefined, answers: Answers, context: FormContext) {
  if (!condition) return true;
  if ("invited" in condition) return condition.invited === context.invited;
  if ("event" in condition) return (context.eventFacts ?? []).includes(condition.event);
  const answer = answers[condition.question];
  const given = Array.isArray(answer) ? answer : answer ? [answer] : [];
  return given.some((value) => condition.oneOf.includes(value));
}

export function visibleQuestions(page: Page, answers: Answers, context: FormContext) {
  return page.questions.filter((question) => isShown(question.showIf, answers, context));
}

/** Pages the visitor will see, given what they have answered so far. */
export function visiblePages(form: FormDefinition, answers: Answers, context: FormContext) {
  return form.pages.filter(
    (page) =>
      isShown(page.showIf, answers, context) && visibleQuestions(page, answers, context).length > 0,
  );
}

/** The page after this one, or undefined when the next step is "Check your answers". */
export function nextPage(form: FormDefinition, pageId: string, answers: Answers, ctx: FormContext) {
  const pages = visiblePages(form, answers, ctx);
  const index = pages.findIndex((page) => page.id === pageId);
  return pages[index + 1];
}

export function previousPage(
  form: FormDefinition,
  pageId: string,
  answers: Answers,
  ctx: FormContext,
) {
  const pages = visiblePages(form, answers, ctx);
  const index = pages.findIndex((page) => page.id === pageId);
  return index > 0 ? pages[index - 1] : undefined;
}

/** Field names of a date question's three boxes. */
export const dateParts = (id: string) => [`${id}-day`, `${id}-month`, `${id}-year`] as const;

/**
 * A posted page as answers, exactly as typed (nothing trimmed or dropped), so that a page with a
 * problem comes back with everything the person wrote.
 */
export function readPage(page: Page, form: FormData): Answers {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const answers: Answers = {};
  for (const question of page.questions) {
    if (question.kind === "multiple") {
      answers[question.id] = form.getAll(question.id).filter((v) => typeof v === "string");
    } else if (question.kind === "date") {
      answers[question.id] = dateParts(question.id).map(text);
    } else {
      answers[question.id] = text(question.id);
    }
  }
  return answers;
}

/** A problem with one answer: a translation key and the values it mentions. */
export type FieldProblem = { key: string; values?: Record<string, string | number> };
export type PageProblems = Record<string, FieldProblem>;

const problem = (key: string, values?: FieldProblem["values"]) =>
  JSON.stringify(values ? { key, values } : { key });

function requiredKey(form: FormDefinition, question: Question) {
  return `${form.namespace}:questions.${question.id}.required`;
}

/** The isoDate of three typed boxes, or undefined when they are not a real date. */
export function isoDateOf(parts: readonly string[]): string | undefined {
  const [day, month, year] = parts.map((part) => part.trim());
  if (!/^\d{1,2}$/.test(day ?? "") || !/^\d{1,2}$/.test(month ?? "") || !/^\d{4}$/.test(year ?? ""))
    return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * The check one answer must pass, as a zod schema that also cleans it: text trimmed, a date
 * made "YYYY-MM-DD", an empty optional answer becomes undefined.
 */
export function answerSchema(
  form: FormDefinition,
  question: Question,
  shown?: { answers: Answers; context: FormContext },
): z.ZodType<unknown> {
  // What the schema depends on besides the question: the choices offered (given the answers).
  const values = valuesOf(question, shown);
  return cached(form, `${question.id}\u0000${values.join("\u0001")}`, () =>
    buildAnswerSchema(form, question, values),
  );
}

/**
 * Schemas made once per form version (a form definition is one version) and reused: a Send
 * checks every page, and each page's schema was otherwise built afresh every time.
 */
const schemas = new WeakMap<FormDefinition, Map<string, z.ZodType<unknown>>>();

function cached(form: FormDefinition, key: string, build: () => z.ZodType<unknown>) {
  let forForm = schemas.get(form);
  if (!forForm) schemas.set(form, (forForm = new Map()));
  let schema = forForm.get(key);
  if (!schema) forForm.set(key, (schema = build()));
  return schema;
}

function buildAnswerSchema(
  form: FormDefinition,
  question: Question,
  values: readonly string[],
): z.ZodType<unknown> {
  const required = question.required === true;
  const missing = problem(requiredKey(form, question));
  const empty = (value: unknown) =>
    value === undefined ||
    value === "" ||
    (Array.isArray(value) && value.every((part) => String(part).trim() === ""));
  const optional = <T extends z.ZodType>(schema: T) =>
    z.unknown().transform((value, ctx) => {
      if (empty(value)) {
        if (required) ctx.addIssue({ code: "custom", message: missing });
        return undefined;
      }
      // A control character (or the "�" it became when posted): kept out of every answer.
      const typed = Array.isArray(value) ? value : [value];
      const lines = question.kind === "long-text" ? "many" : "one";
      if (typed.some((part) => typeof part === "string" && hasUnusualCharacter(part, lines))) {
        ctx.addIssue({ code: "custom", message: problem(UNUSUAL_CHARACTER) });
        return z.NEVER;
      }
      const result = schema.safeParse(value);
      if (!result.success) {
        // Each check below names its own message; anything else is "not one of the answers".
        for (const issue of result.error.issues)
          ctx.addIssue({
            code: "custom",
            message: issue.message.startsWith("{") ? issue.message : problem("forms:errors.choose"),
          });
        return z.NEVER;
      }
      return result.data as z.output<T>;
    });
  switch (question.kind) {
    case "text":
    case "long-text": {
      const limit = question.maxLength ?? (question.kind === "text" ? TEXT_LIMIT : LONG_TEXT_LIMIT);
      const format = question.kind === "text" ? question.format : undefined;
      return optional(
        z
          .string()
          .transform((value) => value.trim())
          .pipe(
            z
              .string()
              .min(1, missing)
              .max(limit, problem("forms:errors.tooLong", { max: limit }))
              .refine(
                (value) => format !== "email" || looksLikeEmail(value),
                problem("forms:errors.email"),
              )
              .refine(
                (value) =>
                  format !== "phone" ||
                  (PHONE.test(value) && value.replace(/\D/g, "").length >= 10),
                problem("forms:errors.phone"),
              ),
          ),
      );
    }
    case "single":
    case "yes-no-not-sure":
    case "feelings":
    case "service-area":
      return optional(z.enum(values as [string, ...string[]], problem("forms:errors.choose")));
    case "multiple": {
      const choice = z.enum(values as [string, ...string[]], problem("forms:errors.choose"));
      return optional(
        z
          .array(choice, problem("forms:errors.choose"))
          .transform((values) => [...new Set(values)])
          .refine(
            (values) =>
              !question.exclusive || !values.includes(question.exclusive) || values.length === 1,
            problem("forms:errors.exclusive"),
          ),
      );
    }
    case "date":
      return optional(
        z
          .array(z.string())
          .length(3, problem("forms:errors.date"))
          .transform((parts, ctx) => {
            const iso = isoDateOf(parts);
            if (!iso) {
              ctx.addIssue({ code: "custom", message: problem("forms:errors.date") });
              return z.NEVER;
            }
            return iso;
          }),
      );
  }
}

/** The schema of one page, for the questions the visitor can see. */
export function pageSchema(form: FormDefinition, page: Page, answers: Answers, ctx: FormContext) {
  const shown = { answers, context: ctx };
  const questions = visibleQuestions(page, answers, ctx).map(
    (question) => [question.id, answerSchema(form, question, shown)] as const,
  );
  // The same questions with the same choices: the same schema, made once.
  const key = `page\u0000${page.id}\u0000${questions.map(([id]) => id).join("\u0001")}`;
  const parts = questions.map(([, schema]) => schema);
  const found = pageSchemas.get(form)?.get(key);
  if (found && found.parts.every((part, index) => part === parts[index])) return found.schema;
  const schema = z.object(Object.fromEntries(questions));
  let forForm = pageSchemas.get(form);
  if (!forForm) pageSchemas.set(form, (forForm = new Map()));
  forForm.set(key, { parts, schema });
  return schema;
}

const pageSchemas = new WeakMap<
  FormDefinition,
  Map<string, { parts: z.ZodType<unknown>[]; schema: z.ZodObject }>
>();

export type PageResult = { ok: true; answers: Answers } | { ok: false; problems: PageProblems };

/** Checks one page's answers (in the light of every other answer). */
export function checkPage(
  form: FormDefinition,
  page: Page,
  answers: Answers,
  ctx: FormContext,
): PageResult {
  // Every question shown is checked, answered or not (a missing answer is an empty one).
  const given = Object.fromEntries(
    visibleQuestions(page, answers, ctx).map((q) => [q.id, answers[q.id] ?? ""]),
  );
  const parsed = pageSchema(form, page, answers, ctx).safeParse(given);
  if (parsed.success) {
    const clean: Answers = {};
    for (const [id, value] of Object.entries(parsed.data))
      if (value !== undefined) clean[id] = value as Answer;
    return { ok: true, answers: clean };
  }
  const problems: PageProblems = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    problems[field] ??= JSON.parse(issue.message) as FieldProblem;
  }
  return { ok: false, problems };
}

export type FormResult =
  { ok: true; answers: Answers } | { ok: false; pageId: string; problems: PageProblems };

/**
 * Checks every page the visitor can see and gives the answers to store: only what was shown,
 * cleaned. A hidden page's old answers (after a changed mind) are left out.
 */
export function checkForm(form: FormDefinition, answers: Answers, ctx: FormContext): FormResult {
  const clean: Answers = {};
  for (const page of visiblePages(form, answers, ctx)) {
    const result = checkPage(form, page, answers, ctx);
    if (!result.ok) return { ok: false, pageId: page.id, problems: result.problems };
    Object.assign(clean, result.answers);
  }
  return { ok: true, answers: clean };
}

/**
 * The schema stored answers of one form version must match: every question optional, each
 * answer already clean. Used to read old submissions with the version they were given in.
 */
export function storedAnswersSchema(form: FormDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const page of form.pages) {
    for (const question of page.questions) {
      shape[question.id] = storedAnswerSchema(question).optional();
    }
  }
  return z.strictObject(shape);
}

function storedAnswerSchema(question: Question): z.ZodType {
  // A council may rename or retire a service area; the key given at the time is kept.
  if (question.kind === "service-area") return z.string().max(TEXT_LIMIT);
  if (question.kind === "date") return z.iso.date();
  const values = valuesOf(question);
  if (question.kind === "multiple") return z.array(z.enum(values as [string, ...string[]]));
  return values.length > 0 ? z.enum(values as [string, ...string[]]) : z.string();
}

/** The first page whose answers are missing or have a problem; where "resume" should land. */
export function firstUnfinishedPage(form: FormDefinition, answers: Answers, ctx: FormContext) {
  for (const page of visiblePages(form, answers, ctx)) {
    const touched = visibleQuestions(page, answers, ctx).some((q) => q.id in answers);
    if (!touched || !checkPage(form, page, answers, ctx).ok) return page;
  }
  return undefined;
}
