import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { Pagination } from "#app/components/pagination";
import { PageHeading } from "#app/components/shell";
import { ChooseAndShow } from "#app/components/choose-and-show";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { recordAudit } from "#app/models/audit.server";
import { listRepeatedRefusals } from "#app/models/refusal.server";
import { pageFromDatabase } from "#app/web/pages";
import { requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "staff:refusals.title", area: "staff" };

/** The periods a manager can look back over, in days; a week unless another is chosen. */
const PERIODS = [1, 7, 30, 90] as const;
const DEFAULT_PERIOD = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "refusals:read");
  const url = new URL(request.url);
  const askedDays = Number(url.searchParams.get("days"));
  const days = (PERIODS as readonly number[]).includes(askedDays) ? askedDays : DEFAULT_PERIOD;
  const since = new Date(Date.now() - days * DAY_MS);
  const found = await pageFromDatabase(request, (window) =>
    listRepeatedRefusals({ organisationId: context.organisation.id, since, ...window }),
  );
  await recordAudit({
    organisationId: context.organisation.id,
    action: "refusals.viewed",
    actorStaffUserId: staff.id,
    clientAddress: context.clientAddress,
    detail: { days, page: found.page },
  });
  return {
    days,
    page: found.page,
    pages: found.pages,
    total: found.total,
    rows: found.rows.map((row) => ({ ...row, lastAt: row.lastAt.toISOString() })),
  };
}

export default function Refusals() {
  const { t } = useTranslation();
  const dates = useDates();
  const { days, page, pages, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("staff:refusals.title")}</PageHeading>
      <p>{t("staff:refusals.intro")}</p>
      <ChooseAndShow
        name="days"
        label={t("staff:refusals.periodLabel")}
        value={String(days)}
        options={PERIODS.map((period) => ({
          value: String(period),
          label: t("staff:refusals.period", { count: period }),
        }))}
        submit={t("staff:refusals.show")}
      />
      <StaffTable
        caption={t("staff:refusals.caption", { count: days })}
        showCaption
        empty={t("staff:refusals.none", { count: days })}
        rows={rows}
        rowKey={(row) => `${row.staffUserId} ${row.path}`}
        columns={[
          {
            heading: t("staff:refusals.account"),
            rowHeader: true,
            cell: (row) => (
              <>
                {row.name}
                <br />
                <span className="hint">{row.email}</span>
              </>
            ),
          },
          { heading: t("staff:refusals.page"), cell: (row) => <code dir="ltr">{row.path}</code> },
          { heading: t("staff:refusals.count"), cell: (row) => row.refusals },
          {
            heading: t("staff:refusals.why"),
            cell: (row) => row.kinds.map((kind) => t(`staff:refusals.kinds.${kind}`)).join(", "),
          },
          { heading: t("staff:refusals.last"), cell: (row) => dates.moment(row.lastAt) },
        ]}
      />
      <Pagination page={page} pages={pages} />
    </>
  );
}
