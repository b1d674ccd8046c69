import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DISABILITIES, ETHNICITIES } from "#db/schema/constants";
import { labelKey, reportYearOf } from "#app/complaints/annual-report";
import { reportLabeller } from "#app/complaints/report-labels";
import { CsrfField } from "#app/components/csrf-field";
import {
  ErrorSummary,
  Notice,
  useTranslatedErrors,
  type FieldProblem,
} from "#app/components/fields";
import { ReportTables } from "#app/components/report-tables";
import { PageHeading } from "#app/components/shell";
import { ChooseAndShow } from "#app/components/choose-and-show";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import {
  annualReport,
  MAX_FIGURE,
  reportYearFrom,
  saveAllUsersFigures,
} from "#app/models/complaints-report.server";
import { can } from "#app/models/permissions";
import { todayInLondon } from "#app/models/representation/common.server";
import { formErrors, textOf } from "#app/web/forms.server";
import { localised } from "#app/utils/localised";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import { badRequest, forbidden } from "#app/web/refusals.server";

export const handle: PortalHandle = { titleKey: "report:page.title", area: "staff" };

/** The all-users figures as form fields: "figure-ethnicity-white" holds "ethnicity:white". */
const FIGURE_FIELDS = [
  { dimension: "ethnicity", values: ETHNICITIES },
  { dimension: "disability", values: DISABILITIES },
] as const;
const fieldName = (dimension: string, value: string) => `figure-${dimension}-${value}`;
const ALL_FIELDS = FIGURE_FIELDS.flatMap(({ dimension, values }) =>
  values.map((value) => ({ name: fieldName(dimension, value), key: `${dimension}:${value}` })),
);

/** The year asked for in the address (or the form), else the one we are in now. */
const yearOf = (text: string | null) => reportYearFrom(text) ?? reportYearOf(todayInLondon());

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "report:read");
  const startYear = yearOf(new URL(request.url).searchParams.get("year"));
  const report = await annualReport({
    organisation: context.organisation,
    staff,
    startYear,
    clientAddress: context.clientAddress,
  });
  if (!report) throw forbidden();
  const language = await getLanguage(request);
  return {
    startYear,
    years: report.years,
    tables: report.tables,
    caseCount: report.caseCount,
    allUsers: report.allUsers,
    serviceNames: Object.fromEntries(
      context.organisation.serviceAreas.map((area) => [area.key, localised(area.name, language)]),
    ),
    ombudsman: context.organisation.ombudsman,
    corporateStage3Name: context.organisation.corporateStage3Name
      ? localised(context.organisation.corporateStage3Name, language)
      : null,
    mayImport: can(staff.roles, "representation:triage"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "report:read");
  if (textOf(form, "intent") !== "figures") {
    throw badRequest();
  }
  const startYear = yearOf(textOf(form, "year"));
  const values: Record<string, string> = {};
  const errors: Record<string, FieldProblem> = {};
  const figures: Record<string, number | null> = {};
  for (const { name, key } of ALL_FIELDS) {
    const typed = textOf(form, name);
    values[name] = typed;
    // "1,200" and "1 200" are how people write big numbers.
    const plain = typed.trim().replace(/[,\s]/g, "");
    if (plain === "") figures[key] = null;
    else if (!/^\d+$/.test(plain)) errors[name] = "report:page.allUsersNotANumber";
    else if (Number(plain) > MAX_FIGURE) {
      errors[name] = { key: "report:page.allUsersTooLarge", values: { max: MAX_FIGURE } };
    } else figures[key] = Number(plain);
  }
  if (Object.keys(errors).length > 0) {
    return formErrors(context, { errors, values, startYear });
  }
  const saved = await saveAllUsersFigures({
    organisation: context.organisation,
    staff,
    startYear,
    figures,
    clientAddress: context.clientAddress,
  });
  if (!saved) throw forbidden();
  if (!saved.ok) throw badRequest();
  throw redirect(`/staff/reports/complaints?year=${startYear}&saved=figures`);
}

function FigureField(props: { name: string; label: string; error?: string; value: string }) {
  const { t } = useTranslation();
  const id = `field-${props.name}`;
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {props.label}
      </label>
      {props.error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{t("common:form.errorLabel")}</span> {props.error}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className={`input input--figure${props.error ? " input--error" : ""}`}
        defaultValue={props.value}
        aria-describedby={props.error ? `${id}-error` : undefined}
        aria-invalid={props.error ? true : undefined}
      />
    </div>
  );
}

export default function ComplaintsReport() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const { startYear } = data;
  const label = reportLabeller({
    t: (key, values) => t(key, values),
    serviceNames: data.serviceNames,
    ombudsman: data.ombudsman,
    corporateStage3Name: data.corporateStage3Name,
  });
  const typed = (name: string, key: string) =>
    result?.values[name] ?? (data.allUsers[key] === undefined ? "" : String(data.allUsers[key]));
  const yearName = t("report:page.yearOption", { startYear, endYear: startYear + 1 });
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("saved") === "figures" && !errors ? (
        <Notice title={t("report:page.allUsersSaved")} />
      ) : null}
      <PageHeading>{t("report:page.title")}</PageHeading>
      <p className="body-l">{yearName}</p>
      <p>{t("report:page.intro")}</p>
      <p className="hint">{t("report:page.whoMaySee")}</p>

      <ChooseAndShow
        className="no-print"
        name="year"
        label={t("report:page.yearLabel")}
        hint={t("report:page.yearHint")}
        value={String(startYear)}
        options={data.years.map((year) => ({
          value: String(year),
          label: t("report:page.yearOption", { startYear: year, endYear: year + 1 }),
        }))}
        submit={t("report:page.show")}
      />

      <ul className="list no-print">
        <li>
          <a href={`/staff/reports/complaints.csv?year=${startYear}`} download>
            {t("report:page.csv")}
          </a>
        </li>
        {data.mayImport ? (
          <li>
            <a href="/staff/representations/import">{t("report:page.importLink")}</a>
          </li>
        ) : null}
      </ul>

      <p>{t("report:page.caseCount", { count: data.caseCount })}</p>
      {data.caseCount === 0 ? <p>{t("report:page.noCases")}</p> : null}
      <p>{t("report:page.notRecordedNote")}</p>

      <ReportTables tables={data.tables} label={label} />

      <section aria-labelledby="all-users-title" className="no-print">
        <h2 className="heading-m" id="all-users-title">
          {t("report:page.allUsersTitle")}
        </h2>
        <p>{t("report:page.allUsersIntro")}</p>
        <p className="hint">{yearName}</p>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="figures" />
          <input type="hidden" name="year" value={String(startYear)} />
          {FIGURE_FIELDS.map(({ dimension, values }) => (
            <fieldset className="fieldset" key={dimension}>
              <legend className="fieldset__legend">
                {t(
                  dimension === "ethnicity"
                    ? "report:page.allUsersEthnicityLegend"
                    : "report:page.allUsersDisabilityLegend",
                )}
              </legend>
              {values.map((value) => {
                const name = fieldName(dimension, value);
                return (
                  <FigureField
                    key={name}
                    name={name}
                    label={t(`report:${labelKey(`${dimension}:${value}`)}`)}
                    error={errors?.[name]}
                    value={typed(name, `${dimension}:${value}`)}
                  />
                );
              })}
            </fieldset>
          ))}
          <button type="submit" className="button">
            {t("report:page.allUsersSave")}
          </button>
        </Form>
      </section>
    </>
  );
}
