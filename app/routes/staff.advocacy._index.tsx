import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { listReferrals, REFERRAL_LIST_LIMIT } from "#app/models/advocacy.server";
import { requireStaff } from "#app/utils/staff-auth.server";
import { forbidden } from "#app/utils/refusals.server";

export const handle: PortalHandle = { titleKey: "advocacy:list.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "advocacy-referral:handle");
  // The model checks the council and the permission again.
  const referrals = await listReferrals({ organisation: context.organisation, staff });
  if (!referrals) throw forbidden();
  return {
    limit: referrals.length >= REFERRAL_LIST_LIMIT ? REFERRAL_LIST_LIMIT : null,
    referrals: referrals.map((item) => ({ ...item, receivedAt: item.receivedAt.toISOString() })),
  };
}

export default function AdvocacyReferrals() {
  const { t } = useTranslation();
  const { referrals, limit } = useLoaderData<typeof loader>();
  const format = useDates();
  return (
    <>
      <PageHeading>{t("advocacy:list.title")}</PageHeading>
      <p>{t("advocacy:list.intro")}</p>
      {referrals.length === 0 ? (
        <p>{t("advocacy:list.empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{t("advocacy:list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("advocacy:list.columns.child")}</th>
                <th scope="col">{t("advocacy:list.columns.reference")}</th>
                <th scope="col">{t("advocacy:list.columns.received")}</th>
                <th scope="col">{t("advocacy:list.columns.contactBy")}</th>
                <th scope="col">{t("advocacy:list.columns.status")}</th>
                <th scope="col">{t("advocacy:list.columns.withinOneDay")}</th>
              </tr>
            </thead>
            <tbody>
              {referrals.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.childName || t("advocacy:notGiven")}
                    {item.withComplaint ? (
                      <span className="hint inbox-table__named">
                        {t("advocacy:list.withComplaint")}
                      </span>
                    ) : null}
                  </th>
                  <td>
                    <Link to={`/staff/advocacy/${item.id}`} className="nowrap" dir="ltr">
                      {item.reference}
                    </Link>
                    {item.childsReference ? (
                      <span className="hint inbox-table__named">
                        {t("advocacy:list.childsReference", { reference: item.childsReference })}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <time dateTime={item.receivedAt}>
                      {format.moment(item.receivedAt, "medium")}
                    </time>
                  </td>
                  <td>
                    <time dateTime={item.contactDueOn}>
                      {format.day(item.contactDueOn, "medium")}
                    </time>
                  </td>
                  <td>
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
                    </ul>
                  </td>
                  <td>
                    {item.withinOneWorkingDay === null
                      ? t("advocacy:list.notYet")
                      : item.withinOneWorkingDay
                        ? t("advocacy:yes")
                        : t("advocacy:no")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {limit ? <p className="hint">{t("advocacy:list.limit", { count: limit })}</p> : null}
    </>
  );
}
