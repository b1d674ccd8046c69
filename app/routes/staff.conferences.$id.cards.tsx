// Cards to print and hand to the family: for each form, a QR code to scan, and the address and
// code to type for anyone who cannot scan. The QR code is drawn on the server (no script).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import { useDates } from "#app/components/dates";
import { findForm } from "#app/forms/registry";
import type { PortalHandle } from "#app/handle";
import { londonDateOf } from "#app/utils/dates";
import { ownConference } from "#app/web/conference-pages.server";

export const handle: PortalHandle = { titleKey: "conferences:cards.title", area: "staff" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { conference, portal } = await ownConference(request, context, params.id);
  return {
    id: conference.id,
    reference: conference.reference,
    open: conference.open,
    lastDay: londonDateOf(new Date(conference.acceptsUntil.getTime() - 1)),
    codePage: `${portal}/code`,
    council: context.organisation.name,
    cards: conference.forms.flatMap((form) =>
      form.code && form.qr ? [{ ...form, namespace: findForm(form.formId)!.namespace }] : [],
    ),
  };
}

export default function ConferenceCards() {
  const { t } = useTranslation();
  const { day } = useDates();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="no-print">
        <PageHeading>{t("conferences:cards.title")}</PageHeading>
        <p>{t("conferences:cards.lead")}</p>
        <p>
          <Link to={`/staff/conferences/${data.id}`}>
            {t("conferences:cards.back", { reference: data.reference })}
          </Link>
        </p>
      </div>
      {data.open ? (
        <ul className="list conference-cards">
          {data.cards.map((card) => (
            <li key={card.formId} className="conference-card">
              <h2 className="heading-m">{t(`${card.namespace}:title`)}</h2>
              <p>{t(`conferences:cards.for.${card.handedRound ? "family" : "referrer"}`)}</p>
              <div
                className="conference-card__qr"
                aria-hidden="true"
                dangerouslySetInnerHTML={{ __html: card.qr! }}
              />
              <p>{t("conferences:cards.scan")}</p>
              <p>
                {t("conferences:cards.orType")} <strong dir="ltr">{data.codePage}</strong>
              </p>
              <p>
                {t("conferences:cards.code")}{" "}
                <strong className="reference" dir="ltr">
                  {card.code}
                </strong>
              </p>
              <p className="hint">
                {t("conferences:cards.until", { date: day(data.lastDay, "full") })}{" "}
                {t("conferences:cards.anonymous")}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("conferences:page.closed")}</p>
      )}
    </>
  );
}
