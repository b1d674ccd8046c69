// "What to do next": the complaints officer's forms for a case, each shown only when it can be
// used, in the order a case moves through them. The form that came back with a problem is open;
// so is "Check and confirm the details" on a new case.
import { useTranslation } from "react-i18next";
import { useTranslatedErrors } from "#app/components/fields";
import { CASE_LIMITS, type FormProblems, type Intent } from "#app/utils/case-actions";
import { dateBoxesOf } from "#app/utils/dates";
import type { FormState } from "./action-form";
import { ClassifyForm } from "./classify-form";
import { NoteForm, ReplyForm } from "./note-and-reply-forms";
import {
  AcknowledgeForm,
  AssignForm,
  CloseForm,
  ConductedByForm,
  EscalateForm,
  ExtendForm,
  LessonsForm,
  OmbudsmanForm,
  RespondForm,
} from "./stage-forms";
import { useStageName } from "./stage-name";
import type {
  CaseNames,
  CaseRecord,
  CaseStage,
  CurrentStage,
  OfficerChoices,
  ServiceArea,
} from "./types";

export function CaseActions({
  c,
  choices,
  current,
  today,
  serviceAreas,
  stages = [],
  caseNames,
  result,
}: {
  c: CaseRecord;
  /** Only the officer's page has them; without them there is nothing to show. */
  choices: OfficerChoices | null;
  current: CurrentStage | null;
  today: string;
  serviceAreas: readonly ServiceArea[];
  stages?: readonly Pick<CaseStage, "stage" | "conductedBy">[];
  caseNames?: CaseNames;
  /** The form that came back with problems, if one did. */
  result: FormProblems | undefined;
}) {
  const { t } = useTranslation();
  const errors = useTranslatedErrors(result?.errors, {
    example: dateBoxesOf(today).join(" "),
    ...CASE_LIMITS,
  });
  const stageName = useStageName(c.procedure, caseNames);
  if (!choices) return null;
  const stateOf = (intent: Intent): FormState => {
    const mine = result?.intent === intent;
    return {
      errors: mine ? errors : undefined,
      value: (name, fallback) =>
        mine ? (result.values[`${intent}-${name}`] ?? "") : (fallback ?? ""),
    };
  };
  const isOpen = (intent: Intent) =>
    result?.intent === intent || (intent === "classify" && !result && c.isNew);
  const form = (intent: Intent) => ({ state: stateOf(intent), open: isOpen(intent) });
  const closed = c.closedOn !== null;
  const answered = c.kind !== "compliment";
  return (
    <section aria-labelledby="actions-title" className="no-print">
      <h2 className="heading-l" id="actions-title">
        {t("triage:actions.title")}
      </h2>
      {!closed ? (
        <ClassifyForm {...form("classify")} c={c} choices={choices} serviceAreas={serviceAreas} />
      ) : null}

      {!closed && answered ? (
        <AssignForm
          {...form("assign")}
          responderStaffUserId={c.responderStaffUserId}
          responderTeamId={c.responderTeamId}
          choices={choices}
        />
      ) : null}

      {!closed && !c.acknowledgedOn ? (
        <AcknowledgeForm
          {...form("acknowledge")}
          kind={c.kind}
          today={today}
          days={caseNames?.acknowledgementDays ?? 3}
        />
      ) : null}

      {!closed && current?.canExtend ? (
        <ExtendForm {...form("extend")} extendedDays={current.extendedDays} today={today} />
      ) : null}

      {!closed && current?.open ? (
        <RespondForm {...form("respond")} stage={c.stage} today={today} />
      ) : null}

      {!closed && c.kind === "complaint" && c.stage < 3 ? (
        <EscalateForm {...form("escalate")} stage={c.stage} today={today} stageName={stageName} />
      ) : null}

      {c.kind === "complaint" && c.stage >= 2 ? (
        <ConductedByForm
          {...form("conducted-by")}
          stage={c.stage}
          conductedBy={stages.find((s) => s.stage === c.stage)?.conductedBy ?? null}
          stageName={stageName}
        />
      ) : null}

      {c.kind === "complaint" && (!c.ombudsmanOn || !c.ombudsmanOutcome) ? (
        <OmbudsmanForm
          {...form("ombudsman")}
          today={today}
          ombudsman={caseNames?.ombudsman ?? t("triage:ombudsmen.lgsco")}
          referredOn={c.ombudsmanOn}
        />
      ) : null}

      {!closed ? <CloseForm {...form("close")} kind={c.kind} today={today} /> : null}

      {closed &&
      c.kind === "complaint" &&
      (c.outcome === "upheld" || c.outcome === "partly-upheld") ? (
        <LessonsForm {...form("lessons")} lessonsLearnt={c.lessonsLearnt} />
      ) : null}

      <NoteForm {...form("note")} />

      {c.replyMethod === "email" && c.replyTo ? (
        <ReplyForm {...form("reply")} email={c.replyTo} language={c.language} />
      ) : null}
    </section>
  );
}
