import { data, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { sameToken } from "./cookies.server";

/** The posted form, or a 400 "bad request" page when the body cannot be read as one. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response(null, { status: 400, statusText: "Bad Request" });
  }
}

/**
 * A posted form, refused (403) unless it carries the token from its HttpOnly cookie.
 * (Posts from another origin are already refused by the HTTP layer.)
 */
export async function readCheckedForm(
  request: Request,
  context: AppLoadContext,
): Promise<FormData> {
  const form = await readForm(request);
  if (!sameToken(textOf(form, "csrf"), context.csrfToken)) {
    throw new Response(null, { status: 403, statusText: "Forbidden" });
  }
  return form;
}

/** A text field's value; anything that is not text (a file, a missing field) is empty. */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export type FieldErrors = Record<string, string>;

/** The first problem with each field, as the translation key the schema gives it. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
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

/** The site's own address, for links in emails and letters (behind a proxy, set TRUST_PROXY). */
export function portalUrlOf(request: Request): string {
  return new URL(request.url).origin;
}
