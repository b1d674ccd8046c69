// The cookie a browser keeps while its member of staff is away at the council's sign-in service:
// the sealed attempt (state, nonce, PKCE verifier) that the way back is checked against.
import type { AppLoadContext } from "@remix-run/node";
import { cookieNameOf, maxAgeOf } from "#app/privacy/cookies";
import { readCookie, serializeCookie } from "./cookies.server";

const attemptCookieName = (context: AppLoadContext) =>
  cookieNameOf("singleSignOn", context.production);

export function attemptCookie(context: AppLoadContext, sealedAttempt: string): string {
  return serializeCookie(attemptCookieName(context), sealedAttempt, {
    production: context.production,
    maxAgeSeconds: maxAgeOf("singleSignOn"),
  });
}

/** The attempt is used once: the way back clears it, whatever happens. */
export function clearedAttemptCookie(context: AppLoadContext): string {
  return serializeCookie(attemptCookieName(context), "", {
    production: context.production,
    maxAgeSeconds: 0,
  });
}

export function readAttemptCookie(request: Request, context: AppLoadContext): string | undefined {
  return readCookie(request.headers.get("Cookie"), attemptCookieName(context)) || undefined;
}
