// "Get help from an advocate": a child or young person (or someone for them) asks for an
// independent advocate. Goes to the council's commissioned advocacy provider.
// Words: locales/<lng>/advocacy-request.json.
import { RELATIONSHIPS } from "#db/schema/constants";
import { needsPage } from "./have-your-say-questions";
import type { FormDefinition } from "./types";

export const advocacyRequest: FormDefinition = {
  id: "advocacy-request",
  version: 1,
  referencePrefix: "ADV",
  audience: "young-person",
  namespace: "advocacy-request",
  style: "young",
  readAloud: true,
  destination: "advocacy",
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    {
      id: "who",
      picture: "advocate",
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
      id: "name",
      picture: "me",
      questions: [
        {
          id: "childName",
          kind: "text",
          required: true,
          role: "sender-name",
          hint: true,
          maxLength: 100,
        },
      ],
    },
    {
      id: "help-with",
      picture: "talk",
      questions: [
        {
          id: "whatHappened",
          role: "what-happened",
          kind: "long-text",
          required: true,
          hint: true,
        },
      ],
    },
    {
      id: "want",
      picture: "plan",
      questions: [{ id: "putRight", role: "put-right", kind: "long-text", hint: true }],
    },
    {
      id: "contact",
      picture: "contact",
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
      ],
    },
    needsPage,
    {
      id: "consent",
      picture: "privacy",
      questions: [
        {
          id: "advocateConsent",
          role: "advocate-consent",
          kind: "multiple",
          required: true,
          hint: true,
          options: [{ value: "agree" }],
        },
      ],
    },
  ],
};
