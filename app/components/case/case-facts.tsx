// "About this case": the facts of a case as a summary list, from its reference to when it closed.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { SummaryRow } from "#app/components/summary";
import { useStageName } from "./stage-name";
import type { CaseNames, CaseRecord, CaseStage } from "./types";

export function CaseFacts({
  c,
  acknowledgeBy,
  advocacyReferral,
  mayOpenReferral,
  names,
  areas,
  stages = [],
  caseNames,
}: {
  c: CaseRecord;
  acknowledgeBy: string;
  advocacyReferral: { id: string; reference: string; firstContactOn: string | null } | null;
  /** Only the advocacy provider opens the referral itself. */
  mayOpenReferral: boolean;
  /** The names of the people and teams the case mentions, by id. */
  names: Record<string, string>;
  /** The council's service areas' names, by key. */
  areas: Record<string, string>;
  /** The complaint's stages: who conducted Stages 2 and 3. */
  stages?: readonly Pick<CaseStage, "stage" | "conductedBy">[];
  caseNames?: CaseNames;
}) {
  const { t } = useTranslation();
  const stageName = useStageName(c.procedure, caseNames);
  const ombudsman = caseNames?.ombudsman ?? t("triage:ombudsmen.lgsco");
  const format = useDates();
  const nameOf = (id: string | null) =>
    id ? (names[id] ?? t("triage:case.facts.unknownPerson")) : null;
  const notRecorded = <span className="hint">{t("triage:case.facts.notRecorded")}</span>;
  const yesNo = (value: boolean) => t(`triage:values.yesNo.${value ? "yes" : "no"}`);
  const day = (iso: string) => <time dateTime={iso}>{format.day(iso, "long")}</time>;
  const responder = [nameOf(c.responderStaffUserId), nameOf(c.responderTeamId)]
    .filter(Boolean)
    .join(", ");
  const complimentFor = [
    nameOf(c.complimentStaffUserId),
    nameOf(c.complimentMemberId),
    nameOf(c.complimentTeamId),
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <>
      <h2 className="heading-l">{t("triage:case.facts.title")}</h2>
      <dl className="summary-list">
        <SummaryRow label={t("triage:case.facts.reference")}>
          <span dir="ltr">{c.reference}</span>
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.kind")}>
          {t(`triage:values.kind.${c.kind}`)}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.procedure")}>
          {t(`triage:values.procedure.${c.procedure ?? "undecided"}`)}
        </SummaryRow>
        {c.kind === "complaint" ? (
          <SummaryRow label={t("triage:case.facts.category")}>
            {c.category ? t(`triage:values.category.${c.category}`) : notRecorded}
          </SummaryRow>
        ) : null}
        <SummaryRow label={t("triage:case.facts.serviceArea")}>
          {c.serviceArea ? (areas[c.serviceArea] ?? c.serviceArea) : notRecorded}
        </SummaryRow>
        {c.namedWorker ? (
          <SummaryRow label={t("triage:case.facts.namedWorker")}>{c.namedWorker}</SummaryRow>
        ) : null}
        <SummaryRow label={t("triage:case.facts.madeBy")}>
          {c.madeBy ? t(`triage:values.madeBy.${c.madeBy}`) : notRecorded}
        </SummaryRow>
        {c.relationship ? (
          <SummaryRow label={t("triage:case.facts.relationship")}>
            {t(`triage:values.relationship.${c.relationship}`)}
          </SummaryRow>
        ) : null}
        <SummaryRow label={t("triage:case.facts.senderName")}>
          {c.senderName ?? notRecorded}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.childName")}>
          {c.childName ?? notRecorded}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.source")}>
          {t(`triage:values.source.${c.source}`)}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.contactMethod")}>
          {c.contactMethod ? t(`triage:values.contactMethod.${c.contactMethod}`) : notRecorded}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.receivedOn")}>{day(c.receivedOn)}</SummaryRow>
        {c.kind === "complaint" ? (
          <SummaryRow label={t("triage:case.facts.acknowledgeBy")}>{day(acknowledgeBy)}</SummaryRow>
        ) : null}
        <SummaryRow label={t("triage:case.facts.acknowledgedOn")}>
          {c.acknowledgedOn ? day(c.acknowledgedOn) : t("triage:case.facts.notYet")}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.lookedAfterChild")}>
          {yesNo(c.lookedAfterChild)}
        </SummaryRow>
        {c.lookedAfterChild ? (
          <SummaryRow label={t("triage:case.facts.iro")}>
            {nameOf(c.iroStaffUserId) ?? notRecorded}
          </SummaryRow>
        ) : null}
        {c.kind === "compliment" ? (
          <>
            <SummaryRow label={t("triage:case.facts.complimentFor")}>
              {complimentFor || notRecorded}
            </SummaryRow>
            <SummaryRow label={t("triage:case.facts.passedTo")}>
              {c.complimentPassedTo?.length
                ? c.complimentPassedTo.map((person) => person.name).join(", ")
                : t("triage:case.facts.notPassedOn")}
            </SummaryRow>
          </>
        ) : (
          <SummaryRow label={t("triage:case.facts.responder")}>
            {responder || t("triage:case.facts.nobody")}
          </SummaryRow>
        )}
        <SummaryRow label={t("triage:case.facts.replyMethod")}>
          {c.replyMethod ? t(`triage:values.replyMethod.${c.replyMethod}`) : notRecorded}
        </SummaryRow>
        {c.replyTo ? (
          <SummaryRow label={t("triage:case.facts.replyTo")}>
            <span dir="ltr" className="triage-note">
              {c.replyTo}
            </span>
          </SummaryRow>
        ) : null}
        <SummaryRow label={t("triage:case.facts.language")}>
          <span lang={c.language}>{t("common:language.nativeName", { lng: c.language })}</span>
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.ethnicity")}>
          {t(`triage:values.ethnicity.${c.ethnicity}`)}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.disability")}>
          {t(`triage:values.disability.${c.disability}`)}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.advocacyOffered")}>
          {yesNo(c.advocacyOffered)}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.advocacyTaken")}>
          {yesNo(c.advocacyTaken)}
        </SummaryRow>
        {advocacyReferral ? (
          <SummaryRow label={t("triage:case.facts.advocacyReferral")}>
            {/* Only the advocacy provider works from the referral; others see where it stands. */}
            {mayOpenReferral ? (
              <Link to={`/staff/advocacy/${advocacyReferral.id}`} dir="ltr">
                {advocacyReferral.reference}
              </Link>
            ) : (
              <span dir="ltr">{advocacyReferral.reference}</span>
            )}{" "}
            <span className="hint">
              {advocacyReferral.firstContactOn
                ? t("triage:case.facts.advocacyContacted", {
                    date: format.day(advocacyReferral.firstContactOn, "medium"),
                  })
                : t("triage:case.facts.advocacyWaiting")}
            </span>
          </SummaryRow>
        ) : null}
        {stages
          .filter((stage) => stage.stage >= 2)
          .map((stage) => (
            <SummaryRow
              key={stage.stage}
              label={t(`triage:case.facts.conductedBy.${stage.stage === 2 ? "2" : "3"}`, {
                stage: stageName(stage.stage),
              })}
            >
              {stage.conductedBy ?? notRecorded}
            </SummaryRow>
          ))}
        {c.ombudsmanOn ? (
          <>
            <SummaryRow label={t("triage:case.facts.ombudsmanReferred", { ombudsman })}>
              {day(c.ombudsmanOn)}
            </SummaryRow>
            <SummaryRow label={t("triage:case.facts.ombudsmanOutcome", { ombudsman })}>
              {c.ombudsmanOutcome
                ? t(`triage:values.ombudsmanOutcome.${c.ombudsmanOutcome}`)
                : t("triage:case.facts.ombudsmanAwaiting")}
            </SummaryRow>
          </>
        ) : null}
        {c.closedOn && c.outcome ? (
          <SummaryRow label={t("triage:case.facts.outcome")}>
            {t(`triage:values.outcome.${c.outcome}`)}
          </SummaryRow>
        ) : null}
        {c.outcome === "upheld" || c.outcome === "partly-upheld" ? (
          <SummaryRow label={t("triage:case.facts.lessonsLearnt")}>
            {c.lessonsLearnt ? <span className="triage-note">{c.lessonsLearnt}</span> : notRecorded}
          </SummaryRow>
        ) : null}
        {c.closedOn ? (
          <SummaryRow label={t("triage:case.facts.closedOn")}>{day(c.closedOn)}</SummaryRow>
        ) : null}
      </dl>
    </>
  );
}
