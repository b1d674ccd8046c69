// After a Family Group Conference: the family's and friends' evaluation, the young person's, and
// the referrer's outcome at closure (one question per aim the FGC was recorded with). Anonymous.
// Words: locales/<lng>/fgc-family.json, fgc-young-person.json and fgc-referrer.json.
import { FGC_AIMS } from "#db/schema/constants";
import {
  FAMILY_RELATIONSHIPS,
  gradedPage,
  YES_NO,
  YES_PARTLY_NO,
  YES_SOMETIMES_NO,
} from "./scales";
import type { FormDefinition } from "./types";

const common = {
  version: 1,
  readAloud: false,
  destination: "fgc-feedback",
  invitationOnly: true,
  languages: ["en", "cy", "pl", "ur"],
} as const;

export const fgcFamily: FormDefinition = {
  ...common,
  id: "fgc-family",
  referencePrefix: "FGF",
  audience: "parent-or-carer",
  namespace: "fgc-family",
  style: "standard",
  pages: [
    {
      id: "relationship",
      questions: [
        { id: "relationship", kind: "single", role: "relationship", options: FAMILY_RELATIONSHIPS },
      ],
    },
    gradedPage("preparation", { id: "preparationEffective", options: YES_PARTLY_NO }),
    gradedPage("useful", { id: "useful", options: YES_PARTLY_NO }),
    gradedPage("concerns", { id: "addressedConcerns", options: YES_PARTLY_NO }),
    {
      id: "anything-else",
      questions: [{ id: "anythingElse", kind: "long-text", hint: true, maxLength: 2000 }],
    },
  ],
};

export const fgcYoungPerson: FormDefinition = {
  ...common,
  id: "fgc-young-person",
  referencePrefix: "FGY",
  audience: "young-person",
  ageBand: { from: 11, to: 18 },
  namespace: "fgc-young-person",
  style: "young",
  readAloud: true,
  pages: [
    gradedPage("safe", { id: "feltSafe", options: YES_SOMETIMES_NO }),
    gradedPage("said", { id: "saidWhatWanted", options: YES_SOMETIMES_NO }),
    gradedPage("listened", { id: "adultsListened", options: YES_SOMETIMES_NO }),
    { id: "advocate", questions: [{ id: "hadAdvocate", kind: "single", options: YES_NO }] },
    gradedPage("advocate-helped", {
      id: "advocateHelped",
      options: YES_SOMETIMES_NO,
      showIf: { question: "hadAdvocate", oneOf: ["yes"] },
    }),
    {
      id: "anything-else",
      questions: [{ id: "anythingElse", kind: "long-text", hint: true, maxLength: 2000 }],
    },
  ],
};

/** Where a child looked after when referred is living when the FGC closes. */
export const LOOKED_AFTER_OUTCOMES = [
  "returned-to-parents",
  "special-guardianship",
  "looked-after-with-family",
  "looked-after-long-term",
] as const;

/** The event fact an FGC's aim becomes, so the referrer is asked only about the FGC's own aims. */
export const aimFact = (aim: string) => `aim:${aim}`;
export const LOOKED_AFTER_FACT = "looked-after-at-referral";

export const fgcReferrer: FormDefinition = {
  ...common,
  id: "fgc-referrer",
  referencePrefix: "FGR",
  audience: "anyone",
  namespace: "fgc-referrer",
  style: "standard",
  pages: [
    {
      id: "aims",
      questions: FGC_AIMS.map((aim) => ({
        id: `aim-${aim}`,
        kind: "single" as const,
        options: [{ value: "achieved" }, { value: "partly-achieved" }, { value: "not-achieved" }],
        showIf: { event: aimFact(aim) },
      })),
    },
    {
      id: "looked-after",
      questions: [
        {
          id: "lookedAfterOutcome",
          kind: "single",
          options: LOOKED_AFTER_OUTCOMES.map((value) => ({ value })),
          showIf: { event: LOOKED_AFTER_FACT },
        },
      ],
    },
    {
      id: "anything-else",
      questions: [{ id: "anythingElse", kind: "long-text", hint: true, maxLength: 2000 }],
    },
  ],
};
