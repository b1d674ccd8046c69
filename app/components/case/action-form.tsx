// The frame every change to a case is made in: a disclosure with its own heading and form, the
// date boxes those forms use, and what each form had typed in it when it came back.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { DateInput, TextInput } from "#app/components/fields";
import type { Intent } from "#app/utils/case-actions";
import { dateBoxesOf } from "#app/utils/dates";

/** What this form had typed in it when it came back with a problem, else the case's own values. */
export type FormState = {
  errors?: Record<string, string>;
  value: (name: string, fallback?: string | null) => string;
};

/** What every one of the forms is given: its state, and whether it starts open. */
export type ActionFormProps = { state: FormState; open: boolean };

/** A list of values (`triage:values.<list>.<key>`) as the choices of a field. */
export function useValueOptions() {
  const { t } = useTranslation();
  return (list: string, keys: readonly string[]) =>
    keys.map((key) => ({ value: key, label: t(`triage:values.${list}.${key}`) }));
}

/** One action: a disclosure with its own heading, form, `intent` and optional note. */
export function ActionForm({
  intent,
  state,
  open,
  intro,
  submit,
  title,
  withNote = true,
  children,
}: {
  intent: Intent;
  state: FormState;
  open: boolean;
  intro?: string;
  /** Instead of the intent's own title (the same form can mean more than one thing). */
  title?: string;
  submit?: string;
  withNote?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const formProblem = state.errors?.[intent];
  return (
    <details className="triage-action" id={`field-${intent}`} open={open || undefined}>
      <summary className="triage-action__summary">
        <h3 className="heading-s triage-action__title">
          {title ?? t(`triage:actions.${intent}.title`)}
        </h3>
      </summary>
      <Form method="post" noValidate className="triage-action__form">
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        {intro ? <p>{intro}</p> : null}
        {formProblem ? (
          <p className="field-error" id={`field-${intent}-error`}>
            <span className="visually-hidden">{t("common:form.errorLabel")}</span> {formProblem}
          </p>
        ) : null}
        {children}
        {withNote ? (
          <TextInput
            name={`${intent}-note`}
            label={t("triage:actions.noteLabel")}
            hint={t("triage:actions.noteHint")}
            multiline
            defaultValue={state.value("note")}
            error={state.errors?.[`${intent}-note`]}
          />
        ) : null}
        <button type="submit" className="button">
          {submit ?? t(`triage:actions.${intent}.submit`)}
        </button>
      </Form>
    </details>
  );
}

/** A day, month and year, today unless something else was typed. */
export function DateField({
  intent,
  name,
  legend,
  state,
  today,
}: {
  intent: Intent;
  name: string;
  legend: string;
  state: FormState;
  today: string;
}) {
  const { t } = useTranslation();
  const [day, month, year] = dateBoxesOf(today);
  const full = `${intent}-${name}`;
  return (
    <DateInput
      name={full}
      legend={legend}
      hint={t("triage:fields.dateHint", { example: `${day} ${month} ${year}` })}
      error={state.errors?.[full]}
      values={[
        state.value(`${name}-day`, day),
        state.value(`${name}-month`, month),
        state.value(`${name}-year`, year),
      ]}
    />
  );
}
