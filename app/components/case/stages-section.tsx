// "Stages": each stage of a complaint with its deadline, any extension, the response and how the
// clock stands.
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { StaffTable } from "#app/components/staff-table";
import { ClockTag, DaysLeft } from "./deadline-tags";
import { useStageName } from "./stage-name";
import type { CaseNames, CaseStage } from "./types";

export function StagesSection({
  stages,
  procedure = null,
  caseNames,
}: {
  stages: readonly CaseStage[];
  procedure?: string | null;
  caseNames?: CaseNames;
}) {
  const { t } = useTranslation();
  const stageName = useStageName(procedure, caseNames);
  const format = useDates();
  const day = (iso: string) => <time dateTime={iso}>{format.day(iso, "long")}</time>;
  const yesNo = (value: boolean) => t(`triage:values.yesNo.${value ? "yes" : "no"}`);
  const inTime = (stage: CaseStage) => {
    if (stage.respondedOn) return yesNo(stage.respondedOn <= stage.dueOn);
    if (stage.respondedInTime !== null) return yesNo(stage.respondedInTime);
    return t("triage:case.stages.notYet");
  };
  return (
    <>
      <h2 className="heading-l" id="stages-title">
        {t("triage:case.stages.title")}
      </h2>
      <StaffTable
        caption={t("triage:case.stages.caption")}
        empty={t("triage:case.stages.none")}
        regionLabelledBy="stages-title"
        rows={stages}
        rowKey={(stage) => String(stage.stage)}
        columns={[
          {
            heading: t("triage:case.stages.columns.stage"),
            rowHeader: true,
            cell: (stage) => stageName(stage.stage),
          },
          {
            heading: t("triage:case.stages.columns.conductedBy"),
            // Stage 1 is answered by the service; Stages 2 and 3 by someone independent.
            cell: (stage) =>
              stage.stage < 2
                ? t("triage:case.stages.byTheService")
                : (stage.conductedBy ?? t("triage:case.facts.notRecorded")),
          },
          {
            heading: t("triage:case.stages.columns.started"),
            cell: (stage) => day(stage.startedOn),
          },
          { heading: t("triage:case.stages.columns.due"), cell: (stage) => day(stage.dueOn) },
          {
            heading: t("triage:case.stages.columns.extension"),
            cell: (stage) =>
              stage.extensionReason && stage.extensionAgreedOn
                ? t("triage:case.stages.extension", {
                    reason: stage.extensionReason,
                    date: format.day(stage.extensionAgreedOn, "medium"),
                  })
                : t("triage:case.stages.noExtension"),
          },
          {
            heading: t("triage:case.stages.columns.responded"),
            cell: (stage) =>
              stage.respondedOn ? day(stage.respondedOn) : t("triage:case.stages.notYet"),
          },
          { heading: t("triage:case.stages.columns.inTime"), cell: inTime },
          {
            heading: t("triage:case.stages.columns.clock"),
            cell: (stage) =>
              stage.state ? (
                <>
                  <ClockTag state={stage.state} /> <DaysLeft state={stage.state} />
                </>
              ) : (
                t("triage:clock.stopped")
              ),
          },
        ]}
      />
    </>
  );
}
