import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "#app/models/staff-session.server";
import { textOf } from "#app/web/forms.server";
import { clearedSessionCookie, getStaffSession, readStaffForm } from "#app/web/staff-auth.server";

export async function loader() {
  return redirect("/staff");
}

/**
 * Signs out: the header's button, the timeout warning's "Sign out now", and the warning's script
 * when the idle deadline passes with no answer (reason "timeout").
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const session = await getStaffSession(request, context);
  if (session.status === "valid") {
    await signOut(
      context.organisation.id,
      session.sessionId,
      session.staff.id,
      context.clientAddress,
    );
  }
  const reason = textOf(form, "reason") === "timeout" ? "timeout" : "signed-out";
  return redirect(`/staff/sign-in?reason=${reason}`, {
    headers: { "Set-Cookie": clearedSessionCookie(context) },
  });
}
