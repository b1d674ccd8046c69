// "Have your say" for children and young people: short, kind words; an advocate offered on every
// path. Words: locales/<lng>/have-your-say-child.json. Goes to the complaints officer.
import {
  advocatePages,
  kindQuestion,
  lastPages,
  replyPages,
  whatHappenedPages,
} from "./have-your-say-questions";
import type { FormDefinition } from "./types";

export const haveYourSayChild: FormDefinition = {
  id: "have-your-say-child",
  version: 1,
  referencePrefix: "HYS",
  audience: "young-person",
  namespace: "have-your-say-child",
  style: "young",
  readAloud: true,
  destination: "complaints",
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    { id: "kind", picture: "talk", questions: [kindQuestion] },
    ...whatHappenedPages("child"),
    ...advocatePages,
    {
      id: "you",
      picture: "me",
      questions: [
        { id: "senderName", kind: "text", role: "sender-name", hint: true, maxLength: 100 },
        { id: "childInCare", role: "child-in-care", kind: "yes-no-not-sure", hint: true },
      ],
    },
    ...replyPages(),
    ...lastPages(),
  ],
};
