// The IRO's panel on a child's booklet: the review's participation category (the old national
// indicator C63, see docs/domain.md), recorded by the child's IRO only, and only for a form the
// child filled in themselves.
import { and, eq } from "drizzle-orm";
import { db, schema } from "#db/client";
import { findForm } from "#app/forms/registry";
import { isChildsOwn } from "#app/forms/types";
import type { InboxDestination } from "#app/destinations/registry";
import { recordAudit } from "./audit.server";
import { boxCondition, NotAllowedError, type StaffActor } from "./inbox.server";
import { isUuid } from "./invitation.server";
import { can } from "./permissions";

/** The review participation categories, 1 to 6. */
export const PARTICIPATION_CATEGORIES: readonly number[] = [1, 2, 3, 4, 5, 6];
/** The categories that count as taking part: 1, 2, 4 and 5. */
export const PARTICIPATING_CATEGORIES: readonly number[] = [1, 2, 4, 5];

export class InvalidParticipationError extends RangeError {
  constructor(category: unknown) {
    super(`A participation category is a whole number from 1 to 6, not ${String(category)}`);
    this.name = "InvalidParticipationError";
  }
}

function isParticipationCategory(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 6;
}

/** Whether an item of this form, in this destination, has the participation panel. */
export function hasParticipation(
  destination: InboxDestination,
  form: { id: string; version: number } | undefined,
): boolean {
  const definition = form && findForm(form.id, form.version);
  return (
    destination.inbox.panels.includes("participation") &&
    definition !== undefined &&
    isChildsOwn(definition)
  );
}

/**
 * The review's participation category (1–6), recorded by the one the item is for. False when
 * there is no such item of theirs (or it is not a child's own form); InvalidParticipationError
 * outside 1–6.
 */
export async function recordParticipation(input: {
  organisationId: string;
  staff: StaffActor;
  destination: InboxDestination;
  submissionId: string;
  category: number;
  clientAddress?: string;
  now?: Date;
}): Promise<boolean> {
  const { organisationId, staff, destination, submissionId, category } = input;
  if (!isParticipationCategory(category)) throw new InvalidParticipationError(category);
  if (!can(staff.roles, destination.read.own)) throw new NotAllowedError(destination.read.own);
  if (!isUuid(submissionId) || staff.organisationId !== organisationId) return false;
  const now = input.now ?? new Date();
  return db().transaction(async (tx) => {
    const { submission } = schema;
    const [found] = await tx
      .select({ formId: submission.formId, formVersion: submission.formVersion })
      .from(submission)
      .where(
        and(
          eq(submission.id, submissionId),
          boxCondition(organisationId, staff, destination, "mine"),
        ),
      );
    if (!found || !hasParticipation(destination, { id: found.formId, version: found.formVersion }))
      return false;
    const [updated] = await tx
      .update(submission)
      .set({ participation: category, participationRecordedAt: now })
      .where(eq(submission.id, submissionId))
      .returning({ id: submission.id, reference: submission.reference });
    if (!updated) return false;
    await recordAudit(
      {
        organisationId,
        action: "booklet.participation-recorded",
        actorStaffUserId: staff.id,
        subjectType: "submission",
        subjectId: updated.id,
        clientAddress: input.clientAddress,
        detail: { reference: updated.reference, category },
      },
      tx,
    );
    return true;
  });
}
