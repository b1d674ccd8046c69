// "How did we do?": the questionnaire a complainant is sent when their complaint closes.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, useTranslatedErrors } from "#app/components/fields";
import { FormQuestion } from "#app/components/form-question";
import { checkPage, readPage } from "#app/forms/engine";
import { complaintSatisfaction as form } from "#app/forms/complaint-satisfaction";
import type { PortalHandle } from "#app/handle";
import {
  answerSatisfaction,
  findSatisfactionInvite,
} from "#app/models/representation/satisfaction.server";
import { formErrors, readCheckedForm } from "#app/utils/forms.server";
import { notFound } from "#app/utils/refusals.server";

export const handle: PortalHandle = { titleKey: "complaints:satisfaction.title", area: "public" };

const page = form.pages[0]!;
const context = { invited: false };

export async function loader({ params, context: app }: LoaderFunctionArgs) {
  const invite = await findSatisfactionInvite(app.organisation.id, params.token ?? "");
  if (!invite) throw notFound();
  return { reference: invite.reference, answered: invite.respondedAt !== null };
}

export async function action({ request, params, context: app }: ActionFunctionArgs) {
  const posted = await readCheckedForm(request, app);
  const typed = readPage(page, posted);
  const checked = checkPage(form, page, typed, context);
  if (!checked.ok) return formErrors(app, { errors: checked.problems, values: typed });
  const { feltListened, satisfied, doBetter } = checked.answers;
  const stored = await answerSatisfaction({
    organisationId: app.organisation.id,
    token: params.token ?? "",
    answers: {
      feltListened: String(feltListened),
      satisfied: String(satisfied),
      doBetter: typeof doBetter === "string" ? doBetter : null,
    },
  });
  if (!stored) throw notFound();
  return { thanked: true as const, errors: undefined, values: undefined };
}

export default function Satisfaction() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  if (data.answered || (result && "thanked" in result)) {
    return (
      <div className="narrow">
        <div className="panel">
          <h1 className="panel__title">{t("complaints:satisfaction.thanks")}</h1>
        </div>
        <p>{t("complaints:satisfaction.thanksText")}</p>
      </div>
    );
  }
  const values = result?.values ?? {};
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1 className="heading-xl">{t("complaints:satisfaction.title")}</h1>
      <p>{t("complaints:satisfaction.lead", { reference: data.reference })}</p>
      <Form method="post" noValidate>
        <CsrfField />
        {page.questions.map((question) => (
          <FormQuestion
            key={question.id}
            form={form}
            question={question}
            value={values[question.id]}
            error={errors?.[question.id]}
            asHeading={false}
            shown={{ answers: values, context }}
          />
        ))}
        <button type="submit" className="button">
          {t("complaints:satisfaction.send")}
        </button>
      </Form>
    </div>
  );
}
