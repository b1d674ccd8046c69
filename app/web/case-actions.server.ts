// What each form on a case page asks for, read from what was posted: the change for the model to
// make, or the problems with what was typed (keys under `triage:errors`, field names without the
// form's prefix). One reader per form, by its `intent`.
import { z } from "zod";
import { REPLY_TEMPLATES, type CaseChange } from "#app/models/representation/change.server";
import { CONTACT_METHODS, OMBUDSMAN_OUTCOMES, OUTCOMES } from "#db/schema/constants";
import {
  CLASSIFY_ORDER,
  MAX_CONDUCTED_BY,
  MAX_LESSONS,
  MAX_TEXT,
  type Intent,
} from "#app/utils/case-actions";
import {
  classificationFields,
  classificationProblems,
  triageError as error,
  type OfficerIds,
} from "./classification.server";
import { fieldErrorsOf, pastDate, pickedFrom } from "./forms.server";

/** A field of the posted form, by its name without the form's prefix. */
export type Read = (name: string) => string;
export type Built = { change: CaseChange } | { errors: Record<string, string> };
type Lists = OfficerIds;
type Reader = (read: Read, today: string, lists: Lists) => Built;

/** The date box of each form that has one. */
const DATE_FIELD: Partial<Record<Intent, string>> = {
  acknowledge: "on",
  extend: "agreedOn",
  respond: "on",
  escalate: "requestedOn",
  ombudsman: "on",
  close: "on",
};

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

const dateOf = (read: Read, name: string) => ({
  day: read(`${name}-day`),
  month: read(`${name}-month`),
  year: read(`${name}-year`),
});

/** One date box, today or earlier. */
const onDate = (read: Read, today: string, name: string) =>
  parsed(
    z
      .object({ [name]: pastDate(today, "triage:errors") })
      .safeParse({ [name]: dateOf(read, name) }),
  );

/** "Check and confirm the details": what it is, under which procedure, about what, and who it concerns. */
const classify: Reader = (read, _today, lists) => {
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
      complimentMemberId: compliment ? data.complimentMemberId : null,
    },
  };
};

/** "Ask someone to answer it": a person, a team, or both. */
const assign: Reader = (read, _today, lists) => {
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
  return !result.ok ? { errors: result.errors } : { change: { type: "assign", ...result.data } };
};

/** Words typed freely, up to `max` characters: empty is null unless `required`. */
const freeText = (max: number, required?: string) =>
  z
    .string()
    .trim()
    .max(max, error(max === MAX_LESSONS ? "lessonsTooLong" : "conductedByTooLong"))
    .refine((value) => !required || value !== "", error(required ?? "note"))
    .transform((value) => (value === "" ? null : value));

/** A form whose only box is the day it happened (acknowledged, responded). */
const onTheDay =
  (type: "acknowledge" | "respond"): Reader =>
  (read, today) => {
    const result = onDate(read, today, "on");
    return !result.ok ? { errors: result.errors } : { change: { type, on: result.data.on! } };
  };

/** The day the complainant asked for the next stage, and who will conduct it, if known. */
const escalate: Reader = (read, today) => {
  const result = parsed(
    z
      .object({
        requestedOn: pastDate(today, "triage:errors"),
        conductedBy: freeText(MAX_CONDUCTED_BY),
      })
      .safeParse({ requestedOn: dateOf(read, "requestedOn"), conductedBy: read("conductedBy") }),
    {},
    ["requestedOn", "conductedBy"],
  );
  return !result.ok ? { errors: result.errors } : { change: { type: "escalate", ...result.data } };
};

/** The day it went to the Ombudsman, and what the Ombudsman decided once known. */
const ombudsman: Reader = (read, today) => {
  const result = parsed(
    z
      .object({
        on: pastDate(today, "triage:errors"),
        outcome: z
          .enum(["", ...OMBUDSMAN_OUTCOMES], error("ombudsmanOutcome"))
          .transform((value) => (value === "" ? null : value)),
      })
      .safeParse({ on: dateOf(read, "on"), outcome: read("outcome") }),
    {},
    ["on", "outcome"],
  );
  return !result.ok ? { errors: result.errors } : { change: { type: "ombudsman", ...result.data } };
};

/** Stage 2's independent investigator, or Stage 3's panel or reviewer. */
const conductedBy: Reader = (read) => {
  const result = parsed(
    z
      .object({ conductedBy: freeText(MAX_CONDUCTED_BY, "conductedBy") })
      .safeParse({ conductedBy: read("conductedBy") }),
  );
  return !result.ok
    ? { errors: result.errors }
    : { change: { type: "conducted-by", conductedBy: result.data.conductedBy! } };
};

/** What the council changed after an upheld or partly upheld complaint. */
const lessons: Reader = (read) => {
  const result = parsed(
    z
      .object({ lessonsLearnt: freeText(MAX_LESSONS, "lessonsLearnt") })
      .safeParse({ lessonsLearnt: read("lessonsLearnt") }),
  );
  return !result.ok
    ? { errors: result.errors }
    : { change: { type: "lessons", lessonsLearnt: result.data.lessonsLearnt! } };
};

/** A longer deadline: why, and the day the complainant agreed to it. */
const extend: Reader = (read, today) => {
  const result = parsed(
    z
      .object({
        reason: z.string().trim().min(1, error("reason")).max(MAX_TEXT, error("textTooLong")),
        agreedOn: pastDate(today, "triage:errors"),
      })
      .safeParse({ reason: read("reason"), agreedOn: dateOf(read, "agreedOn") }),
  );
  return !result.ok ? { errors: result.errors } : { change: { type: "extend", ...result.data } };
};

/** Closing: the outcome (a complaint's), what was changed (if upheld), and the day. */
const close: Reader = (read, today) => {
  const typed = { outcome: read("outcome"), lessonsLearnt: read("lessonsLearnt") };
  // What was changed belongs to an upheld or partly upheld complaint only.
  const extra: Record<string, string> =
    typed.lessonsLearnt.trim() !== "" &&
    OUTCOMES.includes(typed.outcome as never) &&
    !["upheld", "partly-upheld"].includes(typed.outcome)
      ? { lessonsLearnt: "triage:problems.lessonsNotUpheld" }
      : {};
  const result = parsed(
    z
      .object({
        outcome: z
          .enum(["", ...OUTCOMES], error("outcome"))
          .transform((value) => (value === "" ? null : value)),
        lessonsLearnt: freeText(MAX_LESSONS),
        on: pastDate(today, "triage:errors"),
      })
      .safeParse({ ...typed, on: dateOf(read, "on") }),
    extra,
    ["outcome", "lessonsLearnt", "on"],
  );
  return !result.ok ? { errors: result.errors } : { change: { type: "close", ...result.data } };
};

/** A note in the history, and nothing else. */
const note: Reader = (read) =>
  read("note").trim() === "" ? { errors: { note: error("note") } } : { change: { type: "note" } };

/** "Send a reply by email" to the person who made it, from one of the templates. */
const reply: Reader = (read) => {
  const result = parsed(
    z.object({ template: z.enum(REPLY_TEMPLATES, error("template")) }).safeParse({
      template: read("template"),
    }),
  );
  return !result.ok ? { errors: result.errors } : { change: { type: "reply", ...result.data } };
};

const READERS: Record<Intent, Reader> = {
  classify,
  assign,
  acknowledge: onTheDay("acknowledge"),
  extend,
  respond: onTheDay("respond"),
  escalate,
  ombudsman,
  close,
  "conducted-by": conductedBy,
  lessons,
  note,
  reply,
};

/** What a posted form asks for, or the problems with what was typed (keys without the prefix). */
export function changeOf(intent: Intent, read: Read, today: string, lists: Lists): Built {
  return READERS[intent](read, today, lists);
}

/** Where on the page a problem the model found belongs: a field, or the form as a whole. */
export function fieldOfProblem(intent: Intent, problem: string): string {
  if (problem === "beforeReceived" && DATE_FIELD[intent]) return DATE_FIELD[intent]!;
  if (problem === "outcome") return "outcome";
  if (problem === "lessonsNotUpheld" && intent === "close") return "lessonsLearnt";
  if (problem === "emptyNote") return "note";
  if (problem === "unknownStaff")
    return intent === "assign" ? "responderStaffUserId" : "iroStaffUserId";
  return "";
}

/** The problems under the names the page gives its fields (`<intent>-<field>`, or the form's own). */
export const prefixed = (intent: Intent, errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([name, key]) => [name ? `${intent}-${name}` : intent, key]),
  );
