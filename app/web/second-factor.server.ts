// The cookie a browser keeps between a right password and its second factor: the pending
// sign-in, sealed by the model. No session exists until the code passes.
import type { AppLoadContext } from "@remix-run/node";
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
