// The council's teams: who manages each and how many are in it, and a new team.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { changeTeam, listTeams, TeamNameInUseError } from "#app/models/teams.server";
import { formErrors } from "#app/web/forms.server";
import { readTeamName } from "#app/web/settings-forms.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "settings:topics.teams.title", area: "staff" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "settings:manage");
  return { teams: await listTeams(context.organisation.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "settings:manage");
  const name = readTeamName(form);
  if (!name.ok) return formErrors(context, { errors: name.errors, values: name.typed });
  try {
    const teamId = await changeTeam({
      organisationId: context.organisation.id,
      staff,
      change: { kind: "create", name: name.name },
      clientAddress: context.clientAddress,
    });
    throw redirect(`/staff/settings/teams/${teamId}?saved=created`);
  } catch (error) {
    if (error instanceof TeamNameInUseError) {
      return formErrors(context, {
        errors: { name: "settings:errors.teamNameInUse" },
        values: name.typed,
      });
    }
    throw error;
  }
}

export default function Teams() {
  const { t } = useTranslation();
  const { teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  return (
    <>
      <ErrorSummary errors={errors} />
      <p>
        <a href="/staff/settings">{t("settings:back")}</a>
      </p>
      <PageHeading>{t("settings:topics.teams.title")}</PageHeading>
      <p>{t("settings:topics.teams.intro")}</p>
      <StaffTable
        caption={t("settings:teams.caption")}
        rows={teams}
        rowKey={(team) => team.id}
        empty={t("settings:teams.none")}
        columns={[
          {
            heading: t("settings:teams.name"),
            rowHeader: true,
            cell: (team) => <a href={`/staff/settings/teams/${team.id}`}>{team.name}</a>,
          },
          { heading: t("settings:teams.members"), cell: (team) => team.members },
          {
            heading: t("settings:teams.managers"),
            cell: (team) => team.managers.join(", ") || t("settings:teams.noManager"),
          },
        ]}
      />
      <h2 className="heading-m">{t("settings:teams.addTitle")}</h2>
      <Form method="post" noValidate className="narrow">
        <CsrfField />
        <TextInput
          name="name"
          label={t("settings:teams.newName")}
          defaultValue={result?.values.name}
          error={errors?.name}
        />
        <button type="submit" className="button">
          {t("settings:teams.add")}
        </button>
      </Form>
    </>
  );
}
