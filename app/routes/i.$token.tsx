// The link in a child's invitation. It works until a few days after their review.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvitationProblem } from "#app/components/invitation-problem";
import type { PortalHandle } from "#app/handle";
import { findInvitationForVisitor } from "#app/models/invitation.server";
import { openInvitation } from "#app/utils/form-journey.server";

export const handle: PortalHandle = { titleKey: "forms:invitation.problemTitle", area: "public" };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await findInvitationForVisitor(context.organisation.id, {
    token: params.token ?? "",
  });
  if (found.status === "ok") throw await openInvitation(context, found.invitation);
  return data(
    found.status === "expired"
      ? { status: "expired" as const, iroName: found.iroName }
      : { status: "unknown" as const, iroName: null },
    { status: found.status === "expired" ? 410 : 404 },
  );
}

export default function InvitationLink() {
  const { t } = useTranslation();
  const result = useLoaderData<typeof loader>();
  return (
    <InvitationProblem
      message={
        result.status === "expired"
          ? t("forms:invitation.expired", { iroName: result.iroName })
          : t("forms:invitation.unknownLink")
      }
    />
  );
}
