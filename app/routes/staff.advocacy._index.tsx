import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { PageHeading } from "#app/components/shell";
import { ChooseAndShow } from "#app/components/choose-and-show";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import {
  readReferrals,
  REFERRAL_LIST_SHOWS,
  type ReferralListShows,
} from "#app/models/advocacy.server";
import { can } from "#app/models/permissions";
import { Pagination } from "#app/components/pagination";
import { pageFromDatabase } from "#app/web/pages";
import { requireStaff } from "#app/web/staff-auth.server";
import { forbidden } from "#app/web/refusals.server";

export const handle: PortalHandle = { titleKey: "advocacy:list.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "advocacy-referral:handle");
  const asked = new URL(request.url).searchParams.get("show");
  // Open referrals unless closed ones are asked for.
  const shows: ReferralListShows = asked === "closed" ? "closed" : "open";
  // The model checks the council and the permission again.
  const { rows, page, pages } = await pageFromDatabase(request, async (window) => {
    const found = await readReferrals({ organisation: context.organisation, staff, shows }, window);
    if (!found) throw forbidden();
    return found;
  });
  return {
    shows,
    mayReadFigures: can(staff.roles, "advocacy:figures"),
    page,
    pages,
    referrals: rows.map((item) => ({ ...item, receivedAt: item.receivedAt.toISOString() })),
  };
}

export default function AdvocacyReferrals() {
  const { t } = useTranslation();
  const { referrals, page, pages, shows, mayReadFigures } = useLoaderData<typeof loader>();
  const format = useDates();
  return (
    <>
      <PageHeading>{t("advocacy:list.title")}</PageHeading>
      <p>{t("advocacy:list.intro")}</p>
      {mayReadFigures ? (
        <p className="no-print">
          <Link to="/staff/advocacy/figures">{t("advocacy:list.figuresLink")}</Link>
        </p>
      ) : null}
      <ChooseAndShow
        className="no-print"
        name="show"
        label={t("advocacy:list.showLabel")}
        value={shows}
        options={REFERRAL_LIST_SHOWS.map((value) => ({
          value,
          label: t(`advocacy:list.shows.${value}`),
        }))}
        submit={t("advocacy:list.show")}
      />
      <StaffTable
        caption={t(`advocacy:list.captions.${shows}`)}
        empty={t(`advocacy:list.empties.${shows}`)}
        rows={referrals}
        rowKey={(item) => item.id}
        columns={[
          {
            heading: t("advocacy:list.columns.child"),
            rowHeader: true,
            cell: (item) => (
              <>
                {item.childName || t("advocacy:notGiven")}
                {item.withComplaint ? (
                  <span className="hint inbox-table__named">
                    {t("advocacy:list.withComplaint")}
                  </span>
                ) : null}
              </>
            ),
          },
          {
            heading: t("advocacy:list.columns.reference"),
            cell: (item) => (
              <>
                <Link to={`/staff/advocacy/${item.id}`} className="nowrap" dir="ltr">
                  {item.reference}
                </Link>
                {item.childsReference ? (
                  <span className="hint inbox-table__named">
                    {t("advocacy:list.childsReference", { reference: item.childsReference })}
                  </span>
                ) : null}
              </>
            ),
          },
          {
            heading: t("advocacy:list.columns.received"),
            cell: (item) => (
              <time dateTime={item.receivedAt}>{format.moment(item.receivedAt, "medium")}</time>
            ),
          },
          {
            heading: t("advocacy:list.columns.contactBy"),
            cell: (item) => (
              <time dateTime={item.contactDueOn}>{format.day(item.contactDueOn, "medium")}</time>
            ),
          },
          {
            heading: t("advocacy:list.columns.status"),
            cell: (item) => (
              <ul className="inbox-table__status">
                <li>
                  {item.status === "new" ? (
                    <strong className="tag">{t("advocacy:status.new")}</strong>
                  ) : (
                    t(`advocacy:status.${item.status}`)
                  )}
                </li>
                {item.contactOverdue ? (
                  <li>
                    <strong className="tag tag--urgent">{t("advocacy:list.overdue")}</strong>
                  </li>
                ) : null}
                {item.outcome && item.closedOn ? (
                  <li className="hint">
                    {t("advocacy:list.closedWith", {
                      outcome: t(`advocacy:outcomes.${item.outcome}`),
                      date: format.day(item.closedOn, "medium"),
                    })}
                  </li>
                ) : null}
              </ul>
            ),
          },
          {
            heading: t("advocacy:list.columns.withinOneDay"),
            cell: (item) =>
              item.withinOneWorkingDay === null
                ? t("advocacy:list.notYet")
                : item.withinOneWorkingDay
                  ? t("advocacy:yes")
                  : t("advocacy:no"),
          },
        ]}
      />
      <Pagination page={page} pages={pages} />
    </>
  );
}
