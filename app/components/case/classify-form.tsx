// "Check and confirm the details": what it is, under which procedure, about what, who made it and
// how, and who it concerns.
import { useTranslation } from "react-i18next";
import { Choices, Select } from "#app/components/fields";
import { YES_NO } from "#app/web/classification.server";
import {
  COMPLAINT_CATEGORIES,
  CONTACT_METHODS,
  DISABILITIES,
  ETHNICITIES,
  MADE_BY,
  PROCEDURES,
  REPRESENTATION_KINDS,
} from "#db/schema/constants";
import { ActionForm, useValueOptions, type ActionFormProps } from "./action-form";
import type { CaseRecord, OfficerChoices, ServiceArea } from "./types";

export function ClassifyForm({
  state: classify,
  open,
  c,
  choices,
  serviceAreas,
}: ActionFormProps & {
  c: CaseRecord;
  choices: OfficerChoices;
  serviceAreas: readonly ServiceArea[];
}) {
  const { t } = useTranslation();
  const options = useValueOptions();
  const cl = (name: string) => `classify-${name}`;
  const people = choices.people.map((person) => ({ value: person.id, label: person.name }));
  const teams = choices.teams.map((team) => ({ value: team.id, label: team.name }));
  const members = choices.members.map((member) => ({ value: member.id, label: member.name }));
  return (
    <ActionForm
      intent="classify"
      state={classify}
      open={open}
      intro={t("triage:actions.classify.intro")}
    >
      <Choices
        type="radio"
        name={cl("kind")}
        legend={t("triage:fields.kind")}
        error={classify.errors?.[cl("kind")]}
        checked={[classify.value("kind", c.kind)]}
        options={options("kind", REPRESENTATION_KINDS)}
      />
      <Choices
        type="radio"
        name={cl("procedure")}
        legend={t("triage:fields.procedure")}
        hint={t("triage:fields.procedureHint")}
        error={classify.errors?.[cl("procedure")]}
        checked={[classify.value("procedure", c.procedure ?? "undecided")]}
        options={options("procedure", [...PROCEDURES, "undecided"])}
      />
      <Select
        name={cl("category")}
        label={t("triage:fields.category")}
        hint={t("triage:fields.categoryHint")}
        error={classify.errors?.[cl("category")]}
        empty={t("triage:fields.categoryNone")}
        options={options("category", COMPLAINT_CATEGORIES)}
        value={classify.value("category", c.category)}
      />
      <Select
        name={cl("serviceArea")}
        label={t("triage:fields.serviceArea")}
        error={classify.errors?.[cl("serviceArea")]}
        empty={t("triage:fields.serviceAreaNone")}
        // A retired area is offered only to the case that already has it.
        options={serviceAreas
          .filter((area) => !area.retired || area.key === c.serviceArea)
          .map((area) => ({ value: area.key, label: area.name }))}
        value={classify.value("serviceArea", c.serviceArea)}
      />
      <Choices
        type="radio"
        name={cl("madeBy")}
        legend={t("triage:fields.madeBy")}
        error={classify.errors?.[cl("madeBy")]}
        checked={[classify.value("madeBy", c.madeBy)]}
        options={options("madeBy", MADE_BY)}
      />
      <Choices
        type="radio"
        name={cl("contactMethod")}
        legend={t("triage:fields.contactMethod")}
        error={classify.errors?.[cl("contactMethod")]}
        checked={[classify.value("contactMethod", c.contactMethod)]}
        options={options("contactMethod", CONTACT_METHODS)}
      />
      <Choices
        type="radio"
        name={cl("lookedAfterChild")}
        legend={t("triage:fields.lookedAfterChild")}
        hint={t("triage:fields.lookedAfterChildHint")}
        error={classify.errors?.[cl("lookedAfterChild")]}
        checked={[classify.value("lookedAfterChild", c.lookedAfterChild ? "yes" : "no")]}
        options={options("yesNo", YES_NO)}
        layout="inline"
      />
      <Select
        name={cl("iroStaffUserId")}
        label={t("triage:fields.iro")}
        error={classify.errors?.[cl("iroStaffUserId")]}
        empty={t("triage:fields.iroNone")}
        options={choices.iros.map((iro) => ({ value: iro.id, label: iro.name }))}
        value={classify.value("iroStaffUserId", c.iroStaffUserId)}
      />
      <Choices
        type="radio"
        name={cl("ethnicity")}
        legend={t("triage:fields.ethnicity")}
        hint={t("triage:fields.ethnicityHint")}
        error={classify.errors?.[cl("ethnicity")]}
        checked={[classify.value("ethnicity", c.ethnicity)]}
        options={options("ethnicity", ETHNICITIES)}
      />
      <Choices
        type="radio"
        name={cl("disability")}
        legend={t("triage:fields.disability")}
        error={classify.errors?.[cl("disability")]}
        checked={[classify.value("disability", c.disability)]}
        options={options("disability", DISABILITIES)}
        layout="inline"
      />
      <Select
        name={cl("complimentStaffUserId")}
        label={t("triage:fields.complimentPerson")}
        hint={t("triage:fields.complimentHint")}
        error={classify.errors?.[cl("complimentStaffUserId")]}
        empty={t("triage:fields.complimentPersonNone")}
        options={people}
        value={classify.value("complimentStaffUserId", c.complimentStaffUserId)}
      />
      <Select
        name={cl("complimentMemberId")}
        label={t("triage:fields.complimentMember")}
        error={classify.errors?.[cl("complimentMemberId")]}
        empty={t("triage:fields.complimentMemberNone")}
        options={members}
        value={classify.value("complimentMemberId", c.complimentMemberId)}
      />
      <Select
        name={cl("complimentTeamId")}
        label={t("triage:fields.complimentTeam")}
        error={classify.errors?.[cl("complimentTeamId")]}
        empty={t("triage:fields.complimentTeamNone")}
        options={teams}
        value={classify.value("complimentTeamId", c.complimentTeamId)}
      />
    </ActionForm>
  );
}
