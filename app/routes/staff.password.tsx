// Change your own password: the current one, then the new one twice. Every other browser signed
// in to the account is signed out; this one stays signed in.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MIN_PASSWORD_LENGTH } from "#app/accounts/password-rules";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, Notice, TextInput, useTranslatedErrors } from "#app/components/fields";
import { NewPasswordFields } from "#app/components/new-password-fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { changeOwnPassword } from "#app/models/staff-accounts.server";
import { namesOf } from "#app/web/account-names";
import { formErrors, textOf } from "#app/web/forms.server";
import { readNewPassword } from "#app/web/new-password.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "account:change.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  return { email: staff.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff, sessionId } = await requireStaff(request, context);
  const current = textOf(form, "current");
  if (!current) {
    return formErrors(context, {
      errors: { current: "account:change.errors.currentMissing" },
      values: {},
    });
  }
  const chosen = await readNewPassword(form, { names: namesOf(staff, context.organisation) });
  if (!chosen.ok) return formErrors(context, { errors: chosen.errors, values: {} });
  const changed = await changeOwnPassword({
    organisationId: context.organisation.id,
    staffUserId: staff.id,
    sessionId,
    current,
    password: chosen.password,
    clientAddress: context.clientAddress,
  });
  if (changed === "wrong-password") {
    return formErrors(context, {
      errors: { current: "account:change.errors.wrongCurrent" },
      values: {},
    });
  }
  throw redirect("/staff/password?done=changed");
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = useTranslatedErrors(result?.errors, { min: MIN_PASSWORD_LENGTH });
  return (
    <div className="narrow">
      {params.get("done") === "changed" ? (
        <Notice title={t("account:change.doneTitle")}>
          <p>{t("account:change.done")}</p>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <PageHeading>{t("account:change.title")}</PageHeading>
      <p>{t("account:change.intro")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="current"
          type="password"
          label={t("account:change.current")}
          autoComplete="current-password"
          error={errors?.current}
        />
        <NewPasswordFields username={email} errors={errors} />
        <button type="submit" className="button">
          {t("account:change.submit")}
        </button>
      </Form>
    </div>
  );
}
