// The consultation paper for parents, family members and carers before a looked-after child's
// review. Answers go to the child's IRO. Words: locales/<lng>/review-consultation-parent.json.
import type { FormDefinition } from "./types";

export const reviewConsultationParent: FormDefinition = {
  id: "review-consultation-parent",
  version: 1,
  referencePrefix: "RCP",
  audience: "parent-or-carer",
  namespace: "review-consultation-parent",
  style: "standard",
  readAloud: false,
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
          maxLength: 200,
          autoComplete: "name",
        },
        { id: "child-name", kind: "text", required: true, hint: true, maxLength: 200 },
        { id: "iro-name", kind: "text", role: "named-worker", hint: true, maxLength: 100 },
      ],
    },
    {
      id: "how-you-know",
      questions: [
        {
          id: "relationship",
          role: "relationship",
          kind: "single",
          required: true,
          options: [
            { value: "parent" },
            { value: "foster-carer" },
            { value: "residential-worker" },
            { value: "connected-carer" },
            { value: "other" },
          ],
        },
        { id: "relationship-other", kind: "text", maxLength: 200 },
      ],
    },
    {
      id: "home-and-health",
      questions: [
        { id: "home", kind: "long-text", hint: true, maxLength: 2000 },
        { id: "health", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "education-and-family-time",
      questions: [
        { id: "education", kind: "long-text", hint: true, maxLength: 2000 },
        { id: "family-time", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "working-and-worries",
      questions: [
        { id: "working-well", kind: "long-text", maxLength: 2000 },
        { id: "worries", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "care-plan",
      questions: [
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
        { id: "plan-views", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "the-review",
      questions: [
        {
          id: "decisions-missed",
          kind: "long-text",
          maxLength: 2000,
          showIf: { question: "decisions-happened", oneOf: ["some", "no"] },
        },
        { id: "discuss", kind: "long-text", maxLength: 2000 },
        {
          id: "attend",
          kind: "single",
          hint: true,
          options: [
            { value: "yes" },
            { value: "phone-or-video" },
            { value: "no" },
            { value: "not-sure" },
          ],
        },
        { id: "support-needed", kind: "long-text", hint: true, maxLength: 2000 },
      ],
    },
    {
      id: "anything",
      questions: [{ id: "anything-else", kind: "long-text", maxLength: 2000 }],
    },
  ],
};
