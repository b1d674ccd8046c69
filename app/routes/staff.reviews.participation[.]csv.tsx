// The review participation figures as a CSV file to open in a spreadsheet: the page's numbers,
// read and worked out by the same code, with the headings in the reader's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translatorFor } from "#app/i18n.server";
import { participationCsv } from "#app/summaries/participation";
import { yearOfFigures } from "#app/summaries/participation-page.server";
import { csvDownload } from "#app/web/csv-download.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { startYear, figures } = await yearOfFigures(request, context, "csv");
  const { t } = await translatorFor(request);
  const csv = participationCsv(figures, {
    category: (category) => t(`reviews:categories.${category}`),
    heading: (id) => t(`reviews:csv.${id}`),
  });
  return csvDownload(csv, "review-participation", startYear);
}
