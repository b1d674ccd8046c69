// A case, for the complaints officer: the loader, the action that reads which form was sent and
// hands it to the model, and the page's sections in order (app/components/case/).

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicUrlOf } from "#app/models/organisation.server";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseActions } from "#app/components/case/case-actions";
import { CaseFacts } from "#app/components/case/case-facts";
import { CaseHistory } from "#app/components/case/case-history";
import { CaseTags } from "#app/components/case/case-tags";
import { SatisfactionSection } from "#app/components/case/satisfaction-section";
import { StagesSection } from "#app/components/case/stages-section";
import { TheirWords } from "#app/components/case/their-words";
import { ErrorSummary, Notice, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import { UrgentBanner } from "#app/components/staff";
import { clockState, timescaleOf } from "#app/complaints/clock";
import { complaintSatisfaction } from "#app/forms/complaint-satisfaction";
import type { PortalHandle } from "#app/handle";
import { translatorFor } from "#app/i18n.server";
import { changeRepresentation } from "#app/models/representation/change.server";
import { calendarOf, todayInLondon } from "#app/models/representation/common.server";
import { choicesForOfficer } from "#app/models/representation/logged.server";
import { openRepresentation } from "#app/models/representation/queue.server";
import { can } from "#app/models/permissions";
import { CASE_LIMITS, INTENTS, isIntent, MAX_TEXT } from "#app/utils/case-actions";
import { changeOf, fieldOfProblem, prefixed, type Read } from "#app/web/case-actions.server";
import { officerChoices } from "#app/web/classification.server";
import { dateBoxesOf } from "#app/utils/dates";
import { formErrors, textOf } from "#app/web/forms.server";
import { localised } from "#app/utils/localised";
import { unusualCharacterProblems } from "#app/utils/plain-text";
import { refusedItem } from "#app/web/refusal-audit.server";
import { badRequest } from "#app/web/refusals.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import type { Stage } from "#db/schema/constants";

export const handle: PortalHandle = { titleKey: "triage:case.title", area: "staff" };

// ---------------------------------------------------------------------------------------------
// Loading

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  const { organisation } = context;
  // The model decides who may see it; anyone else gets "not found", whether or not it exists.
  const opened = await openRepresentation({
    organisation,
    staff,
    id: params.id ?? "",
    clientAddress: context.clientAddress,
  });
  if (!opened)
    throw await refusedItem(request, context, staff, { type: "representation", id: params.id });
  const { t, language } = await translatorFor(request);
  const row = opened.representation;
  const today = todayInLondon();
  const choices = await choicesForOfficer(organisation.id);
  const known = new Map(
    [...choices.people, ...choices.members, ...choices.teams].map((x) => [x.id, x.name]),
  );
  // Only the names this case mentions go to the page (the officer's forms get the full lists).
  const mentioned = [
    row.iroStaffUserId,
    row.responderStaffUserId,
    row.responderTeamId,
    row.complimentStaffUserId,
    row.complimentMemberId,
    row.complimentTeamId,
    ...opened.history.flatMap((entry) =>
      Object.entries(entry.detail)
        .filter(([key]) => key.endsWith("StaffUserId") || key.endsWith("TeamId"))
        .map(([, value]) => (typeof value === "string" ? value : null)),
    ),
  ].filter((id): id is string => Boolean(id));
  const names = Object.fromEntries(
    mentioned.flatMap((id) => (known.has(id) ? [[id, known.get(id)!]] : [])),
  );
  const serviceAreas = organisation.serviceAreas.map((area) => ({
    key: area.key,
    name: localised(area.name, language),
    retired: Boolean(area.retiredOn),
  }));
  const acknowledgeState =
    row.kind === "complaint" && !row.acknowledgedOn && !row.closedOn
      ? clockState(calendarOf(organisation), opened.acknowledgeBy, today)
      : null;
  const current = opened.stages.find((stage) => stage.stage === row.stage);
  const kindName = t(`triage:values.kind.${row.kind}`);
  return {
    pageTitle: t("triage:case.heading", { kind: kindName, reference: row.reference }),
    today,
    access: opened.access,
    representation: {
      id: row.id,
      reference: row.reference,
      source: row.source,
      kind: row.kind,
      procedure: row.procedure,
      category: row.category,
      serviceArea: row.serviceArea,
      namedWorker: row.namedWorker,
      madeBy: row.madeBy,
      relationship: row.relationship,
      contactMethod: row.contactMethod,
      senderName: row.senderName,
      childName: row.childName,
      summary: row.summary,
      language: row.language,
      replyMethod: row.replyMethod,
      replyTo: row.replyTo,
      lookedAfterChild: row.lookedAfterChild,
      iroStaffUserId: row.iroStaffUserId,
      ethnicity: row.ethnicity,
      disability: row.disability,
      advocacyOffered: row.advocacyOffered,
      advocacyTaken: row.advocacyTaken,
      urgent: row.urgent,
      urgentMatches: row.urgentMatches,
      isNew: row.confirmedAt === null,
      receivedOn: row.receivedOn,
      acknowledgedOn: row.acknowledgedOn,
      stage: row.stage,
      responderStaffUserId: row.responderStaffUserId,
      responderTeamId: row.responderTeamId,
      complimentStaffUserId: row.complimentStaffUserId,
      complimentTeamId: row.complimentTeamId,
      complimentMemberId: row.complimentMemberId,
      complimentPassedTo: row.complimentPassedTo,
      ombudsmanOn: row.ombudsmanOn,
      ombudsmanOutcome: row.ombudsmanOutcome,
      outcome: row.outcome,
      closedOn: row.closedOn,
      lessonsLearnt: row.lessonsLearnt,
    },
    caseNames: {
      ombudsman: t(`triage:ombudsmen.${organisation.ombudsman}`),
      corporateStage3: organisation.corporateStage3Name
        ? localised(organisation.corporateStage3Name, language).trim() || null
        : null,
      acknowledgementDays: organisation.acknowledgementDays,
    },
    acknowledgeBy: opened.acknowledgeBy,
    acknowledgeState,
    stages: opened.stages.map((stage) => ({
      stage: stage.stage,
      startedOn: stage.startedOn,
      dueOn: stage.dueOn,
      extensionReason: stage.extensionReason,
      extensionAgreedOn: stage.extensionAgreedOn,
      respondedOn: stage.respondedOn,
      respondedInTime: stage.respondedInTime,
      conductedBy: stage.conductedBy,
      state: stage.state,
      canExtend: stage.canExtend,
    })),
    current: current
      ? {
          open: !current.respondedOn,
          canExtend: current.canExtend && !current.respondedOn,
          extendedDays: timescaleOf(row.procedure, row.stage as Stage).extendedDays ?? null,
        }
      : null,
    answers: opened.answers,
    formId: opened.formId,
    formVersion: opened.formVersion,
    history: opened.history.map((entry) => ({
      at: entry.at.toISOString(),
      action: entry.action,
      actorName: entry.actorName,
      detail: entry.detail,
    })),
    advocacyReferral: opened.advocacyReferral,
    mayOpenReferral: can(staff.roles, "advocacy-referral:handle"),
    satisfaction: opened.satisfactionAskedAt
      ? {
          askedOn: todayInLondon(opened.satisfactionAskedAt),
          // The answers are anonymous: the summary holds them, for those who may see it.
          summaryHref: can(staff.roles, "report:read")
            ? `/staff/summaries/${complaintSatisfaction.id}`
            : null,
        }
      : null,
    names,
    serviceAreas,
    // Only the officer changes a case, so only the officer's page carries the lists to choose from.
    choices: opened.access === "officer" ? choices : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Changing: each form's fields are read in app/utils/case-actions.server.ts, the change made by
// the model.

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "representation:triage");
  const { organisation } = context;
  const id = params.id ?? "";
  const intent = textOf(form, "intent");
  if (!isIntent(intent)) throw badRequest();
  // Everything typed in this form, to show again if there is a problem.
  const values = Object.fromEntries(
    [...form.keys()]
      .filter((name) => name.startsWith(`${intent}-`))
      .map((name) => [name, textOf(form, name)]),
  );
  const read: Read = (name) => textOf(form, `${intent}-${name}`);
  const { ids: lists } = await officerChoices(organisation);
  const built = changeOf(intent, read, todayInLondon(), lists);
  // The two boxes typed freely; every other field is checked against what the page offered.
  const unusual = unusualCharacterProblems(
    {
      note: read("note"),
      reason: read("reason"),
      conductedBy: read("conductedBy"),
      lessonsLearnt: read("lessonsLearnt"),
    },
    ["note", "lessonsLearnt"],
  );
  if ("errors" in built || Object.keys(unusual).length > 0) {
    const errors = { ...("errors" in built ? built.errors : {}), ...unusual };
    return formErrors(context, { intent, errors: prefixed(intent, errors), values });
  }
  const result = await changeRepresentation({
    organisation,
    staff,
    id,
    change: built.change,
    note: read("note").trim().slice(0, MAX_TEXT),
    portalUrl: publicUrlOf(context.organisation),
    clientAddress: context.clientAddress,
  });
  if (!result) throw await refusedItem(request, context, staff, { type: "representation", id });
  if (!result.ok) {
    const errors = {
      [fieldOfProblem(intent, result.problem)]: `triage:problems.${result.problem}`,
    };
    return formErrors(context, { intent, errors: prefixed(intent, errors), values });
  }
  throw redirect(`/staff/representations/${id}?done=${intent}`);
}

// ---------------------------------------------------------------------------------------------
// The page

/** The changes the page says were saved (`?done=`): each form, and logging a new case. */
const DONE = new Set<string>([...INTENTS, "logged"]);

export default function RepresentationPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const summaryErrors = useTranslatedErrors(result?.errors, {
    example: dateBoxesOf(data.today).join(" "),
    ...CASE_LIMITS,
  });
  const { representation: c, names } = data;
  const done = params.get("done");
  const areas = Object.fromEntries(data.serviceAreas.map((area) => [area.key, area.name]));
  const current = data.stages.find((stage) => stage.stage === c.stage);
  return (
    <>
      <ErrorSummary errors={summaryErrors} />
      {done && DONE.has(done) && !result ? (
        <Notice title={t("triage:case.saved")}>
          <p>{t(`triage:case.done.${done}`)}</p>
        </Notice>
      ) : null}
      <PageHeading>{data.pageTitle}</PageHeading>
      <CaseTags
        urgent={c.urgent}
        isNew={c.isNew}
        next={data.acknowledgeState ?? current?.state ?? null}
        closed={Boolean(c.closedOn)}
      />
      {data.access === "officer" ? null : (
        <p className="body-l">
          {t(data.access === "told" ? "triage:case.readOnlyTold" : "triage:case.readOnly")}
        </p>
      )}

      {c.urgent ? (
        <UrgentBanner
          title={t("triage:case.urgent.title")}
          text={t("triage:case.urgent.text")}
          matchesIntro={t("triage:case.urgent.phrases")}
          matches={c.urgentMatches}
          language={c.language}
        />
      ) : null}

      <CaseFacts
        c={c}
        acknowledgeBy={data.acknowledgeBy}
        advocacyReferral={data.advocacyReferral}
        mayOpenReferral={data.mayOpenReferral}
        names={names}
        areas={areas}
        stages={data.stages}
        caseNames={data.caseNames}
      />
      <TheirWords
        formId={data.formId}
        formVersion={data.formVersion}
        answers={data.answers}
        summary={c.summary}
        language={c.language}
      />
      <StagesSection stages={data.stages} procedure={c.procedure} caseNames={data.caseNames} />
      <SatisfactionSection satisfaction={data.satisfaction} />
      {data.access === "officer" ? (
        <CaseActions
          c={c}
          choices={data.choices}
          current={data.current}
          today={data.today}
          serviceAreas={data.serviceAreas}
          stages={data.stages}
          caseNames={data.caseNames}
          result={result}
        />
      ) : null}
      <CaseHistory history={data.history} names={names} areas={areas} />
      <p className="no-print">
        <Link to="/staff/representations">{t("triage:case.back")}</Link>
      </p>
    </>
  );
}
