import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { AnswerList } from "#app/components/form-question";
import { CsrfField } from "#app/components/csrf-field";
import { Choices, ErrorSummary, Notice, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { questionWithRole } from "#app/forms/answer-roles";
import { findForm } from "#app/forms/registry";
import type { Answers, FormDefinition } from "#app/forms/types";
import type { PortalHandle } from "#app/handle";
import { translatorFor } from "#app/i18n.server";
import { inboxDestination } from "#app/destinations/registry";
import {
  allocate,
  listAllocationTargets,
  NotAllowedError,
  openSubmission,
} from "#app/models/inbox.server";
import {
  hasParticipation,
  PARTICIPATING_CATEGORIES,
  PARTICIPATION_CATEGORIES,
  recordParticipation,
} from "#app/models/participation.server";
import { can } from "#app/models/permissions";
import { formErrors, textOf } from "#app/web/forms.server";
import { localised } from "#app/utils/localised";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import { UrgentBanner } from "#app/components/staff";
import { SummaryRow } from "#app/components/summary";
import { badRequest, notFound } from "#app/web/refusals.server";
import { refusedItem } from "#app/web/refusal-audit.server";

// One item of a destination read in the one inbox: its reader sees the answers and the
// destination's panels; a manager of the shared inbox sees who it is from and allocates it.
export const handle: PortalHandle = { area: "staff" };

function destinationOf(params: LoaderFunctionArgs["params"]) {
  const destination = inboxDestination(params.destination);
  if (!destination) throw notFound();
  return destination;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  const destination = destinationOf(params);
  // The model decides who may see it; anyone else gets "not found", whether or not it exists.
  const item = await openSubmission({
    organisationId: context.organisation.id,
    staff,
    destination,
    submissionId: params.id ?? "",
    clientAddress: context.clientAddress,
  });
  if (!item)
    throw await refusedItem(request, context, staff, { type: "submission", id: params.id });
  const mayAllocate =
    item.access === "shared-inbox" &&
    destination.allocate !== null &&
    can(staff.roles, destination.allocate);
  const { t, language } = await translatorFor(request);
  const words = destination.inbox.itemWords;
  const name = item.senderName ?? t(`${destination.inbox.words}.noName`);
  return {
    pageTitle: t(`${words}.heading`, { name }),
    words,
    inboxWords: destination.inbox.words,
    path: destination.staffPath,
    participation:
      item.access === "recipient" &&
      hasParticipation(destination, { id: item.formId, version: item.formVersion }),
    item: {
      id: item.id,
      reference: item.reference,
      formId: item.formId,
      formVersion: item.formVersion,
      language: item.language,
      senderName: item.senderName,
      namedWorker: item.namedWorker,
      submittedAt: item.submittedAt.toISOString(),
      urgent: item.urgent,
      urgentMatches: item.urgentMatches,
      mayAlsoSee: item.mayAlsoSee,
      invited: item.invited,
      reviewDate: item.reviewDate,
      participation: item.participation,
      access: item.access,
      answers: item.answers as Answers | null,
    },
    bookletTitle: localised(context.organisation.bookletTitle, language),
    readers: mayAllocate ? await listAllocationTargets(context.organisation.id, destination) : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context);
  const destination = destinationOf(params);
  const submissionId = params.id ?? "";
  const scope = {
    organisationId: context.organisation.id,
    staff,
    destination,
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
          values: { category, readerStaffUserId: "" },
        });
      }
      const recorded = await recordParticipation({ ...scope, category: Number(category) });
      if (!recorded) throw await refused();
      throw redirect(`${destination.staffPath}/${submissionId}?saved=participation`);
    }
    if (intent === "allocate") {
      const words = destination.inbox.itemWords;
      const readerStaffUserId = textOf(form, "readerStaffUserId");
      if (!readerStaffUserId) {
        return formErrors(context, {
          errors: { readerStaffUserId: `${words}.allocate.errors.missing` },
          values: { category: "", readerStaffUserId },
        });
      }
      const result = await allocate({ ...scope, toStaffUserId: readerStaffUserId });
      if (result.status === "not-found") throw await refused();
      if (result.status === "not-a-reader") {
        return formErrors(context, {
          errors: { readerStaffUserId: `${words}.allocate.errors.notAnIro` },
          values: { category: "", readerStaffUserId },
        });
      }
      // The notice is chosen by key: nothing from the address is ever printed on the page.
      throw redirect(`${destination.staffPath}?box=shared&done=allocated`);
    }
  } catch (error) {
    // Not theirs to change: the same answer as a item that does not exist.
    if (error instanceof NotAllowedError) throw await refused();
    throw error;
  }
  throw badRequest();
}

/**
 * Who the sender said may see the answers, in the words of the form's own options; null for a
 * form that never asked (a parent's paper).
 */
function useSharing(form: FormDefinition | undefined, chosen: string[]) {
  const { t } = useTranslation();
  const question = form && questionWithRole(form, "may-also-see");
  if (!form || question?.kind !== "multiple") return null;
  const others = chosen.filter((value) => value !== question.exclusive);
  const label = (value: string) => t(`${form.namespace}:questions.${question.id}.options.${value}`);
  return { onlyReader: others.length === 0, others: others.map(label) };
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
  words,
  readers,
  current,
  error,
}: {
  words: string;
  readers: { id: string; name: string }[];
  current: string | undefined;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = "field-readerStaffUserId";
  return (
    <Form method="post" className="no-print" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="allocate" />
      <h2 className="heading-m">{t(`${words}.allocate.title`)}</h2>
      <div className={`form-group${error ? " form-group--error" : ""}`}>
        <label className="label" htmlFor={id}>
          {t(`${words}.allocate.label`)}
        </label>
        <p id={`${id}-hint`} className="hint">
          {t(`${words}.allocate.hint`)}
        </p>
        {error ? (
          <p id={`${id}-error`} className="field-error">
            <span className="visually-hidden">{t("common:form.errorLabel")}</span> {error}
          </p>
        ) : null}
        <select
          id={id}
          name="readerStaffUserId"
          className={`input input--medium${error ? " input--error" : ""}`}
          defaultValue={current ?? ""}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
        >
          <option value="">{t(`${words}.allocate.choose`)}</option>
          {readers.map((reader) => (
            <option key={reader.id} value={reader.id}>
              {reader.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t(`${words}.allocate.submit`)}
      </button>
    </Form>
  );
}

export default function InboxItem() {
  const { t } = useTranslation();
  const { item, bookletTitle, readers, words, inboxWords, path, participation } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const format = useDates();
  const form = findForm(item.formId, item.formVersion);
  const sharing = useSharing(form, item.mayAlsoSee);
  const name = item.senderName ?? t(`${inboxWords}.noName`);
  const formTitle = form
    ? t(`${form.namespace}:title`, { bookletTitle })
    : t(`${inboxWords}.unknownForm`);
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("saved") === "participation" ? (
        <Notice title={t("inbox:participation.saved")} />
      ) : null}
      <PageHeading>{t(`${words}.heading`, { name })}</PageHeading>

      {item.urgent ? (
        <UrgentBanner
          title={t(`${words}.urgentTitle`)}
          text={t(`${words}.urgentText`)}
          matchesIntro={t(`${words}.urgentMatches`)}
          matches={item.urgentMatches}
          language={item.language}
        />
      ) : null}

      {sharing ? (
        <div className="sharing-panel">
          {sharing.onlyReader ? (
            <p className="sharing-panel__text">{t(`${words}.onlyIro`, { name })}</p>
          ) : (
            <>
              <p className="sharing-panel__text">{t(`${words}.alsoSee`, { name })}</p>
              <ul className="list list--bullet">
                {sharing.others.map((who) => (
                  <li key={who}>{who}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}

      <dl className="summary-list">
        <SummaryRow label={t(`${words}.from`)}>{name}</SummaryRow>
        <SummaryRow label={t(`${words}.reference`)}>
          <span dir="ltr">{item.reference}</span>
        </SummaryRow>
        <SummaryRow label={t(`${words}.form`)}>{formTitle}</SummaryRow>
        <SummaryRow label={t(`${words}.sent`)}>
          <time dateTime={item.submittedAt}>{format.moment(item.submittedAt, "long")}</time>
        </SummaryRow>
        <SummaryRow label={t(`${words}.reviewDate`)}>
          {item.reviewDate ? (
            <time dateTime={item.reviewDate}>{format.day(item.reviewDate, "full")}</time>
          ) : (
            t(`${inboxWords}.noReviewDate`)
          )}
        </SummaryRow>
        {item.namedWorker ? (
          <SummaryRow label={t(`${words}.namedWorker`)}>{item.namedWorker}</SummaryRow>
        ) : null}
      </dl>

      {item.access === "recipient" && item.answers ? (
        <>
          <h2 className="heading-m">{t(`${words}.answers`)}</h2>
          {form ? (
            <AnswerList
              form={form}
              answers={item.answers}
              invited={item.invited}
              writtenIn={item.language}
            />
          ) : (
            <p>{t(`${words}.unknownForm`)}</p>
          )}
          {participation ? (
            <ParticipationForm
              name={name}
              current={result?.values.category || (item.participation?.toString() ?? undefined)}
              error={errors?.category}
            />
          ) : null}
        </>
      ) : (
        <>
          <p>{t(`${words}.answersHidden`, { name })}</p>
          {readers ? (
            <AllocationForm
              words={words}
              readers={readers}
              current={result?.values.readerStaffUserId}
              error={errors?.readerStaffUserId}
            />
          ) : null}
        </>
      )}
      <p className="no-print">
        <Link to={item.access === "recipient" ? path : `${path}?box=shared`}>
          {t(`${words}.back`)}
        </Link>
      </p>
    </>
  );
}
