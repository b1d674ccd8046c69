// What the summary page and its CSV file both read from the address: the form, the reporting
// year (April to March, as the councils' annual reports count) and the optional filters.
import type { AppLoadContext } from "@remix-run/node";
import { reportYearOf } from "#app/complaints/annual-report";
import { NotAllowedError } from "#app/models/inbox.server";
import {
  summarisedForm,
  summariseForm,
  summaryScopeOf,
  urgentWordsFor,
} from "#app/models/summary.server";
import { questionWithRole } from "#app/forms/answer-roles";
import { valuesOf } from "#app/forms/engine";
import type { FormDefinition } from "#app/forms/types";
import { todayInLondon } from "#app/models/representation/common.server";
import { forbidden, notFound } from "#app/web/refusals.server";
import { requireStaff } from "#app/web/staff-auth.server";

/** How many reporting years can be chosen, this one included. */
const YEARS_OFFERED = 5;

export function reportingYears(today = todayInLondon()): number[] {
  const current = reportYearOf(today);
  return Array.from({ length: YEARS_OFFERED }, (_, i) => current - i);
}

/** Wide enough for any answer the portal holds. */
const ALL_TIME = { from: "2000-01-01", until: "2100-01-01" } as const;

/** The relationship asked for, if the form asks one and it is one of its answers. */
function relationshipOf(form: FormDefinition, asked: string | null): string | null {
  const question = questionWithRole(form, "relationship");
  return question && asked && valuesOf(question).includes(asked) ? asked : null;
}

export async function loadSummary(
  request: Request,
  context: AppLoadContext,
  formId: string | undefined,
) {
  const found = summarisedForm(formId);
  if (!found) throw notFound();
  const { staff } = await requireStaff(request, context);
  const scope = summaryScopeOf(staff, found.destination);
  // Refused as any other page is (403, audited), naming the council-wide permission.
  if (!scope) await requireStaff(request, context, found.destination.summary.read);
  const params = new URL(request.url).searchParams;
  const years = reportingYears();
  const asked = Number(params.get("year"));
  const startYear = years.includes(asked) ? asked : years[0]!;
  const eventReference = params.get("event")?.trim() || null;
  const invitedBy = params.get("inviter")?.trim() || null;
  const relationship = relationshipOf(found.form, params.get("relationship"));
  try {
    const asFiltered = {
      organisation: context.organisation,
      staff,
      form: found.form,
      // One conference's answers are all about it, whenever they came: no year applies.
      filters: {
        from: eventReference ? ALL_TIME.from : `${startYear}-04-01`,
        until: eventReference ? ALL_TIME.until : `${startYear + 1}-04-01`,
        eventReference,
        invitedBy,
        relationship,
      },
    };
    const shown = await summariseForm({ ...asFiltered, clientAddress: context.clientAddress });
    const urgent = await urgentWordsFor(asFiltered);
    return {
      ...found,
      staff,
      scope,
      years,
      startYear,
      eventReference,
      invitedBy,
      relationship,
      shown,
      urgent,
    };
  } catch (error) {
    if (error instanceof NotAllowedError) throw forbidden();
    throw error;
  }
}
