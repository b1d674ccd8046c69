// The managers' summary of one form's answers: counted from the form's own definition, a page of
// responses at a time (never every response in memory), with no figure and no comment shown for
// a group smaller than the council's anonymity threshold. Scoped by council and by permission;
// every view is audited (it shows what people wrote).
import { and, asc, desc, eq, gt, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#db/client";
import { summarisedDestination, type SummarisedDestination } from "#app/destinations/registry";
import { findForm } from "#app/forms/registry";
import type { FormDefinition } from "#app/forms/types";
import { questionWithRole } from "#app/forms/answer-roles";
import {
  addResponses,
  applyThreshold,
  startSummary,
  type ShownSummary,
} from "#app/summaries/summarise";
import { startOfLondonDay, type IsoDate } from "#app/utils/dates";
import { recordAudit } from "./audit.server";
import { isUuid } from "./invitation.server";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import type { Organisation } from "./organisation.server";
import { can } from "./permissions";

/** How many responses are read from the database at once. */
export const SUMMARY_PAGE_SIZE = 500;

export type SummaryFilters = {
  /** Sent on or after this day (UK calendar day). */
  from: IsoDate;
  /** Sent before this day. */
  until: IsoDate;
  /** Only answers about one event (a conference's reference). */
  eventReference?: string | null;
  /** Only answers that came with an invitation from this member of staff. */
  invitedBy?: string | null;
  /** Only answers from people who gave this relationship to the child (e.g. "grandmother"). */
  relationship?: string | null;
};

/** Whether this member of staff reads every answer in the council, only their own, or none. */
export function summaryScopeOf(
  staff: Pick<StaffActor, "roles">,
  destination: SummarisedDestination,
): "all" | "own" | null {
  if (can(staff.roles, destination.summary.read)) return "all";
  const own = destination.summary.own;
  return own && can(staff.roles, own) ? "own" : null;
}

/** How many answers with urgent words are shown at once, newest first. */
export const URGENT_SHOWN = 20;

export type UrgentWords = { text: string; language: string };

/**
 * What was written in the answers that matched `where` and were flagged for words that may mean
 * someone is not safe, newest first: shown to their readers at once, whatever the anonymity
 * threshold, because keeping them back could leave a child at risk. The words only, nothing else.
 */
export async function urgentWordsWhere(where: SQL): Promise<UrgentWords[]> {
  const { submission } = schema;
  const rows = await db()
    .select({ written: submission.writtenAnswers, language: submission.language })
    .from(submission)
    .where(and(where, eq(submission.urgent, true)))
    .orderBy(desc(submission.submittedAt), desc(submission.id))
    .limit(URGENT_SHOWN);
  return rows.flatMap(({ written, language }) =>
    Object.values((written ?? {}) as Record<string, unknown>).flatMap((text) =>
      typeof text === "string" ? [{ text, language }] : [],
    ),
  );
}

/** A form whose destination has a summary, by its id; null for any other. */
export function summarisedForm(
  formId: string | undefined,
): { form: FormDefinition; destination: SummarisedDestination } | null {
  const form = formId ? findForm(formId) : undefined;
  const destination = form ? summarisedDestination(form.destination) : null;
  return form && destination ? { form, destination } : null;
}

function whereOf(form: FormDefinition, organisationId: string, filters: SummaryFilters): SQL {
  const { submission } = schema;
  const formId = form.id;
  const relationship = questionWithRole(form, "relationship");
  return and(
    eq(submission.organisationId, organisationId),
    eq(submission.formId, formId),
    gte(submission.submittedAt, startOfLondonDay(filters.from)),
    lt(submission.submittedAt, startOfLondonDay(filters.until)),
    filters.eventReference ? eq(submission.eventReference, filters.eventReference) : undefined,
    filters.invitedBy && isUuid(filters.invitedBy)
      ? eq(submission.invitedBy, filters.invitedBy)
      : undefined,
    relationship && filters.relationship
      ? sql`${submission.answers} ->> ${relationship.id} = ${filters.relationship}`
      : undefined,
  )!;
}

/** The filters as this member of staff may apply them; refused when they may not read the form. */
function scopedFilters(input: {
  organisation: Organisation;
  staff: StaffActor;
  form: FormDefinition;
  filters: SummaryFilters;
}): SummaryFilters {
  const { organisation, staff, form, filters } = input;
  const destination = summarisedDestination(form.destination);
  if (!destination || staff.organisationId !== organisation.id) {
    throw new NotAllowedError("report:read");
  }
  const scope = summaryScopeOf(staff, destination);
  if (!scope) throw new NotAllowedError(destination.summary.read);
  // Someone who reads only their own sees only the answers that came with their invitations.
  return scope === "all" ? filters : { ...filters, invitedBy: staff.id };
}

/** The urgent words among the answers this member of staff may read, for the filters. */
export function urgentWordsFor(input: {
  organisation: Organisation;
  staff: StaffActor;
  form: FormDefinition;
  filters: SummaryFilters;
}): Promise<UrgentWords[]> {
  return urgentWordsWhere(whereOf(input.form, input.organisation.id, scopedFilters(input)));
}

/**
 * The summary of one form's answers for the filters, or null when the member of staff may not
 * see it. Read in pages ordered by (sent, id), so a response sent while it runs is counted once.
 */
export async function summariseForm(input: {
  organisation: Organisation;
  staff: StaffActor;
  form: FormDefinition;
  filters: SummaryFilters;
  clientAddress?: string;
  /** Responses read at once (smaller in tests, to read many pages). */
  pageSize?: number;
}): Promise<ShownSummary> {
  const pageSize = input.pageSize ?? SUMMARY_PAGE_SIZE;
  const { organisation, staff, form } = input;
  const scoped = scopedFilters(input);
  const { submission } = schema;
  const where = whereOf(form, organisation.id, scoped);
  let summary = startSummary(form);
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const rows: { id: string; answers: Record<string, unknown>; written: unknown; at: Date }[] =
      await db()
        .select({
          id: submission.id,
          answers: submission.answers,
          written: submission.writtenAnswers,
          at: submission.submittedAt,
        })
        .from(submission)
        .where(
          after
            ? and(
                where,
                or(
                  gt(submission.submittedAt, after.at),
                  and(eq(submission.submittedAt, after.at), gt(submission.id, after.id)),
                ),
              )
            : where,
        )
        .orderBy(asc(submission.submittedAt), asc(submission.id))
        .limit(pageSize);
    summary = addResponses(
      summary,
      form,
      rows.map((row) => ({
        answers: row.answers,
        written: row.written as Record<string, string | string[]> | null,
        submittedAt: row.at,
      })),
    );
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    after = { at: last.at, id: last.id };
  }
  await recordAudit({
    organisationId: organisation.id,
    action: "summary.viewed",
    actorStaffUserId: staff.id,
    subjectType: "form",
    subjectId: undefined,
    clientAddress: input.clientAddress,
    detail: { formId: form.id, ...scoped },
  });
  return applyThreshold(summary, organisation.anonymityThreshold);
}
