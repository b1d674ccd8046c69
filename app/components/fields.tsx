import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { dateParts } from "#app/forms/engine";
import { directionOf } from "#app/i18n";

/** A problem with a field: a translation key, with the values it mentions if any. */
export type FieldProblem = string | { key: string; values?: Record<string, string | number> };

/** Actions answer with translation keys; pages show them in the visitor's language. */
export function useTranslatedErrors(
  errors: Record<string, FieldProblem> | undefined,
  options?: Record<string, unknown>,
): Record<string, string> | undefined {
  const { t } = useTranslation();
  if (!errors) return undefined;
  return Object.fromEntries(
    Object.entries(errors).map(([field, problem]) => [
      field,
      typeof problem === "string"
        ? t(problem, options)
        : t(problem.key, { ...options, ...problem.values }),
    ]),
  );
}

/** The ids that tie a field to its hint and error (GOV.UK wiring). */
function wiring(name: string, hint?: string, error?: string) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, describedBy };
}

/** A field's hint and error, under its label or legend. Hints can be read aloud. */
function HintAndError(props: { hintId?: string; hint?: string; errorId: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {props.hint ? (
        <p id={props.hintId} className="hint" data-speak>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={props.errorId} className="field-error">
          <span className="visually-hidden">{t("common:form.errorLabel")}</span> {props.error}
        </p>
      ) : null}
    </>
  );
}

/** A field's wrapper. `data-read-aloud` marks what a read-aloud button reads (where offered). */
function FormGroup({ error, children }: { error?: string; children: ReactNode }) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`} data-read-aloud>
      {children}
    </div>
  );
}

/** With one question on a page, its label or legend is the page's heading (GOV.UK pattern). */
function MaybeHeading({ asHeading, children }: { asHeading?: boolean; children: ReactNode }) {
  return asHeading ? <h1 className="question-heading">{children}</h1> : <>{children}</>;
}

type TextInputProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "tel";
  autoComplete?: string;
  spellCheck?: boolean;
  width?: "full" | "medium";
  /** Room to write more than a line. */
  multiline?: boolean;
  asHeading?: boolean;
  /** The language of what is typed, when it is not the page's (text kept per language). */
  lang?: string;
  dir?: "ltr" | "rtl";
};

/** One labelled text field with its hint and error wired to it (GOV.UK pattern). */
export function TextInput(props: TextInputProps) {
  const { id, hintId, errorId, describedBy } = wiring(props.name, props.hint, props.error);
  const common = {
    id,
    name: props.name,
    defaultValue: props.defaultValue,
    spellCheck: props.spellCheck,
    "aria-describedby": describedBy,
    "aria-invalid": props.error ? true : undefined,
    lang: props.lang,
    dir: props.dir,
  };
  return (
    <FormGroup error={props.error}>
      <MaybeHeading asHeading={props.asHeading}>
        <label
          className={props.asHeading ? "label label--heading" : "label"}
          htmlFor={id}
          data-speak
        >
          {props.label}
        </label>
      </MaybeHeading>
      <HintAndError hintId={hintId} hint={props.hint} errorId={errorId} error={props.error} />
      {props.multiline ? (
        <textarea
          {...common}
          rows={6}
          className={`textarea${props.error ? " input--error" : ""}`}
        />
      ) : (
        <input
          {...common}
          type={props.type ?? "text"}
          className={`input input--${props.width ?? "full"}${props.error ? " input--error" : ""}`}
          autoComplete={props.autoComplete}
        />
      )}
    </FormGroup>
  );
}

export type ChoiceOption = {
  value: string;
  label: string;
  hint?: string;
  /** Shown large beside the words (feelings, Express booklet); hidden from screen readers. */
  emoji?: string;
  /** A label in another language than the page (e.g. each language's own name). */
  lang?: string;
};

type ChoicesProps = {
  type: "radio" | "checkbox";
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly ChoiceOption[];
  checked: readonly string[];
  /** "inline" for short answers (yes, no, not sure); "pictures" for answers with emoji. */
  layout?: "stacked" | "inline" | "pictures";
  asHeading?: boolean;
};

/** Radios or checkboxes in a fieldset with a legend. The first takes the error summary's link. */
export function Choices(props: ChoicesProps) {
  const { id, hintId, errorId, describedBy } = wiring(props.name, props.hint, props.error);
  const layout = props.layout && props.layout !== "stacked" ? ` choices--${props.layout}` : "";
  return (
    <FormGroup error={props.error}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className="fieldset__legend" data-speak>
          <MaybeHeading asHeading={props.asHeading}>{props.legend}</MaybeHeading>
        </legend>
        <HintAndError hintId={hintId} hint={props.hint} errorId={errorId} error={props.error} />
        <div className={`choices${layout}`}>
          {props.options.map((option, index) => {
            // "--" keeps an option's id apart from another field's ("relationship" option
            // "other" and a "relationship-other" box); the first option's id is the field's.
            const optionId = index === 0 ? id : `${id}--${option.value}`;
            const optionHintId = `${id}--${option.value}-hint`;
            return (
              <div className="choices__item" key={option.value}>
                <input
                  className="choices__input"
                  id={optionId}
                  name={props.name}
                  type={props.type}
                  value={option.value}
                  defaultChecked={props.checked.includes(option.value)}
                  aria-describedby={option.hint ? optionHintId : undefined}
                />
                <label className="choices__label" htmlFor={optionId} data-speak>
                  {option.emoji ? (
                    <span className="choices__emoji" aria-hidden="true">
                      {option.emoji}
                    </span>
                  ) : null}
                  {option.lang ? (
                    // its own language and direction, without turning the whole row around
                    <span lang={option.lang} dir={directionOf(option.lang)}>
                      {option.label}
                    </span>
                  ) : (
                    <span>{option.label}</span>
                  )}
                </label>
                {option.hint ? (
                  <p id={optionHintId} className="hint choices__hint">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

type DateInputProps = {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  /** What was typed in the day, month and year boxes. */
  values: readonly string[];
  asHeading?: boolean;
};

/** A date as three boxes (day, month, year) in a fieldset: the GOV.UK date input. */
export function DateInput(props: DateInputProps) {
  const { t } = useTranslation();
  const { id, hintId, errorId, describedBy } = wiring(props.name, props.hint, props.error);
  const labels = [
    t("common:form.date.day"),
    t("common:form.date.month"),
    t("common:form.date.year"),
  ];
  return (
    <FormGroup error={props.error}>
      <fieldset className="fieldset" role="group" aria-describedby={describedBy}>
        <legend className="fieldset__legend" data-speak>
          <MaybeHeading asHeading={props.asHeading}>{props.legend}</MaybeHeading>
        </legend>
        <HintAndError hintId={hintId} hint={props.hint} errorId={errorId} error={props.error} />
        <div className="date-input" dir="ltr">
          {dateParts(props.name).map((name, index) => {
            const boxId = index === 0 ? id : `field-${name}`;
            return (
              <div className="date-input__item" key={name}>
                <label className="label" htmlFor={boxId}>
                  {labels[index]}
                </label>
                <input
                  id={boxId}
                  name={name}
                  className={`input input--${index === 2 ? "year" : "day"}${
                    props.error ? " input--error" : ""
                  }`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  defaultValue={props.values[index] ?? ""}
                  aria-invalid={props.error ? true : undefined}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/**
 * "There is a problem": a list of links to each field with a problem. Script moves focus to it on
 * load; without script, role="alert" announces it and the title starts with "Error:".
 */
export function ErrorSummary({ errors }: { errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      data-error-summary
    >
      <h2 className="error-summary__title" id="error-summary-title">
        {t("common:form.errorSummaryTitle")}
      </h2>
      <ul className="error-summary__list">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#field-${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A plain notice panel for messages that are not errors (e.g. "You have been signed out"). */
export function Notice({ children, title }: { children?: ReactNode; title: string }) {
  return (
    <div className="notice" role="status">
      <h2 className="notice__title">{title}</h2>
      {children}
    </div>
  );
}

/** A labelled drop-down list with its hint and error wired to it (GOV.UK select). */
export function Select(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** The first, empty choice ("Choose…", "Nobody"). */
  empty: string;
  options: readonly { value: string; label: string }[];
  value: string;
}) {
  const { id, hintId, errorId, describedBy } = wiring(props.name, props.hint, props.error);
  return (
    <FormGroup error={props.error}>
      <label className="label" htmlFor={id}>
        {props.label}
      </label>
      <HintAndError hintId={hintId} hint={props.hint} errorId={errorId} error={props.error} />
      <select
        id={id}
        name={props.name}
        className={`input input--medium${props.error ? " input--error" : ""}`}
        defaultValue={props.value}
        aria-describedby={describedBy}
        aria-invalid={props.error ? true : undefined}
      >
        <option value="">{props.empty}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

/** A wide table scrolls sideways in its own box; keyboard users focus the region to scroll it. */
export function ScrollRegion({
  labelledBy,
  children,
}: {
  labelledBy: string;
  children: ReactNode;
}) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
