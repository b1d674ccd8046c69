import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailLink, PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { hasLanguage, localised } from "#app/utils/localised";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";
import { env } from "#app/config.server";
import { COOKIE_IDS, cookieNameOf, SITE_COOKIES, type CookieLifetime } from "#app/privacy/cookies";
import { periodOf, RETENTION_SCHEDULE, retentionDaysFor } from "#app/privacy/retention";

export const handle: PortalHandle = { titleKey: "legal:privacy.title" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

type Period = { unit: "minutes" | "hours" | "days" | "years"; count: number } | null;

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/** A cookie's lifetime in the largest whole unit; null for "until you close your browser". */
function periodOfCookie(lifetime: CookieLifetime, draftDays: number): Period {
  if (lifetime.kind === "browser") return null;
  if (lifetime.kind === "draftDays") return periodOf(draftDays);
  const { seconds } = lifetime;
  if (seconds % DAY === 0) return periodOf(seconds / DAY);
  if (seconds % HOUR === 0) return { unit: "hours", count: seconds / HOUR };
  return { unit: "minutes", count: Math.ceil(seconds / 60) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const council = context.organisation;
  const days = retentionDaysFor(council.retention, { draftDays: env().DRAFT_DAYS });
  return {
    council: council.name,
    councilText: localised(council.privacyNotice, language),
    councilTextInEnglish: !hasLanguage(council.privacyNotice, language),
    dpoEmail: council.dataProtectionOfficerEmail,
    postalAddress: council.postalAddress,
    // The same schedule the housekeeping purges by, with this council's own choices.
    kept: RETENTION_SCHEDULE.map((rule) => ({
      kind: rule.kind,
      period: periodOf(days[rule.kind]),
      countsFrom: rule.countsFrom,
      seenBy: rule.seenBy,
    })),
    // The same list the code that sets cookies takes their names and lifetimes from.
    cookies: COOKIE_IDS.map((id) => ({
      id,
      name: cookieNameOf(id, context.production, SITE_COOKIES[id].perForm ? "…" : ""),
      period: periodOfCookie(SITE_COOKIES[id].lifetime, env().DRAFT_DAYS),
    })),
  };
}

export default function PrivacyNotice() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const periodText = (period: Period) =>
    period
      ? t(`legal:privacy.period.${period.unit}`, { count: period.count })
      : t("legal:privacy.browserSession");
  return (
    <>
      <PageHeading>{t("legal:privacy.title")}</PageHeading>
      <p className="body-l">{t("legal:privacy.intro", { council: data.council })}</p>
      {data.councilTextInEnglish ? <p className="hint">{t("legal:councilTextInEnglish")}</p> : null}
      <p lang={data.councilTextInEnglish ? "en" : undefined}>{data.councilText}</p>

      <h2 className="heading-m">{t("legal:privacy.whatTitle")}</h2>
      <p>{t("legal:privacy.what")}</p>
      <p>
        <strong>{t("legal:privacy.notLinked")}</strong>
      </p>

      <h2 className="heading-m">{t("legal:privacy.keptTitle")}</h2>
      <p>{t("legal:privacy.keptIntro", { council: data.council })}</p>
      <div className="table-wrapper">
        <table className="table privacy-kept">
          <caption>{t("legal:privacy.keptCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("legal:privacy.keptColumns.what")}</th>
              <th scope="col">{t("legal:privacy.keptColumns.holds")}</th>
              <th scope="col">{t("legal:privacy.keptColumns.howLong")}</th>
              <th scope="col">{t("legal:privacy.keptColumns.who")}</th>
            </tr>
          </thead>
          <tbody>
            {data.kept.map((row) => (
              <tr key={row.kind} data-kind={row.kind}>
                <th scope="row">{t(`legal:privacy.kept.${row.kind}.name`)}</th>
                <td>{t(`legal:privacy.kept.${row.kind}.holds`)}</td>
                <td>
                  {t(`legal:privacy.from.${row.countsFrom}`, { period: periodText(row.period) })}
                </td>
                <td>{t(`legal:privacy.seenBy.${row.seenBy}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("legal:privacy.keptNote")}</p>

      <h2 className="heading-m">{t("legal:privacy.whoSeesTitle")}</h2>
      <p>{t("legal:privacy.whoSees")}</p>

      <h2 className="heading-m">{t("legal:privacy.cookiesTitle")}</h2>
      <p>{t("legal:privacy.cookies")}</p>
      <div className="table-wrapper">
        <table className="table privacy-cookies">
          <caption>{t("legal:privacy.cookiesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("legal:privacy.cookieColumns.name")}</th>
              <th scope="col">{t("legal:privacy.cookieColumns.purpose")}</th>
              <th scope="col">{t("legal:privacy.cookieColumns.lasts")}</th>
            </tr>
          </thead>
          <tbody>
            {data.cookies.map((cookie) => (
              <tr key={cookie.id} data-cookie={cookie.id}>
                <th scope="row">
                  <code dir="ltr">{cookie.name}</code>
                </th>
                <td>{t(`legal:privacy.cookieList.${cookie.id}`)}</td>
                <td>{periodText(cookie.period)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="heading-m">{t("legal:privacy.rightsTitle")}</h2>
      <p>{t("legal:privacy.rights")}</p>
      <h2 className="heading-m">{t("legal:privacy.contactTitle")}</h2>
      <p>
        {t("legal:privacy.contact")} <EmailLink address={data.dpoEmail} />
      </p>
      <p>{data.postalAddress}</p>
      <p>{t("legal:privacy.ico")}</p>
    </>
  );
}
