// The questions "Have your say" asks of children and of adults alike. Their ids are how the
// complaints model reads a sent form, so both versions of the form share them from here.
import {
  DISABILITIES,
  ETHNICITIES,
  REPRESENTATION_KINDS,
  REPLY_METHODS,
} from "#db/schema/constants";
import type { Page, Question } from "./types";

const choices = (values: readonly string[]) => values.map((value) => ({ value }));

export const kindQuestion: Question = {
  id: "kind",
  role: "representation-kind",
  kind: "single",
  required: true,
  options: [...REPRESENTATION_KINDS].reverse().map((value) => ({ value })),
};

/** "No reply needed" is only for comments and compliments: a complaint is always answered. */
const replyPage: Page = {
  id: "reply",
  questions: [
    {
      id: "replyBy",
      role: "reply-method",
      kind: "single",
      required: true,
      hint: true,
      options: REPLY_METHODS.map((value) =>
        value === "none"
          ? { value, showIf: { question: "kind", oneOf: ["comment", "compliment"] } }
          : { value },
      ),
    },
  ],
};

const replyDetailsPage: Page = {
  id: "reply-details",
  questions: [
    {
      id: "replyEmail",
      role: "reply-email",
      kind: "text",
      required: true,
      format: "email",
      autoComplete: "email",
      showIf: { question: "replyBy", oneOf: ["email"] },
    },
    {
      id: "replyPhone",
      role: "reply-phone",
      kind: "text",
      required: true,
      format: "phone",
      autoComplete: "tel",
      maxLength: 20,
      showIf: { question: "replyBy", oneOf: ["phone", "text"] },
    },
    {
      id: "replyAddress",
      role: "reply-address",
      kind: "long-text",
      required: true,
      maxLength: 500,
      showIf: { question: "replyBy", oneOf: ["letter"] },
    },
  ],
};

/** A child asks for an advocate, says how to reach them safely, and agrees to the referral. */
export const advocatePages: Page[] = [
  {
    id: "advocate",
    picture: "advocate",
    questions: [{ id: "advocate", role: "wants-advocate", kind: "yes-no-not-sure", hint: true }],
  },
  {
    id: "advocate-contact",
    showIf: { question: "advocate", oneOf: ["yes"] },
    questions: [
      {
        id: "advocateContact",
        role: "advocate-contact",
        kind: "text",
        required: true,
        hint: true,
        maxLength: 200,
      },
      { id: "advocateTime", role: "advocate-time", kind: "text", hint: true, maxLength: 200 },
      {
        id: "advocateConsent",
        role: "advocate-consent",
        kind: "multiple",
        required: true,
        options: [{ value: "agree" }],
      },
    ],
  },
];

export const needsPage: Page = {
  id: "needs",
  questions: [
    {
      id: "communicationNeeds",
      role: "communication-needs",
      kind: "long-text",
      hint: true,
      maxLength: 1000,
    },
    { id: "interpreter", role: "interpreter", kind: "text", hint: true, maxLength: 100 },
  ],
};

/** Equalities monitoring about the child (the service user), always optional. */
const equalitiesPage: Page = {
  id: "equalities",
  questions: [
    {
      id: "ethnicity",
      role: "ethnicity",
      kind: "single",
      hint: true,
      options: choices(ETHNICITIES),
    },
    {
      id: "disability",
      role: "disability",
      kind: "single",
      hint: true,
      options: choices(DISABILITIES),
    },
  ],
};

export const whatHappenedPages = (style: "child" | "adult"): Page[] => [
  ...(style === "adult"
    ? [
        {
          id: "about",
          questions: [
            { id: "serviceArea", role: "service-area", kind: "service-area", hint: true } as const,
            {
              id: "namedWorker",
              kind: "text",
              role: "named-worker",
              hint: true,
              maxLength: 200,
            } as const,
          ],
        },
      ]
    : [
        {
          id: "about",
          picture: "people" as const,
          questions: [
            {
              id: "namedWorker",
              kind: "text",
              role: "named-worker",
              hint: true,
              maxLength: 200,
            } as const,
          ],
        },
      ]),
  {
    id: "what-happened",
    picture: style === "child" ? "talk" : undefined,
    questions: [
      { id: "whatHappened", role: "what-happened", kind: "long-text", required: true, hint: true },
    ],
  },
  {
    id: "when",
    picture: style === "child" ? "calendar" : undefined,
    questions: [{ id: "whenHappened", role: "when-happened", kind: "date", hint: true }],
  },
  {
    id: "put-right",
    showIf: { question: "kind", oneOf: ["complaint"] },
    questions: [{ id: "putRight", role: "put-right", kind: "long-text", hint: true }],
  },
];

export const replyPages = (): Page[] => [replyPage, replyDetailsPage];
export const lastPages = (): Page[] => [needsPage, equalitiesPage];
