// The managers' review participation figures for a reporting year (April to March): how many
// reviews, the share in which the child took part against the council's target, each category,
// and each IRO. The CSV file beside it (staff.reviews.participation[.]csv.tsx) holds the same
// numbers, counted by the same code.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChooseAndShow } from "#app/components/choose-and-show";
import { ScrollRegion } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { SummaryChart } from "#app/components/summary-chart";
import type { PortalHandle } from "#app/handle";
import type { IroFigure } from "#app/summaries/participation";
import { yearOfFigures } from "#app/summaries/participation-page.server";

export const handle: PortalHandle = { titleKey: "reviews:figures.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { years, startYear, figures } = await yearOfFigures(request, context, "page");
  return {
    years,
    startYear,
    figures,
    csvHref: `/staff/reviews/participation.csv?year=${startYear}`,
  };
}

// Bar units: 100 wide, so a bar's width is its per cent; stretched to fill its cell, with no
// words inside that stretching could distort. The page's summary-chart styles colour it.
const BAR_BOX = { width: 100, height: 10, bar: 6 };

/** A share as a bar beside its figures: only their size, hidden from screen readers. */
function ShareBar({ percent }: { percent: number }) {
  const top = (BAR_BOX.height - BAR_BOX.bar) / 2;
  return (
    <svg
      className="summary-chart__bars"
      viewBox={`0 0 ${BAR_BOX.width} ${BAR_BOX.height}`}
      preserveAspectRatio="none"
      width="100%"
      height="1.5em"
      aria-hidden="true"
      focusable="false"
    >
      <rect
        className="summary-chart__track"
        x="0"
        y={top}
        width={BAR_BOX.width}
        height={BAR_BOX.bar}
        vectorEffect="non-scaling-stroke"
      />
      {percent > 0 ? (
        <rect
          className="summary-chart__bar"
          x="0"
          y={top}
          width={Math.min(percent, BAR_BOX.width)}
          height={BAR_BOX.bar}
        />
      ) : null}
    </svg>
  );
}

/** Each IRO's reviews and the share in which the child took part, a bar for each share. */
function IroTable({ iros }: { iros: readonly IroFigure[] }) {
  const { t } = useTranslation();
  const headingId = "iros-heading";
  return (
    <figure className="summary-chart">
      <figcaption className="summary-chart__caption">
        <h2 className="heading-m" id={headingId}>
          {t("reviews:figures.irosHeading")}
        </h2>
      </figcaption>
      <ScrollRegion labelledBy={headingId}>
        <table className="table summary-chart__table">
          <caption className="visually-hidden">{t("reviews:figures.irosHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reviews:figures.iro")}</th>
              <th scope="col" className="numeric">
                {t("reviews:figures.reviews")}
              </th>
              <th scope="col" className="numeric">
                {t("reviews:figures.iroShare")}
              </th>
              <td className="summary-chart__bar-cell" />
            </tr>
          </thead>
          <tbody>
            {iros.map((iro) => (
              <tr key={iro.staffUserId} data-iro={iro.staffUserId}>
                <th scope="row">{iro.name}</th>
                <td className="numeric">{iro.reviews}</td>
                <td className="numeric">{iro.share}</td>
                <td className="summary-chart__bar-cell">
                  <ShareBar percent={iro.share} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  );
}

export default function ReviewParticipation() {
  const { t } = useTranslation();
  const { years, startYear, figures, csvHref } = useLoaderData<typeof loader>();
  const yearName = (year: number) =>
    t("reviews:figures.yearOption", { startYear: year, endYear: year + 1 });
  return (
    <>
      <PageHeading>{t("reviews:figures.title")}</PageHeading>
      <p className="body-l">{yearName(startYear)}</p>
      <p>{t("reviews:figures.lead")}</p>
      <ChooseAndShow
        className="no-print"
        name="year"
        label={t("reviews:figures.yearLabel")}
        value={String(startYear)}
        options={years.map((year) => ({ value: String(year), label: yearName(year) }))}
        submit={t("reviews:figures.show")}
      />

      {figures.reviews === 0 ? (
        <p className="body-l">{t("reviews:figures.none")}</p>
      ) : (
        <>
          <p className="body-l" data-figure="reviews">
            {t("reviews:figures.recorded", { count: figures.reviews })}
          </p>
          <p className="body-l" data-figure="share">
            {t("reviews:figures.share", { share: figures.share })}{" "}
            {t("reviews:figures.target", { target: figures.target })}{" "}
            <strong>
              {figures.targetMet
                ? t("reviews:figures.targetMet")
                : t("reviews:figures.targetNotMet")}
            </strong>
          </p>
          <p className="no-print">
            <a href={csvHref} download>
              {t("reviews:figures.csv")}
            </a>
          </p>
          <section className="summary-question">
            <SummaryChart
              tally={{
                questionId: "categories",
                kind: "single",
                ordered: true,
                answered: figures.reviews,
                counts: figures.categories.map((row) => ({
                  value: String(row.category),
                  count: row.reviews,
                })),
              }}
              caption={t("reviews:figures.categoriesHeading")}
              optionLabel={(value) => t(`reviews:categories.${value}`)}
              answerLabel={t("reviews:figures.category")}
              countLabel={t("reviews:figures.reviews")}
              percentLabel={t("reviews:figures.percent")}
              answeredLabel={t("reviews:figures.allReviews")}
            />
          </section>
          <section className="summary-question">
            <IroTable iros={figures.iros} />
          </section>
        </>
      )}
    </>
  );
}
