// Before a review: every booklet and the parents' and carers' paper, for anyone without a code.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REVIEW_FORMS } from "#app/forms/registry";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { localised } from "#app/utils/localised";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";

export const handle: PortalHandle = { area: "public" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const bookletTitle = localised(context.organisation.bookletTitle, language);
  // The council's promise to children in care (its Pledge), when it has written one.
  const pledge = localised(context.organisation.pledge, language);
  return { bookletTitle, pageTitle: bookletTitle, pledge, council: context.organisation.shortName };
}

export default function ReviewForms() {
  const { t } = useTranslation();
  const { bookletTitle, pledge, council } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1 className="heading-xl">{bookletTitle}</h1>
      <p className="body-l">{t("forms:reviewForms.lead")}</p>
      <p>
        <a href="/code" className="button button--secondary">
          {t("forms:reviewForms.haveCode")}
        </a>
      </p>
      {pledge ? (
        <section className="pledge" aria-labelledby="pledge-title">
          <h2 className="heading-m" id="pledge-title">
            {t("forms:reviewForms.pledgeTitle", { council })}
          </h2>
          <p>{pledge}</p>
        </section>
      ) : null}
      <h2 className="heading-m">{t("forms:reviewForms.chooseTitle")}</h2>
      <ul className="card-list">
        {REVIEW_FORMS.map((form) => (
          <li key={form.id} className="card">
            <h3 className="heading-s">
              <a href={`/forms/${form.id}`}>{t(`${form.namespace}:title`, { bookletTitle })}</a>
            </h3>
            <p>{t(`${form.namespace}:description`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
