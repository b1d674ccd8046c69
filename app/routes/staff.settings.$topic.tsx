// One topic of the council's settings (contact details, booklet, complaints, safeguarding words,
// privacy), drawn from its definition. Only the council's admin sees or changes it.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, Notice, useTranslatedErrors } from "#app/components/fields";
import { SettingFieldInput } from "#app/components/settings-field";
import { PageHeading } from "#app/components/shell";
import { useDates } from "#app/components/dates";
import type { PortalHandle } from "#app/handle";
import { changeSettings, lastChangeOf, SettingsProblem } from "#app/models/settings.server";
import { checkSettings, formNamesOf, typedToShowAgain } from "#app/settings/check";
import { settingsTopic, type SettingsTopic } from "#app/settings/topics";
import { savedValuesOf } from "#app/settings/saved-values";
import { notFound } from "#app/web/refusals.server";
import { formErrors, textOf } from "#app/web/forms.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { area: "staff" };

function topicOf(id: string | undefined): SettingsTopic {
  const topic = settingsTopic(id);
  if (!topic) throw notFound();
  return topic;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "settings:manage");
  const topic = topicOf(params.topic);
  const last = await lastChangeOf(context.organisation.id, topic.id);
  return {
    topicId: topic.id,
    pageTitleKey: `settings:topics.${topic.id}.title`,
    values: savedValuesOf(topic, context.organisation),
    lastChange: last ? { name: last.name, at: last.at.toISOString() } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "settings:manage");
  const topic = topicOf(params.topic);
  const typed = Object.fromEntries(
    topic.fields.flatMap(formNamesOf).map((name) => [name, textOf(form, name)]),
  );
  const checked = checkSettings(topic, typed);
  const values = typedToShowAgain(topic, typed);
  if (!checked.ok) return formErrors(context, { errors: checked.errors, values });
  try {
    await changeSettings({
      organisation: context.organisation,
      staff,
      topic: topic.id,
      columns: checked.columns,
      clientAddress: context.clientAddress,
    });
  } catch (error) {
    if (!(error instanceof SettingsProblem)) throw error;
    return formErrors(context, { errors: { [error.field]: error.key }, values });
  }
  throw redirect(`/staff/settings/${topic.id}?saved=1`);
}

export default function SettingsTopicPage() {
  const { t } = useTranslation();
  const { moment } = useDates();
  const { topicId, values, lastChange } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const topic = settingsTopic(topicId)!;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {params.get("saved") === "1" && !result ? <Notice title={t("settings:saved")} /> : null}
      <p>
        <a href="/staff/settings">{t("settings:back")}</a>
      </p>
      <PageHeading>{t(`settings:topics.${topicId}.title`)}</PageHeading>
      <p>{t(`settings:topics.${topicId}.intro`)}</p>
      {lastChange ? (
        <p className="hint">
          {t("settings:lastChange", {
            name: lastChange.name,
            when: moment(lastChange.at),
          })}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <CsrfField />
        {topic.fields.map((field) => (
          <SettingFieldInput
            key={field.id}
            field={field}
            values={result ? { ...values, ...result.values } : values}
            errors={errors}
          />
        ))}
        <button type="submit" className="button">
          {t("settings:save")}
        </button>
      </Form>
    </div>
  );
}
