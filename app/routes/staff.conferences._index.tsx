// Conferences whose families give feedback: a chair's or coordinator's own, or the council's for
// a manager, newest first, a page at a time; and the way to record a new one.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import { Pagination } from "#app/components/pagination";
import { useDates } from "#app/components/dates";
import type { PortalHandle } from "#app/handle";
import { kindsRecordedBy, listConferences } from "#app/models/conference.server";
import { requireConferenceStaff } from "#app/web/conference-pages.server";

export const handle: PortalHandle = { titleKey: "conferences:list.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireConferenceStaff(request, context);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const listed = await listConferences({ organisationId: context.organisation.id, staff, page });
  return { ...listed, kinds: kindsRecordedBy(staff) };
}

export default function Conferences() {
  const { t } = useTranslation();
  const { day } = useDates();
  const { conferences, kinds, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("conferences:list.title")}</PageHeading>
      <p className="body-l">{t("conferences:list.lead")}</p>
      {kinds.length > 0 ? (
        <ul className="list button-list">
          {kinds.map((kind) => (
            <li key={kind}>
              <Link className="button" to={`/staff/conferences/new?kind=${kind}`}>
                {t(`conferences:list.record.${kind}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <StaffTable
        caption={t("conferences:list.caption")}
        empty={t("conferences:list.none")}
        rows={conferences}
        rowKey={(row) => row.id}
        columns={[
          {
            heading: t("conferences:list.reference"),
            rowHeader: true,
            cell: (row) => <Link to={`/staff/conferences/${row.id}`}>{row.reference}</Link>,
          },
          {
            heading: t("conferences:list.kind"),
            cell: (row) => t(`conferences:kinds.${row.kind}`),
          },
          { heading: t("conferences:list.heldOn"), cell: (row) => day(row.heldOn) },
          { heading: t("conferences:list.chair"), cell: (row) => row.chairName },
          { heading: t("conferences:list.answers"), cell: (row) => String(row.answers) },
        ]}
      />
      <Pagination page={page} pages={pages} />
    </>
  );
}
