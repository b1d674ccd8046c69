// The emailed link to choose a new password. Saving it ends every session of the account, and
// the person signs in again with it. A used or expired link says so, and how to ask again.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MIN_PASSWORD_LENGTH } from "#app/accounts/password-rules";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, useTranslatedErrors } from "#app/components/fields";
import { NewPasswordFields } from "#app/components/new-password-fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import {
  openSignInLink,
  RESET_LINK_MINUTES,
  spendResetLink,
} from "#app/models/sign-in-link.server";
import { namesOf } from "#app/web/account-names";
import { formErrors } from "#app/web/forms.server";
import { readNewPassword } from "#app/web/new-password.server";
import { clearedSessionCookie, readStaffForm } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "account:reset.title", area: "staff" };

// The token is in the address: never kept by the browser or sent on to another site.
const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

const spent = () => data({ spent: true as const }, { status: 410, headers: NO_STORE });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const account = await openSignInLink(context.organisation.id, params.token ?? "", "reset");
  if (!account) return spent();
  return data({ spent: false as const, email: account.email }, { headers: NO_STORE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const token = params.token ?? "";
  const account = await openSignInLink(context.organisation.id, token, "reset");
  if (!account) return spent();
  const chosen = await readNewPassword(form, { names: namesOf(account, context.organisation) });
  if (!chosen.ok) return formErrors(context, { errors: chosen.errors, values: {} });
  const done = await spendResetLink({
    organisationId: context.organisation.id,
    token,
    password: chosen.password,
    clientAddress: context.clientAddress,
  });
  if (!done) return spent();
  throw redirect("/staff/sign-in?reason=password-reset", {
    headers: { "Set-Cookie": clearedSessionCookie(context) },
  });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const link = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result && "errors" in result ? result.errors : undefined, {
    min: MIN_PASSWORD_LENGTH,
  });
  if (link.spent || (result && "spent" in result)) {
    return (
      <div className="narrow">
        <PageHeading>{t("account:reset.spentTitle")}</PageHeading>
        <p>{t("account:reset.spent", { minutes: RESET_LINK_MINUTES })}</p>
        <p>
          <Link to="/staff/forgot-password">{t("account:reset.askAgain")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("account:reset.title")}</PageHeading>
      <p>{t("account:reset.intro", { email: link.email })}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <NewPasswordFields username={link.email} errors={errors} />
        <button type="submit" className="button">
          {t("account:reset.submit")}
        </button>
      </Form>
    </div>
  );
}
