import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { AnswerList } from "#app/components/form-question";
import { CsrfField } from "#app/components/csrf-field";
import { Choices, ErrorSummary, Notice, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { findForm } from "#app/forms/registry";
import type { Answers, FormDefinition } from "#app/forms/types";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import {
  allocateToIro,
  listIros,
  NotAllowedError,
  openSubmission,
  PARTICIPATING_CATEGORIES,
  PARTICIPATION_CATEGORIES,
  recordParticipation,
} from "#app/models/inbox.server";
import { can } from "#app/models/permissions";
import { formErrors, textOf } from "#app/utils/forms.server";
import { localised } from "#app/utils/localised";
import { readStaffForm, requireStaff } from "#app/utils/staff-auth.server";
import { UrgentBanner } from "#app/components/staff";
import { badRequest } from "#app/utils/refusals.server";
import { refusedItem } from "#app/utils/refusal-audit.server";

export const handle: PortalHandle = { titleKey: "inbox:booklet.title", area: "staff" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  // The model decides who may see it; anyone else gets "not found", whether or not it exists.
  const booklet = await openSubmission({
    organisationId: context.organisation.id,
    staff,
    submissionId: params.id ?? "",
    clientAddress: context.clientAddress,
  });
  if (!booklet)
    throw await refusedItem(request, context, staff, { type: "submission", id: params.id });
  const mayAllocate = booklet.access === "shared-inbox" && can(staff.roles, "booklet:allocate");
  const language = await getLanguage(request);
  return {
    booklet: {
      id: booklet.id,
      reference: booklet.reference,
      formId: booklet.formId,
      formVersion: booklet.formVersion,
      language: booklet.language,
      senderName: booklet.senderName,
      namedWorker: booklet.namedWorker,
      submittedAt: booklet.submittedAt.toISOString(),
      urgent: booklet.urgent,
      urgentMatches: booklet.urgentMatches,
      mayAlsoSee: booklet.mayAlsoSee,
      invited: booklet.invited,
      reviewDate: booklet.reviewDate,
      participation: booklet.participation,
      access: booklet.access,
      answers: booklet.answers as Answers | null,
    },
    bookletTitle: localised(context.organisation.bookletTitle, language),
    iros: mayAllocate ? await listIros(context.organisation.id) : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context);
  const submissionId = params.id ?? "";
  const scope = {
    organisationId: context.organisation.id,
    staff,
    submissionId,
    clientAddress: context.clientAddress,
  };
  const refused = () =>
    refusedItem(request, context, staff, { type: "submission", id: submissionId });
  const intent = textOf(form, "intent");
  try {
    if (intent === "participation") {
      const category = textOf(form, "category");
      if (!/^[1-6]$/.test(category)) {
        return formErrors(context, {
          errors: { category: "inbox:participation.errors.missing" },
          values: { category, iroStaffUserId: "" },
        });
      }
      const recorded = await recordParticipation({ ...scope, category: Number(category) });
      if (!recorded) throw await refused();
      throw redirect(`/staff/booklets/${submissionId}?saved=participation`);
    }
    if (intent === "allocate") {
      const iroStaffUserId = textOf(form, "iroStaffUserId");
      if (!iroStaffUserId) {
        return formErrors(context, {
          errors: { iroStaffUserId: "inbox:booklet.allocate.errors.missing" },
          values: { category: "", iroStaffUserId },
        });
      }
      const result = await allocateToIro({ ...scope, iroStaffUserId });
      if (result.status === "not-found") throw await refused();
      if (result.status === "not-an-iro") {
        return formErrors(context, {
          errors: { iroStaffUserId: "inbox:booklet.allocate.errors.notAnIro" },
          values: { category: "", iroStaffUserId },
        });
      }
      // The notice is chosen by key: nothing from the address is ever printed on the page.
      throw redirect("/staff/booklets?box=shared&done=allocated");
    }
  } catch (error) {
    // Not theirs to change: the same answer as a booklet that does not exist.
    if (error instanceof NotAllowedError) throw await refused();
    throw error;
  }
  throw badRequest();
}

/** Who the child said may see the answers, in the words of the form's own options. */
function useSharing(form: FormDefinition | undefined, chosen: string[]) {
  const { t } = useTranslation();
  const question = form?.pages
    .flatMap((page) => page.questions)
    .find((q) => q.kind === "multiple" && q.role === "may-also-see");
  const exclusive = question?.kind === "multiple" ? question.exclusive : undefined;
  const others = chosen.filter((value) => value !== exclusive);
  const label = (value: string) =>
    form && question
      ? t(`${form.namespace}:questions.${question.id}.options.${value}`, { defaultValue: value })
      : value;
  return { onlyIro: others.length === 0, others: others.map(label) };
}

function ParticipationForm({
  name,
  current,
  error,
}: {
  name: string;
  current: string | undefined;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="no-print" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="participation" />
      <Choices
        type="radio"
        name="category"
        legend={t("inbox:participation.legend", { name })}
        hint={t("inbox:participation.hint", { categories: PARTICIPATING_CATEGORIES.join(", ") })}
        error={error}
        options={PARTICIPATION_CATEGORIES.map((category) => ({
          value: String(category),
          label: t(`inbox:participation.categories.${category}`),
        }))}
        checked={current ? [current] : []}
      />
      <button type="submit" className="button">
        {t("inbox:participation.submit")}
      </button>
    </Form>
  );
}

function AllocationForm({
  iros,
  current,
  error,
}: {
  iros: { id: string; name: string }[];
  current: string | undefined;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = "field-iroStaffUserId";
  return (
    <Form method="post" className="no-print" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="allocate" />
      <h2 className="heading-m">{t("inbox:booklet.allocate.title")}</h2>
      <div className={`form-group${error ? " form-group--error" : ""}`}>
        <label className="label" htmlFor={id}>
          {t("inbox:booklet.allocate.label")}
        </label>
        <p id={`${id}-hint`} className="hint">
          {t("inbox:booklet.allocate.hint")}
        </p>
        {error ? (
          <p id={`${id}-error`} className="field-error">
            <span className="visually-hidden">{t("common:form.errorLabel")}</span> {error}
          </p>
        ) : null}
        <select
          id={id}
          name="iroStaffUserId"
          className={`input input--medium${error ? " input--error" : ""}`}
          defaultValue={current ?? ""}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
        >
          <option value="">{t("inbox:booklet.allocate.choose")}</option>
          {iros.map((iro) => (
            <option key={iro.id} value={iro.id}>
              {iro.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t("inbox:booklet.allocate.submit")}
      </button>
    </Form>
  );
}

export default function BookletPage() {
  const { t } = useTranslation();
  const { booklet, bookletTitle, iros } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const format = useDates();
  const form = findForm(booklet.formId, booklet.formVersion);
  const sharing = useSharing(form, booklet.mayAlsoSee);
  const name = booklet.senderName ?? t("inbox:inbox.noName");
  const formTitle = form
    ? t(`${form.namespace}:title`, { bookletTitle, defaultValue: booklet.formId })
    : booklet.formId;
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("saved") === "participation" ? (
        <Notice title={t("inbox:participation.saved")} />
      ) : null}
      <PageHeading>{t("inbox:booklet.heading", { name })}</PageHeading>

      {booklet.urgent ? (
        <UrgentBanner
          title={t("inbox:booklet.urgentTitle")}
          text={t("inbox:booklet.urgentText")}
          matchesIntro={t("inbox:booklet.urgentMatches")}
          matches={booklet.urgentMatches}
          language={booklet.language}
        />
      ) : null}

      <div className="sharing-panel">
        {sharing.onlyIro ? (
          <p className="sharing-panel__text">{t("inbox:booklet.onlyIro", { name })}</p>
        ) : (
          <>
            <p className="sharing-panel__text">{t("inbox:booklet.alsoSee", { name })}</p>
            <ul className="list list--bullet">
              {sharing.others.map((who) => (
                <li key={who}>{who}</li>
              ))}
            </ul>
          </>
        )}
      </div>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:booklet.from")}</dt>
          <dd className="summary-list__value">{name}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:booklet.reference")}</dt>
          <dd className="summary-list__value" dir="ltr">
            {booklet.reference}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:booklet.form")}</dt>
          <dd className="summary-list__value">{formTitle}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:booklet.sent")}</dt>
          <dd className="summary-list__value">
            <time dateTime={booklet.submittedAt}>{format.moment(booklet.submittedAt, "long")}</time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:booklet.reviewDate")}</dt>
          <dd className="summary-list__value">
            {booklet.reviewDate ? (
              <time dateTime={booklet.reviewDate}>{format.day(booklet.reviewDate, "full")}</time>
            ) : (
              t("inbox:inbox.noReviewDate")
            )}
          </dd>
        </div>
        {booklet.namedWorker ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t("inbox:booklet.namedWorker")}</dt>
            <dd className="summary-list__value">{booklet.namedWorker}</dd>
          </div>
        ) : null}
      </dl>

      {booklet.access === "recipient" && booklet.answers ? (
        <>
          <h2 className="heading-m">{t("inbox:booklet.answers")}</h2>
          {form ? (
            <AnswerList
              form={form}
              answers={booklet.answers}
              invited={booklet.invited}
              writtenIn={booklet.language}
            />
          ) : (
            <p>{t("inbox:booklet.unknownForm")}</p>
          )}
          <ParticipationForm
            name={name}
            current={result?.values.category || (booklet.participation?.toString() ?? undefined)}
            error={errors?.category}
          />
        </>
      ) : (
        <>
          <p>{t("inbox:booklet.answersHidden", { name })}</p>
          {iros ? (
            <AllocationForm
              iros={iros}
              current={result?.values.iroStaffUserId}
              error={errors?.iroStaffUserId}
            />
          ) : null}
        </>
      )}
      <p className="no-print">
        <Link
          to={booklet.access === "recipient" ? "/staff/booklets" : "/staff/booklets?box=shared"}
        >
          {t("inbox:booklet.back")}
        </Link>
      </p>
    </>
  );
}
