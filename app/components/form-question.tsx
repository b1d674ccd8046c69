// The one renderer of form questions: every kind of question, with GOV.UK wiring of label, hint
// and error, and the answer summary used on "Check your answers" and in staff inboxes.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { dateParts, FEELINGS, isShown, YES_NO_NOT_SURE, type FormContext } from "#app/forms/engine";
import type { Answer, Answers, Choice, FormDefinition, Question } from "#app/forms/types";

const FEELING_EMOJI: Record<string, string> = {
  "1": "😢",
  "2": "🙁",
  "3": "😐",
  "4": "🙂",
  "5": "😀",
};

/** The words of a question, by the naming convention in app/forms/types.ts. */
export function useQuestionWords(form: FormDefinition) {
  const { t } = useTranslation();
  const key = (question: Question, part: string) =>
    `${form.namespace}:questions.${question.id}.${part}`;
  return {
    label: (question: Question) => t(key(question, "label")),
    hint: (question: Question) => (question.hint ? t(key(question, "hint")) : undefined),
    option: (question: Question, value: string) => {
      if (question.kind === "yes-no-not-sure") return t(`forms:yesNoNotSure.${value}`);
      if (question.kind === "feelings") return t(`forms:feelings.${value}`);
      return t(key(question, `options.${value}`));
    },
  };
}

function choicesOf(question: Question): readonly Choice[] {
  if (question.kind === "single" || question.kind === "multiple") return question.options;
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
};

function Heading({ asHeading, children }: { asHeading: boolean; children: ReactNode }) {
  return asHeading ? <h1 className="question-heading">{children}</h1> : <>{children}</>;
}

/** One question, whatever its kind, labelled, hinted and with its error. */
export function FormQuestion({ form, question, value, error, asHeading }: QuestionProps) {
  const { t } = useTranslation();
  const words = useQuestionWords(form);
  const id = `field-${question.id}`;
  const hint = words.hint(question);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const hintAndError = (
    <>
      {hint ? (
        <p id={hintId} className="hint" data-speak>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t("common:form.errorLabel")}</span> {error}
        </p>
      ) : null}
    </>
  );
  const groupClass = `form-group${error ? " form-group--error" : ""}`;
  const text = typeof value === "string" ? value : "";

  if (question.kind === "text" || question.kind === "long-text") {
    const common = {
      id,
      name: question.id,
      defaultValue: text,
      "aria-describedby": describedBy,
      "aria-invalid": error ? true : undefined,
    };
    return (
      <div className={groupClass} data-read-aloud>
        <Heading asHeading={asHeading}>
          <label className={asHeading ? "label label--heading" : "label"} htmlFor={id} data-speak>
            {words.label(question)}
          </label>
        </Heading>
        {hintAndError}
        {question.kind === "text" ? (
          <input
            {...common}
            type={question.role === "email" ? "email" : "text"}
            className={`input${error ? " input--error" : ""}`}
            autoComplete={question.autoComplete ?? "off"}
            spellCheck={question.role === "email" ? false : undefined}
          />
        ) : (
          <textarea {...common} rows={6} className={`textarea${error ? " input--error" : ""}`} />
        )}
      </div>
    );
  }

  if (question.kind === "date") {
    const parts = Array.isArray(value) ? value : ["", "", ""];
    const names = dateParts(question.id);
    const labels = [t("forms:date.day"), t("forms:date.month"), t("forms:date.year")];
    return (
      <div className={groupClass} data-read-aloud>
        <fieldset className="fieldset" role="group" aria-describedby={describedBy}>
          <legend className="fieldset__legend" data-speak>
            <Heading asHeading={asHeading}>{words.label(question)}</Heading>
          </legend>
          {hintAndError}
          <div className="date-input">
            {names.map((name, index) => (
              <div className="date-input__item" key={name}>
                <label className="label" htmlFor={index === 0 ? id : `field-${name}`}>
                  {labels[index]}
                </label>
                <input
                  id={index === 0 ? id : `field-${name}`}
                  name={name}
                  className={`input input--${index === 2 ? "year" : "day"}${error ? " input--error" : ""}`}
                  inputMode="numeric"
                  defaultValue={parts[index] ?? ""}
                  aria-invalid={error ? true : undefined}
                />
              </div>
            ))}
          </div>
        </fieldset>
      </div>
    );
  }

  const multiple = question.kind === "multiple";
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  const pictorial = question.kind === "feelings" || choicesOf(question).some((c) => c.emoji);
  return (
    <div className={groupClass} data-read-aloud>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className="fieldset__legend" data-speak>
          <Heading asHeading={asHeading}>{words.label(question)}</Heading>
        </legend>
        {hintAndError}
        {multiple ? <p className="hint">{t("forms:chooseAllThatApply")}</p> : null}
        <div
          className={`choices${pictorial ? " choices--pictures" : ""}${
            question.kind === "yes-no-not-sure" ? " choices--inline" : ""
          }`}
        >
          {choicesOf(question).map((choice, index) => {
            const optionId = index === 0 ? id : `${id}-${choice.value}`;
            return (
              <div className="choices__item" key={choice.value}>
                <input
                  className="choices__input"
                  id={optionId}
                  name={question.id}
                  type={multiple ? "checkbox" : "radio"}
                  value={choice.value}
                  defaultChecked={chosen.includes(choice.value)}
                />
                <label className="choices__label" htmlFor={optionId} data-speak>
                  {choice.emoji ? (
                    <span className="choices__emoji" aria-hidden="true">
                      {choice.emoji}
                    </span>
                  ) : null}
                  <span>{words.option(question, choice.value)}</span>
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** An answer in words, as the person chose or wrote it. */
function AnswerText({
  form,
  question,
  value,
}: {
  form: FormDefinition;
  question: Question;
  value: Answer;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const words = useQuestionWords(form);
  if (question.kind === "date") {
    const iso = Array.isArray(value) ? undefined : value;
    return <>{iso ? dates.day(iso) : Array.isArray(value) ? value.join("/") : value}</>;
  }
  if (question.kind === "text" || question.kind === "long-text") {
    return <span className="answer-text">{String(value)}</span>;
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
  /** With it, each answer has a "Change" link to its page. */
  changeHref?: (pageId: string) => string;
};

/** The answers as a summary list: every question the person was shown, in order. */
export function AnswerList({ form, answers, invited, changeHref }: AnswerListProps) {
  const { t } = useTranslation();
  const words = useQuestionWords(form);
  const context: FormContext = { invited };
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
                <AnswerText form={form} question={question} value={value} />
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
