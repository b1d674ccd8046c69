// "After your review": what a child or young person thought of their review, sent by their IRO
// after it. Anonymous; the IRO service reads the answers together. Words:
// locales/<lng>/after-your-review.json.
import { gradedPage, picturePage, YES_SOMETIMES_NO } from "./scales";
import type { FormDefinition } from "./types";

export const afterYourReview: FormDefinition = {
  id: "after-your-review",
  version: 1,
  referencePrefix: "AYR",
  audience: "young-person",
  ageBand: { from: 11, to: 18 },
  namespace: "after-your-review",
  style: "young",
  readAloud: true,
  destination: "review-feedback",
  invitationOnly: true,
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    gradedPage("go", { id: "goToReviews", options: YES_SOMETIMES_NO }),
    gradedPage("know-iro", { id: "knowIro", options: YES_SOMETIMES_NO }),
    gradedPage("get-on", { id: "getOnWithIro", options: YES_SOMETIMES_NO }),
    gradedPage("listened", { id: "feelListened", options: YES_SOMETIMES_NO }),
    gradedPage("better", { id: "couldBeBetter", options: YES_SOMETIMES_NO }),
    {
      id: "feel",
      questions: [
        { id: "feelAboutReviews", kind: "feelings" },
        { id: "feelAboutReviewsComment", kind: "long-text", hint: true, maxLength: 1000 },
      ],
    },
  ],
};

/**
 * "After your review" in the Express style, for younger children and those who need pictures and
 * fewer words: one question a page, each answer a large picture, the same question ids.
 */
export const afterYourReviewExpress: FormDefinition = {
  id: "after-your-review-express",
  version: 1,
  referencePrefix: "AYE",
  audience: "child",
  namespace: "after-your-review-express",
  style: "express",
  readAloud: true,
  destination: "review-feedback",
  invitationOnly: true,
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    picturePage("go", "calendar", "goToReviews"),
    picturePage("know-iro", "iro", "knowIro"),
    picturePage("get-on", "iro", "getOnWithIro"),
    picturePage("listened", "lead", "feelListened"),
    picturePage("better", "plan", "couldBeBetter"),
    { id: "feel", picture: "me", questions: [{ id: "feelAboutReviews", kind: "feelings" }] },
    {
      id: "anything-else",
      picture: "anything",
      questions: [{ id: "anythingElse", kind: "long-text", hint: true, maxLength: 2000 }],
    },
  ],
};
