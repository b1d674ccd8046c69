import type { LoaderFunctionArgs } from "@remix-run/node";
import { Pagination } from "#app/components/pagination";
import { pageFromDatabase } from "#app/web/pages";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { Notice } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { inboxDestination } from "#app/destinations/registry";
import { readInbox, NotAllowedError, type InboxBox } from "#app/models/inbox.server";
import { can } from "#app/models/permissions";
import { requireStaff } from "#app/web/staff-auth.server";
import { Tabs } from "#app/components/staff";
import { forbidden, notFound } from "#app/web/refusals.server";
import { translatorFor } from "#app/i18n.server";
import { findForm } from "#app/forms/registry";
import { localised } from "#app/utils/localised";

// The one inbox of a destination read here (the IRO service's booklets, and any other without a
// case of its own): the reader's own items, and the shared inbox a manager allocates from.
export const handle: PortalHandle = { area: "staff" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  const destination = inboxDestination(params.destination);
  if (!destination) throw notFound();
  const mayReadOwn = can(staff.roles, destination.read.own);
  const mayReadShared = can(staff.roles, destination.read.shared);
  const asked = new URL(request.url).searchParams.get("box");
  const box: InboxBox =
    asked === "shared" || (asked !== "mine" && !mayReadOwn && mayReadShared) ? "shared" : "mine";
  // Checked (and a refusal audited) by permission; the model checks again.
  await requireStaff(
    request,
    context,
    box === "shared" ? destination.read.shared : destination.read.own,
  );
  let shown;
  try {
    shown = await pageFromDatabase(request, (window) =>
      readInbox({ organisationId: context.organisation.id, staff, destination, box }, window),
    );
  } catch (error) {
    if (error instanceof NotAllowedError) throw forbidden();
    throw error;
  }
  const { t, language } = await translatorFor(request);
  const words = destination.inbox.words;
  const bookletTitle = localised(context.organisation.bookletTitle, language);
  const formName = (formId: string) => {
    const form = findForm(formId);
    return form ? t(`${form.namespace}:title`, { bookletTitle }) : t(`${words}.unknownForm`);
  };
  return {
    // The open and the shared view are told apart in the title (WCAG 2.4.2).
    pageTitle: `${t(`${words}.${box}`)} – ${t(`${words}.title`)}`,
    words,
    itemWords: destination.inbox.itemWords,
    path: destination.staffPath,
    box,
    tabs: { mine: mayReadOwn, shared: mayReadShared },
    page: shown.page,
    pages: shown.pages,
    rows: shown.rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      senderName: row.senderName,
      namedWorker: row.namedWorker,
      formName: formName(row.formId),
      submittedAt: row.submittedAt.toISOString(),
      urgent: row.urgent,
      read: row.read,
      reviewDate: row.reviewDate,
      participation: row.participation,
    })),
  };
}

export default function Inbox() {
  const { t } = useTranslation();
  const { words, itemWords, path, box, tabs, rows, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // Chosen by key: nothing from the address is printed.
  const allocated = params.get("done") === "allocated";
  const format = useDates();
  const showTabs = tabs.mine && tabs.shared;
  return (
    <>
      {allocated ? <Notice title={t(`${itemWords}.allocate.done`)} /> : null}
      <PageHeading>{t(`${words}.title`)}</PageHeading>
      {showTabs ? (
        <Tabs
          label={t(`${words}.tabsLabel`)}
          tabs={[
            { to: path, text: t(`${words}.mine`), current: box === "mine" },
            {
              to: `${path}?box=shared`,
              text: t(`${words}.shared`),
              current: box === "shared",
            },
          ]}
        />
      ) : null}
      <h2 className="heading-m">{t(`${words}.${box}`)}</h2>
      <p>{t(`${words}.${box}Intro`)}</p>
      <StaffTable
        caption={t(`${words}.${box}Caption`)}
        empty={t(`${words}.${box}Empty`)}
        className="inbox-table"
        rows={rows}
        rowKey={(row) => row.id}
        rowClassName={(row) =>
          [row.urgent ? "inbox-table__row--urgent" : "", row.read ? "" : "inbox-table__row--unread"]
            .filter(Boolean)
            .join(" ") || undefined
        }
        columns={[
          {
            heading: t(`${words}.columns.from`),
            rowHeader: true,
            cell: (row) => (
              <>
                {row.senderName ?? t(`${words}.noName`)}
                {box === "shared" && row.namedWorker ? (
                  <span className="hint inbox-table__named">
                    {t(`${words}.namedWorker`, { name: row.namedWorker })}
                  </span>
                ) : null}
              </>
            ),
          },
          {
            heading: t(`${words}.columns.reference`),
            cell: (row) => (
              <Link to={`${path}/${row.id}`} className="nowrap" dir="ltr">
                {row.reference}
              </Link>
            ),
          },
          { heading: t(`${words}.columns.booklet`), cell: (row) => row.formName },
          {
            heading: t(`${words}.columns.sent`),
            cell: (row) => (
              <time dateTime={row.submittedAt}>{format.moment(row.submittedAt, "medium")}</time>
            ),
          },
          {
            heading: t(`${words}.columns.reviewDate`),
            cell: (row) =>
              row.reviewDate ? (
                <time dateTime={row.reviewDate}>{format.day(row.reviewDate, "medium")}</time>
              ) : (
                t(`${words}.noReviewDate`)
              ),
          },
          {
            heading: t(`${words}.columns.status`),
            cell: (row) => (
              <ul className="inbox-table__status">
                {row.urgent ? (
                  <li>
                    <strong className="tag tag--urgent">{t(`${words}.urgent`)}</strong>
                  </li>
                ) : null}
                <li>
                  {row.read ? (
                    t(`${words}.read`)
                  ) : (
                    <strong className="tag tag--unread">{t(`${words}.unread`)}</strong>
                  )}
                </li>
                {row.participation ? (
                  <li>{t(`${words}.participationRecorded`, { category: row.participation })}</li>
                ) : null}
              </ul>
            ),
          },
        ]}
      />
      <Pagination page={page} pages={pages} />
    </>
  );
}
