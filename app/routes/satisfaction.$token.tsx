// "How did we do?" links emailed before every invitation was one kind: they open the same
// one-shot questionnaire as a new link does.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InvitationProblem } from "#app/components/invitation-problem";
import type { PortalHandle } from "#app/handle";
import { visitInvitationLink } from "#app/web/form-journey.server";

export const handle: PortalHandle = { titleKey: "forms:invitation.problemTitle", area: "public" };

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  visitInvitationLink(request, context, params.token ?? "", "satisfaction");

export default function SatisfactionLink() {
  return <InvitationProblem trouble={useLoaderData<typeof loader>()} />;
}
