// The council's service areas: each one's name, whether it is still offered, and a new one.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { useDates } from "#app/components/dates";
import { ErrorSummary, Notice, useTranslatedErrors } from "#app/components/fields";
import { SettingFieldInput } from "#app/components/settings-field";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { changeServiceArea } from "#app/models/settings.server";
import { SERVICE_AREA_NAME } from "#app/settings/topics";
import { localised } from "#app/utils/localised";
import { formErrors } from "#app/web/forms.server";
import { readAreaName } from "#app/web/settings-forms.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = {
  titleKey: "settings:topics.service-areas.title",
  area: "staff",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "settings:manage");
  const language = await getLanguage(request);
  return {
    areas: context.organisation.serviceAreas.map((area) => ({
      key: area.key,
      name: localised(area.name, language),
      retiredOn: area.retiredOn ?? null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "settings:manage");
  const name = readAreaName(form);
  if (!name.ok) return formErrors(context, { errors: name.errors, values: name.typed });
  await changeServiceArea({
    organisation: context.organisation,
    staff,
    change: { kind: "add", name: name.name },
    clientAddress: context.clientAddress,
  });
  throw redirect("/staff/settings/service-areas?saved=1");
}

export default function ServiceAreas() {
  const { t } = useTranslation();
  const { day } = useDates();
  const { areas } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("saved") === "1" && !result ? <Notice title={t("settings:saved")} /> : null}
      <p>
        <a href="/staff/settings">{t("settings:back")}</a>
      </p>
      <PageHeading>{t("settings:topics.service-areas.title")}</PageHeading>
      <p>{t("settings:topics.service-areas.intro")}</p>
      <StaffTable
        caption={t("settings:areas.caption")}
        rows={areas}
        rowKey={(area) => area.key}
        empty={t("settings:areas.none")}
        columns={[
          {
            heading: t("settings:areas.name"),
            rowHeader: true,
            cell: (area) => <a href={`/staff/settings/service-areas/${area.key}`}>{area.name}</a>,
          },
          {
            heading: t("settings:areas.status"),
            cell: (area) =>
              area.retiredOn
                ? t("settings:areas.retiredOn", { date: day(area.retiredOn) })
                : t("settings:areas.offered"),
          },
        ]}
      />
      <h2 className="heading-m">{t("settings:areas.addTitle")}</h2>
      <Form method="post" noValidate className="narrow">
        <CsrfField />
        <SettingFieldInput
          field={SERVICE_AREA_NAME.fields[0]}
          values={result?.values ?? {}}
          errors={errors}
        />
        <button type="submit" className="button">
          {t("settings:areas.add")}
        </button>
      </Form>
    </>
  );
}
