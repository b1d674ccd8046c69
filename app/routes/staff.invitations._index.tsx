import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "#app/utils/dates";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { listInvitations } from "#app/models/invitation.server";
import { requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "inbox:invitations.list.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "invitation:create");
  const invitations = await listInvitations({
    organisationId: context.organisation.id,
    invitedBy: staff.id,
  });
  return {
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      childName: invitation.childName,
      formId: invitation.formId,
      eventDate: invitation.eventDate,
      status: invitation.status,
      expired: invitation.expired,
    })),
  };
}

export default function Invitations() {
  const { t, i18n } = useTranslation();
  const { invitations } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("inbox:invitations.list.title")}</PageHeading>
      <p className="body-l">{t("inbox:invitations.list.intro")}</p>
      <p>
        <Link to="/staff/invitations/new" className="button">
          {t("inbox:invitations.list.create")}
        </Link>
      </p>
      <StaffTable
        caption={t("inbox:invitations.list.caption")}
        empty={t("inbox:invitations.list.empty")}
        rows={invitations}
        rowKey={(invitation) => invitation.id}
        columns={[
          {
            heading: t("inbox:invitations.list.child"),
            rowHeader: true,
            cell: (invitation) => (
              <Link to={`/staff/invitations/${invitation.id}`}>{invitation.childName}</Link>
            ),
          },
          {
            heading: t("inbox:invitations.list.booklet"),
            cell: (invitation) =>
              t(`inbox:invitations.booklets.${invitation.formId}.name`, {
                defaultValue: invitation.formId,
              }),
          },
          {
            heading: t("inbox:invitations.list.reviewDate"),
            cell: (invitation) => (
              <time dateTime={invitation.eventDate}>
                {formatDay(invitation.eventDate, i18n.language)}
              </time>
            ),
          },
          {
            heading: t("inbox:invitations.list.status"),
            cell: (invitation) => (
              <>
                {t(`inbox:invitations.status.${invitation.status}`)}
                {invitation.expired &&
                invitation.status !== "submitted" &&
                invitation.status !== "read" ? (
                  <>
                    {" "}
                    <strong className="tag">{t("inbox:invitations.status.expired")}</strong>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
