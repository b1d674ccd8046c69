import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { allDestinations, inboxDestinations } from "#app/destinations/registry";
import { allForms } from "#app/forms/registry";
import { permissionsOf, type Permission } from "#app/models/permissions";
import { requireStaff } from "#app/web/staff-auth.server";

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

/**
 * What each permission means on the home page: a link to the page where that work is done, or a
 * plain sentence where the portal has no page for it. Typed over every permission, so a new one
 * cannot be forgotten (a missing entry fails the type check).
 */
type WorkItem = { labelKey: string; to?: string; formNamespace?: string };

const WORK: Record<Permission, WorkItem | null> = {
  "staff:manage": { to: "/staff/users", labelKey: "staff:work.staffManage" },
  "settings:manage": { to: "/staff/settings", labelKey: "settings:homeLink" },
  "invitation:create": { to: "/staff/invitations", labelKey: "inbox:invitations.homeLink" },
  // The inbox's links come from the destinations that grant these (inboxWork, below).
  "booklet:read-own": null,
  "booklet:read-shared-inbox": null,
  // Reached through the shared inbox's link.
  "booklet:allocate": null,
  "conference:chair": { to: "/staff/conferences", labelKey: "conferences:home.chair" },
  "fgc:coordinate": { to: "/staff/conferences", labelKey: "conferences:home.coordinator" },
  "feedback:read-all": { to: "/staff/conferences", labelKey: "conferences:home.all" },
  "review:record": { to: "/staff/reviews", labelKey: "reviews:home.record" },
  "participation:read": {
    to: "/staff/reviews/participation",
    labelKey: "reviews:home.participation",
  },
  "representation:triage": {
    to: "/staff/representations",
    labelKey: "staff:work.representationTriage",
  },
  "advocacy-referral:handle": {
    to: "/staff/advocacy",
    labelKey: "staff:work.advocacyReferralHandle",
  },
  "advocacy:figures": { to: "/staff/advocacy/figures", labelKey: "advocacy:figures.homeLink" },
  "report:read": { to: "/staff/reports/complaints", labelKey: "staff:work.reportRead" },
  "refusals:read": { to: "/staff/refusals", labelKey: "staff:work.refusalsRead" },
};

/** The inboxes a permission opens: a reader's own, and the shared one a manager allocates from. */
function inboxWork(permission: Permission): WorkItem[] {
  return inboxDestinations().flatMap((d) => [
    ...(d.read.own === permission
      ? [{ to: d.staffPath, labelKey: `${d.inbox.words}.homeLinkMine` }]
      : []),
    ...(d.read.shared === permission
      ? [{ to: `${d.staffPath}?box=shared`, labelKey: `${d.inbox.words}.homeLinkShared` }]
      : []),
  ]);
}

/** The summaries a permission opens: one per form of each destination that has one. */
function summaryWork(permission: Permission): WorkItem[] {
  return allDestinations().flatMap((d) =>
    d.summary && (d.summary.read === permission || d.summary.own === permission)
      ? [
          ...new Map(
            allForms()
              .filter((f) => f.destination === d.id)
              .map((f) => [f.id, f.namespace] as const),
          ),
        ].map(([formId, formNamespace]) => ({
          to: `/staff/summaries/${formId}`,
          labelKey: `${d.summary!.words}.homeLink`,
          formNamespace,
        }))
      : [],
  );
}

/** Pages reached with a permission listed above, shown beside it. */
const ALSO: Partial<Record<Permission, WorkItem>> = {
  "staff:manage": { to: "/staff/mailbox", labelKey: "staff:work.mailbox" },
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
        {permissions.flatMap((permission) => {
          const items = [
            WORK[permission],
            ...inboxWork(permission),
            ...summaryWork(permission),
            ALSO[permission],
          ].filter((item): item is WorkItem => item != null);
          return items.map((item) => {
            const label = t(item.labelKey, {
              form: item.formNamespace ? t(`${item.formNamespace}:title`) : "",
            });
            return (
              <li key={`${item.labelKey} ${item.to}`}>
                {item.to ? <Link to={item.to}>{label}</Link> : label}
              </li>
            );
          });
        })}
      </ul>
    </>
  );
}
