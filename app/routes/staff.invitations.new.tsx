import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { CHILD_BOOKLETS, suggestedBookletFor } from "#app/forms/registry";
import type { PortalHandle } from "#app/handle";
import { directionOf } from "#app/i18n";
import {
  createInvitation,
  invitationPath,
  issuedSecretsCookie,
} from "#app/models/invitation.server";
import { fieldErrorsOf, formErrors, textOf, type FieldErrors } from "#app/utils/forms.server";
import { readStaffForm, requireStaff } from "#app/utils/staff-auth.server";
import { londonDateOf } from "#app/utils/working-days";
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
    const [d, m, y] = [wholeNumber(day), wholeNumber(month), wholeNumber(year)];
    const date = new Date(Date.UTC(y, m - 1, d));
    const valid =
      year.length === 4 &&
      !Number.isNaN(date.getTime()) &&
      date.getUTCFullYear() === y &&
      date.getUTCMonth() === m - 1 &&
      date.getUTCDate() === d;
    if (!valid) {
      ctx.addIssue({ code: "custom", message: error("reviewDateInvalid") });
      return z.NEVER;
    }
    const iso = date.toISOString().slice(0, 10);
    const { today, inAYear } = dateLimits();
    if (iso < today) {
      ctx.addIssue({ code: "custom", message: error("reviewDatePast") });
      return z.NEVER;
    }
    if (iso > inAYear) {
      ctx.addIssue({ code: "custom", message: error("reviewDateTooFar") });
      return z.NEVER;
    }
    return iso;
  });

const bookletIds = CHILD_BOOKLETS.map((form) => form.id);

const NewInvitationForm = z.object({
  childName: z
    .string()
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
  formId: z.string().refine((id) => id === "" || bookletIds.includes(id), error("bookletMissing")),
  language: z.enum(LANGUAGES, error("languageMissing")),
  reviewDate: ReviewDate,
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
    iroStaffUserId: staff.id,
    childName,
    formId,
    language,
    reviewDate,
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

type RadioOption = { value: string; label: string; hint?: string; lang?: string };

/** Radios in a fieldset with a legend; the first takes the error summary's link. */
function Radios(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: RadioOption[];
  checked: string | undefined;
}) {
  const { t } = useTranslation();
  const id = `field-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <fieldset
        className="fieldset"
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      >
        <legend className="fieldset__legend">{props.legend}</legend>
        {props.hint ? (
          <p id={hintId} className="hint">
            {props.hint}
          </p>
        ) : null}
        {props.error ? (
          <p id={errorId} className="field-error">
            <span className="visually-hidden">{t("common:form.errorLabel")}</span> {props.error}
          </p>
        ) : null}
        <div className="radios">
          {props.options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            const optionHintId = `${id}-${option.value}-option-hint`;
            return (
              <div className="checkboxes__item" key={option.value}>
                <input
                  className="checkboxes__input"
                  id={optionId}
                  name={props.name}
                  type="radio"
                  value={option.value}
                  defaultChecked={props.checked === option.value}
                  aria-describedby={option.hint ? optionHintId : undefined}
                />
                <label className="checkboxes__label" htmlFor={optionId}>
                  {option.lang ? (
                    // Its own language and direction, without turning the whole row around.
                    <span lang={option.lang} dir={directionOf(option.lang)}>
                      {option.label}
                    </span>
                  ) : (
                    option.label
                  )}
                </label>
                {option.hint ? (
                  <p id={optionHintId} className="hint checkboxes__hint">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** GOV.UK date input: day, month and year boxes in a fieldset. */
function DateInput(props: {
  name: string;
  legend: string;
  hint: string;
  error?: string;
  values: { day: string; month: string; year: string };
}) {
  const { t } = useTranslation();
  const id = `field-${props.name}`;
  const hintId = `${id}-hint`;
  const errorId = props.error ? `${id}-error` : undefined;
  const parts = [
    { part: "day", label: t("inbox:invitations.new.day"), width: "day" },
    { part: "month", label: t("inbox:invitations.new.month"), width: "day" },
    { part: "year", label: t("inbox:invitations.new.year"), width: "year" },
  ] as const;
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
        <legend className="fieldset__legend">{props.legend}</legend>
        <p id={hintId} className="hint">
          {props.hint}
        </p>
        {props.error ? (
          <p id={errorId} className="field-error">
            <span className="visually-hidden">{t("common:form.errorLabel")}</span> {props.error}
          </p>
        ) : null}
        <div className="date-input" dir="ltr">
          {parts.map(({ part, label, width }) => {
            const partId = part === "day" ? id : `${id}-${part}`;
            return (
              <div className="date-input__item" key={part}>
                <label className="label" htmlFor={partId}>
                  {label}
                </label>
                <input
                  id={partId}
                  name={`${props.name}-${part}`}
                  className={`input input--${width}${props.error ? " input--error" : ""}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  defaultValue={props.values[part]}
                  aria-invalid={props.error ? true : undefined}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export default function NewInvitation() {
  const { t } = useTranslation();
  const { booklets, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors, {
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
        <Radios
          name="formId"
          legend={t("inbox:invitations.new.booklet")}
          hint={t("inbox:invitations.new.bookletHint")}
          error={errors?.formId}
          checked={values?.formId}
          options={booklets.map((id) => ({
            value: id,
            label: t(`inbox:invitations.booklets.${id}.name`, { defaultValue: id }),
            hint: t(`inbox:invitations.booklets.${id}.hint`, { defaultValue: "" }) || undefined,
          }))}
        />
        <Radios
          name="language"
          legend={t("inbox:invitations.new.language")}
          hint={t("inbox:invitations.new.languageHint")}
          error={errors?.language}
          checked={values?.language ?? "en"}
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
          values={{ day: values?.day ?? "", month: values?.month ?? "", year: values?.year ?? "" }}
        />
        <button type="submit" className="button">
          {t("inbox:invitations.new.submit")}
        </button>
      </Form>
    </div>
  );
}
