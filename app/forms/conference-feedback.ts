// After a child protection conference: the parents' and family's questionnaire (the eleven
// questions councils ask, each graded, with a comment) and the young person's. Anonymous; the
// conference is the only link. Words: locales/<lng>/conference-parent.json and
// conference-young-person.json.
import {
  picturePage,
  YES_NO_PICTURES,
  DID_NOT_HAPPEN,
  FAMILY_RELATIONSHIPS,
  gradedPage,
  HOW_WELL,
  YES_NO,
} from "./scales";
import type { FormDefinition } from "./types";

export const conferenceParent: FormDefinition = {
  id: "conference-parent",
  version: 1,
  referencePrefix: "CPF",
  audience: "parent-or-carer",
  namespace: "conference-parent",
  style: "standard",
  readAloud: false,
  destination: "conference-feedback",
  invitationOnly: true,
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    {
      id: "relationship",
      questions: [
        { id: "relationship", kind: "single", role: "relationship", options: FAMILY_RELATIONSHIPS },
      ],
    },
    gradedPage("sharing", { id: "toldWhatShared", options: YES_NO }),
    gradedPage("chair", { id: "chairHelped", options: [...HOW_WELL, ...DID_NOT_HAPPEN] }),
    gradedPage("room", { id: "roomFirstHelped", options: [...HOW_WELL, ...DID_NOT_HAPPEN] }),
    gradedPage("introductions", { id: "toldWhoEveryoneWas", options: YES_NO }),
    gradedPage("why", { id: "understoodWhy", options: HOW_WELL }),
    gradedPage("said", { id: "saidAll", options: HOW_WELL }),
    gradedPage("parts", { id: "understoodParts", options: HOW_WELL }),
    gradedPage("change", { id: "understandChange", options: HOW_WELL }),
    gradedPage("plan", { id: "planWillHelp", options: HOW_WELL }),
    gradedPage("say", { id: "hadSayOnPlan", options: YES_NO }),
    {
      id: "anything-else",
      questions: [{ id: "anythingElse", kind: "long-text", hint: true, maxLength: 2000 }],
    },
  ],
};

export const conferenceYoungPerson: FormDefinition = {
  id: "conference-young-person",
  version: 1,
  referencePrefix: "CYP",
  audience: "young-person",
  ageBand: { from: 11, to: 18 },
  namespace: "conference-young-person",
  style: "young",
  readAloud: true,
  destination: "conference-feedback",
  invitationOnly: true,
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    gradedPage("ready", { id: "helpedToGetReady", options: HOW_WELL }),
    gradedPage("why", { id: "understoodWhy", options: HOW_WELL }),
    {
      id: "said",
      questions: [
        {
          id: "howSaid",
          kind: "multiple",
          exclusive: "did-not-say",
          options: [
            { value: "myself" },
            { value: "through-someone" },
            { value: "in-writing" },
            { value: "did-not-say" },
          ],
        },
        { id: "howSaidComment", kind: "long-text", hint: true, maxLength: 1000 },
      ],
    },
    gradedPage("listened", { id: "listenedTo", options: HOW_WELL }),
    gradedPage("next", { id: "knowWhatNext", options: HOW_WELL }),
    {
      id: "advocate",
      questions: [{ id: "hadAdvocate", kind: "single", options: YES_NO }],
    },
    gradedPage("advocate-helped", {
      id: "advocateHelped",
      options: HOW_WELL,
      showIf: { question: "hadAdvocate", oneOf: ["yes"] },
    }),
    {
      id: "anything-else",
      questions: [{ id: "anythingElse", kind: "long-text", hint: true, maxLength: 2000 }],
    },
  ],
};

/**
 * The young person's feedback in the Express style, for those who need pictures and fewer words:
 * one question a page, each answer a large picture, the same question ids as the 11–18 form.
 */
export const conferenceYoungPersonExpress: FormDefinition = {
  id: "conference-young-person-express",
  version: 1,
  referencePrefix: "CYE",
  audience: "young-person",
  namespace: "conference-young-person-express",
  style: "express",
  readAloud: true,
  destination: "conference-feedback",
  invitationOnly: true,
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    picturePage("ready", "calendar", "helpedToGetReady"),
    picturePage("why", "people", "understoodWhy"),
    {
      id: "said",
      picture: "talk",
      questions: [
        {
          id: "howSaid",
          kind: "multiple",
          exclusive: "did-not-say",
          options: [
            { value: "myself", emoji: "🗣️" },
            { value: "through-someone", emoji: "🤝" },
            { value: "in-writing", emoji: "✏️" },
            { value: "did-not-say", emoji: "🤐" },
          ],
        },
      ],
    },
    picturePage("listened", "lead", "listenedTo"),
    picturePage("next", "plan", "knowWhatNext"),
    picturePage("advocate", "advocate", "hadAdvocate", YES_NO_PICTURES),
    {
      ...picturePage("advocate-helped", "advocate", "advocateHelped"),
      showIf: { question: "hadAdvocate", oneOf: ["yes"] },
    },
    {
      id: "anything-else",
      picture: "anything",
      questions: [{ id: "anythingElse", kind: "long-text", hint: true, maxLength: 2000 }],
    },
  ],
};
