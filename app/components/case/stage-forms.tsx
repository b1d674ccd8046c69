// The forms that take a case through its stages: who answers it, the acknowledgement, a longer
// deadline, the response, the next stage, the Ombudsman, and closing it.
import { useTranslation } from "react-i18next";
import { Choices, Select, TextInput } from "#app/components/fields";
import { OUTCOMES } from "#db/schema/constants";
import { ActionForm, DateField, useValueOptions, type ActionFormProps } from "./action-form";
import type { OfficerChoices } from "./types";

const useStageName = () => {
  const { t } = useTranslation();
  return (stage: number) => t(`triage:values.stage.${stage}`);
};

/** "Ask someone to answer it": a person, a team, or both. */
export function AssignForm({
  state: assign,
  open,
  responderStaffUserId,
  responderTeamId,
  choices,
}: ActionFormProps & {
  responderStaffUserId: string | null;
  responderTeamId: string | null;
  choices: OfficerChoices;
}) {
  const { t } = useTranslation();
  const people = choices.people.map((person) => ({ value: person.id, label: person.name }));
  const teams = choices.teams.map((team) => ({ value: team.id, label: team.name }));
  return (
    <ActionForm intent="assign" state={assign} open={open} intro={t("triage:actions.assign.intro")}>
      <Select
        name="assign-responderStaffUserId"
        label={t("triage:actions.assign.person")}
        error={assign.errors?.["assign-responderStaffUserId"]}
        empty={t("triage:actions.assign.personNone")}
        options={people}
        value={assign.value("responderStaffUserId", responderStaffUserId)}
      />
      <Select
        name="assign-responderTeamId"
        label={t("triage:actions.assign.team")}
        error={assign.errors?.["assign-responderTeamId"]}
        empty={t("triage:actions.assign.teamNone")}
        options={teams}
        value={assign.value("responderTeamId", responderTeamId)}
      />
    </ActionForm>
  );
}

/** "Record the acknowledgement": the day it was sent. */
export function AcknowledgeForm({
  state,
  open,
  kind,
  today,
}: ActionFormProps & { kind: string; today: string }) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent="acknowledge"
      state={state}
      open={open}
      intro={kind === "complaint" ? t("triage:actions.acknowledge.intro") : undefined}
    >
      <DateField
        intent="acknowledge"
        name="on"
        legend={t("triage:actions.acknowledge.date")}
        state={state}
        today={today}
      />
    </ActionForm>
  );
}

/** "Extend the deadline": why, and the day the complainant agreed. */
export function ExtendForm({
  state: extend,
  open,
  extendedDays,
  today,
}: ActionFormProps & { extendedDays: number | null; today: string }) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent="extend"
      state={extend}
      open={open}
      intro={t("triage:actions.extend.intro", { days: extendedDays })}
    >
      <TextInput
        name="extend-reason"
        label={t("triage:actions.extend.reason")}
        defaultValue={extend.value("reason")}
        error={extend.errors?.["extend-reason"]}
      />
      <DateField
        intent="extend"
        name="agreedOn"
        legend={t("triage:actions.extend.date")}
        state={extend}
        today={today}
      />
    </ActionForm>
  );
}

/** An action that records one day: a response sent, a request to escalate, an Ombudsman referral. */
function OneDayForm({
  intent,
  field,
  intro,
  submit,
  state,
  open,
  today,
}: ActionFormProps & {
  intent: "respond" | "escalate" | "ombudsman";
  field: string;
  intro: string;
  submit?: string;
  today: string;
}) {
  const { t } = useTranslation();
  return (
    <ActionForm intent={intent} state={state} open={open} intro={intro} submit={submit}>
      <DateField
        intent={intent}
        name={field}
        legend={t(`triage:actions.${intent}.date`)}
        state={state}
        today={today}
      />
    </ActionForm>
  );
}

type StageDayProps = ActionFormProps & { stage: number; today: string };

/** "Record the response sent" for the stage the case is at. */
export function RespondForm({ stage, ...props }: StageDayProps) {
  const { t } = useTranslation();
  const stageName = useStageName();
  return (
    <OneDayForm
      {...props}
      intent="respond"
      field="on"
      intro={t("triage:actions.respond.intro", { stage: stageName(stage) })}
    />
  );
}

/** "Move to the next stage": the day the complainant asked for it. */
export function EscalateForm({ stage, ...props }: StageDayProps) {
  const { t } = useTranslation();
  const stageName = useStageName();
  return (
    <OneDayForm
      {...props}
      intent="escalate"
      field="requestedOn"
      intro={t("triage:actions.escalate.intro", { stage: stageName(stage) })}
      submit={t("triage:actions.escalate.submit", { stage: stageName(stage + 1) })}
    />
  );
}

/** "Record a referral to the Ombudsman": the day. */
export function OmbudsmanForm(props: ActionFormProps & { today: string }) {
  const { t } = useTranslation();
  return (
    <OneDayForm
      {...props}
      intent="ombudsman"
      field="on"
      intro={t("triage:actions.ombudsman.intro")}
    />
  );
}

/** "Close the case": a complaint's outcome, and the day. */
export function CloseForm({
  state: close,
  open,
  kind,
  today,
}: ActionFormProps & { kind: string; today: string }) {
  const { t } = useTranslation();
  const options = useValueOptions();
  return (
    <ActionForm
      intent="close"
      state={close}
      open={open}
      intro={kind === "complaint" ? t("triage:actions.close.intro") : undefined}
    >
      {kind === "complaint" ? (
        <Choices
          type="radio"
          name="close-outcome"
          legend={t("triage:actions.close.outcome")}
          error={close.errors?.["close-outcome"]}
          checked={[close.value("outcome")]}
          options={options("outcome", OUTCOMES)}
        />
      ) : null}
      <DateField
        intent="close"
        name="on"
        legend={t("triage:actions.close.date")}
        state={close}
        today={today}
      />
    </ActionForm>
  );
}
