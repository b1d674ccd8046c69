// The first sign-in that needs a second factor: add the account to an authenticator app (a QR
// code, or the key to type), prove it with a code, then keep the ten recovery codes shown once.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import {
  authenticatorUri,
  newAuthenticatorSecret,
  sealPendingSignIn,
  setUpSecondFactor,
} from "#app/models/second-factor.server";
import { getStaffMember } from "#app/models/staff.server";
import { plainText } from "#app/utils/plain-text";
import { safeRedirect } from "#app/utils/redirects";
import { fieldErrorsOf, formErrors, textOf } from "#app/web/forms.server";
import {
  clearedPendingCookie,
  pendingCookie,
  requirePendingSignIn,
} from "#app/web/second-factor.server";
import { readStaffForm, sessionCookie } from "#app/web/staff-auth.server";

export const handle: PortalHandle = {
  titleKey: "account:secondFactor.setUp.title",
  area: "staff",
};

const NO_STORE = { "Cache-Control": "no-store" };

const CodeForm = z.object({
  code: plainText()
    .transform((code) => code.replace(/\s/g, ""))
    .pipe(z.string().min(1, "account:secondFactor.errors.codeMissing").max(40)),
});

/** The key in fours, easier to type into an app. */
const inFours = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export async function loader({ request, context }: LoaderFunctionArgs) {
  let pending = requirePendingSignIn(request, context);
  const headers = new Headers(NO_STORE);
  if (!pending.secret) {
    // One secret for this sign-in, kept sealed with it until a code proves the app has it.
    pending = { ...pending, secret: newAuthenticatorSecret() };
    headers.append("Set-Cookie", pendingCookie(context, sealPendingSignIn(pending)));
  }
  const account = await getStaffMember(context.organisation.id, pending.staffUserId);
  if (!account) throw redirect("/staff/sign-in");
  const uri = authenticatorUri(pending.secret!, account.email, context.organisation.name);
  const qr = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return data(
    {
      key: inFours(pending.secret!),
      qr: `data:image/svg+xml;base64,${Buffer.from(qr).toString("base64")}`,
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const pending = requirePendingSignIn(request, context);
  if (!pending.secret) throw redirect("/staff/sign-in/set-up");
  const parsed = CodeForm.safeParse({ code: textOf(form, "code") });
  if (!parsed.success)
    return formErrors(context, { errors: fieldErrorsOf(parsed.error), values: {} });
  const result = await setUpSecondFactor({
    organisationId: context.organisation.id,
    staffUserId: pending.staffUserId,
    secret: pending.secret,
    code: parsed.data.code,
    clientAddress: context.clientAddress,
  });
  if (!result.ok) {
    const key =
      result.reason === "throttled"
        ? "account:secondFactor.errors.throttled"
        : "account:secondFactor.errors.wrongCode";
    return formErrors(
      context,
      { errors: { code: key }, values: {}, retryAfterMinutes: result.retryAfterMinutes },
      { status: result.reason === "throttled" ? 429 : 400 },
    );
  }
  const headers = new Headers(NO_STORE);
  headers.append("Set-Cookie", clearedPendingCookie(context));
  headers.append("Set-Cookie", sessionCookie(context, result.token));
  // Shown this once: never kept readable, never sent again.
  return data(
    { recoveryCodes: result.recoveryCodes ?? [], next: safeRedirect(pending.redirectTo) },
    { headers },
  );
}

function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeading>{t("account:secondFactor.recovery.title")}</PageHeading>
      <p>{t("account:secondFactor.recovery.intro", { count: codes.length })}</p>
      <ol className="list list--number recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>{t("account:secondFactor.recovery.keep")}</p>
      <p>
        <a href={next} className="button">
          {t("account:secondFactor.recovery.continue")}
        </a>
      </p>
    </div>
  );
}

export default function SetUpSecondFactor() {
  const { t } = useTranslation();
  const { key, qr } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = result && "errors" in result ? result : undefined;
  const minutes = refused && "retryAfterMinutes" in refused ? refused.retryAfterMinutes : undefined;
  const errors = useTranslatedErrors(refused?.errors, { count: minutes });
  if (result && "recoveryCodes" in result) {
    return <RecoveryCodes codes={result.recoveryCodes} next={result.next} />;
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("account:secondFactor.setUp.title")}</PageHeading>
      <p>{t("account:secondFactor.setUp.intro")}</p>
      <h2 className="heading-m">{t("account:secondFactor.setUp.scanTitle")}</h2>
      <p>{t("account:secondFactor.setUp.scan")}</p>
      <img className="authenticator-qr" src={qr} alt={t("account:secondFactor.setUp.qrAlt")} />
      <p>{t("account:secondFactor.setUp.noCamera")}</p>
      <p>
        <code className="authenticator-key" id="authenticator-key">
          {key}
        </code>
      </p>
      <h2 className="heading-m">{t("account:secondFactor.setUp.codeTitle")}</h2>
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="code"
          label={t("account:secondFactor.setUp.codeLabel")}
          hint={t("account:secondFactor.setUp.codeHint")}
          autoComplete="one-time-code"
          spellCheck={false}
          width="medium"
          error={errors?.code}
        />
        <button type="submit" className="button">
          {t("account:secondFactor.setUp.submit")}
        </button>
      </Form>
    </div>
  );
}
