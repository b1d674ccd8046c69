import type { LoaderFunctionArgs } from "@remix-run/node";
import { Pagination } from "#app/components/pagination";
import { pageFromDatabase, ROWS_PER_PAGE } from "#app/web/pages";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { ClockTag } from "#app/components/case/deadline-tags";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { can } from "#app/models/permissions";
import {
  closedCursorOf,
  closedCursorText,
  readClosedCases,
  readOpenQueue,
  type ClosedCursor,
} from "#app/models/representation/queue.server";
import { requireStaff } from "#app/web/staff-auth.server";
import { Tabs } from "#app/components/staff";
import { StaffTable } from "#app/components/staff-table";
import { forbidden } from "#app/web/refusals.server";

export const handle: PortalHandle = { titleKey: "triage:queue.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "representation:triage");
  const search = new URL(request.url).searchParams;
  const asked = { organisation: context.organisation, staff };
  const mayReadReports = can(staff.roles, "report:read");
  if (search.get("show") === "closed") {
    const closed = await readClosedCases({
      ...asked,
      after: closedCursorOf(search.get("after")),
      before: closedCursorOf(search.get("before")),
      limit: ROWS_PER_PAGE,
    });
    if (!closed) throw forbidden();
    const to = (key: string, cursor: ClosedCursor | null) =>
      cursor ? `?show=closed&${key}=${closedCursorText(cursor)}` : null;
    return {
      show: "closed" as const,
      items: closed.rows,
      pages: { previous: to("before", closed.newer), next: to("after", closed.older) },
      mayReadReports,
    };
  }
  const open = await pageFromDatabase(request, async (window) => {
    const found = await readOpenQueue(asked, window);
    if (!found) throw forbidden();
    return found;
  });
  return {
    show: "open" as const,
    items: open.rows,
    pages: { page: open.page, pages: open.pages },
    mayReadReports,
  };
}

export default function Queue() {
  const { t } = useTranslation();
  const { show, items, pages, mayReadReports } = useLoaderData<typeof loader>();
  const format = useDates();
  const captionId = "queue-caption";
  return (
    <>
      <PageHeading>{t("triage:queue.title")}</PageHeading>
      <p className="body-l">{t("triage:queue.intro")}</p>
      <p>
        <Link to="/staff/representations/new" className="button">
          {t("triage:queue.log")}
        </Link>
      </p>
      <Tabs
        label={t("triage:queue.tabsLabel")}
        tabs={[
          { to: "/staff/representations", text: t("triage:queue.open"), current: show === "open" },
          {
            to: "/staff/representations?show=closed",
            text: t("triage:queue.closed"),
            current: show === "closed",
          },
        ]}
      />
      <h2 className="heading-m" id={captionId}>
        {t(`triage:queue.${show}Caption`)}
      </h2>
      <StaffTable
        className="triage-queue"
        caption={t(`triage:queue.${show}Caption`)}
        empty={t(show === "open" ? "triage:queue.emptyOpen" : "triage:queue.emptyClosed")}
        regionLabelledBy={captionId}
        rows={items}
        rowKey={(item) => item.id}
        columns={[
          {
            heading: t("triage:queue.columns.reference"),
            rowHeader: true,
            cell: (item) => (
              <Link to={`/staff/representations/${item.id}`} className="nowrap" dir="ltr">
                {item.reference}
              </Link>
            ),
          },
          {
            heading: t("triage:queue.columns.kind"),
            cell: (item) => t(`triage:values.kind.${item.kind}`),
          },
          {
            heading: t("triage:queue.columns.received"),
            cell: (item) => (
              <time dateTime={item.receivedOn}>{format.day(item.receivedOn, "medium")}</time>
            ),
          },
          {
            heading: t("triage:queue.columns.madeBy"),
            cell: (item) => t(`triage:values.madeBy.${item.madeBy}`),
          },
          {
            heading: t("triage:queue.columns.stage"),
            cell: (item) =>
              item.kind === "compliment"
                ? t("triage:queue.noStage")
                : t("triage:values.stageShort", { stage: item.stage }),
          },
          {
            heading: t("triage:queue.columns.nextDue"),
            cell: (item) =>
              item.closedOn ? (
                <time dateTime={item.closedOn}>
                  {t("triage:queue.closedOn", { date: format.day(item.closedOn, "medium") })}
                </time>
              ) : item.nextDue ? (
                <time dateTime={item.nextDue.dueOn}>
                  {t(`triage:queue.due.${item.nextDue.what}`, {
                    date: format.day(item.nextDue.dueOn, "medium"),
                  })}
                </time>
              ) : (
                t("triage:queue.nothingDue")
              ),
          },
          {
            heading: t("triage:queue.columns.status"),
            cell: (item) => (
              <ul className="triage-tags triage-tags--stacked">
                {item.urgent ? (
                  <li>
                    <strong className="tag tag--urgent">{t("triage:tags.urgent")}</strong>
                  </li>
                ) : null}
                {item.isNew ? (
                  <li>
                    <strong className="tag tag--new">{t("triage:tags.new")}</strong>
                  </li>
                ) : null}
                {item.nextDue ? (
                  <li>
                    <ClockTag state={item.nextDue.state} />
                  </li>
                ) : null}
                {item.closedOn ? (
                  <li>
                    <span className="tag">{t("triage:tags.closed")}</span>
                  </li>
                ) : null}
              </ul>
            ),
          },
        ]}
      />
      <Pagination {...pages} />
      {mayReadReports ? (
        <>
          <h2 className="heading-m">{t("triage:queue.otherWork")}</h2>
          <ul className="list list--bullet">
            <li>
              <Link to="/staff/reports/complaints">{t("triage:queue.report")}</Link>
            </li>
            <li>
              <Link to="/staff/representations/import">{t("triage:queue.import")}</Link>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}
