import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicUrlOf } from "#app/models/organisation.server";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { AnswerList } from "#app/components/form-question";
import { Notice } from "#app/components/fields";
import { firstUnfinishedPage, isoDateOf } from "#app/forms/engine";
import { londonDateOf } from "#app/utils/dates";
import { findForm } from "#app/forms/registry";
import { questionWithRole } from "#app/forms/answer-roles";
import { destinationOf } from "#app/destinations/registry";
import type { Answer } from "#app/forms/types";
import type { PortalHandle } from "#app/handle";
import { submitDraft } from "#app/models/submission.server";
import { tooManyForms } from "#app/web/refusals.server";
import { readCheckedForm } from "#app/web/forms.server";
import { formContextOf } from "#app/models/draft.server";
import {
  draftTokenOf,
  formOrNotFound,
  requireDraft,
  trackingSecretCookie,
} from "#app/web/form-journey.server";

export const handle: PortalHandle = { titleKey: "forms:check.title", area: "public" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const form = formOrNotFound(params.formId);
  const { draft } = await requireDraft(request, context, form);
  if (draft.submissionId) throw redirect(`/forms/${form.id}/sent`);
  const invited = Boolean(draft.invitationId);
  const unfinished = firstUnfinishedPage(
    form,
    draft.answers,
    formContextOf(draft, context.organisation),
  );
  if (unfinished) throw redirect(`/forms/${form.id}/${unfinished.id}`);
  return {
    formId: form.id,
    answers: draft.answers,
    invited,
    eventFacts: draft.eventFacts,
    longAgo: happenedOverAYearAgo(draft.answers[questionWithRole(form, "when-happened")?.id ?? ""]),
  };
}

/** A complaint is normally made within a year; an older one can still be sent, with a kind word. */
function happenedOverAYearAgo(when: Answer | undefined): boolean {
  // A draft keeps the three boxes as typed; a checked answer is "YYYY-MM-DD".
  const iso = Array.isArray(when) ? isoDateOf(when) : when;
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const today = londonDateOf(new Date());
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  return iso < yearAgo;
}

/**
 * "Send": once, however many times it is pressed. The draft is read and the visitor's limits
 * counted in one round trip (see `submitDraft`).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = formOrNotFound(params.formId);
  await readCheckedForm(request, context);
  const token = draftTokenOf(request, context, form.id);
  // Without a draft: back to the form's start page.
  if (!token) throw redirect(`/forms/${form.id}`);
  const result = await submitDraft({
    organisation: context.organisation,
    form,
    draftToken: token,
    portalUrl: publicUrlOf(context.organisation),
    limits: context,
  });
  if (result.status === "no-draft") throw redirect(`/forms/${form.id}`);
  if (result.status === "too-many") throw tooManyForms();
  if (result.status === "problems") {
    throw redirect(`/forms/${form.id}/${result.pageId}?return=check&problem=1`);
  }
  throw redirect(`/forms/${form.id}/sent`, {
    headers: result.trackingSecret
      ? { "Set-Cookie": trackingSecretCookie(context, result.trackingSecret) }
      : undefined,
  });
}

export default function CheckAnswers() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const form = findForm(data.formId)!;
  return (
    <div className={`form-style-${form.style}`}>
      <h1 className="heading-xl">{t("forms:check.title")}</h1>
      <p>{t("forms:check.lead")}</p>
      <AnswerList
        form={form}
        answers={data.answers}
        invited={data.invited}
        eventFacts={data.eventFacts}
        changeHref={(pageId) => `/forms/${form.id}/${pageId}?return=check`}
      />
      {data.longAgo ? (
        <Notice title={t("complaints:check.longAgoTitle")}>
          <p>{t("complaints:check.longAgo")}</p>
        </Notice>
      ) : null}
      <h2 className="heading-m">{t("forms:check.sendTitle")}</h2>
      <p>{t(destinationOf(form.destination).words.beforeSend)}</p>
      <Form method="post">
        <CsrfField />
        <button type="submit" className="button">
          {t("forms:check.send")}
        </button>
      </Form>
    </div>
  );
}
