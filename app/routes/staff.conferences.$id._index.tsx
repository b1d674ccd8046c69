// One conference for its chair (or a manager): what was recorded, each form's link and code to
// give the family, the cards to print, the device to hand round, and how many have answered —
// the answers themselves are read together in the summary, once there are enough of them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UrgentWords } from "#app/components/urgent-words";
import { CsrfField } from "#app/components/csrf-field";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import { useDates } from "#app/components/dates";
import { findForm } from "#app/forms/registry";
import type { PortalHandle } from "#app/handle";
import { londonDateOf } from "#app/utils/dates";
import { ownConference } from "#app/web/conference-pages.server";

export const handle: PortalHandle = { titleKey: "conferences:page.title", area: "staff" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { conference } = await ownConference(request, context, params.id);
  const { chairedBy: _chair, ...shown } = conference;
  return {
    ...shown,
    forms: shown.forms.map((form) => ({
      ...form,
      namespace: findForm(form.formId)!.namespace,
    })),
    // The last day answers are taken: they stop at the midnight that ends it.
    lastDay: londonDateOf(new Date(conference.acceptsUntil.getTime() - 1)),
    threshold: context.organisation.anonymityThreshold,
  };
}

export default function ConferencePage() {
  const { t } = useTranslation();
  const { day } = useDates();
  const c = useLoaderData<typeof loader>();
  const handedRound = c.forms.filter((form) => form.handedRound);
  return (
    <>
      <PageHeading>
        {t(`conferences:kinds.${c.kind}`)} {c.reference}
      </PageHeading>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("conferences:page.heldOn")}</dt>
          <dd className="summary-list__value">{day(c.heldOn, "full")}</dd>
        </div>
        {c.conferenceType ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t("conferences:page.type")}</dt>
            <dd className="summary-list__value">{t(`conferences:types.${c.conferenceType}`)}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt className="summary-list__key">{t(`conferences:page.chair.${c.kind}`)}</dt>
          <dd className="summary-list__value">{c.chairName}</dd>
        </div>
        {c.kind === "family-group" ? (
          <>
            <div className="summary-list__row">
              <dt className="summary-list__key">{t("conferences:page.referrer")}</dt>
              <dd className="summary-list__value">{c.referrerName}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">{t("conferences:page.aims")}</dt>
              <dd className="summary-list__value">
                <ul className="list">
                  {c.aims.map((aim) => (
                    <li key={aim}>{t(`conferences:aims.${aim}`)}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">{t("conferences:page.lookedAfter")}</dt>
              <dd className="summary-list__value">
                {t(`conferences:new.yesNo.${c.lookedAfterAtReferral ? "yes" : "no"}`)}
              </dd>
            </div>
          </>
        ) : null}
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("conferences:page.takesAnswers")}</dt>
          <dd className="summary-list__value">
            {c.open
              ? t("conferences:page.openUntil", { date: day(c.lastDay, "full") })
              : t("conferences:page.closed")}
          </dd>
        </div>
      </dl>

      <UrgentWords title={t("conferences:page.flaggedTitle")} words={c.flagged}>
        <p>{t("conferences:page.flagged")}</p>
      </UrgentWords>

      <h2 className="heading-l" id="forms-title">
        {t("conferences:page.formsTitle")}
      </h2>
      <StaffTable
        caption={t("conferences:page.formsTitle")}
        regionLabelledBy="forms-title"
        rows={c.forms}
        rowKey={(form) => form.formId}
        columns={[
          {
            heading: t("conferences:page.form"),
            rowHeader: true,
            cell: (form) => t(`${form.namespace}:title`),
          },
          {
            heading: t("conferences:page.code"),
            cell: (form) =>
              form.code && c.open ? (
                <strong className="reference" dir="ltr">
                  {form.code}
                </strong>
              ) : (
                t("conferences:page.noCode")
              ),
          },
          {
            heading: t("conferences:page.answers"),
            cell: (form) => t("conferences:page.answerCount", { count: form.answers }),
          },
          {
            heading: t("conferences:page.summary"),
            cell: (form) =>
              form.answers >= c.threshold ? (
                <Link to={`/staff/summaries/${form.formId}?event=${c.reference}`}>
                  {t("conferences:page.readSummary", { form: t(`${form.namespace}:title`) })}
                </Link>
              ) : (
                t("conferences:page.tooFew", { threshold: c.threshold })
              ),
          },
        ]}
      />
      {c.open ? (
        <>
          {c.forms
            .filter((form) => form.link)
            .map((form) => (
              <p key={form.formId} className="conference-link">
                {t("conferences:page.linkFor", { form: t(`${form.namespace}:title`) })}{" "}
                <span className="reference" dir="ltr">
                  {form.link}
                </span>
              </p>
            ))}
          <p>
            <Link to={`/staff/conferences/${c.id}/cards`}>{t("conferences:page.printCards")}</Link>
          </p>
          {handedRound.length > 0 ? (
            <section aria-labelledby="hand-over-title">
              <h2 className="heading-l" id="hand-over-title">
                {t("conferences:page.handOverTitle")}
              </h2>
              <p>{t("conferences:page.handOver")}</p>
              <Form method="post" action={`/staff/conferences/${c.id}/hand-over`}>
                <CsrfField />
                <button type="submit" className="button button--secondary">
                  {t("conferences:page.handOverButton")}
                </button>
              </Form>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
