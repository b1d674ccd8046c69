// One team: its name, who is in it (accounts, or a name and an email address) and who manages it.
// A compliment about the team reaches everyone here; one about a member is copied to managers.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import {
  Choices,
  ErrorSummary,
  Notice,
  Select,
  TextInput,
  useTranslatedErrors,
} from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { listStaff } from "#app/models/staff.server";
import {
  changeTeam,
  getTeam,
  MemberInTeamError,
  TeamNameInUseError,
  type TeamChange,
} from "#app/models/teams.server";
import { formErrors, textOf } from "#app/web/forms.server";
import { notFound } from "#app/web/refusals.server";
import { readNewMember, readTeamName } from "#app/web/settings-forms.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { area: "staff" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "settings:manage");
  const team = await getTeam(context.organisation.id, params.id ?? "");
  if (!team) throw notFound();
  const accounts = (await listStaff(context.organisation.id)).map((person) => ({
    value: person.id,
    label: `${person.name} (${person.email})`,
  }));
  return { pageTitle: team.name, team, accounts };
}

type Problem = { errors: Record<string, string>; values: Record<string, unknown>; form: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "settings:manage");
  const teamId = params.id ?? "";
  const intent = textOf(form, "intent");
  const problem = (payload: Problem) => formErrors(context, payload);
  let change: TeamChange;
  if (intent === "rename") {
    const name = readTeamName(form, "teamName");
    if (!name.ok) return problem({ errors: name.errors, values: name.typed, form: intent });
    change = { kind: "rename", teamId, name: name.name };
  } else if (intent === "remove-member") {
    change = { kind: "remove-member", teamId, memberId: textOf(form, "member") };
  } else {
    const member = readNewMember(form);
    if (!member.ok) return problem({ errors: member.errors, values: member.typed, form: "add" });
    change = { kind: "add-member", teamId, person: member.person, manager: member.manager };
  }
  try {
    const changed = await changeTeam({
      organisationId: context.organisation.id,
      staff,
      change,
      clientAddress: context.clientAddress,
    });
    if (!changed) throw notFound();
  } catch (error) {
    if (error instanceof TeamNameInUseError) {
      return problem({
        errors: { teamName: "settings:errors.teamNameInUse" },
        values: { teamName: textOf(form, "teamName") },
        form: "rename",
      });
    }
    if (error instanceof MemberInTeamError) {
      return problem({
        errors: { email: "settings:errors.memberInTeam" },
        values: readNewMember(form).typed,
        form: "add",
      });
    }
    throw error;
  }
  throw redirect(`/staff/settings/teams/${teamId}?saved=${change.kind}`);
}

export default function Team() {
  const { t } = useTranslation();
  const { team, accounts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const typed = (form: string) =>
    (result?.form === form ? result.values : {}) as Record<string, string | boolean | undefined>;
  const add = typed("add");
  return (
    <>
      <ErrorSummary errors={errors} />
      {saved && !result ? <Notice title={t("settings:saved")} /> : null}
      <p>
        <a href="/staff/settings/teams">{t("settings:teams.back")}</a>
      </p>
      <PageHeading>{team.name}</PageHeading>
      <StaffTable
        caption={t("settings:teams.membersCaption", { team: team.name })}
        showCaption
        rows={team.members}
        rowKey={(member) => member.id}
        empty={t("settings:teams.noMembers")}
        columns={[
          { heading: t("settings:teams.memberName"), rowHeader: true, cell: (m) => m.name },
          { heading: t("settings:teams.memberEmail"), cell: (m) => m.email },
          {
            heading: t("settings:teams.memberKind"),
            cell: (m) =>
              [
                m.staffUserId ? t("settings:teams.hasAccount") : t("settings:teams.emailOnly"),
                m.manager ? t("settings:teams.manager") : null,
              ]
                .filter(Boolean)
                .join(", "),
          },
          {
            heading: t("settings:teams.action"),
            cell: (m) => (
              <Form method="post" noValidate>
                <CsrfField />
                <input type="hidden" name="intent" value="remove-member" />
                <input type="hidden" name="member" value={m.id} />
                <button type="submit" className="button button--secondary button--small">
                  {t("settings:teams.remove")}
                  <span className="visually-hidden"> {m.name}</span>
                </button>
              </Form>
            ),
          },
        ]}
      />
      <div className="narrow">
        <h2 className="heading-m">{t("settings:teams.addMemberTitle")}</h2>
        <p>{t("settings:teams.addMemberIntro")}</p>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="add-member" />
          <Select
            name="account"
            label={t("settings:teams.account")}
            empty={t("settings:teams.noAccount")}
            options={accounts}
            value={String(add.account ?? "")}
          />
          <TextInput
            name="name"
            label={t("settings:teams.memberName")}
            hint={t("settings:teams.memberNameHint")}
            defaultValue={typeof add.name === "string" ? add.name : undefined}
            error={errors?.name}
          />
          <TextInput
            name="email"
            type="email"
            label={t("settings:teams.memberEmail")}
            spellCheck={false}
            defaultValue={typeof add.email === "string" ? add.email : undefined}
            error={errors?.email}
          />
          <Choices
            type="checkbox"
            name="manager"
            legend={t("settings:teams.managerLegend")}
            checked={add.manager ? ["yes"] : []}
            options={[{ value: "yes", label: t("settings:teams.managerOption") }]}
          />
          <button type="submit" className="button">
            {t("settings:teams.addMember")}
          </button>
        </Form>
        <h2 className="heading-m">{t("settings:teams.renameTitle")}</h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="rename" />
          <TextInput
            name="teamName"
            label={t("settings:teams.newName")}
            defaultValue={String(typed("rename").teamName ?? team.name)}
            error={errors?.teamName}
          />
          <button type="submit" className="button button--secondary">
            {t("settings:teams.rename")}
          </button>
        </Form>
      </div>
    </>
  );
}
