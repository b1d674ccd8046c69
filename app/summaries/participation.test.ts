import { describe, expect, test } from "vitest";
import {
  countsAsTakingPart,
  figuresFrom,
  isParticipationCategory,
  participationCsv,
  participationCsvRows,
  PARTICIPATION_CATEGORIES,
  TAKING_PART_CATEGORIES,
  type ParticipationCounts,
} from "./participation";

const counts = (changes: Partial<ParticipationCounts> = {}): ParticipationCounts => ({
  byCategory: [],
  byIro: [],
  target: 95,
  ...changes,
});

const words = { category: (category: number) => `Category ${category}` };

describe("the categories", () => {
  test("are six, and 1, 2, 4 and 5 count as taking part", () => {
    expect([...PARTICIPATION_CATEGORIES]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...TAKING_PART_CATEGORIES]).toEqual([1, 2, 4, 5]);
  });

  test("a child who came but did not give their views (3) did not take part", () => {
    expect([1, 2, 3, 4, 5, 6].map(countsAsTakingPart)).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  test("only whole numbers from 1 to 6 are categories", () => {
    expect([0, 1, 6, 7, 2.5, "3", null].map(isParticipationCategory)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("the figures", () => {
  test("every category is listed in order, zeros too, with its share of all reviews", () => {
    const figures = figuresFrom(
      counts({
        byCategory: [
          { category: 5, reviews: 2 },
          { category: 1, reviews: 5 },
          { category: 3, reviews: 1 },
        ],
      }),
    );
    expect(figures.reviews).toBe(8);
    expect(figures.takingPart).toBe(7);
    expect(figures.share).toBe(88); // 87.5 rounds up
    expect(figures.categories).toEqual([
      { category: 1, reviews: 5, percent: 63, takingPart: true },
      { category: 2, reviews: 0, percent: 0, takingPart: true },
      { category: 3, reviews: 1, percent: 13, takingPart: false },
      { category: 4, reviews: 0, percent: 0, takingPart: true },
      { category: 5, reviews: 2, percent: 25, takingPart: true },
      { category: 6, reviews: 0, percent: 0, takingPart: false },
    ]);
  });

  test("the target is met on the exact share, not the rounded one", () => {
    // 189 of 200 is 94.5%: shown as 95%, but short of a 95% target.
    const short = figuresFrom(
      counts({
        byCategory: [
          { category: 1, reviews: 189 },
          { category: 6, reviews: 11 },
        ],
      }),
    );
    expect(short.share).toBe(95);
    expect(short.targetMet).toBe(false);
    const exactly = figuresFrom(
      counts({
        byCategory: [
          { category: 2, reviews: 19 },
          { category: 3, reviews: 1 },
        ],
      }),
    );
    expect(exactly.share).toBe(95);
    expect(exactly.targetMet).toBe(true);
    expect(figuresFrom(counts({ target: 90, byCategory: short.categories })).targetMet).toBe(true);
  });

  test("with no reviews there is nothing to measure: 0%, and neither met nor missed", () => {
    const figures = figuresFrom(counts());
    expect(figures).toMatchObject({ reviews: 0, takingPart: 0, share: 0, targetMet: null });
    expect(figures.categories.every((row) => row.reviews === 0 && row.percent === 0)).toBe(true);
  });

  test("a stored category outside 1–6 is counted nowhere", () => {
    const figures = figuresFrom(
      counts({
        byCategory: [
          { category: 1, reviews: 1 },
          { category: 7, reviews: 4 },
        ],
      }),
    );
    expect(figures.reviews).toBe(1);
    expect(figures.share).toBe(100);
  });

  test("each IRO's share, by name", () => {
    const figures = figuresFrom(
      counts({
        byIro: [
          { staffUserId: "b", name: "Priya Shah", reviews: 3, takingPart: 2 },
          { staffUserId: "a", name: "Daniel Hughes", reviews: 8, takingPart: 8 },
        ],
      }),
    );
    expect(figures.iros).toEqual([
      { staffUserId: "a", name: "Daniel Hughes", reviews: 8, takingPart: 8, share: 100 },
      { staffUserId: "b", name: "Priya Shah", reviews: 3, takingPart: 2, share: 67 },
    ]);
  });
});

describe("the CSV file", () => {
  const figures = figuresFrom(
    counts({
      target: 90,
      byCategory: [
        { category: 1, reviews: 6 },
        { category: 4, reviews: 1 },
        { category: 6, reviews: 1 },
      ],
      byIro: [
        { staffUserId: "a", name: "=Danger", reviews: 5, takingPart: 5 },
        { staffUserId: "b", name: "Jo, Smith", reviews: 3, takingPart: 2 },
      ],
    }),
  );

  test("holds the page's numbers: each category, the totals, the target, each IRO", () => {
    expect(participationCsvRows(figures, words)).toEqual([
      ["How the child took part", "Reviews", "Per cent"],
      ["Category 1", "6", "75"],
      ["Category 2", "0", "0"],
      ["Category 3", "0", "0"],
      ["Category 4", "1", "13"],
      ["Category 5", "0", "0"],
      ["Category 6", "1", "13"],
      ["All reviews", "8", ""],
      ["Child took part (categories 1, 2, 4 and 5)", "7", "88"],
      ["Council’s target (per cent)", "", "90"],
      ["Target met", "No", ""],
      [],
      ["IRO", "Reviews", "Child took part", "Per cent child took part"],
      ["=Danger", "5", "5", "100"],
      ["Jo, Smith", "3", "2", "67"],
    ]);
  });

  test("is safe to open in a spreadsheet, in the reader's words", () => {
    const csv = participationCsv(figures, {
      ...words,
      heading: (id) => `[${id}]`,
    });
    expect(csv.split("\r\n")[0]).toBe("[category],[reviews],[percent]");
    expect(csv).toContain("[targetMet],[no],\r\n");
    // A name that looks like a formula stays text; a comma is quoted.
    expect(csv).toContain("'=Danger,5,5,100\r\n");
    expect(csv).toContain('"Jo, Smith",3,2,67\r\n');
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});
