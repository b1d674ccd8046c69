import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, Notice, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { signIn } from "#app/models/staff-session.server";
import { fieldErrorsOf, formErrors, textOf } from "#app/web/forms.server";
import { plainText } from "#app/utils/plain-text";
import { safeRedirect } from "#app/utils/redirects";
import { getStaffSession, readStaffForm, sessionCookie } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "staff:signIn.title", area: "staff" };

const SignInForm = z.object({
  email: plainText().trim().min(1, "staff:signIn.errors.emailMissing").max(320),
  password: z.string().min(1, "staff:signIn.errors.passwordMissing").max(1000),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getStaffSession(request, context);
  if (session.status === "valid") {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const values = { email: textOf(form, "email") };
  const parsed = SignInForm.safeParse({ email: values.email, password: textOf(form, "password") });
  if (!parsed.success) {
    return formErrors(context, { errors: fieldErrorsOf(parsed.error), values });
  }
  const result = await signIn({
    organisationId: context.organisation.id,
    email: parsed.data.email,
    password: parsed.data.password,
    clientAddress: context.clientAddress,
    addressLimit: context.signInAddressLimit,
  });
  if (result.ok) {
    throw redirect(safeRedirect(textOf(form, "redirectTo")), {
      headers: { "Set-Cookie": sessionCookie(context, result.token) },
    });
  }
  if (result.reason === "throttled") {
    const minutes = result.retryAfterMinutes;
    return formErrors(
      context,
      { errors: { email: "staff:signIn.errors.throttled" }, values, retryAfterMinutes: minutes },
      { status: 429, headers: { "Retry-After": String(minutes * 60) } },
    );
  }
  return formErrors(context, { errors: { email: "staff:signIn.errors.wrongCredentials" }, values });
}

export default function SignIn() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const minutes = result && "retryAfterMinutes" in result ? result.retryAfterMinutes : undefined;
  const errors = useTranslatedErrors(result?.errors, { count: minutes });
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {params.get("reason") === "timeout" ? (
        <Notice title={t("staff:signIn.timedOutTitle")}>
          <p>{t("staff:signIn.timedOut")}</p>
        </Notice>
      ) : null}
      {params.get("reason") === "signed-out" ? (
        <Notice title={t("staff:signIn.signedOutTitle")} />
      ) : null}
      {params.get("reason") === "password-reset" ? (
        <Notice title={t("account:reset.doneTitle")}>
          <p>{t("account:reset.done")}</p>
        </Notice>
      ) : null}
      <PageHeading>{t("staff:signIn.title")}</PageHeading>
      <p>{t("staff:signIn.intro")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="redirectTo" value={safeRedirect(params.get("redirectTo"))} />
        <TextInput
          name="email"
          type="email"
          label={t("staff:signIn.email")}
          autoComplete="username"
          spellCheck={false}
          defaultValue={result?.values.email}
          error={errors?.email}
        />
        <TextInput
          name="password"
          type="password"
          label={t("staff:signIn.password")}
          autoComplete="current-password"
          error={errors?.password}
        />
        <button type="submit" className="button">
          {t("staff:signIn.submit")}
        </button>
      </Form>
      <p>
        <Link to="/staff/forgot-password">{t("account:forgot.link")}</Link>
      </p>
      <p className="hint">{t("staff:signIn.timeoutNotice")}</p>
    </div>
  );
}
