// The link in an invitation: a child's from their IRO (it works until a few days after their
// review), or the portal's one-shot questionnaire link.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InvitationProblem } from "#app/components/invitation-problem";
import type { PortalHandle } from "#app/handle";
import { visitInvitationLink } from "#app/web/form-journey.server";

export const handle: PortalHandle = { titleKey: "forms:invitation.problemTitle", area: "public" };

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  visitInvitationLink(request, context, params.token ?? "", "invitation");

export default function InvitationLink() {
  return <InvitationProblem trouble={useLoaderData<typeof loader>()} />;
}
