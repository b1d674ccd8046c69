// Forgotten your password? An email address in, the same answer out whether or not it has an
// account here; when it has, a link to choose a new password is emailed to it.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { publicUrlOf } from "#app/models/organisation.server";
import { ssoRequired } from "#app/models/single-sign-on.server";
import { RESET_LINK_MINUTES } from "#app/models/sign-in-link.server";
import { requestPasswordReset } from "#app/models/staff-accounts.server";
import { plainText } from "#app/utils/plain-text";
import { fieldErrorsOf, formErrors, textOf } from "#app/web/forms.server";
import { readStaffForm } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "account:forgot.title", area: "staff" };

const ForgotForm = z.object({
  email: plainText().trim().min(1, "account:forgot.errors.emailMissing").max(320),
});

export function loader({ context }: LoaderFunctionArgs) {
  return { minutes: RESET_LINK_MINUTES, ssoRequired: ssoRequired(context.organisation) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const values = { email: textOf(form, "email") };
  const parsed = ForgotForm.safeParse(values);
  if (!parsed.success) return formErrors(context, { errors: fieldErrorsOf(parsed.error), values });
  const answer = await requestPasswordReset({
    organisation: context.organisation,
    email: parsed.data.email,
    portalUrl: publicUrlOf(context.organisation),
    language: await getLanguage(request),
    clientAddress: context.clientAddress,
  });
  if (answer === "throttled") {
    return formErrors(
      context,
      { errors: { email: "account:forgot.errors.throttled" }, values },
      { status: 429, headers: { "Retry-After": "3600" } },
    );
  }
  // The same page whatever the address was: nothing about it is shown.
  throw redirect("/staff/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const { ssoRequired } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const errors = useTranslatedErrors(result?.errors);
  if (params.get("sent") === "1") {
    return (
      <div className="narrow">
        <PageHeading>{t("account:forgot.sentTitle")}</PageHeading>
        <p>{t("account:forgot.sent", { minutes: RESET_LINK_MINUTES })}</p>
        <p>{t("account:forgot.nothingCame")}</p>
        <p>
          <Link to="/staff/sign-in">{t("account:forgot.backToSignIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("account:forgot.title")}</PageHeading>
      <p>{t("account:forgot.intro", { minutes: RESET_LINK_MINUTES })}</p>
      {ssoRequired ? <p>{t("account:forgot.ssoRequired")}</p> : null}
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="email"
          type="email"
          label={t("account:forgot.email")}
          autoComplete="username"
          spellCheck={false}
          defaultValue={result?.values.email}
          error={errors?.email}
        />
        <button type="submit" className="button">
          {t("account:forgot.submit")}
        </button>
      </Form>
      <p>
        <Link to="/staff/sign-in">{t("account:forgot.backToSignIn")}</Link>
      </p>
    </div>
  );
}
