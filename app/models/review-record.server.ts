// The reviews an IRO chairs, each recorded with how the child took part (the six categories), and
// the council's participation figures that managers report against their target. A booklet's
// category (app/models/participation.server.ts) counts only children who sent one; these records
// count every review, so a child who came and spoke is counted too. No child is named here: the
// figures are the council's, the list is the IRO's own. Every query is scoped by council.
import { and, asc, count, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import {
  figuresFrom,
  isParticipationCategory,
  TAKING_PART_CATEGORIES,
  type ParticipationCategory,
  type ParticipationFigures,
} from "#app/summaries/participation";
import { londonDateOf, startOfLondonDay, toDayNumber, type IsoDate } from "#app/utils/dates";
import { recordAudit } from "./audit.server";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { isUuid } from "./invitation.server";
import { can, type Permission } from "./permissions";

/** Reviews listed at once on the IRO's page (the staff lists' page size). */
export const REVIEWS_PER_PAGE = 25;

/** Records older than this are not reviews anyone is recording now: a mistyped year. */
export const EARLIEST_REVIEW_DAY: IsoDate = "2000-01-01";

/** The council's target when it has not set one (the column's own default). */
const DEFAULT_TARGET = 95;

/** What a review record cannot be, said in the words the IRO's form uses for its errors. */
export type ReviewProblem = "dateInvalid" | "dateTooEarly" | "dateFuture" | "participation";

/** A review day or category the form should already have refused (a stale or tampered form). */
export class InvalidReviewError extends RangeError {
  constructor(public readonly problem: ReviewProblem) {
    super(`Not a review that can be recorded: ${problem}`);
    this.name = "InvalidReviewError";
  }
}

/** What is wrong with a review's day, if anything: a real day, from 2000, and not after today. */
export function reviewDayProblem(heldOn: string, today: IsoDate): ReviewProblem | null {
  try {
    toDayNumber(heldOn);
  } catch {
    return "dateInvalid";
  }
  if (heldOn < EARLIEST_REVIEW_DAY) return "dateTooEarly";
  if (heldOn > today) return "dateFuture";
  return null;
}

/** The member of staff may do this, in this council; otherwise NotAllowedError. */
function allow(staff: StaffActor, organisationId: string, permission: Permission): void {
  if (!can(staff.roles, permission) || staff.organisationId !== organisationId) {
    throw new NotAllowedError(permission);
  }
}

// Recording -----------------------------------------------------------------------------------

export type RecordedReview = {
  id: string;
  heldOn: IsoDate;
  participation: ParticipationCategory;
  createdAt: Date;
};

/**
 * Records one review the IRO chaired. Only an IRO (review:record) of this council; the day must be
 * a real one from 2000 to today (in the UK) and the category 1 to 6, or InvalidReviewError.
 * Recorded and audited in one step.
 */
export async function recordReview(input: {
  organisationId: string;
  staff: StaffActor;
  heldOn: IsoDate;
  participation: number;
  clientAddress?: string;
  now?: Date;
}): Promise<RecordedReview> {
  const { organisationId, staff } = input;
  allow(staff, organisationId, "review:record");
  const dayProblem = reviewDayProblem(input.heldOn, londonDateOf(input.now ?? new Date()));
  if (dayProblem) throw new InvalidReviewError(dayProblem);
  const participation = input.participation;
  if (!isParticipationCategory(participation)) throw new InvalidReviewError("participation");
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.reviewRecord)
      .values({
        organisationId,
        iroStaffUserId: staff.id,
        heldOn: input.heldOn,
        participation,
      })
      .returning();
    await recordAudit(
      {
        organisationId,
        action: "review.recorded",
        actorStaffUserId: staff.id,
        subjectType: "review-record",
        subjectId: row!.id,
        clientAddress: input.clientAddress,
        detail: { heldOn: input.heldOn, participation },
      },
      tx,
    );
    return {
      id: row!.id,
      heldOn: row!.heldOn,
      participation,
      createdAt: row!.createdAt,
    };
  });
}

/**
 * Takes back a review recorded by mistake: only the IRO's own, and only on the UK day they
 * recorded it (after that the figures may have been reported). True when one was removed.
 */
export async function deleteOwnReview(input: {
  organisationId: string;
  staff: StaffActor;
  reviewId: string;
  clientAddress?: string;
  now?: Date;
}): Promise<boolean> {
  const { organisationId, staff } = input;
  allow(staff, organisationId, "review:record");
  if (!isUuid(input.reviewId)) return false;
  const { reviewRecord } = schema;
  const startOfToday = startOfLondonDay(londonDateOf(input.now ?? new Date()));
  return db().transaction(async (tx) => {
    const [removed] = await tx
      .delete(reviewRecord)
      .where(
        and(
          eq(reviewRecord.id, input.reviewId),
          eq(reviewRecord.organisationId, organisationId),
          eq(reviewRecord.iroStaffUserId, staff.id),
          gte(reviewRecord.createdAt, startOfToday),
        ),
      )
      .returning({
        id: reviewRecord.id,
        heldOn: reviewRecord.heldOn,
        participation: reviewRecord.participation,
      });
    if (!removed) return false;
    await recordAudit(
      {
        organisationId,
        action: "review.deleted",
        actorStaffUserId: staff.id,
        subjectType: "review-record",
        subjectId: removed.id,
        clientAddress: input.clientAddress,
        detail: { heldOn: removed.heldOn, participation: removed.participation },
      },
      tx,
    );
    return true;
  });
}

// The IRO's own list -------------------------------------------------------------------------

export type OwnReview = RecordedReview & {
  /** Recorded today (UK): it can still be taken back. */
  removable: boolean;
};

export type OwnReviewsPage = { rows: OwnReview[]; page: number; pages: number; total: number };

/**
 * One page of the reviews this IRO recorded, the latest review first (then the latest recorded).
 * Counted and cut in the database; a page past the end gives the last page.
 */
export async function listOwnReviews(input: {
  organisationId: string;
  staff: StaffActor;
  page: number;
  now?: Date;
}): Promise<OwnReviewsPage> {
  const { organisationId, staff } = input;
  allow(staff, organisationId, "review:record");
  const { reviewRecord } = schema;
  const own = and(
    eq(reviewRecord.organisationId, organisationId),
    eq(reviewRecord.iroStaffUserId, staff.id),
  );
  const [counted] = await db().select({ total: count() }).from(reviewRecord).where(own);
  const total = Number(counted?.total ?? 0);
  const pages = Math.max(1, Math.ceil(total / REVIEWS_PER_PAGE));
  const asked = Number.isInteger(input.page) && input.page >= 1 ? input.page : 1;
  const page = Math.min(asked, pages);
  const rows = await db()
    .select({
      id: reviewRecord.id,
      heldOn: reviewRecord.heldOn,
      participation: reviewRecord.participation,
      createdAt: reviewRecord.createdAt,
    })
    .from(reviewRecord)
    .where(own)
    .orderBy(desc(reviewRecord.heldOn), desc(reviewRecord.createdAt), desc(reviewRecord.id))
    .limit(REVIEWS_PER_PAGE)
    .offset((page - 1) * REVIEWS_PER_PAGE);
  const startOfToday = startOfLondonDay(londonDateOf(input.now ?? new Date())).getTime();
  return {
    rows: rows.map((row) => ({
      id: row.id,
      heldOn: row.heldOn,
      participation: row.participation as ParticipationCategory,
      createdAt: row.createdAt,
      removable: row.createdAt.getTime() >= startOfToday,
    })),
    page,
    pages,
    total,
  };
}

// The council's figures ----------------------------------------------------------------------

/**
 * How children took part in the reviews held in a period (from a day, until the day before
 * `until`): in every category, overall against the council's target, and for each IRO. Only a
 * manager (participation:read) of this council. Counted by the database with GROUP BY, so a year
 * of reviews is never loaded; each look is audited as a report viewed.
 */
export async function participationFigures(input: {
  organisationId: string;
  staff: StaffActor;
  from: IsoDate;
  until: IsoDate;
  clientAddress?: string;
  /** "page" or "csv", for the audit. */
  format?: "page" | "csv";
}): Promise<ParticipationFigures> {
  const { organisationId, staff, from, until } = input;
  allow(staff, organisationId, "participation:read");
  const { reviewRecord, staffUser, organisation } = schema;
  const inPeriod = and(
    eq(reviewRecord.organisationId, organisationId),
    gte(reviewRecord.heldOn, from),
    lt(reviewRecord.heldOn, until),
  );
  const reviews = sql<number>`count(*)::int`;
  const takingPart = sql<number>`(count(*) filter (where ${inArray(reviewRecord.participation, [
    ...TAKING_PART_CATEGORIES,
  ])}))::int`;
  const [byCategory, byIro, [council]] = await Promise.all([
    db()
      .select({ category: reviewRecord.participation, reviews })
      .from(reviewRecord)
      .where(inPeriod)
      .groupBy(reviewRecord.participation),
    db()
      .select({
        staffUserId: reviewRecord.iroStaffUserId,
        name: staffUser.name,
        reviews,
        takingPart,
      })
      .from(reviewRecord)
      // The IRO must be of the same council as the record: nobody of another council shows.
      .innerJoin(
        staffUser,
        and(
          eq(staffUser.id, reviewRecord.iroStaffUserId),
          eq(staffUser.organisationId, reviewRecord.organisationId),
        ),
      )
      .where(inPeriod)
      .groupBy(reviewRecord.iroStaffUserId, staffUser.name)
      .orderBy(asc(staffUser.name), asc(reviewRecord.iroStaffUserId)),
    db()
      .select({ target: organisation.participationTarget })
      .from(organisation)
      .where(eq(organisation.id, organisationId)),
  ]);
  await recordAudit({
    organisationId,
    action: "report.viewed",
    actorStaffUserId: staff.id,
    subjectType: "report",
    clientAddress: input.clientAddress,
    detail: { report: "review-participation", from, until, format: input.format ?? "page" },
  });
  return figuresFrom({
    byCategory: byCategory.map((row) => ({
      category: row.category,
      reviews: Number(row.reviews),
    })),
    byIro: byIro.map((row) => ({
      staffUserId: row.staffUserId,
      name: row.name,
      reviews: Number(row.reviews),
      takingPart: Number(row.takingPart),
    })),
    target: council?.target ?? DEFAULT_TARGET,
  });
}
