// One service area: its name in each language, and retiring it (it stays on old cases and in old
// reports, and is offered no more) or offering it again.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { useDates } from "#app/components/dates";
import { ErrorSummary, Notice, useTranslatedErrors } from "#app/components/fields";
import { SettingFieldInput } from "#app/components/settings-field";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { changeServiceArea, type ServiceAreaChange } from "#app/models/settings.server";
import { londonDateOf } from "#app/utils/dates";
import { savedValuesOf } from "#app/settings/saved-values";
import { SERVICE_AREA_NAME } from "#app/settings/topics";
import { formErrors, textOf } from "#app/web/forms.server";
import { notFound } from "#app/web/refusals.server";
import { readAreaName } from "#app/web/settings-forms.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { area: "staff" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "settings:manage");
  const area = context.organisation.serviceAreas.find((a) => a.key === params.key);
  if (!area) throw notFound();
  return {
    pageTitle: area.name.en,
    key: area.key,
    retiredOn: area.retiredOn ?? null,
    values: savedValuesOf(SERVICE_AREA_NAME, {
      areaName: area.name,
      retention: {},
      safeguardingPhrases: {},
    }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "settings:manage");
  const key = params.key ?? "";
  const intent = textOf(form, "intent");
  let change: ServiceAreaChange;
  if (intent === "retire") change = { kind: "retire", key, on: londonDateOf(new Date()) };
  else if (intent === "restore") change = { kind: "restore", key };
  else {
    const name = readAreaName(form);
    if (!name.ok) return formErrors(context, { errors: name.errors, values: name.typed });
    change = { kind: "rename", key, name: name.name };
  }
  const changed = await changeServiceArea({
    organisation: context.organisation,
    staff,
    change,
    clientAddress: context.clientAddress,
  });
  if (!changed) throw notFound();
  throw redirect(`/staff/settings/service-areas/${key}?saved=1`);
}

export default function ServiceArea() {
  const { t } = useTranslation();
  const { day } = useDates();
  const { pageTitle, retiredOn, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {params.get("saved") === "1" && !result ? <Notice title={t("settings:saved")} /> : null}
      <p>
        <a href="/staff/settings/service-areas">{t("settings:areas.back")}</a>
      </p>
      <PageHeading>{pageTitle}</PageHeading>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="rename" />
        <SettingFieldInput
          field={SERVICE_AREA_NAME.fields[0]}
          values={result?.values ?? values}
          errors={errors}
        />
        <button type="submit" className="button">
          {t("settings:save")}
        </button>
      </Form>
      <h2 className="heading-m">
        {retiredOn ? t("settings:areas.restoreTitle") : t("settings:areas.retireTitle")}
      </h2>
      <p>
        {retiredOn
          ? t("settings:areas.retiredSince", { date: day(retiredOn) })
          : t("settings:areas.retireIntro")}
      </p>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value={retiredOn ? "restore" : "retire"} />
        <button type="submit" className="button button--secondary">
          {retiredOn ? t("settings:areas.restore") : t("settings:areas.retire")}
        </button>
      </Form>
    </div>
  );
}
