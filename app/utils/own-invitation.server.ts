import type { AppLoadContext } from "@remix-run/node";
import { getInvitation, readIssuedSecrets } from "#app/models/invitation.server";
import { requireStaff } from "./staff-auth.server";
import { londonDateOf } from "./working-days";
import { refusedItem } from "./refusal-audit.server";

/**
 * The signed-in IRO's own invitation (404 for anyone else's), the last UK day its link works,
 * and the link and code if they were issued to this IRO within the hour.
 */
export async function ownInvitation(
  request: Request,
  context: AppLoadContext,
  invitationId: string,
) {
  const { staff } = await requireStaff(request, context, "invitation:create");
  const invitation = await getInvitation({
    organisationId: context.organisation.id,
    iroStaffUserId: staff.id,
    invitationId,
  });
  if (!invitation) {
    throw await refusedItem(request, context, staff, { type: "invitation", id: invitationId });
  }
  const issued = await readIssuedSecrets(request, {
    production: context.production,
    organisationId: context.organisation.id,
    staffUserId: staff.id,
    invitationId,
  });
  return {
    staff,
    invitation,
    issued,
    // the link and code stop at the midnight after this day
    lastDay: londonDateOf(new Date(invitation.expiresAt.getTime() - 1)),
  };
}
