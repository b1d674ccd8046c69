import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { Choices, ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { MIN_PASSWORD_LENGTH } from "#app/accounts/password-rules";
import { passwordProblem } from "#app/models/password-strength.server";
import { createStaffMember, EmailInUseError } from "#app/models/staff.server";
import { namesOf } from "#app/web/account-names";
import { STAFF_ROLES } from "#db/schema/constants";
import { fieldErrorsOf, formErrors, textOf } from "#app/web/forms.server";
import { plainText } from "#app/utils/plain-text";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "staff:newUser.title", area: "staff" };

const NewStaffForm = z.object({
  name: plainText()
    .trim()
    .min(1, "staff:newUser.errors.nameMissing")
    .max(200, "staff:newUser.errors.nameTooLong"),
  email: plainText()
    .trim()
    .min(1, "staff:newUser.errors.emailMissing")
    .max(320, "staff:newUser.errors.emailInvalid")
    .pipe(z.email("staff:newUser.errors.emailInvalid")),
  roles: z
    .array(z.enum(STAFF_ROLES, "staff:newUser.errors.rolesMissing"))
    .min(1, "staff:newUser.errors.rolesMissing"),
  password: z.string(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "staff:manage");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "staff:manage");
  const values = {
    name: textOf(form, "name"),
    email: textOf(form, "email"),
    roles: form.getAll("roles").filter((r): r is string => typeof r === "string"),
  };
  const parsed = NewStaffForm.safeParse({ ...values, password: textOf(form, "password") });
  if (!parsed.success) {
    return formErrors(context, { errors: fieldErrorsOf(parsed.error), values });
  }
  const problem = await passwordProblem(parsed.data.password, {
    names: namesOf(parsed.data, context.organisation),
  });
  if (problem) {
    return formErrors(context, {
      errors: { password: `account:password.problems.${problem}` },
      values,
    });
  }
  try {
    // Always the admin's own council: the form has no say in which council an account joins.
    await createStaffMember({
      ...parsed.data,
      organisationId: context.organisation.id,
      createdBy: staff.id,
      clientAddress: context.clientAddress,
    });
  } catch (error) {
    if (error instanceof EmailInUseError) {
      return formErrors(context, { errors: { email: "staff:newUser.errors.emailInUse" }, values });
    }
    throw error;
  }
  // The notice is chosen by key: nothing from the address is ever printed on the page.
  throw redirect("/staff/users?done=created");
}

export default function NewStaffAccount() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors, { min: MIN_PASSWORD_LENGTH });
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("staff:newUser.title")}</PageHeading>
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="name"
          label={t("staff:newUser.name")}
          autoComplete="off"
          defaultValue={result?.values.name}
          error={errors?.name}
        />
        <TextInput
          name="email"
          type="email"
          label={t("staff:newUser.email")}
          hint={t("staff:newUser.emailHint")}
          autoComplete="off"
          spellCheck={false}
          defaultValue={result?.values.email}
          error={errors?.email}
        />
        <Choices
          type="checkbox"
          name="roles"
          legend={t("staff:newUser.roles")}
          hint={t("staff:newUser.rolesHint")}
          error={errors?.roles}
          checked={result?.values.roles ?? []}
          options={STAFF_ROLES.map((role) => ({
            value: role,
            label: t(`staff:roles.${role}`),
            hint: t(`staff:roleHints.${role}`),
          }))}
        />
        <TextInput
          name="password"
          type="password"
          label={t("staff:newUser.password")}
          hint={t("account:password.hint", { min: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          error={errors?.password}
        />
        <button type="submit" className="button">
          {t("staff:newUser.submit")}
        </button>
      </Form>
    </div>
  );
}
