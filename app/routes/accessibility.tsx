import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContactList, PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { translationStatus } from "#app/translation-status.server";
import { hasLanguage, localised } from "#app/utils/localised";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";

export const handle: PortalHandle = { titleKey: "legal:accessibility.title" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const council = context.organisation;
  return {
    council: council.name,
    councilText: localised(council.accessibilityStatement, language),
    councilTextInEnglish: !hasLanguage(council.accessibilityStatement, language),
    preparedOn: council.accessibilityStatementPreparedOn,
    contactEmail: council.contactEmail,
    contactPhone: council.contactPhone,
    translations: translationStatus(),
  };
}

export default function AccessibilityStatement() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const needsReview = data.translations.filter((s) => s.needsReview);
  return (
    <>
      <PageHeading>{t("legal:accessibility.title")}</PageHeading>
      <p className="body-l">{t("legal:accessibility.intro", { council: data.council })}</p>
      <ul className="list list--bullet">
        <li>{t("legal:accessibility.canDo.zoom")}</li>
        <li>{t("legal:accessibility.canDo.keyboard")}</li>
        <li>{t("legal:accessibility.canDo.screenReader")}</li>
        <li>{t("legal:accessibility.canDo.noScript")}</li>
        <li>{t("legal:accessibility.canDo.languages")}</li>
      </ul>

      <h2 className="heading-m">{t("legal:accessibility.councilTitle")}</h2>
      {data.councilTextInEnglish ? <p className="hint">{t("legal:councilTextInEnglish")}</p> : null}
      <p lang={data.councilTextInEnglish ? "en" : undefined}>{data.councilText}</p>

      <h2 className="heading-m">{t("legal:accessibility.complianceTitle")}</h2>
      <p>{t("legal:accessibility.compliance")}</p>

      <h2 className="heading-m">{t("legal:accessibility.translationsTitle")}</h2>
      <p>{t("legal:accessibility.translations")}</p>
      {needsReview.length > 0 ? (
        <ul className="list list--bullet">
          {needsReview.map((s) => (
            <li key={s.language} lang={s.language}>
              {t("common:language.nativeName", { lng: s.language })}
            </li>
          ))}
        </ul>
      ) : null}

      <h2 className="heading-m">{t("legal:accessibility.problemsTitle")}</h2>
      <p>{t("legal:accessibility.problems")}</p>
      <ContactList email={data.contactEmail} phone={data.contactPhone} />

      <h2 className="heading-m">{t("legal:accessibility.enforcementTitle")}</h2>
      <p>{t("legal:accessibility.enforcement")}</p>

      <h2 className="heading-m">{t("legal:accessibility.preparedTitle")}</h2>
      <p>{t("legal:accessibility.prepared", { date: data.preparedOn })}</p>
    </>
  );
}
