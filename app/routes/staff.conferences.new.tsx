// Record a child protection conference (its chair) or a Family Group Conference (its
// coordinator): the conference's forms get a link and a code at once.
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
import type { PortalHandle } from "#app/handle";
import { CONFERENCE_KIND_FACTS, recordConference } from "#app/models/conference.server";
import { addDays, londonDateOf } from "#app/utils/dates";
import { plainText } from "#app/utils/plain-text";
import {
  fieldErrorsOf,
  formErrors,
  textOf,
  typedDate,
  type FieldErrors,
} from "#app/web/forms.server";
import { notFound } from "#app/web/refusals.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import {
  CHILD_PROTECTION_CONFERENCE_TYPES,
  CONFERENCE_KINDS,
  FGC_AIMS,
  type ConferenceKind,
} from "#db/schema/constants";

export const handle: PortalHandle = { titleKey: "conferences:new.title", area: "staff" };

const error = (name: string) => `conferences:new.errors.${name}`;
/** A conference can be recorded up to this many days before it (to print the cards) or after. */
const DAYS_AROUND = 60;

function kindOf(request: Request): ConferenceKind {
  const kind = new URL(request.url).searchParams.get("kind");
  if (!(CONFERENCE_KINDS as readonly string[]).includes(kind ?? "")) throw notFound();
  return kind as ConferenceKind;
}

const HeldOn = typedDate("conferences:new.errors", (iso) => {
  const today = londonDateOf(new Date());
  const near = iso >= addDays(today, -DAYS_AROUND) && iso <= addDays(today, DAYS_AROUND);
  return near ? null : "dateOutOfRange";
});

const ChildProtection = z.object({
  heldOn: HeldOn,
  conferenceType: z.enum(CHILD_PROTECTION_CONFERENCE_TYPES, error("typeMissing")),
});

const FamilyGroup = z.object({
  heldOn: HeldOn,
  referrerName: plainText()
    .trim()
    .min(1, error("referrerMissing"))
    .max(100, error("referrerTooLong")),
  aims: z.array(z.enum(FGC_AIMS, error("aimsMissing"))).min(1, error("aimsMissing")),
  lookedAfterAtReferral: z.enum(["yes", "no"], error("lookedAfterMissing")),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const kind = kindOf(request);
  await requireStaff(request, context, CONFERENCE_KIND_FACTS[kind].permission);
  return { kind };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const kind = kindOf(request);
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, CONFERENCE_KIND_FACTS[kind].permission);
  const values = {
    day: textOf(form, "heldOn-day"),
    month: textOf(form, "heldOn-month"),
    year: textOf(form, "heldOn-year"),
    conferenceType: textOf(form, "conferenceType"),
    referrerName: textOf(form, "referrerName"),
    aims: form.getAll("aims").filter((aim): aim is string => typeof aim === "string"),
    lookedAfterAtReferral: textOf(form, "lookedAfterAtReferral"),
  };
  const heldOn = { day: values.day, month: values.month, year: values.year };
  const parsed =
    kind === "child-protection"
      ? ChildProtection.safeParse({ heldOn, conferenceType: values.conferenceType })
      : FamilyGroup.safeParse({ ...values, heldOn });
  if (!parsed.success) {
    const errors: FieldErrors = fieldErrorsOf(parsed.error);
    return formErrors(context, { errors, values });
  }
  const data = parsed.data;
  const recorded = await recordConference({
    organisationId: context.organisation.id,
    staff,
    clientAddress: context.clientAddress,
    conference:
      "conferenceType" in data
        ? { kind: "child-protection", heldOn: data.heldOn, conferenceType: data.conferenceType }
        : {
            kind: "family-group",
            heldOn: data.heldOn,
            referrerName: data.referrerName,
            aims: data.aims,
            lookedAfterAtReferral: data.lookedAfterAtReferral === "yes",
          },
  });
  throw redirect(`/staff/conferences/${recorded.id}`);
}

export default function NewConference() {
  const { t } = useTranslation();
  const { kind } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors, { days: DAYS_AROUND });
  const values = result?.values;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t(`conferences:new.heading.${kind}`)}</PageHeading>
      <p className="body-l">{t(`conferences:new.lead.${kind}`)}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <DateInput
          name="heldOn"
          legend={t("conferences:new.heldOn")}
          hint={t("conferences:new.heldOnHint")}
          values={values ? [values.day, values.month, values.year] : []}
          error={errors?.heldOn}
        />
        {kind === "child-protection" ? (
          <Choices
            type="radio"
            name="conferenceType"
            legend={t("conferences:new.conferenceType")}
            options={CHILD_PROTECTION_CONFERENCE_TYPES.map((value) => ({
              value,
              label: t(`conferences:types.${value}`),
            }))}
            checked={values?.conferenceType ? [values.conferenceType] : []}
            error={errors?.conferenceType}
          />
        ) : (
          <>
            <TextInput
              name="referrerName"
              label={t("conferences:new.referrerName")}
              hint={t("conferences:new.referrerNameHint")}
              autoComplete="off"
              width="medium"
              defaultValue={values?.referrerName}
              error={errors?.referrerName}
            />
            <Choices
              type="checkbox"
              name="aims"
              legend={t("conferences:new.aims")}
              hint={t("conferences:new.aimsHint")}
              options={FGC_AIMS.map((value) => ({ value, label: t(`conferences:aims.${value}`) }))}
              checked={values?.aims ?? []}
              error={errors?.aims}
            />
            <Choices
              type="radio"
              name="lookedAfterAtReferral"
              legend={t("conferences:new.lookedAfterAtReferral")}
              layout="inline"
              options={["yes", "no"].map((value) => ({
                value,
                label: t(`conferences:new.yesNo.${value}`),
              }))}
              checked={values?.lookedAfterAtReferral ? [values.lookedAfterAtReferral] : []}
              error={errors?.lookedAfterAtReferral}
            />
          </>
        )}
        <button type="submit" className="button">
          {t("conferences:new.submit")}
        </button>
      </Form>
    </div>
  );
}
