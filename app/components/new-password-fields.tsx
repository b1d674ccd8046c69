import { useTranslation } from "react-i18next";
import { MIN_PASSWORD_LENGTH } from "#app/accounts/password-rules";
import { TextInput } from "./fields";

/**
 * A new password and the same again, with the rule in the hint. `username` lets a password
 * manager save it under the right account.
 */
export function NewPasswordFields(props: {
  username: string;
  errors?: Record<string, string>;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <input type="hidden" name="username" value={props.username} autoComplete="username" />
      <TextInput
        name="password"
        type="password"
        label={props.label ?? t("account:password.new")}
        hint={t("account:password.hint", { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        error={props.errors?.password}
      />
      <TextInput
        name="confirm"
        type="password"
        label={t("account:password.confirm")}
        autoComplete="new-password"
        error={props.errors?.confirm}
      />
    </>
  );
}
