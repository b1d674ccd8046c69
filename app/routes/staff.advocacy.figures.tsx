// The advocacy figures for a reporting year (April to March), for the council's advocacy provider
// and its managers: requests received, in touch within 1 working day, the children's status and
// how the referrals ended. The CSV file beside it (staff.advocacy.figures[.]csv.tsx) holds the
// same tables, counted by the same code.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { figuresLabelKey } from "#app/components/advocacy-figures";
import { ChooseAndShow } from "#app/components/choose-and-show";
import { ReportTables } from "#app/components/report-tables";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { advocacyFigures, advocacyTables } from "#app/models/advocacy-figures.server";
import { can } from "#app/models/permissions";
import { reportingYears } from "#app/summaries/summary-page.server";
import { forbidden } from "#app/web/refusals.server";
import { requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "advocacy:figures.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "advocacy:figures");
  const years = reportingYears();
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const startYear = years.includes(asked) ? asked : years[0]!;
  // The model checks the council and the permission again.
  const figures = await advocacyFigures({
    organisation: context.organisation,
    staff,
    startYear,
    clientAddress: context.clientAddress,
    format: "page",
  });
  if (!figures) throw forbidden();
  return {
    years,
    startYear,
    received: figures.received,
    tables: advocacyTables(figures),
    csvHref: `/staff/advocacy/figures.csv?year=${startYear}`,
    mayHandle: can(staff.roles, "advocacy-referral:handle"),
  };
}

export default function AdvocacyFigures() {
  const { t } = useTranslation();
  const { years, startYear, received, tables, csvHref, mayHandle } = useLoaderData<typeof loader>();
  const yearName = (year: number) =>
    t("advocacy:figures.yearOption", { startYear: year, endYear: year + 1 });
  return (
    <>
      <PageHeading>{t("advocacy:figures.title")}</PageHeading>
      <p className="body-l">{yearName(startYear)}</p>
      <p>{t("advocacy:figures.lead")}</p>
      <ChooseAndShow
        className="no-print"
        name="year"
        label={t("advocacy:figures.yearLabel")}
        value={String(startYear)}
        options={years.map((year) => ({ value: String(year), label: yearName(year) }))}
        submit={t("advocacy:figures.show")}
      />
      <p className="body-l" data-figure="received">
        {t("advocacy:figures.received", { count: received })}
      </p>
      <p className="no-print">
        <a href={csvHref} download>
          {t("advocacy:figures.csv")}
        </a>
      </p>
      <ReportTables tables={tables} label={(id) => t(figuresLabelKey(id))} />
      <p className="hint">{t("advocacy:figures.inTimeHint")}</p>
      {mayHandle ? (
        <p className="no-print">
          <Link to="/staff/advocacy">{t("advocacy:figures.back")}</Link>
        </p>
      ) : null}
    </>
  );
}
