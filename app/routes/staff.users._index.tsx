import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { Notice } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { listAccounts } from "#app/models/staff-accounts.server";
import { requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "staff:users.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "staff:manage");
  const days = context.organisation.inactiveAccountDays;
  const unused = new URL(request.url).searchParams.get("show") === "unused";
  const accounts = await listAccounts({
    organisationId: context.organisation.id,
    staff,
    unusedForDays: unused ? days : undefined,
  });
  return { accounts, unused, days };
}

export default function StaffAccounts() {
  const { t } = useTranslation();
  const dates = useDates();
  const { accounts, unused, days } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // Chosen by key: nothing from the address is printed.
  const created = params.get("done") === "created";
  return (
    <>
      {created ? <Notice title={t("staff:users.done.created")} /> : null}
      <PageHeading>
        {unused ? t("account:accounts.unusedTitle", { count: days }) : t("staff:users.title")}
      </PageHeading>
      {unused ? (
        <>
          <p>{t("account:accounts.unusedIntro", { count: days })}</p>
          <ul className="list">
            <li>
              <Link to="/staff/users">{t("account:accounts.all")}</Link>
            </li>
            <li>
              <Link to="/staff/settings/staff-accounts">{t("account:accounts.changeDays")}</Link>
            </li>
          </ul>
        </>
      ) : (
        <>
          <p>
            <Link to="/staff/users/new" className="button">
              {t("staff:users.add")}
            </Link>
          </p>
          <p>
            <Link to="/staff/users?show=unused">
              {t("account:accounts.unusedLink", { count: days })}
            </Link>
          </p>
        </>
      )}
      <StaffTable
        caption={t("staff:users.caption")}
        rows={accounts}
        rowKey={(person) => person.id}
        empty={unused ? t("account:accounts.noneUnused", { count: days }) : undefined}
        columns={[
          {
            heading: t("staff:users.name"),
            rowHeader: true,
            cell: (person) => <Link to={`/staff/users/${person.id}`}>{person.name}</Link>,
          },
          { heading: t("staff:users.email"), cell: (person) => person.email },
          {
            heading: t("staff:users.roles"),
            cell: (person) => person.roles.map((role) => t(`staff:roles.${role}`)).join(", "),
          },
          {
            heading: t("account:accounts.lastSignedIn"),
            cell: (person) =>
              person.lastSignedInAt
                ? dates.moment(person.lastSignedInAt, "medium")
                : t("account:accounts.never"),
          },
          {
            heading: t("account:accounts.status"),
            cell: (person) =>
              person.active ? t("account:accounts.active") : t("account:accounts.disabled"),
          },
        ]}
      />
    </>
  );
}
