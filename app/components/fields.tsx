import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Actions answer with translation keys; pages show them in the visitor's language. */
export function useTranslatedErrors(
  errors: Record<string, string> | undefined,
  options?: Record<string, unknown>,
): Record<string, string> | undefined {
  const { t } = useTranslation();
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key, options)]));
}

function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">{t("common:form.errorLabel")}</span> {error}
    </p>
  );
}

/** The ids that tie a field to its hint and error (GOV.UK wiring). */
function wiring(name: string, hint?: string, error?: string) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId: `${id}-error`, describedBy };
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
};

/** One labelled text field with its hint and error wired to it (GOV.UK pattern). */
export function TextInput(props: TextInputProps) {
  const { id, hintId, errorId, describedBy } = wiring(props.name, props.hint, props.error);
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {props.label}
      </label>
      {props.hint ? (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={props.error} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        className={`input input--${props.width ?? "full"}${props.error ? " input--error" : ""}`}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        spellCheck={props.spellCheck}
        aria-describedby={describedBy}
        aria-invalid={props.error ? true : undefined}
      />
    </div>
  );
}

type CheckboxesProps = {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  checked: readonly string[];
};

/** A group of checkboxes in a fieldset with a legend. The first box takes the error link. */
export function Checkboxes(props: CheckboxesProps) {
  const { id, hintId, errorId, describedBy } = wiring(props.name, props.hint, props.error);
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className="fieldset__legend">{props.legend}</legend>
        {props.hint ? (
          <p id={hintId} className="hint">
            {props.hint}
          </p>
        ) : null}
        <FieldError id={errorId} error={props.error} />
        <div className="checkboxes">
          {props.options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className="checkboxes__item" key={option.value}>
                <input
                  className="checkboxes__input"
                  id={optionId}
                  name={props.name}
                  type="checkbox"
                  value={option.value}
                  defaultChecked={props.checked.includes(option.value)}
                  aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                />
                <label className="checkboxes__label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <p id={`${optionId}-hint`} className="hint checkboxes__hint">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
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
