// "Hand this device round the room": the chair is signed out of it (their session elsewhere goes
// on), and it offers only this conference's forms until the chair signs in on it again.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "#app/models/audit.server";
import { signOut } from "#app/models/staff-session.server";
import { ownConference } from "#app/web/conference-pages.server";
import { HAND_OVER_PATH, handOverCookie } from "#app/web/hand-over.server";
import { clearedSessionCookie, getStaffSession, readStaffForm } from "#app/web/staff-auth.server";

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/staff/conferences/${params.id}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readStaffForm(request, context);
  const { staff, conference } = await ownConference(request, context, params.id);
  if (!conference.open) throw redirect(`/staff/conferences/${conference.id}`);
  await recordAudit({
    organisationId: context.organisation.id,
    action: "conference.handed-over",
    actorStaffUserId: staff.id,
    subjectType: "conference",
    subjectId: conference.id,
    clientAddress: context.clientAddress,
  });
  const session = await getStaffSession(request, context);
  if (session.status === "valid") {
    await signOut(context.organisation.id, session.sessionId, staff.id, context.clientAddress);
  }
  const headers = new Headers();
  headers.append("Set-Cookie", clearedSessionCookie(context));
  headers.append("Set-Cookie", handOverCookie(context, conference.id));
  throw redirect(HAND_OVER_PATH, { headers });
}
