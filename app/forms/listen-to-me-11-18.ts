// "Listen to Me" for young people aged 11 to 18: related questions share a page, more room to
// write, and the choices young people asked for: chairing their review, seeing their IRO alone,
// a copy of the notes, knowing their care plan and whether the council keeps its Pledge.
// Words: locales/<lng>/listen-to-me-11-18.json. Ids shared with the other child booklets:
// name, iro-name, advocate, anything-else, share-with.
import type { FormDefinition } from "./types";

export const listenToMe11to18: FormDefinition = {
  id: "listen-to-me-11-18",
  version: 1,
  referencePrefix: "LTM",
  audience: "young-person",
  ageBand: { from: 11, to: 18 },
  namespace: "listen-to-me-11-18",
  style: "standard",
  readAloud: true,
  destination: "iro",
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    {
      id: "about-you",
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
        { id: "iro-name", kind: "text", role: "named-worker", hint: true, maxLength: 100 },
      ],
    },
    {
      id: "about-me",
      questions: [
        { id: "likes", kind: "long-text", maxLength: 2000 },
        { id: "proud", kind: "long-text", maxLength: 2000 },
      ],
    },
    {
      id: "home-and-health",
      questions: [
        { id: "home-feelings", kind: "feelings" },
        { id: "health-feelings", kind: "feelings", hint: true },
        { id: "home-health-detail", kind: "long-text", maxLength: 2000 },
      ],
    },
    {
      id: "education",
      questions: [
        { id: "school-feelings", kind: "feelings" },
        { id: "school-detail", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "family-and-friends",
      questions: [
        { id: "family-friends-feelings", kind: "feelings" },
        { id: "family-time-feelings", kind: "feelings", hint: true },
        { id: "family-detail", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "your-review",
      questions: [
        {
          id: "attend",
          kind: "single",
          hint: true,
          options: [{ value: "all" }, { value: "part" }, { value: "no" }, { value: "not-sure" }],
        },
        { id: "talk-about", kind: "long-text", maxLength: 2000 },
        {
          id: "lead-review",
          kind: "single",
          hint: true,
          options: [
            { value: "yes" },
            { value: "part" },
            { value: "not-this-time" },
            { value: "tell-me-more" },
          ],
        },
      ],
    },
    {
      id: "who-where-when",
      questions: [
        { id: "who-comes", kind: "long-text", hint: true, maxLength: 2000 },
        { id: "where-when", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "getting-ready",
      questions: [
        {
          id: "chair-support",
          kind: "long-text",
          hint: true,
          maxLength: 2000,
          showIf: { question: "lead-review", oneOf: ["yes", "part"] },
        },
        { id: "iro-alone", kind: "yes-no-not-sure", hint: true },
        { id: "copy-of-notes", kind: "yes-no-not-sure", hint: true },
      ],
    },
    {
      id: "plan-and-pledge",
      questions: [
        {
          id: "know-plan",
          kind: "single",
          hint: true,
          options: [{ value: "yes" }, { value: "some" }, { value: "no" }],
        },
        {
          id: "decisions-happened",
          kind: "single",
          options: [
            { value: "yes" },
            { value: "some" },
            { value: "no" },
            { value: "not-sure" },
            { value: "first-review" },
          ],
        },
        {
          id: "pledge",
          kind: "single",
          hint: true,
          options: [{ value: "yes" }, { value: "some" }, { value: "no" }, { value: "dont-know" }],
        },
      ],
    },
    {
      id: "having-your-say",
      questions: [
        { id: "advocate", role: "wants-advocate", kind: "yes-no-not-sure", hint: true },
        { id: "anything-else", kind: "long-text", maxLength: 2000 },
      ],
    },
    {
      id: "who-can-see",
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
