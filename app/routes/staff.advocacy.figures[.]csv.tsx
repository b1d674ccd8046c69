// The advocacy figures as a CSV file to open in a spreadsheet: the page's tables, counted by the
// same code, with the words in the reader's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportToCsv } from "#app/complaints/annual-report";
import { figuresLabelKey } from "#app/components/advocacy-figures";
import { translatorFor } from "#app/i18n.server";
import { advocacyFigures, advocacyTables } from "#app/models/advocacy-figures.server";
import { reportingYears } from "#app/summaries/summary-page.server";
import { csvDownload } from "#app/web/csv-download.server";
import { forbidden } from "#app/web/refusals.server";
import { requireStaff } from "#app/web/staff-auth.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "advocacy:figures");
  const years = reportingYears();
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const startYear = years.includes(asked) ? asked : years[0]!;
  const figures = await advocacyFigures({
    organisation: context.organisation,
    staff,
    startYear,
    clientAddress: context.clientAddress,
    format: "csv",
  });
  if (!figures) throw forbidden();
  const { t } = await translatorFor(request);
  const csv = reportToCsv(advocacyTables(figures), (id) => t(figuresLabelKey(id)));
  return csvDownload(csv, "advocacy-figures", startYear);
}
