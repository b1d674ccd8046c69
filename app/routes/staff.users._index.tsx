import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { listStaff } from "#app/models/staff.server";
import { requireStaff } from "#app/utils/staff-auth.server";

export const handle: PortalHandle = { titleKey: "staff:users.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "staff:manage");
  return { staff: await listStaff(context.organisation.id) };
}

export default function StaffAccounts() {
  const { t } = useTranslation();
  const { staff } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // Chosen by key: nothing from the address is printed.
  const created = params.get("done") === "created";
  return (
    <>
      {created ? <Notice title={t("staff:users.done.created")} /> : null}
      <PageHeading>{t("staff:users.title")}</PageHeading>
      <p>
        <Link to="/staff/users/new" className="button">
          {t("staff:users.add")}
        </Link>
      </p>
      <div className="table-wrapper">
        <table className="table">
          <caption className="visually-hidden">{t("staff:users.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff:users.name")}</th>
              <th scope="col">{t("staff:users.email")}</th>
              <th scope="col">{t("staff:users.roles")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((person) => (
              <tr key={person.id}>
                <th scope="row">{person.name}</th>
                <td>{person.email}</td>
                <td>{person.roles.map((role) => t(`staff:roles.${role}`)).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
