// "How did we do?": the short questionnaire a complainant is invited to (a one-shot link by
// email) when their complaint closes. Anonymous; read together in the managers' summary.
// Words: `satisfaction.*` and `questions.*` in locales/<lng>/complaints.json.
import type { FormDefinition } from "./types";

export const complaintSatisfaction: FormDefinition = {
  id: "complaint-satisfaction",
  version: 1,
  referencePrefix: "SAT",
  audience: "anyone",
  namespace: "complaint-satisfaction",
  style: "standard",
  readAloud: false,
  destination: "complaint-satisfaction",
  invitationOnly: true,
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
