// The short questionnaire a complainant is invited to (by email) after their complaint closes.
// It is answered once, from the link; it is not offered to new visitors, so it is not in the
// registry. Words: `questions.*` in locales/<lng>/complaints.json.
import type { FormDefinition } from "./types";

export const complaintSatisfaction: FormDefinition = {
  id: "complaint-satisfaction",
  version: 1,
  referencePrefix: "SAT",
  audience: "anyone",
  namespace: "complaints",
  style: "standard",
  readAloud: false,
  destination: "complaints",
  languages: ["en", "cy", "pl", "ur"],
  pages: [
    {
      id: "satisfaction",
      questions: [
        { id: "feltListened", kind: "yes-no-not-sure", required: true },
        {
          id: "satisfied",
          kind: "single",
          required: true,
          options: [{ value: "yes" }, { value: "partly" }, { value: "no" }],
        },
        { id: "doBetter", kind: "long-text", hint: true, maxLength: 1000 },
      ],
    },
  ],
};
