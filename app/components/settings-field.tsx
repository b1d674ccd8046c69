// One setting on an admin's settings page, drawn from its definition (app/settings/topics.ts):
// a text box, a choice, a box per language, or the days each kind of record is kept.
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "#db/schema/constants";
import { directionOf } from "#app/i18n";
import { RECORD_KINDS, RETENTION_SCHEDULE } from "#app/privacy/retention";
import type { SettingField } from "#app/settings/topics";
import { Choices, TextInput } from "./fields";

type Props = {
  field: SettingField;
  /** Form name → what is in the box now (saved, or typed and refused). */
  values: Record<string, string>;
  errors?: Record<string, string>;
};

const INPUT_TYPE = {
  email: "email",
  phone: "tel",
  text: "text",
  address: "text",
  issuer: "text",
} as const;

/** "In Welsh (Cymraeg)": the language's name in the page's language, and in its own. */
function useLanguageLabel() {
  const { t } = useTranslation();
  return (language: string) => {
    const name = t(`settings:languages.${language}`);
    const own = t("common:language.nativeName", { lng: language });
    return name === own
      ? t("settings:inOwnLanguage", { language: name })
      : t("settings:inLanguage", { language: name, own });
  };
}

export function SettingFieldInput({ field, values, errors }: Props) {
  const { t } = useTranslation();
  const languageLabel = useLanguageLabel();
  const label = t(`settings:fields.${field.id}.label`);
  const hint = t(`settings:fields.${field.id}.hint`, { defaultValue: "" }) || undefined;
  switch (field.kind) {
    case "choice":
      return (
        <Choices
          type="radio"
          name={field.id}
          legend={label}
          hint={hint}
          error={errors?.[field.id]}
          checked={[values[field.id] ?? ""]}
          options={field.options.map((option) => ({
            value: option,
            label: t(`settings:fields.${field.id}.options.${option}`),
          }))}
        />
      );
    case "localised":
    case "phrases":
      return (
        <fieldset className="fieldset">
          <legend className="fieldset__legend fieldset__legend--m">{label}</legend>
          {hint ? <p className="hint">{hint}</p> : null}
          {LANGUAGES.map((language) => {
            const name = `${field.id}.${language}`;
            return (
              <TextInput
                key={name}
                name={name}
                label={languageLabel(language)}
                lang={language}
                dir={directionOf(language)}
                multiline={field.kind === "phrases" || field.multiline}
                defaultValue={values[name]}
                error={errors?.[name]}
              />
            );
          })}
        </fieldset>
      );
    case "retention":
      return (
        <fieldset className="fieldset">
          <legend className="fieldset__legend fieldset__legend--m">{label}</legend>
          {hint ? <p className="hint">{hint}</p> : null}
          {RECORD_KINDS.map((kind) => {
            const name = `retention.${kind}`;
            return (
              <TextInput
                key={name}
                name={name}
                label={t(`legal:privacy.kept.${kind}.name`)}
                hint={t("settings:fields.retention.daysHint", {
                  count: RETENTION_SCHEDULE.find((rule) => rule.kind === kind)?.defaultDays ?? 0,
                })}
                width="medium"
                defaultValue={values[name]}
                error={errors?.[name]}
              />
            );
          })}
        </fieldset>
      );
    case "secret":
      return (
        <TextInput
          name={field.id}
          type="password"
          label={label}
          hint={values[`${field.id}.saved`] ? t(`settings:fields.${field.id}.savedHint`) : hint}
          autoComplete="off"
          spellCheck={false}
          error={errors?.[field.id]}
        />
      );
    case "number":
      return (
        <TextInput
          name={field.id}
          label={label}
          hint={hint}
          width="medium"
          defaultValue={values[field.id]}
          error={errors?.[field.id]}
        />
      );
    default:
      return (
        <TextInput
          name={field.id}
          type={INPUT_TYPE[field.kind]}
          label={label}
          hint={hint}
          multiline={field.multiline}
          spellCheck={field.kind === "text" ? undefined : false}
          defaultValue={values[field.id]}
          error={errors?.[field.id]}
        />
      );
  }
}
