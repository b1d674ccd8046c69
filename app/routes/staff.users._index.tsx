import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { listStaff } from "#app/models/staff.server";
import { requireStaff } from "#app/web/staff-auth.server";

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
      <StaffTable
        caption={t("staff:users.caption")}
        rows={staff}
        rowKey={(person) => person.id}
        columns={[
          { heading: t("staff:users.name"), rowHeader: true, cell: (person) => person.name },
          { heading: t("staff:users.email"), cell: (person) => person.email },
          {
            heading: t("staff:users.roles"),
            cell: (person) => person.roles.map((role) => t(`staff:roles.${role}`)).join(", "),
          },
        ]}
      />
    </>
  );
}
