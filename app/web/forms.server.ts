import { isoDateOf } from "#app/forms/engine";
import { data, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { TRAP_FIELD } from "#app/utils/trap-field";
import { sameToken } from "./cookies.server";
import { badRequest, forbidden } from "#app/web/refusals.server";
import { replaceUnusualCharacters } from "#app/utils/plain-text";
import { auditFormForgery } from "./refusal-audit.server";

/**
 * The posted form, or a 400 "bad request" page when the body cannot be read as one. Every
 * unusual character (a NUL, another control character, half of a pair) in a name or a typed value
 * becomes "�": nothing read here can stop the database storing it, and each check of typed text
 * asks the person to take it out (see app/utils/plain-text.ts). Files are left as they are.
 */
const readForms = new WeakMap<Request, FormData>();

/** The form this request posted, if it has been read (a body can be read only once). */
export const formReadFrom = (request: Request): FormData | undefined => readForms.get(request);

export async function readForm(request: Request): Promise<FormData> {
  const already = readForms.get(request);
  if (already) return already;
  let posted: FormData;
  try {
    posted = await request.formData();
  } catch {
    throw badRequest();
  }
  const form = new FormData();
  for (const [name, value] of posted.entries())
    form.append(
      replaceUnusualCharacters(name),
      typeof value === "string" ? replaceUnusualCharacters(value) : value,
    );
  readForms.set(request, form);
  return form;
}

/**
 * A posted form, refused (403) unless it carries the token from its HttpOnly cookie, or (a form
 * from a page kept for every new visitor, which carries none) its browser says it was posted
 * from this site: Sec-Fetch-Site is set by the browser itself, which no page can change.
 * (Posts from another origin are already refused by the HTTP layer.)
 */
export async function readCheckedForm(
  request: Request,
  context: AppLoadContext,
): Promise<FormData> {
  const form = await readForm(request);
  const token = textOf(form, "csrf");
  const fromThisSite = token === "" && request.headers.get("sec-fetch-site") === "same-origin";
  if (!fromThisSite && !sameToken(token, context.csrfToken)) {
    await auditFormForgery(request, context);
    throw forbidden();
  }
  // Filled in only by something that fills every box it finds: nothing of it is kept.
  if (textOf(form, TRAP_FIELD) !== "") {
    console.warn(`trap field filled: ${request.method} ${new URL(request.url).pathname}`);
    throw badRequest();
  }
  return form;
}

/** A text field's value; anything that is not text (a file, a missing field) is empty. */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export type FieldErrors = Record<string, string>;

/** "namespace:key.path": a message a schema gives as one of our translation keys. */
const TRANSLATION_KEY = /^[a-z0-9-]+:[\w.-]+$/;

/**
 * The first problem with each field, as the translation key the schema gives it. A rule the
 * schema left without a key of its own (a length limit, a list of choices) gets plain words,
 * never the validator's English.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    errors[String(issue.path[0])] ??= TRANSLATION_KEY.test(issue.message)
      ? issue.message
      : issue.code === "too_big"
        ? "common:form.errors.tooLong"
        : "common:form.errors.notRight";
  }
  return errors;
}

/**
 * Answers a form post that has problems: the problems (as translation keys), everything the
 * person typed, and a mark so the page title starts with "Error:". Status 400 unless told.
 */
export function formErrors<
  Payload extends { errors: Record<string, unknown>; values: Record<string, unknown> },
>(context: AppLoadContext, payload: Payload, init: ResponseInit = { status: 400 }) {
  context.formHasErrors = true;
  return data(payload, init);
}

/**
 * Day, month and year boxes as a real calendar date ("YYYY-MM-DD"). Problems are keys under
 * `<errors>`: dateMissing, dateIncomplete, dateInvalid, or the one `problemWith` names for a real
 * date the form does not take.
 */
export const typedDate = (
  errors: string,
  problemWith: (iso: string) => string | null = () => null,
) =>
  z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx) => {
    const typed = [parts.day, parts.month, parts.year].map((part) => part.trim());
    const problem = (name: string) => {
      ctx.addIssue({ code: "custom", message: `${errors}.${name}` });
      return z.NEVER;
    };
    if (typed.every((part) => part === "")) return problem("dateMissing");
    if (typed.some((part) => part === "")) return problem("dateIncomplete");
    const iso = isoDateOf(typed);
    if (!iso) return problem("dateInvalid");
    const wrong = problemWith(iso);
    return wrong ? problem(wrong) : iso;
  });

/** A real date, today or earlier (staff forms record what has happened): also dateFuture. */
export const pastDate = (today: string, errors: string) =>
  typedDate(errors, (iso) =>
    iso < "1990-01-01" ? "dateInvalid" : iso > today ? "dateFuture" : null,
  );

/** An id picked from a list the page offered, or nothing. */
export const pickedFrom = (ids: readonly string[], problem: string) =>
  z
    .string()
    .refine((id) => id === "" || ids.includes(id), problem)
    .transform((id) => (id === "" ? null : id));
