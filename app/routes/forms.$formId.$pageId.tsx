import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, useTranslatedErrors } from "#app/components/fields";
import { FormQuestion } from "#app/components/form-question";
import { Picture } from "#app/components/pictures";
import {
  checkPage,
  firstUnfinishedPage,
  nextPage,
  previousPage,
  readPage,
  visiblePages,
  visibleQuestions,
} from "#app/forms/engine";
import { findForm } from "#app/forms/registry";
import type { Answers, FormDefinition, Page } from "#app/forms/types";
import type { PortalHandle } from "#app/handle";
import { handedOverFor } from "#app/web/hand-over.server";
import { translatorFor } from "#app/i18n.server";
import { formContextOf, makeResumeCode, saveAnswers, type Draft } from "#app/models/draft.server";
import type { Organisation } from "#app/models/organisation.server";
import { markInvitationStarted } from "#app/models/invitation.server";
import { formErrors, readCheckedForm, textOf } from "#app/web/forms.server";
import { formOrNotFound, requireDraft, savedCodeCookie } from "#app/web/form-journey.server";

export const handle: PortalHandle = { area: "public" };

function pageOf(
  form: FormDefinition,
  draft: Draft,
  organisation: Organisation,
  pageId: string | undefined,
) {
  const context = formContextOf(draft, organisation);
  const page = visiblePages(form, draft.answers, context).find((p) => p.id === pageId);
  if (!page) {
    // A page that is not (or no longer) shown: go where the visitor should be.
    const next = firstUnfinishedPage(form, draft.answers, context);
    throw redirect(next ? `/forms/${form.id}/${next.id}` : `/forms/${form.id}/check`);
  }
  return { page, context };
}

/** The page's title: its question, or its own title when it asks several. */
function titleOf(t: (key: string) => string, form: FormDefinition, page: Page, questions: number) {
  return questions === 1
    ? t(`${form.namespace}:questions.${page.questions.find(() => true)!.id}.label`)
    : t(`${form.namespace}:pages.${page.id}.title`);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const form = formOrNotFound(params.formId);
  const { draft } = await requireDraft(request, context, form);
  if (draft.submissionId) throw redirect(`/forms/${form.id}/sent`);
  const { page, context: formContext } = pageOf(form, draft, context.organisation, params.pageId);
  const { t } = await translatorFor(request);
  const url = new URL(request.url);
  const questions = visibleQuestions(page, draft.answers, formContext);
  const back = previousPage(form, page.id, draft.answers, formContext);
  // Sent back from "Check your answers" because something here is missing: say what.
  const checked = url.searchParams.has("problem")
    ? checkPage(form, page, draft.answers, formContext)
    : undefined;
  return {
    formId: form.id,
    pageId: page.id,
    questionIds: questions.map((q) => q.id),
    values: Object.fromEntries(questions.map((q) => [q.id, draft.answers[q.id]])) as Answers,
    problems: checked && !checked.ok ? checked.problems : undefined,
    backHref: url.searchParams.has("return")
      ? `/forms/${form.id}/check`
      : back
        ? `/forms/${form.id}/${back.id}`
        : `/forms/${form.id}`,
    returnToCheck: url.searchParams.has("return"),
    // A device handed round a room keeps nobody's answers for later.
    canSaveForLater: !handedOverFor(request, context),
    pageTitle: titleOf(t, form, page, questions.length),
    // For options offered only after some answers (e.g. "no reply needed" for a comment).
    answers: draft.answers,
    context: formContext,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = formOrNotFound(params.formId);
  const posted = await readCheckedForm(request, context);
  const { draft } = await requireDraft(request, context, form);
  if (draft.submissionId) throw redirect(`/forms/${form.id}/sent`);
  const { page, context: formContext } = pageOf(form, draft, context.organisation, params.pageId);
  const typed = readPage(page, posted);
  // Both at once: one round trip.
  const [saved] = await Promise.all([
    saveAnswers(draft, typed, page.id),
    draft.invitationId ? markInvitationStarted(draft.invitationId) : undefined,
  ]);

  if (textOf(posted, "intent") === "save" && !handedOverFor(request, context)) {
    const code = await makeResumeCode(saved);
    throw redirect(`/forms/${form.id}/saved`, {
      headers: { "Set-Cookie": savedCodeCookie(context, code) },
    });
  }
  const checked = checkPage(form, page, saved.answers, formContext);
  if (!checked.ok) {
    return formErrors(context, { errors: checked.problems, values: typed });
  }
  const next = nextPage(form, page.id, saved.answers, formContext);
  const returnToCheck = new URL(request.url).searchParams.has("return");
  throw redirect(
    returnToCheck || !next ? `/forms/${form.id}/check` : `/forms/${form.id}/${next.id}`,
  );
}

export default function QuestionPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const form = findForm(data.formId)!;
  const page = form.pages.find((p) => p.id === data.pageId)!;
  const errors = useTranslatedErrors(result?.errors ?? data.problems);
  const values: Answers = { ...data.values, ...(result?.values ?? {}) };
  const questions = page.questions.filter((q) => data.questionIds.includes(q.id));
  const single = questions.length === 1;
  const postTo = data.returnToCheck ? "?return=check" : "";
  return (
    <div className={`narrow form-style-${form.style}`}>
      <a href={data.backHref} className="back-link">
        {t("forms:back")}
      </a>
      <ErrorSummary errors={errors} />
      {page.picture ? <Picture name={page.picture} /> : null}
      {single ? null : <h1 className="heading-l">{data.pageTitle}</h1>}
      <Form
        method="post"
        action={postTo}
        noValidate
        data-read-aloud-label={form.readAloud ? t("forms:readAloud.start") : undefined}
        data-read-aloud-stop={form.readAloud ? t("forms:readAloud.stop") : undefined}
      >
        <CsrfField />
        {questions.map((question) => (
          <FormQuestion
            key={question.id}
            form={form}
            question={question}
            value={values[question.id]}
            error={errors?.[question.id]}
            asHeading={single}
            shown={{ answers: { ...data.answers, ...values }, context: data.context }}
          />
        ))}
        <div className="button-group">
          <button type="submit" className="button" name="intent" value="continue">
            {t("forms:continue")}
          </button>
          {data.canSaveForLater ? (
            <button type="submit" className="button button--secondary" name="intent" value="save">
              {t("forms:saveForLater")}
            </button>
          ) : null}
        </div>
      </Form>
    </div>
  );
}
