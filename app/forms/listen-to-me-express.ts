// "Listen to Me" Express: for younger children and children with communication needs. One
// question per page; almost every answer is a choice with a large emoji; very few words.
// Words: locales/<lng>/listen-to-me-express.json. Ids shared with the other child booklets:
// name, iro-name, advocate, anything-else, share-with. Yes/no/not sure choices use the same
// values as the shared kind, so answers can be counted alongside the other booklets.
import type { Choice, FormDefinition } from "./types";

/** The parts of a child's life the booklet asks about; answers here feed "tell us more". */
const areas: readonly Choice[] = [
  { value: "home", emoji: "🏠" },
  { value: "school", emoji: "🏫" },
  { value: "health", emoji: "💪" },
  { value: "family", emoji: "👪" },
  { value: "friends", emoji: "👫" },
  { value: "family-time", emoji: "🤗" },
];

const day = "📅";

export const listenToMeExpress: FormDefinition = {
  id: "listen-to-me-express",
  version: 1,
  referencePrefix: "LTM",
  audience: "child",
  namespace: "listen-to-me-express",
  style: "express",
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
      questions: [
        {
          id: "likes",
          kind: "multiple",
          options: [
            { value: "playing", emoji: "🧸" },
            { value: "sport", emoji: "⚽" },
            { value: "drawing", emoji: "🎨" },
            { value: "music", emoji: "🎵" },
            { value: "games", emoji: "🎮" },
            { value: "books", emoji: "📚" },
            { value: "animals", emoji: "🐶" },
            { value: "outside", emoji: "🌳" },
          ],
        },
      ],
    },
    {
      id: "good",
      picture: "home",
      questions: [{ id: "going-well", kind: "multiple", options: areas }],
    },
    {
      id: "not-good",
      picture: "health",
      questions: [
        {
          id: "worries",
          kind: "multiple",
          exclusive: "nothing",
          options: [...areas, { value: "nothing", emoji: "✅" }],
        },
      ],
    },
    {
      id: "tell-more",
      picture: "talk",
      showIf: { question: "worries", oneOf: areas.map((area) => area.value) },
      questions: [{ id: "tell-us-more", kind: "long-text", hint: true, maxLength: 2000 }],
    },
    {
      id: "review-topics",
      picture: "talk",
      questions: [
        {
          id: "talk-about",
          kind: "multiple",
          options: [
            ...areas,
            { value: "my-plan", emoji: "📋" },
            { value: "something-else", emoji: "💬" },
          ],
        },
      ],
    },
    {
      id: "who",
      picture: "people",
      questions: [
        {
          id: "who-comes",
          kind: "multiple",
          options: [
            { value: "carer", emoji: "🏡" },
            { value: "family", emoji: "👪" },
            { value: "social-worker", emoji: "🧑‍💼" },
            { value: "teacher", emoji: "🧑‍🏫" },
            { value: "someone-else", emoji: "🙋" },
          ],
        },
      ],
    },
    {
      id: "review-place",
      picture: "place",
      questions: [
        {
          id: "where",
          kind: "single",
          options: [
            { value: "home", emoji: "🏠" },
            { value: "school", emoji: "🏫" },
            { value: "office", emoji: "🏢" },
            { value: "somewhere-else", emoji: "📍" },
            { value: "dont-mind", emoji: "🤷" },
          ],
        },
      ],
    },
    {
      id: "days",
      picture: "calendar",
      questions: [
        {
          id: "busy-days",
          kind: "multiple",
          hint: true,
          exclusive: "not-busy",
          options: [
            { value: "monday", emoji: day },
            { value: "tuesday", emoji: day },
            { value: "wednesday", emoji: day },
            { value: "thursday", emoji: day },
            { value: "friday", emoji: day },
            { value: "not-busy", emoji: "✅" },
          ],
        },
      ],
    },
    {
      id: "leading",
      picture: "lead",
      questions: [
        {
          id: "lead-review",
          kind: "single",
          options: [
            { value: "yes", emoji: "🙋" },
            { value: "no", emoji: "🙅" },
            { value: "not-sure", emoji: "🤔" },
          ],
        },
      ],
    },
    {
      id: "iro-time",
      picture: "iro",
      questions: [
        {
          id: "iro-alone",
          kind: "single",
          options: [
            { value: "yes", emoji: "👍" },
            { value: "no", emoji: "👎" },
            { value: "not-sure", emoji: "🤔" },
          ],
        },
      ],
    },
    {
      id: "your-plan",
      picture: "plan",
      questions: [
        {
          id: "know-plan",
          kind: "single",
          options: [
            { value: "yes", emoji: "👍" },
            { value: "a-bit", emoji: "🤏" },
            { value: "no", emoji: "👎" },
          ],
        },
      ],
    },
    {
      id: "last-time",
      picture: "decisions",
      questions: [
        {
          id: "decisions-happened",
          kind: "single",
          options: [
            { value: "yes", emoji: "✅" },
            { value: "some", emoji: "🌗" },
            { value: "no", emoji: "❌" },
            { value: "dont-know", emoji: "🤷" },
          ],
        },
      ],
    },
    {
      id: "help",
      picture: "advocate",
      questions: [{ id: "advocate", role: "wants-advocate", kind: "yes-no-not-sure" }],
    },
    {
      id: "anything",
      picture: "anything",
      questions: [{ id: "anything-else", kind: "long-text", hint: true, maxLength: 2000 }],
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
          options: [
            { value: "iro-only", emoji: "🔒" },
            { value: "social-worker", emoji: "🧑‍💼" },
            { value: "carer", emoji: "🏡" },
          ],
        },
      ],
    },
  ],
};
