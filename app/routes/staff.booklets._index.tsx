import type { LoaderFunctionArgs } from "@remix-run/node";
import { Pagination } from "#app/components/pagination";
import { onePage } from "#app/utils/pages";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { Notice } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { listInbox, NotAllowedError, type InboxBox } from "#app/models/inbox.server";
import { can } from "#app/models/permissions";
import { requireStaff } from "#app/utils/staff-auth.server";
import { Tabs } from "#app/components/staff";
import { forbidden } from "#app/utils/refusals.server";

export const handle: PortalHandle = { titleKey: "inbox:inbox.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  const mayReadOwn = can(staff.roles, "booklet:read-own");
  const mayReadShared = can(staff.roles, "booklet:read-shared-inbox");
  const asked = new URL(request.url).searchParams.get("box");
  const box: InboxBox =
    asked === "shared" || (asked !== "mine" && !mayReadOwn && mayReadShared) ? "shared" : "mine";
  // Checked (and a refusal audited) by permission; the model checks again.
  await requireStaff(
    request,
    context,
    box === "shared" ? "booklet:read-shared-inbox" : "booklet:read-own",
  );
  let rows;
  try {
    rows = await listInbox({ organisationId: context.organisation.id, staff, box });
  } catch (error) {
    if (error instanceof NotAllowedError) throw forbidden();
    throw error;
  }
  const shown = onePage(rows, request);
  return {
    box,
    tabs: { mine: mayReadOwn, shared: mayReadShared },
    page: shown.page,
    pages: shown.pages,
    rows: shown.rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      senderName: row.senderName,
      namedWorker: row.namedWorker,
      formId: row.formId,
      submittedAt: row.submittedAt.toISOString(),
      urgent: row.urgent,
      read: row.read,
      reviewDate: row.reviewDate,
      participation: row.participation,
    })),
  };
}

export default function Booklets() {
  const { t } = useTranslation();
  const { box, tabs, rows, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // Chosen by key: nothing from the address is printed.
  const allocated = params.get("done") === "allocated";
  const format = useDates();
  const showTabs = tabs.mine && tabs.shared;
  return (
    <>
      {allocated ? <Notice title={t("inbox:booklet.allocate.done")} /> : null}
      <PageHeading>{t("inbox:inbox.title")}</PageHeading>
      {showTabs ? (
        <Tabs
          label={t("inbox:inbox.tabsLabel")}
          tabs={[
            { to: "/staff/booklets", text: t("inbox:inbox.mine"), current: box === "mine" },
            {
              to: "/staff/booklets?box=shared",
              text: t("inbox:inbox.shared"),
              current: box === "shared",
            },
          ]}
        />
      ) : null}
      <h2 className="heading-m">{t(`inbox:inbox.${box}`)}</h2>
      <p>{t(`inbox:inbox.${box}Intro`)}</p>
      {rows.length === 0 ? (
        <p>{t(`inbox:inbox.${box}Empty`)}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table inbox-table">
            <caption className="visually-hidden">{t(`inbox:inbox.${box}Caption`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("inbox:inbox.columns.from")}</th>
                <th scope="col">{t("inbox:inbox.columns.reference")}</th>
                <th scope="col">{t("inbox:inbox.columns.booklet")}</th>
                <th scope="col">{t("inbox:inbox.columns.sent")}</th>
                <th scope="col">{t("inbox:inbox.columns.reviewDate")}</th>
                <th scope="col">{t("inbox:inbox.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.id}
                  className={[
                    row.urgent ? "inbox-table__row--urgent" : "",
                    row.read ? "" : "inbox-table__row--unread",
                  ]
                    .filter(Boolean)
                    .join(" ")}
                >
                  <th scope="row">
                    {row.senderName ?? t("inbox:inbox.noName")}
                    {box === "shared" && row.namedWorker ? (
                      <span className="hint inbox-table__named">
                        {t("inbox:inbox.namedWorker", { name: row.namedWorker })}
                      </span>
                    ) : null}
                  </th>
                  <td>
                    <Link to={`/staff/booklets/${row.id}`} className="nowrap" dir="ltr">
                      {row.reference}
                    </Link>
                  </td>
                  <td>
                    {t(`inbox:invitations.booklets.${row.formId}.name`, {
                      defaultValue: row.formId,
                    })}
                  </td>
                  <td>
                    <time dateTime={row.submittedAt}>
                      {format.moment(row.submittedAt, "medium")}
                    </time>
                  </td>
                  <td>
                    {row.reviewDate ? (
                      <time dateTime={row.reviewDate}>{format.day(row.reviewDate, "medium")}</time>
                    ) : (
                      t("inbox:inbox.noReviewDate")
                    )}
                  </td>
                  <td>
                    <ul className="inbox-table__status">
                      {row.urgent ? (
                        <li>
                          <strong className="tag tag--urgent">{t("inbox:inbox.urgent")}</strong>
                        </li>
                      ) : null}
                      <li>
                        {row.read ? (
                          t("inbox:inbox.read")
                        ) : (
                          <strong className="tag tag--unread">{t("inbox:inbox.unread")}</strong>
                        )}
                      </li>
                      {row.participation ? (
                        <li>
                          {t("inbox:inbox.participationRecorded", {
                            category: row.participation,
                          })}
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </>
  );
}
