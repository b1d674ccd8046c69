import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DEFAULT_MAX_ROWS, IMPORT_COLUMNS, type ImportProblem } from "#app/complaints/import-csv";
import { CsrfField } from "#app/components/csrf-field";
import {
  ErrorSummary,
  Notice,
  useTranslatedErrors,
  type FieldProblem,
} from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { importRepresentations } from "#app/models/complaints-report.server";
import { formErrors } from "#app/web/forms.server";
import { localised } from "#app/utils/localised";
import { replaceUnusualCharacters } from "#app/utils/plain-text";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import { forbidden } from "#app/web/refusals.server";

export const handle: PortalHandle = { titleKey: "report:import.title", area: "staff" };

/** Largest file accepted. (The server's BODY_LIMIT must allow a request this big.) */
const MAX_BYTES = 2 * 1024 * 1024;
const MAX_SIZE_TEXT = "2 MB";

/** Problems listed on the page; a file with more is usually the wrong file altogether. */
const MAX_PROBLEMS_SHOWN = 500;

/** Problems about the file as a whole, not one of its rows. */
const WHOLE_FILE = new Set(
  ["emptyFile", "noRows", "tooManyRows"].map((n) => `report:import.errors.${n}`),
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "representation:triage");
  const language = await getLanguage(request);
  return {
    columns: IMPORT_COLUMNS,
    maxRows: DEFAULT_MAX_ROWS,
    maxSize: MAX_SIZE_TEXT,
    serviceAreas: context.organisation.serviceAreas.map((area) => ({
      key: area.key,
      name: localised(area.name, language),
    })),
  };
}

type ActionResult = {
  errors: Record<string, FieldProblem>;
  values: Record<string, string>;
  problems: ImportProblem[];
  problemCount: number;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "representation:triage");
  const file = form.get("file");
  const refuse = (problem: FieldProblem, problems: ImportProblem[] = []) =>
    formErrors(context, {
      errors: { file: problem },
      values: {},
      problems: problems.slice(0, MAX_PROBLEMS_SHOWN),
      problemCount: problems.length,
    } satisfies ActionResult);
  if (!file || typeof file === "string" || (file.size === 0 && !file.name)) {
    return refuse("report:import.fileMissing");
  }
  if (file.size > MAX_BYTES) {
    return refuse({ key: "report:import.fileTooLarge", values: { max: MAX_SIZE_TEXT } });
  }
  const text = await file.text();
  // A control character (not a tab or line break) in a cell could not be stored: say so.
  if (replaceUnusualCharacters(text) !== text) return refuse("report:import.unusualCharacter");
  const result = await importRepresentations({
    organisation: context.organisation,
    staff,
    text,
    clientAddress: context.clientAddress,
  });
  if (!result) throw forbidden();
  if (!result.ok) {
    return refuse(
      { key: "report:import.problemsIntro", values: { count: result.problems.length } },
      result.problems,
    );
  }
  throw redirect(`/staff/representations/import?imported=${result.count}`);
}

export default function ImportRepresentations() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const imported = /^\d{1,6}$/.test(params.get("imported") ?? "")
    ? Number(params.get("imported"))
    : null;
  const problems = result?.problems ?? [];
  const error = errors?.file;
  return (
    <>
      <ErrorSummary errors={errors} />
      {imported !== null && !result ? (
        <Notice title={t("report:import.imported", { count: imported })}>
          <p>
            <Link to="/staff/reports/complaints">{t("report:import.reportLink")}</Link>
          </p>
        </Notice>
      ) : null}
      <PageHeading>{t("report:import.title")}</PageHeading>

      {problems.length > 0 ? (
        <section aria-labelledby="import-problems-title" className="import-problems">
          <h2 className="heading-m" id="import-problems-title">
            {t("report:import.problemsTitle")}
          </h2>
          <p className="body-l">
            <strong>{t("report:import.nothingImported")}</strong>
          </p>
          <p>{t("report:import.problemsIntro", { count: result?.problemCount ?? 0 })}</p>
          {(result?.problemCount ?? 0) > problems.length ? (
            <p>{t("report:import.moreProblems", { shown: problems.length })}</p>
          ) : null}
          <StaffTable
            caption={t("report:import.problemsCaption")}
            rows={problems}
            rowKey={(problem, index) => `${problem.row}-${problem.column ?? ""}-${index}`}
            columns={[
              {
                heading: t("report:import.rowHeading"),
                rowHeader: true,
                cell: (problem) =>
                  WHOLE_FILE.has(problem.key) ? t("report:import.wholeFile") : problem.row,
              },
              {
                heading: t("report:import.columnProblemHeading"),
                cell: (problem) =>
                  problem.column ? <code dir="ltr">{problem.column}</code> : null,
              },
              {
                heading: t("report:import.problemHeading"),
                cell: (problem) => t(problem.key, problem.values),
              },
            ]}
          />
        </section>
      ) : null}

      <p>{t("report:import.intro")}</p>
      <p>{t("report:import.allOrNothing")}</p>

      <Form method="post" encType="multipart/form-data" noValidate className="no-print">
        <CsrfField />
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="field-file">
            {t("report:import.fileLabel")}
          </label>
          <p id="field-file-hint" className="hint">
            {t("report:import.fileHint", { max: data.maxRows })}{" "}
            {t("report:import.fileSizeHint", { size: data.maxSize })}
          </p>
          {error ? (
            <p id="field-file-error" className="field-error">
              <span className="visually-hidden">{t("common:form.errorLabel")}</span> {error}
            </p>
          ) : null}
          <input
            id="field-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className={`file-upload${error ? " input--error" : ""}`}
            aria-describedby={`field-file-hint${error ? " field-file-error" : ""}`}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t("report:import.submit")}
        </button>
      </Form>

      <h2 className="heading-m">{t("report:import.columnsTitle")}</h2>
      <p>
        {/* A file with just the first row, every column named, to fill in. */}
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(`${data.columns.join(",")}\r\n`)}`}
          download="representations-template.csv"
        >
          {t("report:import.templateLink")}
        </a>
      </p>
      <StaffTable
        caption={t("report:import.columnsCaption")}
        rows={data.columns}
        rowKey={(column) => column}
        columns={[
          {
            heading: t("report:import.columnHeading"),
            rowHeader: true,
            cell: (column) => <code dir="ltr">{column}</code>,
          },
          {
            heading: t("report:import.meaningHeading"),
            cell: (column) => t(`report:import.columnsHelp.${column}`),
          },
        ]}
      />

      <h2 className="heading-m">{t("report:import.serviceAreasTitle")}</h2>
      <p>{t("report:import.serviceAreasIntro")}</p>
      <StaffTable
        caption={t("report:import.serviceAreasCaption")}
        rows={data.serviceAreas}
        rowKey={(area) => area.key}
        columns={[
          {
            heading: t("report:import.serviceAreaKey"),
            rowHeader: true,
            cell: (area) => <code dir="ltr">{area.key}</code>,
          },
          { heading: t("report:import.serviceAreaName"), cell: (area) => area.name },
        ]}
      />
    </>
  );
}
