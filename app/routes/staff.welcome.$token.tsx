// A new account's one-time link: choose a password, and be signed in. A used or expired link says
// so and who can send a new one; it never says whose it was.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MIN_PASSWORD_LENGTH } from "#app/accounts/password-rules";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, useTranslatedErrors } from "#app/components/fields";
import { NewPasswordFields } from "#app/components/new-password-fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { sealPendingSignIn } from "#app/models/second-factor.server";
import { openSignInLink, spendSignInLink } from "#app/models/sign-in-link.server";
import { pendingCookie } from "#app/web/second-factor.server";
import { namesOf } from "#app/web/account-names";
import { formErrors } from "#app/web/forms.server";
import { readNewPassword } from "#app/web/new-password.server";
import { readStaffForm, sessionCookie } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "settings:welcome.title", area: "staff" };

const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

const spent = () => data({ spent: true as const }, { status: 410, headers: NO_STORE });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const account = await openSignInLink(context.organisation.id, params.token ?? "");
  if (!account) return spent();
  return data(
    { spent: false as const, name: account.name, email: account.email },
    {
      headers: NO_STORE,
    },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const account = await openSignInLink(context.organisation.id, params.token ?? "");
  if (!account) return spent();
  const chosen = await readNewPassword(form, { names: namesOf(account, context.organisation) });
  if (!chosen.ok) return formErrors(context, { errors: chosen.errors, values: {} });
  const spentNow = await spendSignInLink({
    organisationId: context.organisation.id,
    token: params.token ?? "",
    password: chosen.password,
    clientAddress: context.clientAddress,
    secondFactorFor: context.organisation.secondFactorFor,
  });
  if (!spentNow) return spent();
  if ("setUpFor" in spentNow) {
    // An admin or a manager sets up their authenticator app before their first session.
    const pending = sealPendingSignIn({
      organisationId: context.organisation.id,
      staffUserId: spentNow.setUpFor,
      redirectTo: "/staff",
      startedAt: Date.now(),
    });
    throw redirect("/staff/sign-in/set-up", {
      headers: { "Set-Cookie": pendingCookie(context, pending) },
    });
  }
  throw redirect("/staff", { headers: { "Set-Cookie": sessionCookie(context, spentNow.token) } });
}

export default function Welcome() {
  const { t } = useTranslation();
  const account = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result && "errors" in result ? result.errors : undefined, {
    min: MIN_PASSWORD_LENGTH,
  });
  if (account.spent || (result && "spent" in result)) {
    return (
      <div className="narrow">
        <PageHeading>{t("settings:welcome.spentTitle")}</PageHeading>
        <p>{t("settings:welcome.spent")}</p>
        <p>
          <a href="/staff/sign-in">{t("settings:welcome.signIn")}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("settings:welcome.title")}</PageHeading>
      <p>{t("settings:welcome.intro", { name: account.name })}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <NewPasswordFields
          username={account.email}
          label={t("settings:welcome.password")}
          errors={errors}
        />
        <button type="submit" className="button">
          {t("settings:welcome.submit")}
        </button>
      </Form>
    </div>
  );
}
