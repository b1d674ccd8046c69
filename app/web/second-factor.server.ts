// The cookie a browser keeps between a right password and its second factor: the pending
// sign-in, sealed by the model. No session exists until the code passes.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { openPendingSignIn } from "#app/models/second-factor.server";
import { cookieNameOf, maxAgeOf } from "#app/privacy/cookies";
import { readCookie, serializeCookie } from "./cookies.server";

const pendingCookieName = (context: AppLoadContext) =>
  cookieNameOf("secondFactor", context.production);

export const pendingCookie = (context: AppLoadContext, sealedPending: string) =>
  serializeCookie(pendingCookieName(context), sealedPending, {
    production: context.production,
    maxAgeSeconds: maxAgeOf("secondFactor"),
  });

export const clearedPendingCookie = (context: AppLoadContext) =>
  serializeCookie(pendingCookieName(context), "", {
    production: context.production,
    maxAgeSeconds: 0,
  });

export const readPendingCookie = (request: Request, context: AppLoadContext) =>
  readCookie(request.headers.get("Cookie"), pendingCookieName(context)) || undefined;

/** The sign-in waiting for its code; run out, or never here: back to sign in with the password. */
export function requirePendingSignIn(request: Request, context: AppLoadContext) {
  const pending = openPendingSignIn(context.organisation.id, readPendingCookie(request, context));
  if (!pending) throw redirect("/staff/sign-in?reason=timeout");
  return pending;
}
