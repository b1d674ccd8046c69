import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicUrlOf } from "#app/models/organisation.server";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "#app/components/csrf-field";
import { useDates } from "#app/components/dates";
import {
  Choices,
  DateInput,
  ErrorSummary,
  Notice,
  ScrollRegion,
  Select,
  TextInput,
  useTranslatedErrors,
} from "#app/components/fields";
import { AnswerList } from "#app/components/form-question";
import { PageHeading } from "#app/components/shell";
import { clockState, timescaleOf, type ClockState } from "#app/complaints/clock";
import { complaintSatisfaction } from "#app/forms/complaint-satisfaction";
import { findForm } from "#app/forms/registry";
import type { Answers } from "#app/forms/types";
import type { PortalHandle } from "#app/handle";
import { translatorFor } from "#app/i18n.server";
import {
  changeRepresentation,
  REPLY_TEMPLATES,
  type CaseChange,
} from "#app/models/representation/change.server";
import { calendarOf, todayInLondon } from "#app/models/representation/common.server";
import { choicesForOfficer } from "#app/models/representation/logged.server";
import { openRepresentation } from "#app/models/representation/queue.server";
import { fieldErrorsOf, formErrors, pastDate, pickedFrom, textOf } from "#app/utils/forms.server";
import { dateBoxesOf } from "#app/utils/dates";
import { localised } from "#app/utils/localised";
import { can } from "#app/models/permissions";
import { readStaffForm, requireStaff } from "#app/utils/staff-auth.server";
import { unusualCharacterProblems } from "#app/utils/plain-text";
import { refusedItem } from "#app/utils/refusal-audit.server";
import {
  COMPLAINT_CATEGORIES,
  CONTACT_METHODS,
  DISABILITIES,
  ETHNICITIES,
  MADE_BY,
  OUTCOMES,
  PROCEDURES,
  REPRESENTATION_KINDS,
  type Stage,
} from "#db/schema/constants";
import { UrgentBanner } from "#app/components/staff";
import { SummaryRow } from "#app/components/summary";
import { badRequest } from "#app/utils/refusals.server";
import {
  classificationFields,
  classificationProblems,
  officerChoices,
  triageError,
  YES_NO,
  type OfficerIds,
} from "#app/utils/classification.server";

export const handle: PortalHandle = { titleKey: "triage:case.title", area: "staff" };

const MAX_NAME = 300;
const MAX_TEXT = 10_000;
const error = triageError;

/** Every change the officer can make, each its own small form. */
const INTENTS = [
  "classify",
  "assign",
  "acknowledge",
  "extend",
  "respond",
  "escalate",
  "ombudsman",
  "close",
  "note",
  "reply",
] as const;
type Intent = (typeof INTENTS)[number];
const isIntent = (text: string): text is Intent => (INTENTS as readonly string[]).includes(text);

/** The date box of each form that has one. */
const DATE_FIELD: Partial<Record<Intent, string>> = {
  acknowledge: "on",
  extend: "agreedOn",
  respond: "on",
  escalate: "requestedOn",
  ombudsman: "on",
  close: "on",
};

/** Stored answers as a form's answers: an unanswered question is left out. */
const answersOf = (stored: Record<string, string | null>): Answers =>
  Object.fromEntries(Object.entries(stored).flatMap(([id, value]) => (value ? [[id, value]] : [])));

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
  const known = new Map([...choices.people, ...choices.teams].map((x) => [x.id, x.name]));
  // Only the names this case mentions go to the page (the officer's forms get the full lists).
  const mentioned = [
    row.iroStaffUserId,
    row.responderStaffUserId,
    row.responderTeamId,
    row.complimentStaffUserId,
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
      ombudsmanOn: row.ombudsmanOn,
      outcome: row.outcome,
      closedOn: row.closedOn,
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
    satisfaction: opened.satisfaction
      ? {
          invitedOn: todayInLondon(opened.satisfaction.invitedAt),
          // Shown with the questionnaire's own questions and answer words.
          answers: opened.satisfaction.respondedAt
            ? answersOf({
                feltListened: opened.satisfaction.feltListened,
                satisfied: opened.satisfaction.satisfied,
                doBetter: opened.satisfaction.doBetter,
              })
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
// Changing

type Lists = OfficerIds;
type Read = (name: string) => string;
type Built = { change: CaseChange } | { errors: Record<string, string> };

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/**
 * The schema's result with any problems found beside it. With `order` (the fields as the form
 * shows them), the problems are listed in that order, as the error summary must (WCAG 1.3.2).
 */
function parsed<T>(
  result: z.ZodSafeParseResult<T>,
  extra: Record<string, string> = {},
  order: readonly string[] = [],
): Parsed<T> {
  const found = { ...extra, ...(result.success ? {} : fieldErrorsOf(result.error)) };
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const errors = Object.fromEntries(Object.entries(found).sort(([a], [b]) => rank(a) - rank(b)));
  return result.success && Object.keys(errors).length === 0
    ? { ok: true, data: result.data }
    : { ok: false, errors };
}

/** The classify form's fields, in the order it shows them. */
const CLASSIFY_ORDER = [
  "kind",
  "procedure",
  "category",
  "serviceArea",
  "madeBy",
  "contactMethod",
  "lookedAfterChild",
  "iroStaffUserId",
  "ethnicity",
  "disability",
  "complimentStaffUserId",
  "complimentTeamId",
] as const;

const dateOf = (read: Read, name: string) => ({
  day: read(`${name}-day`),
  month: read(`${name}-month`),
  year: read(`${name}-year`),
});

function classifyChange(read: Read, lists: Lists): Built {
  const schema = z.object({
    ...classificationFields(lists),
    contactMethod: z.enum(CONTACT_METHODS, error("contactMethod")),
  });
  const typed = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, read(name)]));
  const extra = classificationProblems(typed);
  const result = parsed(schema.safeParse(typed), extra, CLASSIFY_ORDER);
  if (!result.ok) return { errors: result.errors };
  const data = result.data;
  const compliment = data.kind === "compliment";
  const lookedAfterChild = data.lookedAfterChild === "yes";
  return {
    change: {
      type: "classify",
      kind: data.kind,
      procedure: data.procedure,
      category: data.kind === "complaint" ? data.category : null,
      serviceArea: data.serviceArea,
      madeBy: data.madeBy,
      contactMethod: data.contactMethod,
      lookedAfterChild,
      iroStaffUserId: lookedAfterChild ? data.iroStaffUserId : null,
      ethnicity: data.ethnicity,
      disability: data.disability,
      complimentStaffUserId: compliment ? data.complimentStaffUserId : null,
      complimentTeamId: compliment ? data.complimentTeamId : null,
    },
  };
}

/** What a posted form asks for, or the problems with what was typed (keys without the prefix). */
function changeOf(intent: Intent, read: Read, today: string, lists: Lists): Built {
  const onDate = (name: string) =>
    parsed(
      z
        .object({ [name]: pastDate(today, "triage:errors") })
        .safeParse({ [name]: dateOf(read, name) }),
    );
  switch (intent) {
    case "classify":
      return classifyChange(read, lists);
    case "assign": {
      const typed = {
        responderStaffUserId: read("responderStaffUserId"),
        responderTeamId: read("responderTeamId"),
      };
      const extra: Record<string, string> =
        !typed.responderStaffUserId && !typed.responderTeamId
          ? { responderStaffUserId: error("responder") }
          : {};
      const result = parsed(
        z
          .object({
            responderStaffUserId: pickedFrom(lists.people, error("person")),
            responderTeamId: pickedFrom(lists.teams, error("team")),
          })
          .safeParse(typed),
        extra,
      );
      return !result.ok
        ? { errors: result.errors }
        : { change: { type: "assign", ...result.data } };
    }
    case "acknowledge":
    case "respond":
    case "ombudsman": {
      const result = onDate("on");
      return !result.ok
        ? { errors: result.errors }
        : { change: { type: intent, on: result.data.on! } };
    }
    case "escalate": {
      const result = onDate("requestedOn");
      return !result.ok
        ? { errors: result.errors }
        : { change: { type: "escalate", requestedOn: result.data.requestedOn! } };
    }
    case "extend": {
      const result = parsed(
        z
          .object({
            reason: z.string().trim().min(1, error("reason")).max(MAX_TEXT, error("textTooLong")),
            agreedOn: pastDate(today, "triage:errors"),
          })
          .safeParse({ reason: read("reason"), agreedOn: dateOf(read, "agreedOn") }),
      );
      return !result.ok
        ? { errors: result.errors }
        : { change: { type: "extend", ...result.data } };
    }
    case "close": {
      const result = parsed(
        z
          .object({
            outcome: z
              .enum(["", ...OUTCOMES], error("outcome"))
              .transform((value) => (value === "" ? null : value)),
            on: pastDate(today, "triage:errors"),
          })
          .safeParse({ outcome: read("outcome"), on: dateOf(read, "on") }),
      );
      return !result.ok ? { errors: result.errors } : { change: { type: "close", ...result.data } };
    }
    case "note":
      return read("note").trim() === ""
        ? { errors: { note: error("note") } }
        : { change: { type: "note" } };
    case "reply": {
      const result = parsed(
        z.object({ template: z.enum(REPLY_TEMPLATES, error("template")) }).safeParse({
          template: read("template"),
        }),
      );
      return !result.ok ? { errors: result.errors } : { change: { type: "reply", ...result.data } };
    }
  }
}

/** Where on the page a problem the model found belongs: a field, or the form as a whole. */
function fieldOfProblem(intent: Intent, problem: string): string {
  if (problem === "beforeReceived" && DATE_FIELD[intent]) return DATE_FIELD[intent]!;
  if (problem === "outcome") return "outcome";
  if (problem === "emptyNote") return "note";
  if (problem === "unknownStaff")
    return intent === "assign" ? "responderStaffUserId" : "iroStaffUserId";
  return "";
}

const prefixed = (intent: Intent, errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([name, key]) => [name ? `${intent}-${name}` : intent, key]),
  );

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
  const unusual = unusualCharacterProblems({ note: read("note"), reason: read("reason") }, [
    "note",
  ]);
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** How a deadline stands, in words and not by colour alone: overdue is strong and says by how much. */
function ClockTag({ state }: { state: ClockState }) {
  const { t } = useTranslation();
  if (state.status === "overdue") {
    return (
      <strong className="tag tag--overdue">
        {t("triage:clock.overdue", { count: state.workingDaysLate })}
      </strong>
    );
  }
  return <span className={`tag tag--${state.status}`}>{t(`triage:clock.${state.status}`)}</span>;
}

function DaysLeft({ state }: { state: ClockState }) {
  const { t } = useTranslation();
  if (state.status === "overdue") return null;
  return (
    <span className="hint triage-days-left">
      {state.workingDaysLeft === 0
        ? t("triage:clock.dueToday")
        : t("triage:clock.left", { count: state.workingDaysLeft })}
    </span>
  );
}

/** What this form had typed in it when it came back with a problem, else the case's own values. */
type FormState = {
  errors?: Record<string, string>;
  value: (name: string, fallback?: string | null) => string;
};

/** One action: a disclosure with its own heading, form, `intent` and optional note. */
function ActionForm({
  intent,
  state,
  open,
  intro,
  submit,
  withNote = true,
  children,
}: {
  intent: Intent;
  state: FormState;
  open: boolean;
  intro?: string;
  submit?: string;
  withNote?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const formProblem = state.errors?.[intent];
  return (
    <details className="triage-action" id={`field-${intent}`} open={open || undefined}>
      <summary className="triage-action__summary">
        <h3 className="heading-s triage-action__title">{t(`triage:actions.${intent}.title`)}</h3>
      </summary>
      <Form method="post" noValidate className="triage-action__form">
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        {intro ? <p>{intro}</p> : null}
        {formProblem ? (
          <p className="field-error" id={`field-${intent}-error`}>
            <span className="visually-hidden">{t("common:form.errorLabel")}</span> {formProblem}
          </p>
        ) : null}
        {children}
        {withNote ? (
          <TextInput
            name={`${intent}-note`}
            label={t("triage:actions.noteLabel")}
            hint={t("triage:actions.noteHint")}
            multiline
            defaultValue={state.value("note")}
            error={state.errors?.[`${intent}-note`]}
          />
        ) : null}
        <button type="submit" className="button">
          {submit ?? t(`triage:actions.${intent}.submit`)}
        </button>
      </Form>
    </details>
  );
}

function DateField({
  intent,
  name,
  legend,
  state,
  today,
}: {
  intent: Intent;
  name: string;
  legend: string;
  state: FormState;
  today: string;
}) {
  const { t } = useTranslation();
  const [day, month, year] = dateBoxesOf(today);
  const full = `${intent}-${name}`;
  return (
    <DateInput
      name={full}
      legend={legend}
      hint={t("triage:fields.dateHint", { example: `${day} ${month} ${year}` })}
      error={state.errors?.[full]}
      values={[
        state.value(`${name}-day`, day),
        state.value(`${name}-month`, month),
        state.value(`${name}-year`, year),
      ]}
    />
  );
}

function Actions({ data, result }: { data: LoaderData; result: ActionResult }) {
  const { t } = useTranslation();
  const errors = useTranslatedErrors(result?.errors, {
    example: dateBoxesOf(data.today).join(" "),
    maxName: MAX_NAME,
    maxText: MAX_TEXT,
  });
  const { representation: c, choices, current, today } = data;
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
  const closed = c.closedOn !== null;
  const answered = c.kind !== "compliment";
  const options = (list: string, keys: readonly string[]) =>
    keys.map((key) => ({ value: key, label: t(`triage:values.${list}.${key}`) }));
  const people = choices.people.map((person) => ({ value: person.id, label: person.name }));
  const teams = choices.teams.map((team) => ({ value: team.id, label: team.name }));
  const stageName = (stage: number) => t(`triage:values.stage.${stage}`);

  const classify = stateOf("classify");
  const cl = (name: string) => `classify-${name}`;
  const assign = stateOf("assign");
  const extend = stateOf("extend");
  const close = stateOf("close");
  const note = stateOf("note");
  const reply = stateOf("reply");
  return (
    <section aria-labelledby="actions-title" className="no-print">
      <h2 className="heading-l" id="actions-title">
        {t("triage:actions.title")}
      </h2>
      {!closed ? (
        <ActionForm
          intent="classify"
          state={classify}
          open={isOpen("classify")}
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
            options={data.serviceAreas.map((area) => ({ value: area.key, label: area.name }))}
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
            name={cl("complimentTeamId")}
            label={t("triage:fields.complimentTeam")}
            error={classify.errors?.[cl("complimentTeamId")]}
            empty={t("triage:fields.complimentTeamNone")}
            options={teams}
            value={classify.value("complimentTeamId", c.complimentTeamId)}
          />
        </ActionForm>
      ) : null}

      {!closed && answered ? (
        <ActionForm
          intent="assign"
          state={assign}
          open={isOpen("assign")}
          intro={t("triage:actions.assign.intro")}
        >
          <Select
            name="assign-responderStaffUserId"
            label={t("triage:actions.assign.person")}
            error={assign.errors?.["assign-responderStaffUserId"]}
            empty={t("triage:actions.assign.personNone")}
            options={people}
            value={assign.value("responderStaffUserId", c.responderStaffUserId)}
          />
          <Select
            name="assign-responderTeamId"
            label={t("triage:actions.assign.team")}
            error={assign.errors?.["assign-responderTeamId"]}
            empty={t("triage:actions.assign.teamNone")}
            options={teams}
            value={assign.value("responderTeamId", c.responderTeamId)}
          />
        </ActionForm>
      ) : null}

      {!closed && !c.acknowledgedOn ? (
        <ActionForm
          intent="acknowledge"
          state={stateOf("acknowledge")}
          open={isOpen("acknowledge")}
          intro={c.kind === "complaint" ? t("triage:actions.acknowledge.intro") : undefined}
        >
          <DateField
            intent="acknowledge"
            name="on"
            legend={t("triage:actions.acknowledge.date")}
            state={stateOf("acknowledge")}
            today={today}
          />
        </ActionForm>
      ) : null}

      {!closed && current?.canExtend ? (
        <ActionForm
          intent="extend"
          state={extend}
          open={isOpen("extend")}
          intro={t("triage:actions.extend.intro", { days: current.extendedDays })}
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
      ) : null}

      {!closed && current?.open ? (
        <ActionForm
          intent="respond"
          state={stateOf("respond")}
          open={isOpen("respond")}
          intro={t("triage:actions.respond.intro", { stage: stageName(c.stage) })}
        >
          <DateField
            intent="respond"
            name="on"
            legend={t("triage:actions.respond.date")}
            state={stateOf("respond")}
            today={today}
          />
        </ActionForm>
      ) : null}

      {!closed && c.kind === "complaint" && c.stage < 3 ? (
        <ActionForm
          intent="escalate"
          state={stateOf("escalate")}
          open={isOpen("escalate")}
          intro={t("triage:actions.escalate.intro", { stage: stageName(c.stage) })}
          submit={t("triage:actions.escalate.submit", { stage: stageName(c.stage + 1) })}
        >
          <DateField
            intent="escalate"
            name="requestedOn"
            legend={t("triage:actions.escalate.date")}
            state={stateOf("escalate")}
            today={today}
          />
        </ActionForm>
      ) : null}

      {c.kind === "complaint" && !c.ombudsmanOn ? (
        <ActionForm
          intent="ombudsman"
          state={stateOf("ombudsman")}
          open={isOpen("ombudsman")}
          intro={t("triage:actions.ombudsman.intro")}
        >
          <DateField
            intent="ombudsman"
            name="on"
            legend={t("triage:actions.ombudsman.date")}
            state={stateOf("ombudsman")}
            today={today}
          />
        </ActionForm>
      ) : null}

      {!closed ? (
        <ActionForm
          intent="close"
          state={close}
          open={isOpen("close")}
          intro={c.kind === "complaint" ? t("triage:actions.close.intro") : undefined}
        >
          {c.kind === "complaint" ? (
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
      ) : null}

      <ActionForm intent="note" state={note} open={isOpen("note")} withNote={false}>
        <TextInput
          name="note-note"
          label={t("triage:actions.note.label")}
          hint={t("triage:actions.noteHint")}
          multiline
          defaultValue={note.value("note")}
          error={note.errors?.["note-note"]}
        />
      </ActionForm>

      {c.replyMethod === "email" && c.replyTo ? (
        <ActionForm
          intent="reply"
          state={reply}
          open={isOpen("reply")}
          withNote={false}
          intro={t("triage:actions.reply.intro", {
            email: c.replyTo,
            language: t("common:language.nativeName", { lng: c.language }),
          })}
        >
          <Choices
            type="radio"
            name="reply-template"
            legend={t("triage:actions.reply.template")}
            error={reply.errors?.["reply-template"]}
            checked={[reply.value("template")]}
            options={options("template", REPLY_TEMPLATES)}
          />
          <TextInput
            name="reply-note"
            label={t("triage:actions.reply.message")}
            hint={t("triage:actions.reply.messageHint")}
            multiline
            defaultValue={reply.value("note")}
            error={reply.errors?.["reply-note"]}
          />
        </ActionForm>
      ) : null}
    </section>
  );
}

type ActionResult = ReturnType<typeof useActionData<typeof action>>;

/** The detail of a history entry worth showing, in the order a caseworker reads it. */
const DETAIL_ORDER = [
  ...CLASSIFY_ORDER,
  "responderStaffUserId",
  "responderTeamId",
  "stage",
  "on",
  "requestedOn",
  "agreedOn",
  "dueOn",
  "reason",
  "inTime",
  "outcome",
  "template",
  "language",
] as const;

const VALUE_LISTS: Record<string, string> = {
  kind: "kind",
  procedure: "procedure",
  category: "category",
  madeBy: "madeBy",
  contactMethod: "contactMethod",
  ethnicity: "ethnicity",
  disability: "disability",
  outcome: "outcome",
  template: "template",
};

function HistoryDetails({
  detail,
  names,
  areas,
}: {
  detail: Record<string, unknown>;
  names: Record<string, string>;
  areas: Record<string, string>;
}) {
  const { t } = useTranslation();
  const format = useDates();
  const text = (key: string, value: unknown): string => {
    if (typeof value === "boolean") return t(`triage:values.yesNo.${value ? "yes" : "no"}`);
    const raw = String(value);
    if (VALUE_LISTS[key])
      return t(`triage:values.${VALUE_LISTS[key]}.${raw}`, { defaultValue: raw });
    if (key === "serviceArea") return areas[raw] ?? raw;
    if (key.endsWith("StaffUserId") || key.endsWith("TeamId"))
      return names[raw] ?? t("triage:case.facts.unknownPerson");
    if (key === "stage") return t(`triage:values.stage.${raw}`, { defaultValue: raw });
    if (key === "language") return t("common:language.nativeName", { lng: raw });
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return format.day(raw, "medium");
    return raw;
  };
  const shown = DETAIL_ORDER.filter((key) => detail[key] !== undefined && detail[key] !== null);
  const note = typeof detail.note === "string" ? detail.note : null;
  return (
    <>
      {shown.length > 0 ? (
        <ul className="list triage-details">
          {shown.map((key) => (
            <li key={key}>
              <span className="triage-details__key">
                {t("triage:history.label", { label: t(`triage:history.details.${key}`) })}
              </span>
              {` ${text(key, detail[key])}`}
            </li>
          ))}
        </ul>
      ) : null}
      {note ? (
        <p className="triage-note">
          <span className="triage-details__key">
            {t("triage:history.label", { label: t("triage:history.details.note") })}
          </span>
          {` ${note}`}
        </p>
      ) : null}
    </>
  );
}

const DONE = new Set<string>([...INTENTS, "logged"]);

export default function RepresentationPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const format = useDates();
  const summaryErrors = useTranslatedErrors(result?.errors, {
    example: dateBoxesOf(data.today).join(" "),
    maxName: MAX_NAME,
    maxText: MAX_TEXT,
  });
  const { representation: c, names } = data;
  const done = params.get("done");
  const areas = Object.fromEntries(data.serviceAreas.map((area) => [area.key, area.name]));
  const nameOf = (id: string | null) =>
    id ? (names[id] ?? t("triage:case.facts.unknownPerson")) : null;
  const notRecorded = <span className="hint">{t("triage:case.facts.notRecorded")}</span>;
  const yesNo = (value: boolean) => t(`triage:values.yesNo.${value ? "yes" : "no"}`);
  const day = (iso: string) => <time dateTime={iso}>{format.day(iso, "long")}</time>;
  const current = data.stages.find((stage) => stage.stage === c.stage);
  const nextState = data.acknowledgeState ?? current?.state ?? null;
  const form = data.formId ? findForm(data.formId, data.formVersion ?? undefined) : undefined;
  const responder = [nameOf(c.responderStaffUserId), nameOf(c.responderTeamId)]
    .filter(Boolean)
    .join(", ");
  const complimentFor = [nameOf(c.complimentStaffUserId), nameOf(c.complimentTeamId)]
    .filter(Boolean)
    .join(", ");
  const inTime = (stage: (typeof data.stages)[number]) => {
    if (stage.respondedOn) return yesNo(stage.respondedOn <= stage.dueOn);
    if (stage.respondedInTime !== null) return yesNo(stage.respondedInTime);
    return t("triage:case.stages.notYet");
  };
  return (
    <>
      <ErrorSummary errors={summaryErrors} />
      {done && DONE.has(done) && !result ? (
        <Notice title={t("triage:case.saved")}>
          <p>{t(`triage:case.done.${done}`)}</p>
        </Notice>
      ) : null}
      <PageHeading>{data.pageTitle}</PageHeading>
      <ul className="triage-tags" aria-label={t("triage:tags.label")}>
        {c.urgent ? (
          <li>
            <strong className="tag tag--urgent">{t("triage:tags.urgent")}</strong>
          </li>
        ) : null}
        {c.isNew ? (
          <li>
            <strong className="tag tag--new">{t("triage:tags.new")}</strong>
          </li>
        ) : null}
        {/* The deadline that matters next, as in the queue: the acknowledgement, then the stage. */}
        {nextState ? (
          <li>
            <ClockTag state={nextState} />
          </li>
        ) : null}
        {c.closedOn ? (
          <li>
            <span className="tag">{t("triage:tags.closed")}</span>
          </li>
        ) : null}
      </ul>
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
          {t(`triage:values.madeBy.${c.madeBy}`)}
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
          {t(`triage:values.contactMethod.${c.contactMethod}`)}
        </SummaryRow>
        <SummaryRow label={t("triage:case.facts.receivedOn")}>{day(c.receivedOn)}</SummaryRow>
        {c.kind === "complaint" ? (
          <SummaryRow label={t("triage:case.facts.acknowledgeBy")}>
            {day(data.acknowledgeBy)}
          </SummaryRow>
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
          <SummaryRow label={t("triage:case.facts.complimentFor")}>
            {complimentFor || notRecorded}
          </SummaryRow>
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
        {data.advocacyReferral ? (
          <SummaryRow label={t("triage:case.facts.advocacyReferral")}>
            {/* Only the advocacy provider works from the referral; others see where it stands. */}
            {data.mayOpenReferral ? (
              <Link to={`/staff/advocacy/${data.advocacyReferral.id}`} dir="ltr">
                {data.advocacyReferral.reference}
              </Link>
            ) : (
              <span dir="ltr">{data.advocacyReferral.reference}</span>
            )}{" "}
            <span className="hint">
              {data.advocacyReferral.firstContactOn
                ? t("triage:case.facts.advocacyContacted", {
                    date: format.day(data.advocacyReferral.firstContactOn, "medium"),
                  })
                : t("triage:case.facts.advocacyWaiting")}
            </span>
          </SummaryRow>
        ) : null}
        {c.ombudsmanOn ? (
          <SummaryRow label={t("triage:case.facts.ombudsmanOn")}>{day(c.ombudsmanOn)}</SummaryRow>
        ) : null}
        {c.closedOn && c.outcome ? (
          <SummaryRow label={t("triage:case.facts.outcome")}>
            {t(`triage:values.outcome.${c.outcome}`)}
          </SummaryRow>
        ) : null}
        {c.closedOn ? (
          <SummaryRow label={t("triage:case.facts.closedOn")}>{day(c.closedOn)}</SummaryRow>
        ) : null}
      </dl>

      <h2 className="heading-l">{t("triage:case.words.title")}</h2>
      {data.formId && data.answers ? (
        form ? (
          <AnswerList form={form} answers={data.answers} invited={false} writtenIn={c.language} />
        ) : (
          <p>{t("triage:case.words.unknownForm")}</p>
        )
      ) : c.summary ? (
        <p className="triage-note">{c.summary}</p>
      ) : (
        <p>{t("triage:case.words.noWords")}</p>
      )}

      <h2 className="heading-l" id="stages-title">
        {t("triage:case.stages.title")}
      </h2>
      {data.stages.length === 0 ? (
        <p>{t("triage:case.stages.none")}</p>
      ) : (
        <ScrollRegion labelledBy={"stages-title"}>
          <table className="table">
            <caption className="visually-hidden">{t("triage:case.stages.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("triage:case.stages.columns.stage")}</th>
                <th scope="col">{t("triage:case.stages.columns.started")}</th>
                <th scope="col">{t("triage:case.stages.columns.due")}</th>
                <th scope="col">{t("triage:case.stages.columns.extension")}</th>
                <th scope="col">{t("triage:case.stages.columns.responded")}</th>
                <th scope="col">{t("triage:case.stages.columns.inTime")}</th>
                <th scope="col">{t("triage:case.stages.columns.clock")}</th>
              </tr>
            </thead>
            <tbody>
              {data.stages.map((stage) => (
                <tr key={stage.stage}>
                  <th scope="row">{t(`triage:values.stage.${stage.stage}`)}</th>
                  <td>{day(stage.startedOn)}</td>
                  <td>{day(stage.dueOn)}</td>
                  <td>
                    {stage.extensionReason && stage.extensionAgreedOn
                      ? t("triage:case.stages.extension", {
                          reason: stage.extensionReason,
                          date: format.day(stage.extensionAgreedOn, "medium"),
                        })
                      : t("triage:case.stages.noExtension")}
                  </td>
                  <td>
                    {stage.respondedOn ? day(stage.respondedOn) : t("triage:case.stages.notYet")}
                  </td>
                  <td>{inTime(stage)}</td>
                  <td>
                    {stage.state ? (
                      <>
                        <ClockTag state={stage.state} /> <DaysLeft state={stage.state} />
                      </>
                    ) : (
                      t("triage:clock.stopped")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      {data.satisfaction ? (
        <>
          <h2 className="heading-l">{t("triage:case.satisfaction.title")}</h2>
          {data.satisfaction.answers ? (
            <AnswerList
              form={complaintSatisfaction}
              answers={data.satisfaction.answers}
              invited={false}
              writtenIn={c.language}
            />
          ) : (
            <p>
              {t("triage:case.satisfaction.waiting", {
                date: format.day(data.satisfaction.invitedOn, "long"),
              })}
            </p>
          )}
        </>
      ) : null}

      {data.access === "officer" ? <Actions data={data} result={result} /> : null}

      <h2 className="heading-l" id="history-title">
        {t("triage:case.history.title")}
      </h2>
      {data.history.length === 0 ? (
        <p>{t("triage:case.history.empty")}</p>
      ) : (
        <ScrollRegion labelledBy={"history-title"}>
          <table className="table triage-history">
            <caption className="visually-hidden">{t("triage:case.history.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("triage:case.history.columns.when")}</th>
                <th scope="col">{t("triage:case.history.columns.who")}</th>
                <th scope="col">{t("triage:case.history.columns.what")}</th>
                <th scope="col">{t("triage:case.history.columns.details")}</th>
              </tr>
            </thead>
            <tbody>
              {data.history.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td>
                    <time dateTime={entry.at}>{format.moment(entry.at, "medium")}</time>
                  </td>
                  <td>{entry.actorName ?? t("triage:case.history.portal")}</td>
                  <th scope="row">
                    {t(`triage:history.actions.${entry.action}`, { defaultValue: entry.action })}
                  </th>
                  <td>
                    <HistoryDetails detail={entry.detail} names={names} areas={areas} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p className="no-print">
        <Link to="/staff/representations">{t("triage:case.back")}</Link>
      </p>
    </>
  );
}
