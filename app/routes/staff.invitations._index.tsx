import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "#app/utils/dates";
import { PageHeading } from "#app/components/shell";
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
      {invitations.length === 0 ? (
        <p>{t("inbox:invitations.list.empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{t("inbox:invitations.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("inbox:invitations.list.child")}</th>
                <th scope="col">{t("inbox:invitations.list.booklet")}</th>
                <th scope="col">{t("inbox:invitations.list.reviewDate")}</th>
                <th scope="col">{t("inbox:invitations.list.status")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">
                    <Link to={`/staff/invitations/${invitation.id}`}>{invitation.childName}</Link>
                  </th>
                  <td>
                    {t(`inbox:invitations.booklets.${invitation.formId}.name`, {
                      defaultValue: invitation.formId,
                    })}
                  </td>
                  <td>
                    <time dateTime={invitation.eventDate}>
                      {formatDay(invitation.eventDate, i18n.language)}
                    </time>
                  </td>
                  <td>
                    {t(`inbox:invitations.status.${invitation.status}`)}
                    {invitation.expired &&
                    invitation.status !== "submitted" &&
                    invitation.status !== "read" ? (
                      <>
                        {" "}
                        <strong className="tag">{t("inbox:invitations.status.expired")}</strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
