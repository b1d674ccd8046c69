import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { Picture } from "#app/components/pictures";
import { visiblePages } from "#app/forms/engine";
import { isChildsOwn } from "#app/forms/types";
import type { PortalHandle } from "#app/handle";
import { getLanguage, translatorFor } from "#app/i18n.server";
import { carryOnPath, findDraft, greetingFor, startDraft } from "#app/models/draft.server";
import { overFormLimits } from "#app/models/rate-limit.server";
import { readCheckedForm } from "#app/web/forms.server";
import { notFound, tooManyForms } from "#app/web/refusals.server";
import { draftCookie, draftTokenOf, formOrNotFound } from "#app/web/form-journey.server";
import { formatDay } from "#app/utils/dates";
import { localised } from "#app/utils/localised";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";
import { destinationOf } from "#app/destinations/registry";
import { HAND_OVER_PATH, handedOverFor } from "#app/web/hand-over.server";

export const handle: PortalHandle = { area: "public" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const form = formOrNotFound(params.formId);
  const { language, t } = await translatorFor(request);
  const bookletTitle = localised(context.organisation.bookletTitle, language);
  const draft = await findDraft(
    context.organisation.id,
    form.id,
    draftTokenOf(request, context, form.id),
  );
  if (draft?.submissionId) throw redirect(`/forms/${form.id}/sent`);
  // Only the people asked can answer a form opened by invitation alone.
  if (form.invitationOnly && !draft) {
    // A device handed round a conference: the next person starts from its first page.
    if (handedOverFor(request, context)) throw redirect(HAND_OVER_PATH);
    throw notFound();
  }
  // Anonymous questionnaires greet nobody by name: they are read together, not as one person's.
  const anonymous = destinationOf(form.destination).anonymous;
  const greeting = draft && !anonymous ? await greetingFor(draft) : undefined;
  return {
    formId: form.id,
    namespace: form.namespace,
    style: form.style,
    forParent: !isChildsOwn(form),
    bookletTitle,
    pageTitle: t(`${form.namespace}:title`, { bookletTitle }),
    started: Boolean(draft && Object.keys(draft.answers).length > 0),
    greeting: greeting
      ? {
          ...greeting,
          reviewDate: formatDay(greeting.reviewDate, language, "full"),
        }
      : undefined,
  };
}

/** "Start" (or "Carry on"): makes the draft if there is none, then goes to the right page. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = formOrNotFound(params.formId);
  await readCheckedForm(request, context);
  const token = draftTokenOf(request, context, form.id);
  const existing = await findDraft(context.organisation.id, form.id, token);
  if (existing && token) throw redirect(carryOnPath(form, existing, context.organisation));
  if (form.invitationOnly) throw notFound();
  if (await overFormLimits("start", context)) throw tooManyForms();
  const { draft, token: newToken } = await startDraft({
    organisationId: context.organisation.id,
    form,
    language: await getLanguage(request),
  });
  const first = visiblePages(form, draft.answers, { invited: false })[0]!;
  throw redirect(`/forms/${form.id}/${first.id}`, {
    headers: { "Set-Cookie": draftCookie(context, form.id, newToken) },
  });
}

export default function FormStart() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const ns = data.namespace;
  return (
    <div className={`narrow form-style-${data.style}`}>
      {data.style !== "standard" ? <Picture name="me" /> : null}
      <h1 className="heading-xl">{data.pageTitle}</h1>
      {data.greeting && data.forParent ? (
        // A parent's or carer's paper is about the child, not addressed to them.
        <div className="greeting">
          <p className="body-l">
            {t("forms:start.aboutChild", {
              name: data.greeting.childName,
              date: data.greeting.reviewDate,
              iroName: data.greeting.iroName,
            })}
          </p>
        </div>
      ) : data.greeting ? (
        <div className="greeting">
          <p className="body-l">{t("forms:start.hello", { name: data.greeting.childName })}</p>
          <p>
            {t("forms:start.yourReview", {
              date: data.greeting.reviewDate,
              iroName: data.greeting.iroName,
            })}
          </p>
        </div>
      ) : null}
      <p className="body-l">{t(`${ns}:start.lead`)}</p>
      <p>{t(`${ns}:start.help`)}</p>
      <p>{t("forms:start.saveLater")}</p>
      <Form method="post">
        <CsrfField />
        <button type="submit" className="button button--start">
          {data.started ? t("forms:start.carryOn") : t("forms:start.start")}
        </button>
      </Form>
      <p>
        <a href="/code">{t("forms:start.haveCode")}</a>
      </p>
    </div>
  );
}
