// "What they thought afterwards": when the complainant was asked "How did we do?" after the case
// closed. Their answers are anonymous, so they are never shown with the case: the summary holds
// them, with everyone else's.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";

/** As the case page's loader gives it: null when nobody was asked. */
export type CaseSatisfaction = {
  askedOn: string;
  /** The summary, for a member of staff who may see it. */
  summaryHref: string | null;
} | null;

export function SatisfactionSection({ satisfaction }: { satisfaction: CaseSatisfaction }) {
  const { t } = useTranslation();
  const format = useDates();
  if (!satisfaction) return null;
  return (
    <>
      <h2 className="heading-l">{t("triage:case.satisfaction.title")}</h2>
      <p>
        {t("triage:case.satisfaction.asked", { date: format.day(satisfaction.askedOn, "long") })}
      </p>
      {satisfaction.summaryHref ? (
        <p>
          <Link to={satisfaction.summaryHref}>{t("triage:case.satisfaction.summaryLink")}</Link>
        </p>
      ) : null}
    </>
  );
}
