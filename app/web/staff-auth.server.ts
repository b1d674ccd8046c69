import { redirect, type AppLoadContext } from "@remix-run/node";
import { recordAudit } from "#app/models/audit.server";
import { can, type Permission } from "#app/models/permissions";
import {
  ABSOLUTE_LIMIT_SECONDS,
  findSession,
  type SessionLookup,
} from "#app/models/staff-session.server";
import { readCookie, serializeCookie } from "./cookies.server";
import { cookieNameOf } from "#app/privacy/cookies";
import { forbidden } from "#app/web/refusals.server";
import { KEPT_FORM_PATH, keepPostedForm } from "./kept-form.server";

const sessionCookieName = (context: AppLoadContext) =>
  cookieNameOf("staffSession", context.production);

export function sessionCookie(context: AppLoadContext, token: string): string {
  return serializeCookie(sessionCookieName(context), token, {
    production: context.production,
    maxAgeSeconds: ABSOLUTE_LIMIT_SECONDS,
  });
}

export function clearedSessionCookie(context: AppLoadContext): string {
  return serializeCookie(sessionCookieName(context), "", {
    production: context.production,
    maxAgeSeconds: 0,
  });
}

const lookups = new WeakMap<Request, Promise<SessionLookup>>();

/** The signed-in member of staff of this council, if any (looked up once per request). */
export function getStaffSession(request: Request, context: AppLoadContext): Promise<SessionLookup> {
  let lookup = lookups.get(request);
  if (!lookup) {
    const token = readCookie(request.headers.get("Cookie"), sessionCookieName(context));
    lookup = token
      ? findSession(context.organisation.id, token)
      : Promise.resolve({ status: "none" });
    lookups.set(request, lookup);
  }
  return lookup;
}

/**
 * The signed-in member of staff, holding the permission if one is named. Not signed in: off to
 * the sign-in page (and back afterwards). Signed in without the permission: 403, audited.
 */
export async function requireStaff(
  request: Request,
  context: AppLoadContext,
  permission?: Permission,
) {
  const lookup = await getStaffSession(request, context);
  if (lookup.status !== "valid") {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    const headers = new Headers({ "Set-Cookie": clearedSessionCookie(context) });
    if (lookup.status === "expired") {
      params.set("reason", "timeout");
      // Signed out while typing: what they sent is kept, to send after signing in again.
      const kept = await keepPostedForm(request, context, lookup.staffUserId);
      if (kept) {
        headers.append("Set-Cookie", kept);
        params.set("redirectTo", KEPT_FORM_PATH);
      }
    }
    throw redirect(`/staff/sign-in?${params}`, { headers });
  }
  if (permission && !can(lookup.staff.roles, permission)) {
    await recordAudit({
      organisationId: context.organisation.id,
      action: "access.refused",
      actorStaffUserId: lookup.staff.id,
      clientAddress: context.clientAddress,
      detail: { permission, path: new URL(request.url).pathname },
    });
    throw forbidden();
  }
  return lookup;
}

/** A posted staff form, with its anti-forgery token checked. */
export { readCheckedForm as readStaffForm } from "./forms.server";
