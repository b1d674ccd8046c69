import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { permissionsOf, type Permission } from "#app/models/permissions";
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

/** Work that has its own page: where it is and what the link says. */
const WORK_LINKS: Partial<Record<Permission, { to: string; labelKey: string }>> = {
  "staff:manage": { to: "/staff/users", labelKey: "staff:work.staff:manage" },
  "invitation:create": { to: "/staff/invitations", labelKey: "inbox:invitations.homeLink" },
  "booklet:read-own": { to: "/staff/booklets", labelKey: "inbox:inbox.homeLinkMine" },
  "booklet:read-shared-inbox": {
    to: "/staff/booklets?box=shared",
    labelKey: "inbox:inbox.homeLinkShared",
  },
  "representation:triage": {
    to: "/staff/representations",
    labelKey: "staff:work.representation:triage",
  },
  "advocacy-referral:handle": {
    to: "/staff/advocacy",
    labelKey: "staff:work.advocacy-referral:handle",
  },
  "report:read": { to: "/staff/reports/complaints", labelKey: "staff:work.report:read" },
  "refusals:read": { to: "/staff/refusals", labelKey: "staff:work.refusals:read" },
};

/** Permissions whose work is reached through another one's link. */
const WORK_COVERED_BY: Partial<Record<Permission, Permission>> = {
  "booklet:allocate": "booklet:read-shared-inbox",
};

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
        {permissions
          .filter((permission) => !(permission in WORK_COVERED_BY))
          .map((permission) => {
            const link = WORK_LINKS[permission];
            return (
              <li key={permission}>
                {link ? (
                  <Link to={link.to}>{t(link.labelKey)}</Link>
                ) : (
                  t(`staff:work.${permission}`)
                )}
              </li>
            );
          })}
      </ul>
    </>
  );
}
