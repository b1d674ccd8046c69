// The words of a form's questions and answers, by the naming convention in types.ts: one rule for
// the pages people fill in, the staff pages that show answers, and the summaries' files.
import { NOT_SURE } from "./engine";
import type { FormDefinition, Question } from "./types";

type Translate = (key: string) => string;

/** A council's service area as the page's language names it. */
export type NamedArea = { key: string; name: string };

export function questionWords(form: FormDefinition, t: Translate, serviceAreas: NamedArea[]) {
  const key = (question: Question, part: string) =>
    `${form.namespace}:questions.${question.id}.${part}`;
  return {
    label: (question: Question) => t(key(question, "label")),
    hint: (question: Question) => (question.hint ? t(key(question, "hint")) : undefined),
    option: (question: Question, value: string) => {
      if (question.kind === "yes-no-not-sure") return t(`forms:yesNoNotSure.${value}`);
      if (question.kind === "feelings") return t(`forms:feelings.${value}`);
      if (question.kind === "service-area") {
        if (value === NOT_SURE) return t("forms:serviceAreaNotSure");
        return serviceAreas.find((area) => area.key === value)?.name ?? value;
      }
      const shared =
        question.kind === "single" || question.kind === "multiple"
          ? question.options.find((option) => option.value === value)?.words
          : undefined;
      return t(shared ?? key(question, `options.${value}`));
    },
  };
}
