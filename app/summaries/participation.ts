// How children took part in their reviews, as councils report it: the six categories of the old
// national indicator C63 (see docs/domain.md), the share of reviews in which the child took part,
// and whether that meets the council's target. Pure: the model counts in the database (GROUP BY)
// and hands the counts here, so the page and the CSV file work out every share the same way.
import { percentOf, toCsv } from "./summarise";

/**
 * 1 came and spoke for themselves; 2 came and gave their views without words; 3 came but did not
 * give their views; 4 did not come, an advocate gave their views; 5 did not come, sent their views
 * (a booklet, a letter); 6 did not come and did not give their views. The same six as a booklet's
 * participation panel (app/models/participation.server.ts).
 */
export const PARTICIPATION_CATEGORIES = [1, 2, 3, 4, 5, 6] as const;
export type ParticipationCategory = (typeof PARTICIPATION_CATEGORIES)[number];

/**
 * The categories that count as the child taking part. Category 3 does not: being in the room is
 * not the same as being heard.
 */
export const TAKING_PART_CATEGORIES: readonly ParticipationCategory[] = [1, 2, 4, 5];

export function isParticipationCategory(value: unknown): value is ParticipationCategory {
  return (PARTICIPATION_CATEGORIES as readonly unknown[]).includes(value);
}

export const countsAsTakingPart = (category: number): boolean =>
  (TAKING_PART_CATEGORIES as readonly number[]).includes(category);

/** What the database counted for one period. */
export type ParticipationCounts = {
  /** Reviews in each category; a category nobody was in may be left out. */
  byCategory: readonly { category: number; reviews: number }[];
  /** Each IRO who recorded a review in the period. */
  byIro: readonly { staffUserId: string; name: string; reviews: number; takingPart: number }[];
  /** The council's target: the per cent of reviews in which the child should take part. */
  target: number;
};

export type CategoryFigure = {
  category: ParticipationCategory;
  reviews: number;
  /** Of every review in the period, whole per cent. */
  percent: number;
  takingPart: boolean;
};

export type IroFigure = {
  staffUserId: string;
  name: string;
  reviews: number;
  takingPart: number;
  /** Whole per cent of this IRO's reviews in which the child took part. */
  share: number;
};

export type ParticipationFigures = {
  reviews: number;
  takingPart: number;
  /** Whole per cent of reviews in which the child took part; 0 with no reviews. */
  share: number;
  target: number;
  /**
   * Whether the share meets the target, worked out before rounding (94.6% is not 95%); null with
   * no reviews, when there is nothing to measure.
   */
  targetMet: boolean | null;
  /** All six categories, in order, zeros included. */
  categories: CategoryFigure[];
  /** By name, then by id (two IROs can share a name). */
  iros: IroFigure[];
};

/** The counts as the figures a manager reads: shares, the target, every category. */
export function figuresFrom(counts: ParticipationCounts): ParticipationFigures {
  const inCategory = new Map<number, number>();
  for (const { category, reviews } of counts.byCategory) {
    // A row outside 1–6 cannot be stored (the form and the model refuse it); if one ever were, it
    // would be counted nowhere rather than shown under a wrong heading.
    if (isParticipationCategory(category))
      inCategory.set(category, (inCategory.get(category) ?? 0) + reviews);
  }
  const reviews = [...inCategory.values()].reduce((sum, n) => sum + n, 0);
  const takingPart = [...inCategory]
    .filter(([category]) => countsAsTakingPart(category))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    reviews,
    takingPart,
    share: percentOf(takingPart, reviews),
    target: counts.target,
    targetMet: reviews === 0 ? null : takingPart * 100 >= counts.target * reviews,
    categories: PARTICIPATION_CATEGORIES.map((category) => {
      const count = inCategory.get(category) ?? 0;
      return {
        category,
        reviews: count,
        percent: percentOf(count, reviews),
        takingPart: countsAsTakingPart(category),
      };
    }),
    iros: counts.byIro
      .map((iro) => ({
        staffUserId: iro.staffUserId,
        name: iro.name,
        reviews: iro.reviews,
        takingPart: iro.takingPart,
        share: percentOf(iro.takingPart, iro.reviews),
      }))
      .sort((a, b) =>
        a.name === b.name
          ? a.staffUserId.localeCompare(b.staffUserId)
          : a.name.localeCompare(b.name, "en"),
      ),
  };
}

/** The CSV file's own words, in English unless the caller gives them in the reader's language. */
export const PARTICIPATION_CSV_HEADINGS = {
  category: "How the child took part",
  reviews: "Reviews",
  percent: "Per cent",
  allReviews: "All reviews",
  takingPart: "Child took part (categories 1, 2, 4 and 5)",
  target: "Council’s target (per cent)",
  targetMet: "Target met",
  yes: "Yes",
  no: "No",
  iro: "IRO",
  iroTakingPart: "Child took part",
  iroShare: "Per cent child took part",
} as const;

export type ParticipationCsvLabels = {
  category(category: ParticipationCategory): string;
  heading?(id: keyof typeof PARTICIPATION_CSV_HEADINGS): string;
};

/**
 * The figures as rows for a spreadsheet: a table of the six categories with the totals and the
 * target under it, an empty row, then a table of IROs. Every number is the page's own.
 */
export function participationCsvRows(
  figures: ParticipationFigures,
  label: ParticipationCsvLabels,
): string[][] {
  const heading = (id: keyof typeof PARTICIPATION_CSV_HEADINGS) =>
    label.heading?.(id) ?? PARTICIPATION_CSV_HEADINGS[id];
  const met = figures.targetMet === null ? "" : figures.targetMet ? heading("yes") : heading("no");
  return [
    [heading("category"), heading("reviews"), heading("percent")],
    ...figures.categories.map((row) => [
      label.category(row.category),
      String(row.reviews),
      String(row.percent),
    ]),
    [heading("allReviews"), String(figures.reviews), ""],
    [heading("takingPart"), String(figures.takingPart), String(figures.share)],
    [heading("target"), "", String(figures.target)],
    [heading("targetMet"), met, ""],
    [],
    [heading("iro"), heading("reviews"), heading("iroTakingPart"), heading("iroShare")],
    ...figures.iros.map((iro) => [
      iro.name,
      String(iro.reviews),
      String(iro.takingPart),
      String(iro.share),
    ]),
  ];
}

/** The whole CSV file (without the byte order mark the route adds for Excel). */
export function participationCsv(
  figures: ParticipationFigures,
  label: ParticipationCsvLabels,
): string {
  return toCsv(participationCsvRows(figures, label));
}
