import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { permissionsOf } from "#app/models/permissions";
import { requireStaff } from "#app/utils/staff-auth.server";

export const handle: PortalHandle = { titleKey: "staff:home.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  return {
    name: staff.name,
    council: context.organisation.name,
    roles: staff.roles,
    permissions: permissionsOf(staff.roles),
  };
}

export default function StaffHome() {
  const { t } = useTranslation();
  const { name, council, roles, permissions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("staff:home.heading", { name })}</PageHeading>
      <p className="body-l">{t("staff:home.council", { council })}</p>
      <h2 className="heading-m">{t("staff:home.rolesTitle")}</h2>
      <ul className="list list--bullet">
        {roles.map((role) => (
          <li key={role}>{t(`staff:roles.${role}`)}</li>
        ))}
      </ul>
      <h2 className="heading-m">{t("staff:home.workTitle")}</h2>
      <ul className="list list--bullet">
        {permissions.map((permission) => (
          <li key={permission}>
            {permission === "staff:manage" ? (
              <Link to="/staff/users">{t(`staff:work.${permission}`)}</Link>
            ) : (
              t(`staff:work.${permission}`)
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
