// The council's settings, a page per topic: what the admin can make the portal's own.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { SETTINGS_TOPICS } from "#app/settings/topics";
import { requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "settings:title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "settings:manage");
  return null;
}

/** Every page, in the order an admin setting up a council would go through them. */
const PAGES = [
  ...SETTINGS_TOPICS.slice(0, 1).map((topic) => topic.id),
  "service-areas",
  "teams",
  ...SETTINGS_TOPICS.slice(1).map((topic) => topic.id),
];

export default function Settings() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t("settings:title")}</PageHeading>
      <p>{t("settings:intro")}</p>
      <ul className="card-list">
        {PAGES.map((page) => (
          <li key={page} className="card">
            <h2 className="heading-s">
              <a href={`/staff/settings/${page}`}>{t(`settings:topics.${page}.title`)}</a>
            </h2>
            <p>{t(`settings:topics.${page}.intro`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
