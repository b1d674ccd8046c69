// The complaints annual report as a CSV file to open in a spreadsheet: the same tables as the
// page, so the numbers always match.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportToCsv, reportYearOf } from "#app/complaints/annual-report";
import { reportLabeller } from "#app/complaints/report-labels";
import { translatorFor } from "#app/i18n.server";
import { annualReport, reportYearFrom } from "#app/models/complaints-report.server";
import { todayInLondon } from "#app/models/representation/common.server";
import { localised } from "#app/utils/localised";
import { requireStaff } from "#app/web/staff-auth.server";
import { forbidden } from "#app/web/refusals.server";
import { csvDownload } from "#app/web/csv-download.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "report:read");
  const asked = new URL(request.url).searchParams.get("year");
  const startYear = reportYearFrom(asked) ?? reportYearOf(todayInLondon());
  const report = await annualReport({
    organisation: context.organisation,
    staff,
    startYear,
    clientAddress: context.clientAddress,
    format: "csv",
  });
  if (!report) throw forbidden();
  const { language, t } = await translatorFor(request);
  const { organisation } = context;
  const label = reportLabeller({
    t: (key, values) => t(key, values),
    serviceNames: Object.fromEntries(
      organisation.serviceAreas.map((area) => [area.key, localised(area.name, language)]),
    ),
    ombudsman: organisation.ombudsman,
    corporateStage3Name: organisation.corporateStage3Name
      ? localised(organisation.corporateStage3Name, language)
      : null,
  });
  const csv = reportToCsv(report.tables, label);
  return csvDownload(csv, "complaints-report", startYear);
}
