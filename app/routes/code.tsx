// "I have a code": the code from an invitation letter, or the code given by "Save and come back
// later". One box for both, so nobody has to know which kind they have.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import { InvitationProblem } from "#app/components/invitation-problem";
import { findForm } from "#app/forms/registry";
import { getLanguage } from "#app/i18n.server";
import type { PortalHandle } from "#app/handle";
import { carryOnPath, resumeDraft } from "#app/models/draft.server";
import { findInvitationForVisitor } from "#app/models/invitation.server";
import { countGuess } from "#app/models/rate-limit.server";
import { normaliseCode } from "#app/utils/secrets.server";
import { hasUnusualCharacter, UNUSUAL_CHARACTER } from "#app/utils/plain-text";
import { formErrors, readCheckedForm, textOf } from "#app/web/forms.server";
import { draftCookie, openInvitation } from "#app/web/form-journey.server";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";

export const handle: PortalHandle = { titleKey: "forms:code.title", area: "public" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readCheckedForm(request, context);
  const values = { code: textOf(posted, "code") };
  const code = normaliseCode(values.code);
  if (hasUnusualCharacter(values.code)) {
    return formErrors(context, { errors: { code: UNUSUAL_CHARACTER }, values });
  }
  if (code === "") {
    return formErrors(context, { errors: { code: "forms:code.errors.missing" }, values });
  }
  if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code)) {
    return formErrors(context, { errors: { code: "forms:code.errors.format" }, values });
  }
  // Short secrets: wrong guesses are counted per address.
  const guess = await countGuess("code", context.organisation.id, context.clientAddress);
  if (guess.tooMany) {
    return formErrors(
      context,
      { errors: { code: "forms:code.errors.tooMany" }, values },
      { status: 429 },
    );
  }
  const invitation = await findInvitationForVisitor(context.organisation.id, { code });
  if (invitation.status === "ok") {
    await guess.wasRight();
    throw await openInvitation(context, invitation.invitation, await getLanguage(request));
  }
  if (invitation.status === "expired") {
    await guess.wasRight();
    return { expired: true as const, iroName: invitation.inviterName, errors: undefined, values };
  }
  const resumed = await resumeDraft(context.organisation.id, code);
  const form = resumed ? findForm(resumed.draft.formId) : undefined;
  if (resumed && form) {
    await guess.wasRight();
    throw redirect(carryOnPath(form, resumed.draft, context.organisation), {
      headers: { "Set-Cookie": draftCookie(context, form.id, resumed.token) },
    });
  }
  return formErrors(context, { errors: { code: "forms:code.errors.notFound" }, values });
}

export default function EnterCode() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  if (result && "expired" in result) {
    return <InvitationProblem trouble={{ status: "expired", inviterName: result.iroName }} />;
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="code"
          asHeading
          label={t("forms:code.title")}
          hint={t("forms:code.hint")}
          autoComplete="off"
          spellCheck={false}
          width="medium"
          defaultValue={result?.values.code}
          error={errors?.code}
        />
        <button type="submit" className="button">
          {t("forms:code.submit")}
        </button>
      </Form>
      <p>
        <a href="/listen-to-me">{t("forms:code.noCode")}</a>
      </p>
    </div>
  );
}
