import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import {
  Choices,
  DateInput,
  ErrorSummary,
  TextInput,
  useTranslatedErrors,
} from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { AFTER_REVIEW_FORMS, REVIEW_FORMS, suggestedBookletFor } from "#app/forms/registry";
import type { PortalHandle } from "#app/handle";
import { createInvitation } from "#app/models/invitation.server";
import { invitationPath, issuedSecretsCookie } from "#app/web/own-invitation.server";
import { fieldErrorsOf, formErrors, textOf, type FieldErrors } from "#app/web/forms.server";
import { plainText } from "#app/utils/plain-text";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import { addDays, londonDateOf } from "#app/utils/dates";
import { isoDateOf } from "#app/forms/engine";
import { LANGUAGES } from "#db/schema/constants";

export const handle: PortalHandle = { titleKey: "inbox:invitations.new.title", area: "staff" };

const error = (name: string) => `inbox:invitations.new.errors.${name}`;

const MIN_AGE = 4;
const MAX_AGE = 18;
const MAX_NAME = 60;

/** Today in the UK, and the same day a year on: a review date must fall between them. */
function dateLimits(now = new Date()) {
  const today = londonDateOf(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const inAYear = new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
  return { today, inAYear };
}

const wholeNumber = (text: string) => (/^\d{1,4}$/.test(text) ? Number(text) : NaN);

/** Day, month and year boxes as a real calendar date between today and a year from now. */
const ReviewDate = z
  .object({ day: z.string(), month: z.string(), year: z.string() })
  .transform((parts, ctx) => {
    const day = parts.day.trim();
    const month = parts.month.trim();
    const year = parts.year.trim();
    if (!day && !month && !year) {
      ctx.addIssue({ code: "custom", message: error("reviewDateMissing") });
      return z.NEVER;
    }
    if (!day || !month || !year) {
      ctx.addIssue({ code: "custom", message: error("reviewDateIncomplete") });
      return z.NEVER;
    }
    const iso = isoDateOf([day, month, year]);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: error("reviewDateInvalid") });
      return z.NEVER;
    }
    const { inAYear } = dateLimits();
    if (iso > inAYear) {
      ctx.addIssue({ code: "custom", message: error("reviewDateTooFar") });
      return z.NEVER;
    }
    return iso;
  });

// The child booklets, the paper for the child's parent or carer, and "after your review".
const bookletIds = [...REVIEW_FORMS, ...AFTER_REVIEW_FORMS].map((form) => form.id);
const afterTheReview = new Set(AFTER_REVIEW_FORMS.map((form) => form.id));
/** "After your review" can be sent for a review up to this many days ago. */
const AFTER_REVIEW_DAYS_BACK = 60;

const NewInvitationForm = z
  .object({
    childName: plainText()
      .trim()
      .min(1, error("childNameMissing"))
      .max(MAX_NAME, error("childNameTooLong")),
    age: z
      .string()
      .trim()
      .refine((text) => {
        if (text === "") return true;
        const age = wholeNumber(text);
        return age >= MIN_AGE && age <= MAX_AGE;
      }, error("ageInvalid"))
      .transform((text) => (text === "" ? undefined : wholeNumber(text))),
    formId: z
      .string()
      .refine((id) => id === "" || bookletIds.includes(id), error("bookletMissing")),
    language: z.enum(LANGUAGES, error("languageMissing")),
    reviewDate: ReviewDate,
  })
  .superRefine((data, ctx) => {
    // A booklet is for a review to come; "after your review" for one that has happened.
    const { today } = dateLimits();
    const problem = afterTheReview.has(data.formId)
      ? data.reviewDate > today
        ? "reviewDateFuture"
        : data.reviewDate < addDays(today, -AFTER_REVIEW_DAYS_BACK)
          ? "reviewDateLongAgo"
          : null
      : data.reviewDate < today
        ? "reviewDatePast"
        : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["reviewDate"], message: error(problem) });
  });

type Values = {
  childName: string;
  age: string;
  formId: string;
  language: string;
  day: string;
  month: string;
  year: string;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "invitation:create");
  const { today } = dateLimits();
  return { booklets: bookletIds, today };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "invitation:create");
  const values: Values = {
    childName: textOf(form, "childName"),
    age: textOf(form, "age"),
    formId: textOf(form, "formId"),
    language: textOf(form, "language"),
    day: textOf(form, "reviewDate-day"),
    month: textOf(form, "reviewDate-month"),
    year: textOf(form, "reviewDate-year"),
  };
  const parsed = NewInvitationForm.safeParse({
    ...values,
    reviewDate: { day: values.day, month: values.month, year: values.year },
  });
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // With no version chosen, the child's age chooses it; with neither, ask.
  if (!values.formId && !errors.formId && !errors.age && values.age.trim() === "") {
    errors.formId = error("bookletMissing");
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    return formErrors(context, { errors: ordered(errors), values });
  }
  const { childName, language, reviewDate } = parsed.data;
  const formId = parsed.data.formId || suggestedBookletFor(parsed.data.age ?? MAX_AGE);
  const { invitation, linkToken, code } = await createInvitation({
    organisationId: context.organisation.id,
    invitedBy: staff.id,
    childName,
    formId,
    language,
    eventDate: reviewDate,
    createdBy: staff.id,
    clientAddress: context.clientAddress,
  });
  throw redirect(invitationPath(invitation.id), {
    headers: {
      "Set-Cookie": issuedSecretsCookie({
        production: context.production,
        invitationId: invitation.id,
        staffUserId: staff.id,
        secrets: { linkToken, code },
      }),
    },
  });
}

const FIELD_ORDER = ["childName", "age", "formId", "language", "reviewDate"];

/** The error summary lists problems in the order of the fields on the page. */
function ordered(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b)),
  );
}

export default function NewInvitation() {
  const { t } = useTranslation();
  const { booklets, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors, {
    days: AFTER_REVIEW_DAYS_BACK,
    min: MIN_AGE,
    max: MAX_AGE,
    maxName: MAX_NAME,
  });
  const values = result?.values;
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const example = new Date(Date.UTC(y, m, Math.min(d, 28)));
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("inbox:invitations.new.title")}</PageHeading>
      <p className="body-l">{t("inbox:invitations.new.intro")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="childName"
          label={t("inbox:invitations.new.childName")}
          hint={t("inbox:invitations.new.childNameHint")}
          autoComplete="off"
          spellCheck={false}
          width="medium"
          defaultValue={values?.childName}
          error={errors?.childName}
        />
        <TextInput
          name="age"
          label={t("inbox:invitations.new.age")}
          hint={t("inbox:invitations.new.ageHint")}
          autoComplete="off"
          width="medium"
          defaultValue={values?.age}
          error={errors?.age}
        />
        <Choices
          type="radio"
          name="formId"
          legend={t("inbox:invitations.new.booklet")}
          hint={t("inbox:invitations.new.bookletHint")}
          error={errors?.formId}
          checked={values?.formId ? [values.formId] : []}
          options={booklets.map((id) => ({
            value: id,
            label: t(`inbox:invitations.booklets.${id}.name`, { defaultValue: id }),
            hint: t(`inbox:invitations.booklets.${id}.hint`, { defaultValue: "" }) || undefined,
          }))}
        />
        <Choices
          type="radio"
          name="language"
          legend={t("inbox:invitations.new.language")}
          hint={t("inbox:invitations.new.languageHint")}
          error={errors?.language}
          checked={[values?.language ?? "en"]}
          options={LANGUAGES.map((language) => ({
            value: language,
            label: t("common:language.nativeName", { lng: language }),
            lang: language,
          }))}
        />
        <DateInput
          name="reviewDate"
          legend={t("inbox:invitations.new.reviewDate")}
          hint={t("inbox:invitations.new.reviewDateHint", {
            example: `${example.getUTCDate()} ${example.getUTCMonth() + 1} ${example.getUTCFullYear()}`,
          })}
          error={errors?.reviewDate}
          values={[values?.day ?? "", values?.month ?? "", values?.year ?? ""]}
        />
        <button type="submit" className="button">
          {t("inbox:invitations.new.submit")}
        </button>
      </Form>
    </div>
  );
}
