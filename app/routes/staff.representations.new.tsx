import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicUrlOf } from "#app/models/organisation.server";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import {
  Choices,
  DateInput,
  ErrorSummary,
  Select,
  TextInput,
  useTranslatedErrors,
} from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { todayInLondon } from "#app/models/representation/common.server";
import {
  logRepresentation,
  type LoggedRepresentation,
} from "#app/models/representation/logged.server";
import { fieldErrorsOf, formErrors, pastDate, textOf } from "#app/web/forms.server";
import { plainText } from "#app/utils/plain-text";
import { dateBoxesOf } from "#app/utils/dates";
import { localised } from "#app/utils/localised";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import {
  COMPLAINT_CATEGORIES,
  CONTACT_METHODS,
  DISABILITIES,
  ETHNICITIES,
  LANGUAGES,
  MADE_BY,
  PROCEDURES,
  REPLY_METHODS,
  REPRESENTATION_KINDS,
} from "#db/schema/constants";
import { notFound } from "#app/web/refusals.server";
import {
  classificationFields,
  classificationProblems,
  officerChoices,
  triageError,
  YES_NO,
  type OfficerIds,
} from "#app/web/classification.server";
import { looksLikeEmail } from "#app/forms/engine";

export const handle: PortalHandle = { titleKey: "triage:new.title", area: "staff" };

const MAX_NAME = 300;
const MAX_TEXT = 10_000;
const error = triageError;

/** A logged case came some other way than the online form. */
const LOGGED_METHODS = CONTACT_METHODS.filter((method) => method !== "form");
/** What the checkboxes under "Advocacy" post. */
const ADVOCACY = ["offered", "taken"] as const;

/** The text fields and single choices of the form, in the order they appear on the page. */
const FIELDS = [
  "receivedOn",
  "kind",
  "contactMethod",
  "summary",
  "procedure",
  "category",
  "serviceArea",
  "complimentStaffUserId",
  "complimentMemberId",
  "complimentTeamId",
  "madeBy",
  "senderName",
  "childName",
  "lookedAfterChild",
  "iroStaffUserId",
  "replyMethod",
  "replyTo",
  "language",
  "ethnicity",
  "disability",
  "advocacy",
] as const;

type Values = Record<string, string>;

const optionalText = (max: number, tooLong: string) =>
  plainText()
    .trim()
    .max(max, tooLong)
    .transform((text) => (text === "" ? null : text));

function loggedSchema(today: string, lists: OfficerIds) {
  return z.object({
    receivedOn: pastDate(today, "triage:errors"),
    ...classificationFields(lists),
    contactMethod: z.enum(LOGGED_METHODS as [string, ...string[]], error("contactMethod")),
    summary: plainText("many").trim().min(1, error("summary")).max(MAX_TEXT, error("textTooLong")),
    senderName: optionalText(MAX_NAME, error("nameTooLong")),
    childName: optionalText(MAX_NAME, error("nameTooLong")),
    replyMethod: z.enum(REPLY_METHODS, error("replyMethod")),
    replyTo: optionalText(MAX_NAME, error("nameTooLong")),
    language: z.enum(LANGUAGES, error("language")),
    advocacy: z.array(z.enum(ADVOCACY)),
  });
}

/** Rules across fields, checked on what was typed so they show alongside every other problem. */
function crossFieldProblems(values: Values): Record<string, string> {
  const problems = classificationProblems(values);
  const complaint = values.kind === "complaint";
  if (complaint && values.replyMethod === "none") problems.replyMethod = error("replyNone");
  const replyTo = (values.replyTo ?? "").trim();
  if (values.replyMethod && values.replyMethod !== "none" && replyTo === "")
    problems.replyTo = error("replyTo");
  else if (values.replyMethod === "email" && replyTo !== "" && !looksLikeEmail(replyTo))
    problems.replyTo = error("replyEmail");
  return problems;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "representation:triage");
  const language = await getLanguage(request);
  const { choices } = await officerChoices(context.organisation);
  return {
    today: todayInLondon(),
    // A retired area is offered no more (a case already about one keeps it).
    serviceAreas: context.organisation.serviceAreas
      .filter((area) => !area.retiredOn)
      .map((area) => ({ key: area.key, name: localised(area.name, language) })),
    choices,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "representation:triage");
  const { organisation } = context;
  const values: Values = Object.fromEntries(
    [
      ...FIELDS.filter((name) => name !== "receivedOn" && name !== "advocacy"),
      "receivedOn-day",
      "receivedOn-month",
      "receivedOn-year",
    ].map((name) => [name, textOf(form, name)]),
  );
  const advocacy = form.getAll("advocacy").filter((v): v is string => typeof v === "string");
  const today = todayInLondon();
  const { ids } = await officerChoices(organisation);
  const parsed = loggedSchema(today, ids).safeParse({
    ...values,
    advocacy,
    receivedOn: {
      day: values["receivedOn-day"],
      month: values["receivedOn-month"],
      year: values["receivedOn-year"],
    },
  });
  const errors = {
    ...crossFieldProblems(values),
    ...(parsed.success ? {} : fieldErrorsOf(parsed.error)),
  };
  if (!parsed.success || Object.keys(errors).length > 0) {
    const ordered = Object.fromEntries(
      FIELDS.filter((name) => errors[name]).map((name) => [name, errors[name]!]),
    );
    return formErrors(context, { errors: ordered, values, advocacy });
  }
  const data = parsed.data;
  const isCompliment = data.kind === "compliment";
  const lookedAfterChild = data.lookedAfterChild === "yes";
  const logged: LoggedRepresentation = {
    receivedOn: data.receivedOn,
    kind: data.kind,
    procedure: data.procedure,
    category: data.kind === "complaint" ? data.category : null,
    serviceArea: data.serviceArea,
    madeBy: data.madeBy,
    contactMethod: data.contactMethod as LoggedRepresentation["contactMethod"],
    lookedAfterChild,
    iroStaffUserId: lookedAfterChild ? data.iroStaffUserId : null,
    ethnicity: data.ethnicity,
    disability: data.disability,
    complimentStaffUserId: isCompliment ? data.complimentStaffUserId : null,
    complimentTeamId: isCompliment ? data.complimentTeamId : null,
    complimentMemberId: isCompliment ? data.complimentMemberId : null,
    senderName: data.senderName,
    childName: data.childName,
    summary: data.summary,
    replyMethod: data.replyMethod,
    replyTo: data.replyMethod === "none" ? null : data.replyTo,
    language: data.language,
    // Someone who wants an advocate has been told about advocacy.
    advocacyOffered: data.advocacy.includes("offered") || data.advocacy.includes("taken"),
    advocacyTaken: data.advocacy.includes("taken"),
  };
  const created = await logRepresentation({
    organisation,
    staff,
    logged,
    portalUrl: publicUrlOf(context.organisation),
    clientAddress: context.clientAddress,
  });
  if (!created) throw notFound();
  throw redirect(`/staff/representations/${created.id}?done=logged`);
}

export default function LogRepresentation() {
  const { t } = useTranslation();
  const { today, serviceAreas, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [day, month, year] = dateBoxesOf(today);
  const example = `${day} ${month} ${year}`;
  const errors = useTranslatedErrors(result?.errors, {
    example,
    maxName: MAX_NAME,
    maxText: MAX_TEXT,
  });
  const values: Values = result?.values ?? {
    "receivedOn-day": day,
    "receivedOn-month": month,
    "receivedOn-year": year,
    language: "en",
    ethnicity: "not-stated",
    disability: "not-stated",
  };
  const value = (name: string) => values[name] ?? "";
  const checked = (name: string) => (values[name] ? [values[name]] : []);
  const options = (list: string, keys: readonly string[]) =>
    keys.map((key) => ({ value: key, label: t(`triage:values.${list}.${key}`) }));
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <PageHeading>{t("triage:new.title")}</PageHeading>
      <p className="body-l">{t("triage:new.intro")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <h2 className="heading-m">{t("triage:new.what")}</h2>
        <DateInput
          name="receivedOn"
          legend={t("triage:fields.receivedOn")}
          hint={t("triage:fields.dateHint", { example })}
          error={errors?.receivedOn}
          values={[value("receivedOn-day"), value("receivedOn-month"), value("receivedOn-year")]}
        />
        <Choices
          type="radio"
          name="kind"
          legend={t("triage:fields.kind")}
          error={errors?.kind}
          checked={checked("kind")}
          options={options("kind", REPRESENTATION_KINDS)}
        />
        <Choices
          type="radio"
          name="contactMethod"
          legend={t("triage:fields.contactMethod")}
          error={errors?.contactMethod}
          checked={checked("contactMethod")}
          options={options("contactMethod", LOGGED_METHODS)}
        />
        <TextInput
          name="summary"
          label={t("triage:fields.summary")}
          hint={t("triage:fields.summaryHint")}
          multiline
          defaultValue={value("summary")}
          error={errors?.summary}
        />
        <Choices
          type="radio"
          name="procedure"
          legend={t("triage:fields.procedure")}
          hint={t("triage:fields.procedureHint")}
          error={errors?.procedure}
          checked={checked("procedure")}
          options={options("procedure", [...PROCEDURES, "undecided"])}
        />
        <Select
          name="category"
          label={t("triage:fields.category")}
          hint={t("triage:fields.categoryHint")}
          error={errors?.category}
          empty={t("triage:fields.categoryNone")}
          options={options("category", COMPLAINT_CATEGORIES)}
          value={value("category")}
        />
        <Select
          name="serviceArea"
          label={t("triage:fields.serviceArea")}
          error={errors?.serviceArea}
          empty={t("triage:fields.serviceAreaNone")}
          options={serviceAreas.map((area) => ({ value: area.key, label: area.name }))}
          value={value("serviceArea")}
        />
        <Select
          name="complimentStaffUserId"
          label={t("triage:fields.complimentPerson")}
          hint={t("triage:fields.complimentHint")}
          error={errors?.complimentStaffUserId}
          empty={t("triage:fields.complimentPersonNone")}
          options={choices.people.map((person) => ({ value: person.id, label: person.name }))}
          value={value("complimentStaffUserId")}
        />
        <Select
          name="complimentMemberId"
          label={t("triage:fields.complimentMember")}
          error={errors?.complimentMemberId}
          empty={t("triage:fields.complimentMemberNone")}
          options={choices.members.map((member) => ({ value: member.id, label: member.name }))}
          value={value("complimentMemberId")}
        />
        <Select
          name="complimentTeamId"
          label={t("triage:fields.complimentTeam")}
          error={errors?.complimentTeamId}
          empty={t("triage:fields.complimentTeamNone")}
          options={choices.teams.map((team) => ({ value: team.id, label: team.name }))}
          value={value("complimentTeamId")}
        />

        <h2 className="heading-m">{t("triage:new.who")}</h2>
        <Choices
          type="radio"
          name="madeBy"
          legend={t("triage:fields.madeBy")}
          error={errors?.madeBy}
          checked={checked("madeBy")}
          options={options("madeBy", MADE_BY)}
        />
        <TextInput
          name="senderName"
          label={t("triage:fields.senderName")}
          hint={t("triage:fields.senderNameHint")}
          autoComplete="off"
          defaultValue={value("senderName")}
          error={errors?.senderName}
        />
        <TextInput
          name="childName"
          label={t("triage:fields.childName")}
          autoComplete="off"
          defaultValue={value("childName")}
          error={errors?.childName}
        />
        <Choices
          type="radio"
          name="lookedAfterChild"
          legend={t("triage:fields.lookedAfterChild")}
          hint={t("triage:fields.lookedAfterChildHint")}
          error={errors?.lookedAfterChild}
          checked={checked("lookedAfterChild")}
          options={options("yesNo", YES_NO)}
          layout="inline"
        />
        <Select
          name="iroStaffUserId"
          label={t("triage:fields.iro")}
          error={errors?.iroStaffUserId}
          empty={t("triage:fields.iroNone")}
          options={choices.iros.map((iro) => ({ value: iro.id, label: iro.name }))}
          value={value("iroStaffUserId")}
        />

        <h2 className="heading-m">{t("triage:new.reply")}</h2>
        <Choices
          type="radio"
          name="replyMethod"
          legend={t("triage:fields.replyMethod")}
          hint={t("triage:fields.replyMethodHint")}
          error={errors?.replyMethod}
          checked={checked("replyMethod")}
          options={options("replyMethod", REPLY_METHODS)}
        />
        <TextInput
          name="replyTo"
          label={t("triage:fields.replyTo")}
          hint={t("triage:fields.replyToHint")}
          autoComplete="off"
          spellCheck={false}
          defaultValue={value("replyTo")}
          error={errors?.replyTo}
        />
        <Choices
          type="radio"
          name="language"
          legend={t("triage:fields.language")}
          error={errors?.language}
          checked={checked("language")}
          options={LANGUAGES.map((language) => ({
            value: language,
            label: t("common:language.nativeName", { lng: language }),
            lang: language,
          }))}
        />

        <h2 className="heading-m">{t("triage:new.monitoring")}</h2>
        <Choices
          type="radio"
          name="ethnicity"
          legend={t("triage:fields.ethnicity")}
          hint={t("triage:fields.ethnicityHint")}
          error={errors?.ethnicity}
          checked={checked("ethnicity")}
          options={options("ethnicity", ETHNICITIES)}
        />
        <Choices
          type="radio"
          name="disability"
          legend={t("triage:fields.disability")}
          error={errors?.disability}
          checked={checked("disability")}
          options={options("disability", DISABILITIES)}
          layout="inline"
        />
        <Choices
          type="checkbox"
          name="advocacy"
          legend={t("triage:fields.advocacy")}
          hint={t("triage:fields.advocacyHint")}
          error={errors?.advocacy}
          checked={result?.advocacy ?? []}
          options={[
            { value: "offered", label: t("triage:fields.advocacyOffered") },
            { value: "taken", label: t("triage:fields.advocacyTaken") },
          ]}
        />
        <div className="button-group">
          <button type="submit" className="button">
            {t("triage:new.submit")}
          </button>
          <Link to="/staff/representations">{t("triage:case.back")}</Link>
        </div>
      </Form>
    </div>
  );
}
