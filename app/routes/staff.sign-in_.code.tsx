// After a right password: the code from the authenticator app (or a recovery code). Only now
// does a session start; the right password alone is kept sealed in a cookie for 10 minutes.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { checkSecondFactor } from "#app/models/second-factor.server";
import { plainText } from "#app/utils/plain-text";
import { safeRedirect } from "#app/utils/redirects";
import { fieldErrorsOf, formErrors, textOf } from "#app/web/forms.server";
import { clearedPendingCookie, requirePendingSignIn } from "#app/web/second-factor.server";
import { readStaffForm, sessionCookie } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "account:secondFactor.code.title", area: "staff" };

const CodeForm = z.object({
  code: plainText().trim().min(1, "account:secondFactor.errors.codeMissing").max(40),
});

export function loader({ request, context }: LoaderFunctionArgs) {
  requirePendingSignIn(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const pending = requirePendingSignIn(request, context);
  const parsed = CodeForm.safeParse({ code: textOf(form, "code") });
  if (!parsed.success)
    return formErrors(context, { errors: fieldErrorsOf(parsed.error), values: {} });
  const result = await checkSecondFactor({
    organisationId: context.organisation.id,
    staffUserId: pending.staffUserId,
    code: parsed.data.code,
    clientAddress: context.clientAddress,
  });
  if (result.ok) {
    const headers = new Headers({ "Set-Cookie": clearedPendingCookie(context) });
    headers.append("Set-Cookie", sessionCookie(context, result.token));
    throw redirect(safeRedirect(pending.redirectTo), { headers });
  }
  if (result.reason === "throttled") {
    return formErrors(
      context,
      {
        errors: { code: "account:secondFactor.errors.throttled" },
        values: {},
        retryAfterMinutes: result.retryAfterMinutes,
      },
      { status: 429 },
    );
  }
  return formErrors(context, {
    errors: { code: "account:secondFactor.errors.wrongCode" },
    values: {},
  });
}

export default function SecondFactorCode() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const minutes = result && "retryAfterMinutes" in result ? result.retryAfterMinutes : undefined;
  const errors = useTranslatedErrors(result?.errors, { count: minutes });
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("account:secondFactor.code.title")}</PageHeading>
      <p>{t("account:secondFactor.code.intro")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="code"
          label={t("account:secondFactor.code.label")}
          hint={t("account:secondFactor.code.hint")}
          autoComplete="one-time-code"
          spellCheck={false}
          width="medium"
          error={errors?.code}
        />
        <button type="submit" className="button">
          {t("account:secondFactor.code.submit")}
        </button>
      </Form>
      <p>{t("account:secondFactor.code.lost")}</p>
      <p>
        <Link to="/staff/sign-in">{t("account:sso.tryAgain")}</Link>
      </p>
    </div>
  );
}
