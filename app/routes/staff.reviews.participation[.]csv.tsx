// The review participation figures as a CSV file to open in a spreadsheet: the page's numbers,
// read and worked out by the same code, with the headings in the reader's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translatorFor } from "#app/i18n.server";
import { participationCsv } from "#app/summaries/participation";
import { yearOfFigures } from "./staff.reviews.participation";

/** Excel only reads a CSV file as UTF-8 (Welsh ŵ, Urdu, Polish ł) when it starts with a BOM. */
const BYTE_ORDER_MARK = "\uFEFF";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { startYear, figures } = await yearOfFigures(request, context, "csv");
  const { t } = await translatorFor(request);
  const csv = participationCsv(figures, {
    category: (category) => t(`reviews:categories.${category}`),
    heading: (id) => t(`reviews:csv.${id}`),
  });
  const filename = `review-participation-${startYear}-${String(startYear + 1).slice(-2)}.csv`;
  return new Response(BYTE_ORDER_MARK + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
