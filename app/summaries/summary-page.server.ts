// What the summary page and its CSV file both read from the address: the form, the reporting
// year (April to March, as the councils' annual reports count) and the optional filters.
import type { AppLoadContext } from "@remix-run/node";
import { reportYearOf } from "#app/complaints/annual-report";
import { NotAllowedError } from "#app/models/inbox.server";
import { summarisedForm, summariseForm } from "#app/models/summary.server";
import { todayInLondon } from "#app/models/representation/common.server";
import { forbidden, notFound } from "#app/web/refusals.server";
import { requireStaff } from "#app/web/staff-auth.server";

/** How many reporting years can be chosen, this one included. */
const YEARS_OFFERED = 5;

export function reportingYears(today = todayInLondon()): number[] {
  const current = reportYearOf(today);
  return Array.from({ length: YEARS_OFFERED }, (_, i) => current - i);
}

export async function loadSummary(
  request: Request,
  context: AppLoadContext,
  formId: string | undefined,
) {
  const found = summarisedForm(formId);
  if (!found) throw notFound();
  const { staff } = await requireStaff(request, context, found.destination.summary.read);
  const params = new URL(request.url).searchParams;
  const years = reportingYears();
  const asked = Number(params.get("year"));
  const startYear = years.includes(asked) ? asked : years[0]!;
  const eventReference = params.get("event")?.trim() || null;
  const invitedBy = params.get("inviter")?.trim() || null;
  try {
    const shown = await summariseForm({
      organisation: context.organisation,
      staff,
      form: found.form,
      filters: {
        from: `${startYear}-04-01`,
        until: `${startYear + 1}-04-01`,
        eventReference,
        invitedBy,
      },
      clientAddress: context.clientAddress,
    });
    return { ...found, staff, years, startYear, eventReference, invitedBy, shown };
  } catch (error) {
    if (error instanceof NotAllowedError) throw forbidden();
    throw error;
  }
}
