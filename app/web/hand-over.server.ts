// A device handed round a conference room: the chair signs themselves out of it and it offers
// only that conference's forms, one person after another. After each Send it is back at the first
// page with the last person's draft cookie gone; every page is sent "no-store", so Back shows
// nothing kept. A sealed cookie says which conference, until the end of the day at most.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { cookieNameOf, maxAgeOf } from "#app/privacy/cookies";
import { seal, unseal } from "#app/utils/secrets.server";
import { isUuid } from "#app/models/invitation.server";
import { readCookie, serializeCookie } from "./cookies.server";

export const HAND_OVER_PATH = "/hand-over";

type Sealed = { c: string; o: string; e: number };

const cookieName = (context: AppLoadContext) => cookieNameOf("handOver", context.production);

/** The Set-Cookie header that turns this device into the conference's. */
export function handOverCookie(context: AppLoadContext, conferenceId: string): string {
  const payload: Sealed = {
    c: conferenceId,
    o: context.organisation.id,
    e: Date.now() + maxAgeOf("handOver") * 1000,
  };
  return serializeCookie(cookieName(context), seal(JSON.stringify(payload)), {
    production: context.production,
    maxAgeSeconds: maxAgeOf("handOver"),
  });
}

export function clearedHandOverCookie(context: AppLoadContext): string {
  return serializeCookie(cookieName(context), "", {
    production: context.production,
    maxAgeSeconds: 0,
  });
}

/** The conference this device is being handed round for, if it is. */
export function handedOverFor(request: Request, context: AppLoadContext): string | undefined {
  const sealed = readCookie(request.headers.get("Cookie"), cookieName(context));
  if (!sealed) return undefined;
  try {
    const payload = JSON.parse(unseal(sealed)) as Sealed;
    return payload.o === context.organisation.id && payload.e > Date.now() && isUuid(payload.c)
      ? payload.c
      : undefined;
  } catch {
    return undefined;
  }
}

/** On a handed-round device, a form's confirmation is the next person's first page instead. */
export function nextPersonIfHandedOver(
  request: Request,
  context: AppLoadContext,
  clearDraft: string,
): void {
  if (!handedOverFor(request, context)) return;
  throw redirect(`${HAND_OVER_PATH}?sent=1`, { headers: { "Set-Cookie": clearDraft } });
}
