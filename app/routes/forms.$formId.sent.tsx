import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PhoneLink } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { destinationOf } from "#app/destinations/registry";
import { findSentForm } from "#app/models/submission.server";
import type { loader as rootLoader } from "#app/root";
import { formatDay } from "#app/utils/dates";
import {
  clearedDraftCookie,
  formOrNotFound,
  requireDraft,
  trackingSecretOf,
} from "#app/web/form-journey.server";
import { nextPersonIfHandedOver } from "#app/web/hand-over.server";

export const handle: PortalHandle = { titleKey: "forms:sent.title", area: "public" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const form = formOrNotFound(params.formId);
  nextPersonIfHandedOver(request, context, clearedDraftCookie(context, form.id));
  const { draft } = await requireDraft(request, context, form);
  const sent = draft.submissionId ? await findSentForm(draft.id, draft.submissionId) : undefined;
  if (!sent) throw redirect(`/forms/${form.id}/check`);
  const language = await getLanguage(request);
  return {
    reference: sent.reference,
    urgent: sent.urgent,
    recipientName: sent.recipientName,
    reviewDate: sent.reviewDate ? formatDay(sent.reviewDate, language) : null,
    sentPage: destinationOf(form.destination).sentPage,
    kind: sent.representation?.kind ?? null,
    replyDueOn: sent.representation?.replyDueOn
      ? formatDay(sent.representation.replyDueOn, language)
      : null,
    advocateContactBy: sent.advocacy ? formatDay(sent.advocacy.contactBy, language) : null,
    // Shown once, in the browser that sent it, for a short while; it is never stored.
    trackingSecret: sent.representation ? (trackingSecretOf(request, context) ?? null) : null,
  };
}

export default function Sent() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <div className="narrow">
      <div className="panel">
        <h1 className="panel__title">{t("forms:sent.title")}</h1>
        {/* Anonymous answers have no reference worth keeping: nobody can look them up by it. */}
        {data.sentPage === "counted" ? null : (
          <p className="panel__body">
            {t("forms:sent.reference")}
            <br />
            <strong className="reference" dir="ltr">
              {data.reference}
            </strong>
          </p>
        )}
      </div>
      {data.urgent ? (
        <section className="help-urgent" aria-labelledby="not-safe-title">
          <h2 className="heading-m" id="not-safe-title">
            {t("forms:sent.notSafe.title")}
          </h2>
          <p>{t("forms:sent.notSafe.emergency")}</p>
          <p>
            {t("forms:sent.notSafe.childline")} <PhoneLink number="0800 1111" />
          </p>
          {root?.council.outOfHoursPhone ? (
            <p>
              {t("forms:sent.notSafe.council")} <PhoneLink number={root.council.outOfHoursPhone} />
            </p>
          ) : null}
        </section>
      ) : null}
      {data.trackingSecret ? (
        <section className="notice" aria-labelledby="secret-title">
          <h2 className="notice__title" id="secret-title">
            {t("complaints:sent.secretTitle")}
          </h2>
          <p>{t("complaints:sent.secretLead")}</p>
          <p>
            <strong className="reference" dir="ltr">
              {data.trackingSecret}
            </strong>
          </p>
          <p>{t("complaints:sent.secretHow")}</p>
        </section>
      ) : null}
      <h2 className="heading-m">{t("forms:sent.nextTitle")}</h2>
      {data.sentPage === "named-reader" ? (
        <>
          <IroNext data={data} />
          {data.advocateContactBy ? (
            <p>{t("complaints:sent.next.advocate", { date: data.advocateContactBy })}</p>
          ) : null}
        </>
      ) : data.sentPage === "counted" ? (
        <p>{t("forms:sent.next.counted")}</p>
      ) : (
        <>
          {data.kind ? (
            <p>
              {data.kind === "compliment"
                ? t("complaints:sent.next.compliment")
                : t(`complaints:sent.next.${data.kind}`, { date: data.replyDueOn })}
            </p>
          ) : null}
          {data.advocateContactBy ? (
            <p>{t("complaints:sent.next.advocate", { date: data.advocateContactBy })}</p>
          ) : null}
          {data.kind ? (
            <p>
              <a href="/track">{t("complaints:sent.track")}</a>
            </p>
          ) : null}
        </>
      )}
      <p>
        <a href="/">{t("forms:sent.home")}</a>
      </p>
    </div>
  );
}

function IroNext({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {data.recipientName
          ? data.reviewDate
            ? t("forms:sent.next.iroBeforeReview", {
                iroName: data.recipientName,
                date: data.reviewDate,
              })
            : t("forms:sent.next.iro", { iroName: data.recipientName })
          : t("forms:sent.next.sharedInbox")}
      </p>
      <p>{t("forms:sent.keepReference")}</p>
    </>
  );
}
