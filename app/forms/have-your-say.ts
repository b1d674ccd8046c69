// "Have your say" for parents, carers, relatives and anyone else: a comment, compliment or
// complaint about children's services. Words: locales/<lng>/have-your-say.json.
import { RELATIONSHIPS } from "#db/schema/constants";
import {
  advocatePages,
  kindQuestion,
  lastPages,
  replyPages,
  whatHappenedPages,
} from "./have-your-say-questions";
import type { FormDefinition } from "./types";

export const haveYourSay: FormDefinition = {
  id: "have-your-say",
  version: 1,
  referencePrefix: "HYS",
  audience: "anyone",
  namespace: "have-your-say",
  style: "standard",
  readAloud: false,
  destination: "complaints",
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    { id: "kind", questions: [kindQuestion] },
    {
      id: "who",
      questions: [
        {
          id: "relationship",
          role: "relationship",
          kind: "single",
          required: true,
          options: RELATIONSHIPS.map((value) => ({ value })),
        },
      ],
    },
    {
      id: "child",
      questions: [
        { id: "childName", role: "child-name", kind: "text", hint: true, maxLength: 100 },
        { id: "childInCare", role: "child-in-care", kind: "yes-no-not-sure", hint: true },
      ],
    },
    ...whatHappenedPages("adult"),
    // Adults making a complaint for a child are told the child can have an advocate.
    ...advocatePages.map((page) => ({
      ...page,
      picture: undefined,
      showIf: page.showIf ?? { question: "kind", oneOf: ["complaint"] },
    })),
    {
      id: "you",
      questions: [
        {
          id: "senderName",
          kind: "text",
          role: "sender-name",
          hint: true,
          maxLength: 100,
          autoComplete: "name",
        },
      ],
    },
    ...replyPages(),
    ...lastPages(),
  ],
};
