// What the conference pages share: the signed-in chair's (or a manager's) own conference, its
// links as the council's address writes them, and its QR codes drawn on the server.
import type { AppLoadContext } from "@remix-run/node";
import QRCode from "qrcode";
import { getConference, kindsRecordedBy } from "#app/models/conference.server";
import { publicUrlOf } from "#app/models/organisation.server";
import { can } from "#app/models/permissions";
import { refusedItem } from "./refusal-audit.server";
import { forbidden } from "./refusals.server";
import { requireStaff } from "./staff-auth.server";

/** A chair, a coordinator or a manager: anyone else is refused (403, audited). */
export async function requireConferenceStaff(request: Request, context: AppLoadContext) {
  const session = await requireStaff(request, context);
  const { staff } = session;
  if (kindsRecordedBy(staff).length === 0 && !can(staff.roles, "feedback:read-all")) {
    // Refused as every other page is: audited, naming the permission.
    await requireStaff(request, context, "conference:chair");
    throw forbidden();
  }
  return session;
}

/** One of the signed-in member of staff's conferences, with its links; 404 (audited) otherwise. */
export async function ownConference(
  request: Request,
  context: AppLoadContext,
  conferenceId: string | undefined,
) {
  const { staff } = await requireConferenceStaff(request, context);
  const conference = await getConference({
    organisationId: context.organisation.id,
    staff,
    conferenceId: conferenceId ?? "",
    clientAddress: context.clientAddress,
  });
  if (!conference) {
    throw await refusedItem(request, context, staff, { type: "conference", id: conferenceId });
  }
  const portal = publicUrlOf(context.organisation);
  const forms = await Promise.all(
    conference.forms.map(async ({ secrets, ...form }) => {
      const link = secrets ? `${portal}/i/${secrets.linkToken}` : null;
      return {
        ...form,
        code: secrets?.code ?? null,
        link,
        // Drawn here, so the page needs no script and nothing from anywhere else.
        qr: link ? await QRCode.toString(link, { type: "svg", margin: 1 }) : null,
      };
    }),
  );
  return { staff, conference: { ...conference, forms }, portal };
}
