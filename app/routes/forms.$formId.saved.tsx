import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicUrlOf } from "#app/models/organisation.server";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, Notice, TextInput, useTranslatedErrors } from "#app/components/fields";
import type { PortalHandle } from "#app/handle";
import { translatorFor } from "#app/i18n.server";
import { env } from "#app/config.server";
import { emailResumeCode } from "#app/models/draft.server";
import { addressKey, countAgainstLimit } from "#app/models/rate-limit.server";
import { localised } from "#app/utils/localised";
import { fieldErrorsOf, formErrors, readCheckedForm, textOf } from "#app/web/forms.server";
import { plainText } from "#app/utils/plain-text";
import { formOrNotFound, requireDraft, savedCodeOf } from "#app/web/form-journey.server";

export const handle: PortalHandle = { titleKey: "forms:saved.title", area: "public" };

const EmailForm = z.object({
  email: plainText()
    .trim()
    .min(1, "forms:saved.errors.emailMissing")
    .max(320, "forms:saved.errors.emailInvalid")
    .pipe(z.email("forms:saved.errors.emailInvalid")),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const form = formOrNotFound(params.formId);
  await requireDraft(request, context, form);
  const code = savedCodeOf(request, context);
  if (!code) throw redirect(`/forms/${form.id}`);
  return { formId: form.id, code, days: env().DRAFT_DAYS };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = formOrNotFound(params.formId);
  const posted = await readCheckedForm(request, context);
  const { draft } = await requireDraft(request, context, form);
  const code = savedCodeOf(request, context);
  if (!code) throw redirect(`/forms/${form.id}`);
  const values = { email: textOf(posted, "email") };
  const parsed = EmailForm.safeParse(values);
  if (!parsed.success) return formErrors(context, { errors: fieldErrorsOf(parsed.error), values });
  const limit = await countAgainstLimit({
    key: `resume-email:${context.organisation.id}:${addressKey(context.clientAddress)}`,
    max: 5,
    windowSeconds: 60 * 60,
  });
  if (limit.blocked) {
    return formErrors(context, { errors: { email: "forms:saved.errors.tooMany" }, values });
  }
  const { language, t } = await translatorFor(request);
  const bookletTitle = localised(context.organisation.bookletTitle, language);
  await emailResumeCode({
    draft,
    code,
    email: parsed.data.email,
    formTitle: t(`${form.namespace}:title`, { bookletTitle }),
    portalUrl: publicUrlOf(context.organisation),
  });
  return { emailed: parsed.data.email, errors: undefined, values };
}

export default function Saved() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1 className="heading-xl">{t("forms:saved.title")}</h1>
      <p className="body-l">{t("forms:saved.lead")}</p>
      <p className="resume-code" dir="ltr">
        <span className="visually-hidden">{t("forms:saved.codeLabel")} </span>
        {data.code}
      </p>
      <p>{t("forms:saved.howToCarryOn", { days: data.days })}</p>
      {result && "emailed" in result && result.emailed ? (
        <Notice title={t("forms:saved.emailedTitle")}>
          <p>{t("forms:saved.emailed", { email: result.emailed })}</p>
        </Notice>
      ) : (
        <Form method="post" noValidate>
          <CsrfField />
          <TextInput
            name="email"
            type="email"
            label={t("forms:saved.emailLabel")}
            hint={t("forms:saved.emailHint")}
            autoComplete="email"
            spellCheck={false}
            defaultValue={result?.values.email}
            error={errors?.email}
          />
          <button type="submit" className="button button--secondary">
            {t("forms:saved.emailButton")}
          </button>
        </Form>
      )}
      <p>
        <a href={`/forms/${data.formId}`}>{t("forms:saved.carryOnNow")}</a>
      </p>
    </div>
  );
}
