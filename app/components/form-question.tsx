// The one renderer of form questions (every kind, on the shared field primitives) and the answer
// summary used on "Check your answers" and in staff inboxes.
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { Choices, DateInput, TextInput } from "#app/components/fields";
import { Written } from "#app/components/written";
import { FEELINGS, isShown, NOT_SURE, YES_NO_NOT_SURE, type FormContext } from "#app/forms/engine";
import { questionWords } from "#app/forms/question-words";
import type { Answer, Answers, Choice, FormDefinition, Question } from "#app/forms/types";
import type { loader as rootLoader } from "#app/root";

const FEELING_EMOJI: Record<string, string> = {
  "1": "😢",
  "2": "🙁",
  "3": "😐",
  "4": "🙂",
  "5": "😀",
};

/** The council's service areas, named in the page's language. */
function useServiceAreas() {
  return useRouteLoaderData<typeof rootLoader>("root")?.council.serviceAreas ?? [];
}

/** The words of a question, by the naming convention in app/forms/types.ts. */
export function useQuestionWords(form: FormDefinition) {
  const { t } = useTranslation();
  return questionWords(form, t, useServiceAreas());
}

function choicesOf(
  question: Question,
  serviceAreas: readonly { key: string; retired?: boolean }[],
  shown: { answers: Answers; context: FormContext },
): readonly Choice[] {
  if (question.kind === "single" || question.kind === "multiple")
    return question.options.filter((option) =>
      isShown(option.showIf, shown.answers, shown.context),
    );
  if (question.kind === "service-area")
    return [
      ...serviceAreas.filter((area) => !area.retired).map((area) => ({ value: area.key })),
      { value: NOT_SURE },
    ];
  if (question.kind === "feelings")
    return FEELINGS.map((value) => ({ value, emoji: FEELING_EMOJI[value] }));
  if (question.kind === "yes-no-not-sure") return YES_NO_NOT_SURE.map((value) => ({ value }));
  return [];
}

type QuestionProps = {
  form: FormDefinition;
  question: Question;
  value: Answer | undefined;
  error?: string;
  /** The only question on its page: its label is the page heading. */
  asHeading: boolean;
  /** Every answer so far and the visitor's situation, for options offered only sometimes. */
  shown: { answers: Answers; context: FormContext };
};

/** One question, whatever its kind, drawn with the same field primitives as every other form. */
export function FormQuestion({ form, question, value, error, asHeading, shown }: QuestionProps) {
  const { t } = useTranslation();
  const words = useQuestionWords(form);
  const serviceAreas = useServiceAreas();
  const common = {
    name: question.id,
    hint: words.hint(question),
    error,
    asHeading,
  };
  switch (question.kind) {
    case "text":
    case "long-text":
      return (
        <TextInput
          {...common}
          label={words.label(question)}
          defaultValue={typeof value === "string" ? value : ""}
          multiline={question.kind === "long-text"}
          type={
            question.kind === "text" && question.format === "email"
              ? "email"
              : question.kind === "text" && question.format === "phone"
                ? "tel"
                : "text"
          }
          autoComplete={(question.kind === "text" && question.autoComplete) || "off"}
          spellCheck={question.kind === "text" && question.format ? false : undefined}
        />
      );
    case "date":
      return (
        <DateInput
          {...common}
          legend={words.label(question)}
          values={Array.isArray(value) ? value : []}
        />
      );
    default: {
      const choices = choicesOf(question, serviceAreas, shown);
      const multiple = question.kind === "multiple";
      const chooseAll = t("forms:chooseAllThatApply");
      return (
        <Choices
          {...common}
          type={multiple ? "checkbox" : "radio"}
          legend={words.label(question)}
          hint={multiple ? [common.hint, chooseAll].filter(Boolean).join(" ") : common.hint}
          options={choices.map((choice) => ({
            value: choice.value,
            emoji: choice.emoji,
            label: words.option(question, choice.value),
          }))}
          checked={Array.isArray(value) ? value : value ? [value] : []}
          layout={
            question.kind === "yes-no-not-sure"
              ? "inline"
              : choices.some((choice) => choice.emoji)
                ? "pictures"
                : "stacked"
          }
        />
      );
    }
  }
}

/** An answer in words, as the person chose or wrote it. */
function AnswerText({
  form,
  question,
  value,
  writtenIn,
}: {
  form: FormDefinition;
  question: Question;
  value: Answer;
  writtenIn?: string;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const words = useQuestionWords(form);
  if (question.kind === "date") {
    const iso = Array.isArray(value) ? undefined : value;
    return <>{iso ? dates.day(iso) : Array.isArray(value) ? value.join("/") : value}</>;
  }
  if (question.kind === "text" || question.kind === "long-text") {
    return <Written text={String(value)} language={writtenIn} />;
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) return <>{t("forms:check.notAnswered")}</>;
  const label = (v: string) =>
    question.kind === "feelings"
      ? `${FEELING_EMOJI[v] ?? ""} ${words.option(question, v)}`
      : words.option(question, v);
  if (values.length === 1) return <>{label(values[0]!)}</>;
  return (
    <ul className="list">
      {values.map((v) => (
        <li key={v}>{label(v)}</li>
      ))}
    </ul>
  );
}

type AnswerListProps = {
  form: FormDefinition;
  answers: Answers;
  invited: boolean;
  /** What the form may ask about the event (an FGC's aims), when its questions depend on it. */
  eventFacts?: readonly string[];
  /** With it, each answer has a "Change" link to its page. */
  changeHref?: (pageId: string) => string;
  /** The language the person used the form in, when it may differ from the page's (staff pages). */
  writtenIn?: string;
};

/** The answers as a summary list: every question the person was shown, in order. */
export function AnswerList({
  form,
  answers,
  invited,
  eventFacts,
  changeHref,
  writtenIn,
}: AnswerListProps) {
  const { t } = useTranslation();
  const words = useQuestionWords(form);
  const context: FormContext = { invited, eventFacts };
  const rows = form.pages.flatMap((page) =>
    isShown(page.showIf, answers, context)
      ? page.questions
          .filter((question) => isShown(question.showIf, answers, context))
          .map((question) => ({ page, question }))
      : [],
  );
  return (
    <dl className="summary-list">
      {rows.map(({ page, question }) => {
        const value = answers[question.id];
        const answered =
          value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
        return (
          <div className="summary-list__row" key={question.id}>
            <dt className="summary-list__key">{words.label(question)}</dt>
            <dd className="summary-list__value">
              {answered ? (
                <AnswerText form={form} question={question} value={value} writtenIn={writtenIn} />
              ) : (
                <span className="hint">{t("forms:check.notAnswered")}</span>
              )}
            </dd>
            {changeHref ? (
              <dd className="summary-list__actions">
                <a href={changeHref(page.id)}>
                  {t("forms:check.change")}
                  <span className="visually-hidden"> {words.label(question)}</span>
                </a>
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}
