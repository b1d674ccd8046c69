// What the review participation page and its CSV file both read from the address: the reporting
// year and its figures, for those who may read them.
import type { AppLoadContext } from "@remix-run/node";
import { NotAllowedError } from "#app/models/inbox.server";
import { participationFigures } from "#app/models/review-record.server";
import { reportingYears } from "#app/summaries/summary-page.server";
import { forbidden } from "#app/web/refusals.server";
import { requireStaff } from "#app/web/staff-auth.server";

/**
 * The year the address asks for (`?year=`, the April it starts in), or this one, and its figures.
 * The page and its CSV file both read them here.
 */
export async function yearOfFigures(
  request: Request,
  context: AppLoadContext,
  format: "page" | "csv",
) {
  const { staff } = await requireStaff(request, context, "participation:read");
  const years = reportingYears();
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const startYear = years.includes(asked) ? asked : years[0]!;
  try {
    const figures = await participationFigures({
      organisationId: context.organisation.id,
      staff,
      from: `${startYear}-04-01`,
      until: `${startYear + 1}-04-01`,
      clientAddress: context.clientAddress,
      format,
    });
    return { years, startYear, figures };
  } catch (error) {
    if (error instanceof NotAllowedError) throw forbidden();
    throw error;
  }
}
