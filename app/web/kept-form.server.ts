// What a member of staff typed when the idle sign-out caught them (WCAG 2.2.1): with JavaScript
// off there is no warning, so a note typed over half an hour would be lost on "Add the note".
// The posted fields are kept, sealed, in a short-lived cookie for the same person only; after
// signing in again they are shown what they typed and can send it with one press.
import type { AppLoadContext } from "@remix-run/node";
import { cookieNameOf, maxAgeOf } from "#app/privacy/cookies";
import { readCookie, serializeCookie } from "./cookies.server";
import { formReadFrom, readForm } from "./forms.server";
import { seal, unseal } from "#app/utils/secrets.server";
import { TRAP_FIELD } from "#app/utils/trap-field";

/** Where the kept form is shown after signing in again. */
export const KEPT_FORM_PATH = "/staff/kept";

type Kept = { s: string; p: string; f: [string, string][] };
export type KeptForm = { path: string; fields: [string, string][] };

const nameOf = (context: AppLoadContext) => cookieNameOf("keptForm", context.production);

/** A Set-Cookie keeping a staff form posted after the session ended; null when there is none. */
export async function keepPostedForm(
  request: Request,
  context: AppLoadContext,
  staffUserId: string,
): Promise<string | null> {
  if (request.method !== "POST") return null;
  const url = new URL(request.url);
  if (!url.pathname.startsWith("/staff/")) return null;
  const form = formReadFrom(request) ?? (await readForm(request).catch(() => undefined));
  if (!form) return null;
  const fields = [...form.entries()].filter(
    (entry): entry is [string, string] =>
      typeof entry[1] === "string" && entry[0] !== "csrf" && entry[0] !== TRAP_FIELD,
  );
  const kept: Kept = { s: staffUserId, p: `${url.pathname}${url.search}`, f: fields };
  return serializeCookie(nameOf(context), seal(JSON.stringify(kept)), {
    production: context.production,
    maxAgeSeconds: maxAgeOf("keptForm"),
  });
}

/** The form kept for this member of staff, if any (someone else's is never shown). */
export function keptFormOf(
  request: Request,
  context: AppLoadContext,
  staffUserId: string,
): KeptForm | null {
  const sealed = readCookie(request.headers.get("Cookie"), nameOf(context));
  if (!sealed) return null;
  try {
    const kept = JSON.parse(unseal(sealed)) as Kept;
    if (kept.s !== staffUserId || !kept.p.startsWith("/staff/")) return null;
    return {
      path: kept.p,
      fields: kept.f.filter((f) => f.length === 2).map(([n, v]) => [String(n), String(v)]),
    };
  } catch {
    return null;
  }
}

export const clearedKeptForm = (context: AppLoadContext) =>
  serializeCookie(nameOf(context), "", { production: context.production, maxAgeSeconds: 0 });
