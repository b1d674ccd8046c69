import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailLink, PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { hasLanguage, localised } from "#app/utils/localised";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";

export const handle: PortalHandle = { titleKey: "legal:privacy.title" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const council = context.organisation;
  return {
    council: council.name,
    councilText: localised(council.privacyNotice, language),
    councilTextInEnglish: !hasLanguage(council.privacyNotice, language),
    dpoEmail: council.dataProtectionOfficerEmail,
    postalAddress: council.postalAddress,
  };
}

export default function PrivacyNotice() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("legal:privacy.title")}</PageHeading>
      <p className="body-l">{t("legal:privacy.intro", { council: data.council })}</p>
      {data.councilTextInEnglish ? <p className="hint">{t("legal:councilTextInEnglish")}</p> : null}
      <p lang={data.councilTextInEnglish ? "en" : undefined}>{data.councilText}</p>

      <h2 className="heading-m">{t("legal:privacy.whatTitle")}</h2>
      <p>{t("legal:privacy.what")}</p>
      <h2 className="heading-m">{t("legal:privacy.whoSeesTitle")}</h2>
      <p>{t("legal:privacy.whoSees")}</p>
      <h2 className="heading-m">{t("legal:privacy.cookiesTitle")}</h2>
      <p>{t("legal:privacy.cookies")}</p>
      <ul className="list list--bullet">
        <li>{t("legal:privacy.cookieLanguage")}</li>
        <li>{t("legal:privacy.cookieSecurity")}</li>
        <li>{t("legal:privacy.cookieStaff")}</li>
      </ul>
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
