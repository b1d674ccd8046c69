// "Listen to Me" for children aged 5 to 11: one short question per page, each with a picture.
// Words: locales/<lng>/listen-to-me-5-11.json. Ids shared with the other child booklets:
// name, iro-name, advocate, anything-else, share-with.
import type { FormDefinition } from "./types";

export const listenToMe5to11: FormDefinition = {
  id: "listen-to-me-5-11",
  version: 1,
  referencePrefix: "LTM",
  audience: "child",
  ageBand: { from: 5, to: 11 },
  namespace: "listen-to-me-5-11",
  style: "young",
  readAloud: true,
  destination: "iro",
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    {
      id: "about-you",
      picture: "me",
      showIf: { invited: false },
      questions: [
        {
          id: "name",
          kind: "text",
          required: true,
          role: "sender-name",
          maxLength: 100,
          autoComplete: "given-name",
        },
      ],
    },
    {
      id: "your-iro",
      picture: "iro",
      showIf: { invited: false },
      questions: [
        { id: "iro-name", kind: "text", role: "named-worker", hint: true, maxLength: 100 },
      ],
    },
    {
      id: "about-me",
      picture: "me",
      questions: [{ id: "likes", kind: "long-text", maxLength: 2000 }],
    },
    { id: "home", picture: "home", questions: [{ id: "home-feelings", kind: "feelings" }] },
    { id: "school", picture: "school", questions: [{ id: "school-feelings", kind: "feelings" }] },
    {
      id: "health",
      picture: "health",
      questions: [{ id: "health-feelings", kind: "feelings", hint: true }],
    },
    {
      id: "family-and-friends",
      picture: "family",
      questions: [{ id: "family-friends-feelings", kind: "feelings" }],
    },
    {
      id: "family-time",
      picture: "contact",
      questions: [{ id: "family-time-feelings", kind: "feelings", hint: true }],
    },
    {
      id: "worries",
      picture: "talk",
      questions: [{ id: "worried", kind: "yes-no-not-sure", hint: true }],
    },
    {
      id: "worry-more",
      picture: "talk",
      showIf: { question: "worried", oneOf: ["yes", "not-sure"] },
      questions: [{ id: "worry-detail", kind: "long-text", hint: true, maxLength: 2000 }],
    },
    {
      id: "review-topics",
      picture: "talk",
      questions: [{ id: "talk-about", kind: "long-text", maxLength: 2000 }],
    },
    {
      id: "who",
      picture: "people",
      questions: [{ id: "who-comes", kind: "long-text", maxLength: 2000 }],
    },
    {
      id: "where-and-when",
      picture: "calendar",
      questions: [{ id: "where-when", kind: "long-text", hint: true, maxLength: 2000 }],
    },
    {
      id: "leading",
      picture: "lead",
      questions: [{ id: "lead-review", kind: "yes-no-not-sure", hint: true }],
    },
    {
      id: "iro-time",
      picture: "iro",
      questions: [{ id: "iro-alone", kind: "yes-no-not-sure", hint: true }],
    },
    {
      id: "your-plan",
      picture: "plan",
      questions: [{ id: "know-plan", kind: "yes-no-not-sure", hint: true }],
    },
    {
      id: "last-time",
      picture: "decisions",
      questions: [{ id: "decisions-happened", kind: "yes-no-not-sure", hint: true }],
    },
    {
      id: "help",
      picture: "advocate",
      questions: [{ id: "advocate", role: "wants-advocate", kind: "yes-no-not-sure", hint: true }],
    },
    {
      id: "anything",
      picture: "anything",
      questions: [{ id: "anything-else", kind: "long-text", maxLength: 2000 }],
    },
    {
      id: "who-can-see",
      picture: "privacy",
      questions: [
        {
          id: "share-with",
          kind: "multiple",
          required: true,
          hint: true,
          role: "may-also-see",
          exclusive: "iro-only",
          options: [{ value: "iro-only" }, { value: "social-worker" }, { value: "carer" }],
        },
      ],
    },
  ],
};
