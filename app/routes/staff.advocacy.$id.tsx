import { dateBoxesOf } from "#app/utils/dates";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { useDates } from "#app/components/dates";
import {
  Choices,
  DateInput,
  ErrorSummary,
  Notice,
  TextInput,
  useTranslatedErrors,
  type FieldProblem,
} from "#app/components/fields";
import { AnswerList } from "#app/components/form-question";
import { Written } from "#app/components/written";
import { PageHeading } from "#app/components/shell";
import { isoDateOf } from "#app/forms/engine";
import { findForm } from "#app/forms/registry";
import { translatorFor } from "#app/i18n.server";
import { localised } from "#app/utils/localised";
import type { PortalHandle } from "#app/handle";
import {
  acceptReferral,
  closeReferral,
  MAX_CHILD_WANTED,
  MAX_CONTACT_NOTE,
  MAX_OUTCOME_NOTE,
  openReferral,
  recordChildDetails,
  recordFirstContact,
  type CloseProblem,
  type ContactProblem,
  type DetailsProblem,
} from "#app/models/advocacy.server";
import { todayInLondon } from "#app/models/representation/common.server";
import { ADVOCACY_CHILD_STATUSES, ADVOCACY_OUTCOMES } from "#db/schema/constants";
import { formErrors, pastDate, textOf } from "#app/web/forms.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";
import { SummaryRow } from "#app/components/summary";
import { badRequest } from "#app/web/refusals.server";
import { hasUnusualCharacter, UNUSUAL_CHARACTER } from "#app/utils/plain-text";
import { refusedItem } from "#app/web/refusal-audit.server";

export const handle: PortalHandle = { titleKey: "advocacy:referral.title", area: "staff" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "advocacy-referral:handle");
  // The model decides who may see it; anyone else gets "not found", whether or not it exists.
  const opened = await openReferral({
    organisation: context.organisation,
    staff,
    id: params.id ?? "",
    clientAddress: context.clientAddress,
  });
  if (!opened)
    throw await refusedItem(request, context, staff, { type: "advocacy_referral", id: params.id });
  const { referral } = opened;
  return {
    referral: {
      id: referral.id,
      reference: referral.reference,
      childName: referral.childName,
      contactWay: referral.contactWay,
      contactTime: referral.contactTime,
      issue: referral.issue,
      outcomeWanted: referral.outcomeWanted,
      language: referral.language,
      interpreterLanguage: referral.interpreterLanguage,
      communicationNeeds: referral.communicationNeeds,
      consent: referral.consent,
      receivedAt: referral.receivedAt.toISOString(),
      contactDueOn: referral.contactDueOn,
      firstContactOn: referral.firstContactOn,
      firstContactNote: referral.firstContactNote,
      childStatus: referral.childStatus,
      childWanted: referral.childWanted,
      outcome: referral.outcome,
      outcomeNote: referral.outcomeNote,
      closedOn: referral.closedOn,
    },
    closedByName: opened.closedByName,
    status: opened.status,
    withinOneWorkingDay: opened.withinOneWorkingDay,
    contactOverdue: opened.contactOverdue,
    acceptedByName: opened.acceptedByName,
    childsReference: opened.childsReference,
    answers: opened.answers,
    // The form's own name, as the child saw it (a council names its booklet).
    askedIn: opened.askedIn
      ? {
          ...opened.askedIn,
          formTitle: await (async () => {
            const asked = findForm(opened.askedIn!.formId);
            if (!asked) return "";
            const { language, t } = await translatorFor(request);
            const bookletTitle = localised(context.organisation.bookletTitle, language);
            return t(`${asked.namespace}:title`, { bookletTitle });
          })(),
        }
      : null,
    formId: opened.formId,
    formVersion: opened.formVersion,
    complaint: opened.complaint,
    maxNote: MAX_CONTACT_NOTE,
    maxChildWanted: MAX_CHILD_WANTED,
    maxOutcomeNote: MAX_OUTCOME_NOTE,
    childStatuses: ADVOCACY_CHILD_STATUSES,
    // "No contact" is for a referral nobody got in touch about: offered only before contact.
    outcomesAfterContact: ADVOCACY_OUTCOMES.filter((outcome) => outcome !== "no-contact"),
  };
}

type ContactValues = { day: string; month: string; year: string; note: string };
type DetailsValues = { childStatus: string; childWanted: string };
type CloseValues = {
  outcome: string;
  outcomeNote: string;
  day: string;
  month: string;
  year: string;
};

const MAX = { max: MAX_CONTACT_NOTE } as const;

const problemKey = (
  name: ContactProblem | DetailsProblem | CloseProblem | "dateMissing" | "dateIncomplete",
): FieldProblem => ({ key: `advocacy:problems.${name}`, values: MAX });

/** Where on the page each problem the model found with closing belongs. */
const CLOSE_FIELD: Record<CloseProblem, keyof CloseValues | "closedOn"> = {
  alreadyClosed: "outcome",
  outcomeMissing: "outcome",
  contactFirst: "outcome",
  detailsFirst: "outcome",
  noContactAfterContact: "outcome",
  closedNotADate: "closedOn",
  closedBeforeReceived: "closedOn",
  closedBeforeContact: "closedOn",
  closedInFuture: "closedOn",
  outcomeNoteTooLong: "outcomeNote",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "advocacy-referral:handle");
  const id = params.id ?? "";
  const scope = {
    organisation: context.organisation,
    staff,
    id,
    clientAddress: context.clientAddress,
  };
  const refused = () => refusedItem(request, context, staff, { type: "advocacy_referral", id });
  const intent = textOf(form, "intent");
  if (intent === "accept") {
    if (!(await acceptReferral(scope))) throw await refused();
    throw redirect(`/staff/advocacy/${id}?done=accepted`);
  }
  if (intent === "contact") {
    const values: ContactValues = {
      day: textOf(form, "firstContact-day").trim(),
      month: textOf(form, "firstContact-month").trim(),
      year: textOf(form, "firstContact-year").trim(),
      note: textOf(form, "note"),
    };
    const errors: Record<string, FieldProblem> = {};
    const parts = [values.day, values.month, values.year];
    const on = isoDateOf(parts);
    if (parts.every((part) => part === "")) errors.firstContact = problemKey("dateMissing");
    else if (parts.some((part) => part === "")) errors.firstContact = problemKey("dateIncomplete");
    else if (!on) errors.firstContact = problemKey("notADate");
    if ([...values.note.trim()].length > MAX_CONTACT_NOTE) errors.note = problemKey("noteTooLong");
    if (hasUnusualCharacter(values.note, "many")) errors.note = { key: UNUSUAL_CHARACTER };
    if (on && !errors.note) {
      const result = await recordFirstContact({ ...scope, on, note: values.note });
      if (!result) throw await refused();
      if (result.ok) throw redirect(`/staff/advocacy/${id}?done=contact`);
      errors[result.problem === "noteTooLong" ? "note" : "firstContact"] = problemKey(
        result.problem,
      );
    }
    return formErrors(context, { intent, errors, values });
  }
  if (intent === "details") {
    const values: DetailsValues = {
      childStatus: textOf(form, "childStatus"),
      childWanted: textOf(form, "childWanted"),
    };
    const errors: Record<string, FieldProblem> = {};
    if (!(ADVOCACY_CHILD_STATUSES as readonly string[]).includes(values.childStatus))
      errors.childStatus = problemKey("childStatusMissing");
    const wanted = values.childWanted.trim();
    if (wanted === "") errors.childWanted = problemKey("childWantedMissing");
    else if ([...wanted].length > MAX_CHILD_WANTED)
      errors.childWanted = problemKey("childWantedTooLong");
    else if (hasUnusualCharacter(values.childWanted, "many"))
      errors.childWanted = { key: UNUSUAL_CHARACTER };
    if (Object.keys(errors).length === 0) {
      const result = await recordChildDetails({ ...scope, ...values });
      if (!result) throw await refused();
      if (result.ok) throw redirect(`/staff/advocacy/${id}?done=details`);
      const field =
        result.problem === "childStatusMissing"
          ? "childStatus"
          : result.problem.startsWith("childWanted")
            ? "childWanted"
            : "childStatus";
      errors[field] = problemKey(result.problem);
    }
    return formErrors(context, { intent, errors, values });
  }
  if (intent === "close") {
    const values: CloseValues = {
      outcome: textOf(form, "outcome"),
      outcomeNote: textOf(form, "outcomeNote"),
      day: textOf(form, "closedOn-day"),
      month: textOf(form, "closedOn-month"),
      year: textOf(form, "closedOn-year"),
    };
    const errors: Record<string, FieldProblem> = {};
    if (!(ADVOCACY_OUTCOMES as readonly string[]).includes(values.outcome))
      errors.outcome = problemKey("outcomeMissing");
    const date = pastDate(todayInLondon(), "advocacy:problems.closedOn").safeParse({
      day: values.day,
      month: values.month,
      year: values.year,
    });
    if (!date.success)
      errors.closedOn = date.error.issues[0]?.message ?? problemKey("closedNotADate");
    if ([...values.outcomeNote.trim()].length > MAX_OUTCOME_NOTE)
      errors.outcomeNote = problemKey("outcomeNoteTooLong");
    else if (hasUnusualCharacter(values.outcomeNote, "many"))
      errors.outcomeNote = { key: UNUSUAL_CHARACTER };
    if (date.success && Object.keys(errors).length === 0) {
      const result = await closeReferral({
        ...scope,
        outcome: values.outcome,
        note: values.outcomeNote,
        on: date.data,
      });
      if (!result) throw await refused();
      if (result.ok) throw redirect(`/staff/advocacy/${id}?done=closed`);
      errors[CLOSE_FIELD[result.problem]] = problemKey(result.problem);
    }
    return formErrors(context, { intent, errors, values });
  }
  throw badRequest();
}

/** What someone wrote, in their language; "not given" when they left it empty. */
function WrittenOrNot({ text, language }: { text: string | null; language: string }) {
  const { t } = useTranslation();
  if (!text) return <span className="hint">{t("advocacy:notGiven")}</span>;
  return <Written text={text} language={language} />;
}

export default function AdvocacyReferral() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const format = useDates();
  const { referral, complaint } = data;
  const name = referral.childName || t("advocacy:referral.noName");
  const form = data.formId ? findForm(data.formId, data.formVersion ?? undefined) : undefined;
  const yesNo = (value: boolean) => (value ? t("advocacy:yes") : t("advocacy:no"));
  const done = params.get("done");
  // What was typed in the form that was sent, kept when it had problems.
  const values = result?.intent === "contact" ? (result.values as ContactValues) : undefined;
  const detailsTyped = result?.intent === "details" ? (result.values as DetailsValues) : undefined;
  const closeTyped = result?.intent === "close" ? (result.values as CloseValues) : undefined;
  const detailsRecorded = Boolean(referral.childStatus && referral.childWanted);
  return (
    <>
      <ErrorSummary errors={errors} />
      {done === "accepted" ? <Notice title={t("advocacy:referral.accept.done")} /> : null}
      {done === "contact" ? <Notice title={t("advocacy:referral.contact.done")} /> : null}
      {done === "details" ? <Notice title={t("advocacy:referral.details.done")} /> : null}
      {done === "closed" ? <Notice title={t("advocacy:referral.close.done")} /> : null}
      <PageHeading>{t("advocacy:referral.heading", { name })}</PageHeading>

      <dl className="summary-list">
        <SummaryRow label={t("advocacy:referral.reference")}>
          <span dir="ltr">{referral.reference}</span>
        </SummaryRow>
        {data.childsReference ? (
          <SummaryRow label={t("advocacy:referral.childsReference")}>
            <span dir="ltr">{data.childsReference}</span>
            <span className="hint inbox-table__named">
              {t("advocacy:referral.childsReferenceHint")}
            </span>
          </SummaryRow>
        ) : null}
        <SummaryRow label={t("advocacy:referral.received")}>
          <time dateTime={referral.receivedAt}>{format.moment(referral.receivedAt, "long")}</time>
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.contactBy")}>
          <time dateTime={referral.contactDueOn}>{format.day(referral.contactDueOn, "full")}</time>{" "}
          {data.contactOverdue ? (
            <strong className="tag tag--urgent">{t("advocacy:list.overdue")}</strong>
          ) : null}
          <span className="hint inbox-table__named">{t("advocacy:referral.contactByHint")}</span>
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.status")}>
          {t(`advocacy:status.${data.status}`)}
        </SummaryRow>
        {data.acceptedByName ? (
          <SummaryRow label={t("advocacy:referral.acceptedBy")}>{data.acceptedByName}</SummaryRow>
        ) : null}
        {referral.firstContactOn ? (
          <>
            <SummaryRow label={t("advocacy:referral.contact.recordedOn")}>
              <time dateTime={referral.firstContactOn}>
                {format.day(referral.firstContactOn, "full")}
              </time>
            </SummaryRow>
            <SummaryRow label={t("advocacy:referral.contact.withinOneDay")}>
              {yesNo(data.withinOneWorkingDay === true)}
            </SummaryRow>
            {referral.firstContactNote ? (
              <SummaryRow label={t("advocacy:referral.contact.noteRecorded")}>
                <span className="answer-text">{referral.firstContactNote}</span>
              </SummaryRow>
            ) : null}
          </>
        ) : null}
        {referral.childStatus ? (
          <SummaryRow label={t("advocacy:referral.details.childStatus")}>
            {t(`advocacy:childStatuses.${referral.childStatus}`)}
          </SummaryRow>
        ) : null}
        {referral.childWanted ? (
          <SummaryRow label={t("advocacy:referral.details.childWanted")}>
            <span className="answer-text">{referral.childWanted}</span>
          </SummaryRow>
        ) : null}
        {referral.outcome && referral.closedOn ? (
          <>
            <SummaryRow label={t("advocacy:referral.close.outcome")}>
              {t(`advocacy:outcomes.${referral.outcome}`)}
            </SummaryRow>
            {referral.outcomeNote ? (
              <SummaryRow label={t("advocacy:referral.close.noteRecorded")}>
                <span className="answer-text">{referral.outcomeNote}</span>
              </SummaryRow>
            ) : null}
            <SummaryRow label={t("advocacy:referral.close.closedOn")}>
              <time dateTime={referral.closedOn}>{format.day(referral.closedOn, "full")}</time>
            </SummaryRow>
            {data.closedByName ? (
              <SummaryRow label={t("advocacy:referral.close.closedBy")}>
                {data.closedByName}
              </SummaryRow>
            ) : null}
          </>
        ) : null}
      </dl>

      <h2 className="heading-m">{t("advocacy:referral.contactTitle")}</h2>
      <dl className="summary-list">
        <SummaryRow label={t("advocacy:referral.contactWay")}>
          <WrittenOrNot text={referral.contactWay} language={referral.language} />
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.contactTime")}>
          <WrittenOrNot text={referral.contactTime} language={referral.language} />
        </SummaryRow>
      </dl>

      <h2 className="heading-m">{t("advocacy:referral.needsTitle")}</h2>
      <dl className="summary-list">
        <SummaryRow label={t("advocacy:referral.issue")}>
          <WrittenOrNot text={referral.issue} language={referral.language} />
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.outcomeWanted")}>
          <WrittenOrNot text={referral.outcomeWanted} language={referral.language} />
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.language")}>
          {t(`advocacy:languages.${referral.language}`, { defaultValue: referral.language })}
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.interpreter")}>
          {referral.interpreterLanguage ? (
            <WrittenOrNot text={referral.interpreterLanguage} language={referral.language} />
          ) : (
            t("advocacy:referral.interpreterNone")
          )}
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.communicationNeeds")}>
          <WrittenOrNot text={referral.communicationNeeds} language={referral.language} />
        </SummaryRow>
        <SummaryRow label={t("advocacy:referral.consent")}>{yesNo(referral.consent)}</SummaryRow>
      </dl>

      {complaint ? (
        <>
          <h2 className="heading-m">{t("advocacy:referral.complaintTitle")}</h2>
          <p>{t("advocacy:referral.complaintIntro")}</p>
          <dl className="summary-list">
            <SummaryRow label={t("advocacy:referral.complaintReference")}>
              <span dir="ltr">{complaint.reference}</span>
            </SummaryRow>
            <SummaryRow label={t("advocacy:referral.complaintStage")}>
              {t("advocacy:referral.stageNumber", { stage: complaint.stage })}
            </SummaryRow>
            <SummaryRow label={t("advocacy:referral.complaintDue")}>
              {complaint.closedOn ? (
                t("advocacy:referral.clock.closed", { date: format.day(complaint.closedOn) })
              ) : complaint.dueOn && complaint.state ? (
                <>
                  <time dateTime={complaint.dueOn}>{format.day(complaint.dueOn, "full")}</time>{" "}
                  {complaint.state.status === "overdue" ? (
                    <strong className="tag tag--urgent">
                      {t("advocacy:referral.clock.late", {
                        count: complaint.state.workingDaysLate,
                      })}
                    </strong>
                  ) : (
                    <span className="hint inbox-table__named">
                      {t("advocacy:referral.clock.left", {
                        count: complaint.state.workingDaysLeft,
                      })}
                    </span>
                  )}
                </>
              ) : (
                t("advocacy:referral.clock.answered")
              )}
            </SummaryRow>
          </dl>
        </>
      ) : null}

      {data.status === "closed" ? (
        <p>{t("advocacy:referral.close.closedText")}</p>
      ) : (
        <>
          {data.status === "new" ? (
            <Form method="post" className="no-print" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="accept" />
              <h2 className="heading-m">{t("advocacy:referral.accept.title")}</h2>
              <p>{t("advocacy:referral.accept.text")}</p>
              <button type="submit" className="button">
                {t("advocacy:referral.accept.submit")}
              </button>
            </Form>
          ) : (
            <Form method="post" className="no-print" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="contact" />
              <h2 className="heading-m">{t("advocacy:referral.contact.title")}</h2>
              <p>{t("advocacy:referral.contact.intro", { name })}</p>
              <DateInput
                name="firstContact"
                legend={t("advocacy:referral.contact.date")}
                hint={t("advocacy:referral.contact.dateHint")}
                error={errors?.firstContact}
                values={
                  values
                    ? [values.day, values.month, values.year]
                    : dateBoxesOf(referral.firstContactOn)
                }
              />
              <TextInput
                name="note"
                label={t("advocacy:referral.contact.note")}
                hint={t("advocacy:referral.contact.noteHint", { max: data.maxNote })}
                error={errors?.note}
                multiline
                defaultValue={values ? values.note : (referral.firstContactNote ?? "")}
              />
              <button type="submit" className="button">
                {referral.firstContactOn
                  ? t("advocacy:referral.contact.change")
                  : t("advocacy:referral.contact.submit")}
              </button>
            </Form>
          )}
          {data.status === "in-touch" ? (
            <Form method="post" className="no-print" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="details" />
              <h2 className="heading-m">{t("advocacy:referral.details.title")}</h2>
              <p>{t("advocacy:referral.details.intro", { name })}</p>
              <Choices
                type="radio"
                name="childStatus"
                legend={t("advocacy:referral.details.childStatus")}
                error={errors?.childStatus}
                options={data.childStatuses.map((value) => ({
                  value,
                  label: t(`advocacy:childStatuses.${value}`),
                }))}
                checked={[detailsTyped ? detailsTyped.childStatus : (referral.childStatus ?? "")]}
              />
              <TextInput
                name="childWanted"
                label={t("advocacy:referral.details.childWanted")}
                hint={t("advocacy:referral.details.childWantedHint", {
                  max: data.maxChildWanted,
                })}
                error={errors?.childWanted}
                multiline
                defaultValue={
                  detailsTyped ? detailsTyped.childWanted : (referral.childWanted ?? "")
                }
              />
              <button type="submit" className="button">
                {detailsRecorded
                  ? t("advocacy:referral.details.change")
                  : t("advocacy:referral.details.submit")}
              </button>
            </Form>
          ) : null}
          {data.status === "in-touch" && !detailsRecorded ? (
            <p className="hint">{t("advocacy:referral.close.detailsFirst")}</p>
          ) : null}
          {data.status !== "in-touch" || detailsRecorded ? (
            <Form method="post" className="no-print" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="close" />
              {data.status === "in-touch" ? (
                <>
                  <h2 className="heading-m">{t("advocacy:referral.close.title")}</h2>
                  <p>{t("advocacy:referral.close.intro", { name })}</p>
                  <Choices
                    type="radio"
                    name="outcome"
                    legend={t("advocacy:referral.close.outcome")}
                    error={errors?.outcome}
                    options={data.outcomesAfterContact.map((value) => ({
                      value,
                      label: t(`advocacy:outcomes.${value}`),
                    }))}
                    checked={closeTyped ? [closeTyped.outcome] : []}
                  />
                </>
              ) : (
                <>
                  <input type="hidden" name="outcome" value="no-contact" />
                  <h2 className="heading-m">{t("advocacy:referral.close.noContactTitle")}</h2>
                  <p>{t("advocacy:referral.close.noContactIntro", { name })}</p>
                  {errors?.outcome ? (
                    // The error summary's link to the outcome lands here: there are no radios.
                    <p id="field-outcome" className="field-error" tabIndex={-1}>
                      {errors.outcome}
                    </p>
                  ) : null}
                </>
              )}
              <TextInput
                name="outcomeNote"
                label={t("advocacy:referral.close.note")}
                hint={t("advocacy:referral.close.noteHint", { max: data.maxOutcomeNote })}
                error={errors?.outcomeNote}
                multiline
                defaultValue={closeTyped ? closeTyped.outcomeNote : ""}
              />
              <DateInput
                name="closedOn"
                legend={t("advocacy:referral.close.date")}
                hint={t("advocacy:referral.contact.dateHint")}
                error={errors?.closedOn}
                values={closeTyped ? [closeTyped.day, closeTyped.month, closeTyped.year] : []}
              />
              <button type="submit" className="button">
                {data.status === "in-touch"
                  ? t("advocacy:referral.close.submit")
                  : t("advocacy:referral.close.noContactSubmit")}
              </button>
            </Form>
          ) : null}
        </>
      )}

      <h2 className="heading-m">{t("advocacy:referral.answersTitle")}</h2>
      {data.answers && form ? (
        <AnswerList
          form={form}
          answers={data.answers}
          invited={false}
          writtenIn={data.referral.language}
        />
      ) : data.askedIn ? (
        <>
          <p>{t("advocacy:referral.askedIn.text", { form: data.askedIn.formTitle })}</p>
          <dl className="summary-list">
            <SummaryRow label={t("advocacy:referral.askedIn.reader")}>
              {data.askedIn.readerName ? (
                <>
                  {data.askedIn.readerName}{" "}
                  {data.askedIn.readerEmail ? (
                    <a href={`mailto:${data.askedIn.readerEmail}`}>{data.askedIn.readerEmail}</a>
                  ) : null}
                </>
              ) : (
                t("advocacy:referral.askedIn.noReader")
              )}
            </SummaryRow>
          </dl>
        </>
      ) : (
        <p>
          {data.answers ? t("advocacy:referral.unknownForm") : t("advocacy:referral.noAnswers")}
        </p>
      )}

      <p className="no-print">
        <Link to="/staff/advocacy">{t("advocacy:referral.back")}</Link>
      </p>
    </>
  );
}
