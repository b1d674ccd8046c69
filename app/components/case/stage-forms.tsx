// The forms that take a case through its stages: who answers it, the acknowledgement, a longer
// deadline, the response, the next stage and who conducts it, the Ombudsman and its decision,
// closing it and what the council changed.
import { useTranslation } from "react-i18next";
import { Choices, Select, TextInput } from "#app/components/fields";
import { OMBUDSMAN_OUTCOMES, OUTCOMES } from "#db/schema/constants";
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
  days,
}: ActionFormProps & { kind: string; today: string; days: number }) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent="acknowledge"
      state={state}
      open={open}
      intro={kind === "complaint" ? t("triage:actions.acknowledge.intro", { days }) : undefined}
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

/** An action that records one day: a response sent. */
function OneDayForm({
  intent,
  field,
  intro,
  submit,
  state,
  open,
  today,
}: ActionFormProps & {
  intent: "respond";
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

/** "Move to the next stage": the day the complainant asked for it, and who will conduct it. */
export function EscalateForm({
  stage,
  state,
  open,
  today,
  stageName: nameOf,
}: StageDayProps & { stageName?: (stage: number) => string }) {
  const { t } = useTranslation();
  const fallback = useStageName();
  const stageName = nameOf ?? fallback;
  const next = stage + 1;
  return (
    <ActionForm
      intent="escalate"
      state={state}
      open={open}
      intro={t("triage:actions.escalate.intro", { stage: stageName(stage) })}
      submit={t("triage:actions.escalate.submit", { stage: stageName(next) })}
    >
      <DateField
        intent="escalate"
        name="requestedOn"
        legend={t("triage:actions.escalate.date")}
        state={state}
        today={today}
      />
      <TextInput
        name="escalate-conductedBy"
        label={t(`triage:actions.conducted-by.label.${next >= 3 ? "3" : "2"}`, {
          stage: stageName(next),
        })}
        hint={t("triage:actions.escalate.conductedByHint")}
        defaultValue={state.value("conductedBy")}
        error={state.errors?.["escalate-conductedBy"]}
      />
    </ActionForm>
  );
}

/** "Record who investigates" (Stage 2) or "Record the panel or reviewer" (Stage 3). */
export function ConductedByForm({
  state,
  open,
  stage,
  conductedBy,
  stageName,
}: ActionFormProps & {
  stage: number;
  conductedBy: string | null;
  stageName: (stage: number) => string;
}) {
  const { t } = useTranslation();
  const which = stage >= 3 ? "3" : "2";
  return (
    <ActionForm
      intent="conducted-by"
      state={state}
      open={open}
      title={t(`triage:actions.conducted-by.title.${which}`, { stage: stageName(stage) })}
      intro={t(`triage:actions.conducted-by.intro.${which}`, { stage: stageName(stage) })}
    >
      <TextInput
        name="conducted-by-conductedBy"
        label={t(`triage:actions.conducted-by.label.${which}`, { stage: stageName(stage) })}
        defaultValue={state.value("conductedBy", conductedBy)}
        error={state.errors?.["conducted-by-conductedBy"]}
      />
    </ActionForm>
  );
}

/** "Record a referral to the Ombudsman": the day, and the Ombudsman's decision once known. */
export function OmbudsmanForm({
  state,
  open,
  today,
  ombudsman,
  referredOn,
}: ActionFormProps & { today: string; ombudsman: string; referredOn: string | null }) {
  const { t } = useTranslation();
  const options = useValueOptions();
  return (
    <ActionForm
      intent="ombudsman"
      state={state}
      open={open}
      title={
        referredOn
          ? t("triage:actions.ombudsman.decisionTitle", { ombudsman })
          : t("triage:actions.ombudsman.title", { ombudsman })
      }
      intro={t("triage:actions.ombudsman.intro", { ombudsman })}
    >
      <DateField
        intent="ombudsman"
        name="on"
        legend={t("triage:actions.ombudsman.date", { ombudsman })}
        state={state}
        today={referredOn ?? today}
      />
      <Choices
        type="radio"
        name="ombudsman-outcome"
        legend={t("triage:actions.ombudsman.outcome", { ombudsman })}
        error={state.errors?.["ombudsman-outcome"]}
        checked={[state.value("outcome")]}
        options={[
          { value: "", label: t("triage:actions.ombudsman.notDecided") },
          ...options("ombudsmanOutcome", OMBUDSMAN_OUTCOMES),
        ]}
      />
    </ActionForm>
  );
}

/** "Record what we changed" after an upheld or partly upheld complaint. */
export function LessonsForm({
  state,
  open,
  lessonsLearnt,
}: ActionFormProps & { lessonsLearnt: string | null }) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent="lessons"
      state={state}
      open={open}
      intro={t("triage:actions.lessons.intro")}
      withNote={false}
    >
      <TextInput
        name="lessons-lessonsLearnt"
        label={t("triage:actions.lessons.label")}
        hint={t("triage:actions.lessons.hint")}
        multiline
        defaultValue={state.value("lessonsLearnt", lessonsLearnt)}
        error={state.errors?.["lessons-lessonsLearnt"]}
      />
    </ActionForm>
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
      {kind === "complaint" ? (
        <TextInput
          name="close-lessonsLearnt"
          label={t("triage:actions.lessons.label")}
          hint={t("triage:actions.close.lessonsHint")}
          multiline
          defaultValue={close.value("lessonsLearnt")}
          error={close.errors?.["close-lessonsLearnt"]}
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
