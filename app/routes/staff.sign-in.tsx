import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, Notice, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { signIn } from "#app/models/staff-session.server";
import { sealPendingSignIn } from "#app/models/second-factor.server";
import { pendingCookie } from "#app/web/second-factor.server";
import { ssoReady, ssoRequired } from "#app/models/single-sign-on.server";
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
  const council = context.organisation;
  return { sso: ssoReady(council), ssoRequired: ssoRequired(council), council: council.shortName };
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
    ssoRequired: ssoRequired(context.organisation),
    secondFactorFor: context.organisation.secondFactorFor,
  });
  if (result.ok) {
    throw redirect(safeRedirect(textOf(form, "redirectTo")), {
      headers: { "Set-Cookie": sessionCookie(context, result.token) },
    });
  }
  if (result.reason === "second-factor") {
    const pending = sealPendingSignIn({
      organisationId: context.organisation.id,
      staffUserId: result.staffUserId,
      redirectTo: safeRedirect(textOf(form, "redirectTo")),
      startedAt: Date.now(),
    });
    throw redirect(result.setUp ? "/staff/sign-in/set-up" : "/staff/sign-in/code", {
      headers: { "Set-Cookie": pendingCookie(context, pending) },
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
  const error =
    result.reason === "sso-required"
      ? "account:sso.passwordNotAllowed"
      : "staff:signIn.errors.wrongCredentials";
  return formErrors(context, { errors: { email: error }, values });
}

/** "Sign in with your <council> account": a link that looks like the main button. */
function SingleSignOnLink({ council, redirectTo }: { council: string; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <p>
      <a
        href={`/staff/sso?${new URLSearchParams({ redirectTo })}`}
        className="button"
        rel="nofollow"
      >
        {t("account:sso.button", { council })}
      </a>
    </p>
  );
}

/** Where a council requires single sign-on, the password form is folded away for the few. */
function PasswordPart({
  folded,
  open,
  children,
}: {
  folded: boolean;
  open: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (!folded) return <>{children}</>;
  return (
    <details className="details" open={open}>
      <summary>{t("account:sso.passwordSummary")}</summary>
      <p className="hint">{t("account:sso.passwordOnlyNamed")}</p>
      {children}
    </details>
  );
}

export default function SignIn() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const { sso, ssoRequired, council } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get("redirectTo"));
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
      {params.get("reason") === "sso-unreachable" ? (
        <Notice title={t("account:sso.refused.unreachable.title")}>
          <p>{t("account:sso.refused.unreachable.body")}</p>
        </Notice>
      ) : null}
      <PageHeading>{t("staff:signIn.title")}</PageHeading>
      {sso ? <SingleSignOnLink council={council} redirectTo={redirectTo} /> : null}
      <PasswordPart folded={ssoRequired} open={Boolean(result)}>
        {sso && !ssoRequired ? <h2 className="heading-m">{t("account:sso.orPassword")}</h2> : null}
        <p>{t("staff:signIn.intro")}</p>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="redirectTo" value={redirectTo} />
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
      </PasswordPart>
      <p className="hint">{t("staff:signIn.timeoutNotice")}</p>
    </div>
  );
}
