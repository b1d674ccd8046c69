// An IRO's own reviews: a form to record one they chaired (its day, and how the child took part),
// then the reviews they have recorded, a page at a time. A review recorded by mistake can be
// removed on the day it was recorded. Plain form posts: it all works with JavaScript off.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { useDates } from "#app/components/dates";
import {
  Choices,
  DateInput,
  ErrorSummary,
  Notice,
  useTranslatedErrors,
} from "#app/components/fields";
import { Pagination } from "#app/components/pagination";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { NotAllowedError } from "#app/models/inbox.server";
import {
  deleteOwnReview,
  InvalidReviewError,
  listOwnReviews,
  recordReview,
  reviewDayProblem,
} from "#app/models/review-record.server";
import { isParticipationCategory, PARTICIPATION_CATEGORIES } from "#app/summaries/participation";
import { londonDateOf } from "#app/utils/dates";
import {
  fieldErrorsOf,
  formErrors,
  textOf,
  typedDate,
  type FieldErrors,
} from "#app/web/forms.server";
import { forbidden } from "#app/web/refusals.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "reviews:record.title", area: "staff" };

const PATH = "/staff/reviews";
const error = (name: string) => `reviews:record.errors.${name}`;

/**
 * What the IRO typed, checked: the day (three boxes) a real one from 2000 to today, and one of the
 * six categories. The day's limits are the model's, so the form and the model never disagree.
 */
function reviewForm(today: string) {
  return z.object({
    heldOn: typedDate("reviews:record.errors", (iso) => reviewDayProblem(iso, today)),
    participation: z
      .string()
      .refine((text) => /^[1-6]$/.test(text), error("participation"))
      .transform(Number),
  });
}

type Values = { day: string; month: string; year: string; participation: string };
const NOTHING_TYPED: Values = { day: "", month: "", year: "", participation: "" };

/** The error summary lists problems in the order of the fields on the page. */
const FIELD_ORDER = ["heldOn", "participation", "list"];
const ordered = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b)),
  );

/** What the banner after a post says: read back from the address, and only if it makes sense. */
function doneFrom(params: URLSearchParams) {
  const done = params.get("done");
  if (done === "removed") return { kind: "removed" as const };
  const on = params.get("on") ?? "";
  const category = Number(params.get("category"));
  if (done === "recorded" && /^\d{4}-\d{2}-\d{2}$/.test(on) && isParticipationCategory(category))
    return { kind: "recorded" as const, on, category };
  return null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "review:record");
  const params = new URL(request.url).searchParams;
  const found = await listOwnReviews({
    organisationId: context.organisation.id,
    staff,
    page: Number(params.get("page") ?? "1"),
  });
  return {
    today: londonDateOf(new Date()),
    done: doneFrom(params),
    page: found.page,
    pages: found.pages,
    total: found.total,
    reviews: found.rows.map((row) => ({
      id: row.id,
      heldOn: row.heldOn,
      participation: row.participation,
      recordedAt: row.createdAt.toISOString(),
      removable: row.removable,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "review:record");
  const scope = {
    organisationId: context.organisation.id,
    staff,
    clientAddress: context.clientAddress,
  };
  try {
    if (textOf(form, "intent") === "remove") {
      const removed = await deleteOwnReview({ ...scope, reviewId: textOf(form, "reviewId") });
      if (!removed) {
        return formErrors(context, {
          errors: { list: error("notRemoved") },
          values: NOTHING_TYPED,
        });
      }
      throw redirect(`${PATH}?done=removed`);
    }
    const values: Values = {
      day: textOf(form, "heldOn-day"),
      month: textOf(form, "heldOn-month"),
      year: textOf(form, "heldOn-year"),
      participation: textOf(form, "participation"),
    };
    const parsed = reviewForm(londonDateOf(new Date())).safeParse({
      heldOn: { day: values.day, month: values.month, year: values.year },
      participation: values.participation,
    });
    if (!parsed.success) {
      return formErrors(context, { errors: ordered(fieldErrorsOf(parsed.error)), values });
    }
    try {
      await recordReview({ ...scope, ...parsed.data });
    } catch (problem) {
      // The day turned while the form was open, or a form made elsewhere: said as the form says it.
      if (!(problem instanceof InvalidReviewError)) throw problem;
      const field = problem.problem === "participation" ? "participation" : "heldOn";
      return formErrors(context, { errors: { [field]: error(problem.problem) }, values });
    }
    const done = new URLSearchParams({
      done: "recorded",
      on: parsed.data.heldOn,
      category: String(parsed.data.participation),
    });
    throw redirect(`${PATH}?${done}`);
  } catch (problem) {
    if (problem instanceof NotAllowedError) throw forbidden();
    throw problem;
  }
}

export default function Reviews() {
  const { t } = useTranslation();
  const dates = useDates();
  const { today, done, page, pages, total, reviews } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const values = result?.values;
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  return (
    <>
      <ErrorSummary errors={errors} />
      {done?.kind === "recorded" ? (
        <Notice title={t("reviews:record.recorded")}>
          <p>
            {t("reviews:record.recordedText", {
              date: dates.day(done.on, "full"),
              category: t(`reviews:categories.${done.category}`),
            })}
          </p>
        </Notice>
      ) : null}
      {done?.kind === "removed" ? <Notice title={t("reviews:record.removed")} /> : null}
      <PageHeading>{t("reviews:record.title")}</PageHeading>
      <p className="body-l">{t("reviews:record.intro")}</p>

      <section className="narrow" aria-labelledby="record-heading">
        <h2 className="heading-m" id="record-heading">
          {t("reviews:record.formHeading")}
        </h2>
        <Form method="post" noValidate>
          <CsrfField />
          <DateInput
            name="heldOn"
            legend={t("reviews:record.heldOn")}
            hint={t("reviews:record.heldOnHint", { example: `${day} ${month} ${year}` })}
            error={errors?.heldOn}
            values={[values?.day ?? "", values?.month ?? "", values?.year ?? ""]}
          />
          <Choices
            type="radio"
            name="participation"
            legend={t("reviews:record.participation")}
            hint={t("reviews:record.participationHint")}
            error={errors?.participation}
            checked={values?.participation ? [values.participation] : []}
            options={PARTICIPATION_CATEGORIES.map((category) => ({
              value: String(category),
              label: t(`reviews:categories.${category}`),
            }))}
          />
          <button type="submit" className="button">
            {t("reviews:record.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="field-list">
        <h2 className="heading-m" id="field-list">
          {t("reviews:record.listHeading")}
        </h2>
        {errors?.list ? (
          <p className="field-error">
            <span className="visually-hidden">{t("common:form.errorLabel")}</span> {errors.list}
          </p>
        ) : null}
        {total > 0 ? <p>{t("reviews:record.total", { count: total })}</p> : null}
        {reviews.some((review) => review.removable) ? (
          <p className="hint">{t("reviews:record.removeHint")}</p>
        ) : null}
        <StaffTable
          caption={t("reviews:record.caption")}
          empty={t("reviews:record.empty")}
          rows={reviews}
          rowKey={(review) => review.id}
          columns={[
            {
              heading: t("reviews:record.heldOnColumn"),
              rowHeader: true,
              cell: (review) => <time dateTime={review.heldOn}>{dates.day(review.heldOn)}</time>,
            },
            {
              heading: t("reviews:record.participationColumn"),
              cell: (review) => t(`reviews:categories.${review.participation}`),
            },
            {
              heading: t("reviews:record.recordedColumn"),
              cell: (review) => (
                <time dateTime={review.recordedAt}>{dates.moment(review.recordedAt)}</time>
              ),
            },
            {
              heading: t("reviews:record.mistakeColumn"),
              cell: (review) =>
                review.removable ? (
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="reviewId" value={review.id} />
                    {/* Named in full for a screen reader (a span hidden inside a table that
                        scrolls sideways would widen the page). */}
                    <button
                      type="submit"
                      className="button button--secondary"
                      aria-label={t("reviews:record.removeLabel", {
                        date: dates.day(review.heldOn),
                      })}
                    >
                      {t("reviews:record.remove")}
                    </button>
                  </Form>
                ) : null,
            },
          ]}
        />
        <Pagination page={page} pages={pages} />
      </section>
    </>
  );
}
