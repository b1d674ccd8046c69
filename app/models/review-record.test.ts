import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { seededRandom } from "#test/support/seeded-random";
import {
  PARTICIPATING_CATEGORIES as BOOKLET_TAKING_PART,
  PARTICIPATION_CATEGORIES as BOOKLET_CATEGORIES,
} from "./participation.server";
import { PARTICIPATION_CATEGORIES, TAKING_PART_CATEGORIES } from "#app/summaries/participation";
import { addDays, londonDateOf } from "#app/utils/dates";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { organisationForHost } from "./organisation.server";
import {
  deleteOwnReview,
  InvalidReviewError,
  listOwnReviews,
  participationFigures,
  recordReview,
  REVIEWS_PER_PAGE,
} from "./review-record.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";

type Actor = StaffActor & { name: string };

async function staffOf(organisationId: string, email: string): Promise<Actor> {
  const found = await findStaffByEmail(organisationId, email);
  const member = found && (await getStaffMember(organisationId, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

let westmoor = "";
let aberhaven = "";
const people = {} as Record<
  "iro" | "iro2" | "manager" | "complaints" | "otherIro" | "otherManager",
  Actor
>;

beforeAll(async () => {
  westmoor = (await organisationForHost("localhost"))!.id;
  aberhaven = (await organisationForHost("aberhaven.localhost"))!.id;
  people.iro = await staffOf(westmoor, "iro@westmoor.example");
  people.iro2 = await staffOf(westmoor, "iro2@westmoor.example");
  people.manager = await staffOf(westmoor, "manager@westmoor.example");
  people.complaints = await staffOf(westmoor, "complaints@westmoor.example");
  people.otherIro = await staffOf(aberhaven, "iro@aberhaven.example");
  people.otherManager = await staffOf(aberhaven, "manager@aberhaven.example");
});

const today = () => londonDateOf(new Date());

function record(staff: Actor, heldOn: string, participation: number) {
  return recordReview({
    organisationId: staff.organisationId,
    staff,
    heldOn,
    participation,
    clientAddress: "10.30.0.1",
  });
}

/** Every page of one IRO's list, in order. */
async function wholeList(staff: Actor) {
  const first = await listOwnReviews({ organisationId: staff.organisationId, staff, page: 1 });
  const rows = [...first.rows];
  for (let page = 2; page <= first.pages; page++) {
    const next = await listOwnReviews({ organisationId: staff.organisationId, staff, page });
    rows.push(...next.rows);
  }
  return { ...first, rows };
}

test("the categories are the booklet panel's six, and the same four count as taking part", () => {
  expect([...PARTICIPATION_CATEGORIES]).toEqual([...BOOKLET_CATEGORIES]);
  expect([...TAKING_PART_CATEGORIES]).toEqual([...BOOKLET_TAKING_PART]);
});

describe("an IRO records the reviews they chair", () => {
  test("a review is stored with its day and category, audited, and in their own list", async () => {
    const recorded = await record(people.iro, "2010-06-15", 1);
    expect(recorded).toMatchObject({ heldOn: "2010-06-15", participation: 1 });
    const [row] = await db()
      .select()
      .from(schema.reviewRecord)
      .where(eq(schema.reviewRecord.id, recorded.id));
    expect(row).toMatchObject({
      organisationId: westmoor,
      iroStaffUserId: people.iro.id,
      heldOn: "2010-06-15",
      participation: 1,
    });
    const audited = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, "review.recorded"),
          eq(schema.auditEvent.subjectId, recorded.id),
        ),
      );
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      organisationId: westmoor,
      actorStaffUserId: people.iro.id,
      clientAddress: "10.30.0.1",
    });
    expect(audited[0]!.detail).toMatchObject({ heldOn: "2010-06-15", participation: 1 });

    const list = await wholeList(people.iro);
    expect(list.rows.find((review) => review.id === recorded.id)).toMatchObject({
      heldOn: "2010-06-15",
      participation: 1,
      removable: true,
    });
  });

  test("another IRO's reviews, and another council's, are not in their list", async () => {
    const theirs = await record(people.iro2, "2010-07-01", 5);
    const elsewhere = await record(people.otherIro, "2010-07-01", 4);
    const ids = (await wholeList(people.iro)).rows.map((review) => review.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(elsewhere.id);
    expect((await wholeList(people.iro2)).rows.map((review) => review.id)).toContain(theirs.id);
  });

  test("a review day in the future, before 2000 or not a real day is refused, as is category 7", async () => {
    const refused = async (heldOn: string, participation: number) => {
      const error = await record(people.iro, heldOn, participation).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidReviewError);
      return (error as InvalidReviewError).problem;
    };
    expect(await refused(addDays(today(), 1), 1)).toBe("dateFuture");
    expect(await refused("1999-12-31", 1)).toBe("dateTooEarly");
    expect(await refused("2023-02-29", 1)).toBe("dateInvalid");
    expect(await refused("15/06/2010", 1)).toBe("dateInvalid");
    expect(await refused("2010-06-15", 7)).toBe("participation");
    expect(await refused("2010-06-15", 0)).toBe("participation");
    expect(await refused("2010-06-15", 2.5)).toBe("participation");
    // Today and the first day of 2000 are fine.
    await expect(record(people.iro, today(), 6)).resolves.toMatchObject({ participation: 6 });
    await expect(record(people.iro, "2000-01-01", 3)).resolves.toMatchObject({
      heldOn: "2000-01-01",
    });
  });

  test("a review recorded by mistake can be removed by its IRO on the same day only", async () => {
    const mistake = await record(people.iro, "2010-08-01", 2);
    const scope = { organisationId: westmoor, reviewId: mistake.id };
    expect(await deleteOwnReview({ ...scope, staff: people.iro2 })).toBe(false);
    const tomorrow = new Date(Date.now() + 36 * 60 * 60 * 1000);
    expect(await deleteOwnReview({ ...scope, staff: people.iro, now: tomorrow })).toBe(false);
    expect(await deleteOwnReview({ ...scope, staff: people.iro, reviewId: "not-an-id" })).toBe(
      false,
    );
    expect(await deleteOwnReview({ ...scope, staff: people.iro, clientAddress: "10.30.0.2" })).toBe(
      true,
    );
    expect(await deleteOwnReview({ ...scope, staff: people.iro })).toBe(false);
    const ids = (await wholeList(people.iro)).rows.map((review) => review.id);
    expect(ids).not.toContain(mistake.id);
    const audited = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, "review.deleted"),
          eq(schema.auditEvent.subjectId, mistake.id),
        ),
      );
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorStaffUserId).toBe(people.iro.id);
  });
});

describe("who may record and who may read", () => {
  test("a complaints officer can neither record, list nor read the figures", async () => {
    const staff = people.complaints;
    const scope = { organisationId: westmoor, staff };
    await expect(record(staff, "2010-06-15", 1)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(listOwnReviews({ ...scope, page: 1 })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      participationFigures({ ...scope, from: "2010-04-01", until: "2011-04-01" }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("a manager reads the figures but records nothing; an IRO records but reads no figures", async () => {
    await expect(record(people.manager, "2010-06-15", 1)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      participationFigures({
        organisationId: westmoor,
        staff: people.iro,
        from: "2010-04-01",
        until: "2011-04-01",
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("nobody acts for another council", async () => {
    await expect(
      recordReview({
        organisationId: aberhaven,
        staff: people.iro,
        heldOn: "2010-06-15",
        participation: 1,
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      participationFigures({
        organisationId: aberhaven,
        staff: people.manager,
        from: "2010-04-01",
        until: "2011-04-01",
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});

describe("the council's participation figures", () => {
  // A reporting year nobody else in these tests touches: April 2015 to March 2016.
  const from = "2015-04-01";
  const until = "2016-04-01";
  type Made = { iro: "iro" | "iro2"; heldOn: string; participation: number };
  const made: Made[] = [];

  beforeAll(async () => {
    const random = seededRandom(63);
    // Children mostly take part; some come and say nothing, some do not come at all.
    const categories = [
      [1, 40],
      [2, 8],
      [3, 6],
      [4, 10],
      [5, 26],
      [6, 10],
    ] as const;
    for (let i = 0; i < 320; i++) {
      const made1: Made = {
        iro: random.chance(0.6) ? "iro" : "iro2",
        heldOn: addDays(from, random.between(0, 365)),
        participation: random.weighted(categories),
      };
      made.push(made1);
      await record(people[made1.iro], made1.heldOn, made1.participation);
    }
    // Just outside the year, either side, and another council's reviews inside it.
    await record(people.iro, "2015-03-31", 1);
    await record(people.iro2, "2016-04-01", 6);
    for (let i = 0; i < 25; i++) await record(people.otherIro, "2015-09-01", 6);
  }, 120_000);

  /** Counted here by hand, the long way, not by the code under test. */
  function expected(rows: readonly Made[]) {
    const byCategory = [0, 0, 0, 0, 0, 0];
    let takingPart = 0;
    for (const row of rows) {
      byCategory[row.participation - 1]! += 1;
      if (row.participation !== 3 && row.participation !== 6) takingPart += 1;
    }
    return {
      reviews: rows.length,
      takingPart,
      byCategory,
      share: Math.floor((takingPart * 100) / rows.length + 0.5),
    };
  }

  test("on 320 reviews: the total, every category, the share and the target", async () => {
    const figures = await participationFigures({
      organisationId: westmoor,
      staff: people.manager,
      from,
      until,
      clientAddress: "10.30.0.3",
    });
    const want = expected(made);
    expect(made.length).toBeGreaterThanOrEqual(300);
    expect(figures.reviews).toBe(want.reviews);
    expect(figures.takingPart).toBe(want.takingPart);
    expect(figures.share).toBe(want.share);
    expect(figures.categories.map((row) => row.reviews)).toEqual(want.byCategory);
    expect(figures.categories.map((row) => row.percent)).toEqual(
      want.byCategory.map((n) => Math.floor((n * 100) / want.reviews + 0.5)),
    );
    expect(figures.target).toBe(95);
    expect(figures.targetMet).toBe(want.takingPart * 100 >= 95 * want.reviews);
    // Looking is audited, as every report is.
    const [audited] = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, "report.viewed"),
          eq(schema.auditEvent.clientAddress, "10.30.0.3"),
        ),
      );
    expect(audited?.detail).toMatchObject({ report: "review-participation", from, until });
  });

  test("split by IRO, by name, each with their own share", async () => {
    const figures = await participationFigures({
      organisationId: westmoor,
      staff: people.manager,
      from,
      until,
    });
    const wantFor = (iro: "iro" | "iro2") => {
      const want = expected(made.filter((row) => row.iro === iro));
      return {
        staffUserId: people[iro].id,
        name: people[iro].name,
        reviews: want.reviews,
        takingPart: want.takingPart,
        share: want.share,
      };
    };
    expect(figures.iros).toEqual([wantFor("iro2"), wantFor("iro")]); // Daniel before Priya
    expect(figures.iros.reduce((sum, iro) => sum + iro.reviews, 0)).toBe(figures.reviews);
  });

  test("another council's reviews never appear, and it has its own figures and target", async () => {
    const ours = await participationFigures({
      organisationId: westmoor,
      staff: people.manager,
      from,
      until,
    });
    expect(ours.iros.map((iro) => iro.staffUserId)).not.toContain(people.otherIro.id);
    await db()
      .update(schema.organisation)
      .set({ participationTarget: 90 })
      .where(eq(schema.organisation.id, aberhaven));
    const theirs = await participationFigures({
      organisationId: aberhaven,
      staff: people.otherManager,
      from,
      until,
    });
    expect(theirs).toMatchObject({ reviews: 25, takingPart: 0, share: 0, target: 90 });
    expect(theirs.targetMet).toBe(false);
    expect(theirs.iros).toEqual([
      {
        staffUserId: people.otherIro.id,
        name: people.otherIro.name,
        reviews: 25,
        takingPart: 0,
        share: 0,
      },
    ]);
  });

  test("a year with no reviews has nothing to measure", async () => {
    const figures = await participationFigures({
      organisationId: westmoor,
      staff: people.manager,
      from: "2005-04-01",
      until: "2006-04-01",
    });
    expect(figures).toMatchObject({ reviews: 0, share: 0, targetMet: null, iros: [] });
  });

  test("the IRO's list: 25 a page, the latest review first, every review once", async () => {
    const list = await wholeList(people.iro);
    const first = await listOwnReviews({
      organisationId: westmoor,
      staff: people.iro,
      page: 1,
    });
    expect(first.rows).toHaveLength(REVIEWS_PER_PAGE);
    expect(first.pages).toBe(Math.ceil(first.total / REVIEWS_PER_PAGE));
    expect(list.rows).toHaveLength(first.total);
    expect(new Set(list.rows.map((review) => review.id)).size).toBe(first.total);
    const days = list.rows.map((review) => review.heldOn);
    expect(days).toEqual([...days].sort().reverse());
    // Every generated review of this IRO is there.
    const inYear = list.rows.filter((review) => review.heldOn >= from && review.heldOn < until);
    expect(inYear).toHaveLength(made.filter((row) => row.iro === "iro").length);
    // A page past the end is the last page.
    const past = await listOwnReviews({
      organisationId: westmoor,
      staff: people.iro,
      page: 9999,
    });
    expect(past.page).toBe(first.pages);
    expect(past.rows.map((review) => review.id)).toEqual(
      list.rows.slice((first.pages - 1) * REVIEWS_PER_PAGE).map((review) => review.id),
    );
  });
});
