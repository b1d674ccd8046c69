// "Have your say": the way in for comments, compliments and complaints, with a path in short,
// kind words for children and young people, one for adults, and help from an advocate.
import { useTranslation } from "react-i18next";
import type { PortalHandle } from "#app/handle";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";

export const handle: PortalHandle = { titleKey: "complaints:start.title", area: "public" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export default function HaveYourSay() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1 className="heading-xl">{t("complaints:start.title")}</h1>
      <p className="body-l">{t("complaints:start.lead")}</p>
      <ul className="card-list">
        <li className="card">
          <h2 className="heading-s">
            <a href="/forms/have-your-say-child">{t("complaints:start.child.link")}</a>
          </h2>
          <p>{t("complaints:start.child.text")}</p>
        </li>
        <li className="card">
          <h2 className="heading-s">
            <a href="/forms/have-your-say">{t("complaints:start.adult.link")}</a>
          </h2>
          <p>{t("complaints:start.adult.text")}</p>
        </li>
        <li className="card">
          <h2 className="heading-s">
            <a href="/forms/advocacy-request">{t("complaints:start.advocate.link")}</a>
          </h2>
          <p>{t("complaints:start.advocate.text")}</p>
        </li>
      </ul>
      <h2 className="heading-m">{t("complaints:start.alreadyTitle")}</h2>
      <p>
        <a href="/track">{t("complaints:start.track")}</a>
      </p>
      <p>
        <a href="/code">{t("forms:start.haveCode")}</a>
      </p>
    </div>
  );
}
