import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { extendSession, idleTimeoutSeconds } from "#app/models/staff-session.server";
import { textOf } from "#app/web/forms.server";
import { safeRedirect } from "#app/utils/redirects";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export async function loader() {
  return redirect("/staff");
}

/** "Stay signed in" on the timeout warning: with script it answers JSON, without it goes back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const session = await requireStaff(request, context);
  await extendSession(context.organisation.id, session.sessionId);
  if (request.headers.get("Accept") === "application/json") {
    return Response.json({ idleSecondsLeft: idleTimeoutSeconds() });
  }
  return redirect(safeRedirect(textOf(form, "redirectTo")));
}
