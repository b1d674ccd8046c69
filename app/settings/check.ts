// What an admin typed on a settings page, checked against the topic's fields and turned into the
// council's column values. One schema per topic, built once. Form names: a field's id, or
// "<id>.<language>" (text per language, phrases) and "retention.<kind of record>".
import { z } from "zod";
import { LANGUAGES, type LocalisedText } from "#db/schema/constants";
import { normalisedPublicUrl } from "#app/models/organisation.server";
import { allowedIssuer } from "#app/models/single-sign-on.server";
import { plainText } from "#app/utils/plain-text";
import {
  MAX_PHRASE,
  MAX_PHRASES,
  MAX_RETENTION_DAYS,
  RECORD_KINDS,
  SERVICE_AREA_NAME,
  SETTINGS_TOPICS,
  type SettingField,
  type SettingsTopic,
} from "./topics";

const error = (problem: string) => `settings:errors.${problem}`;

/** The form names a field is typed into. */
export function formNamesOf(field: SettingField): string[] {
  switch (field.kind) {
    case "localised":
    case "phrases":
      return LANGUAGES.map((language) => `${field.id}.${language}`);
    case "retention":
      return RECORD_KINDS.map((kind) => `retention.${kind}`);
    default:
      return [field.id];
  }
}

const PHONE = /^\+?[0-9 ()-]{3,40}$/;

function textSchema(
  field: Extract<SettingField, { kind: "text" | "email" | "phone" | "address" | "issuer" }>,
) {
  const base = plainText(field.multiline ? "many" : "one")
    .trim()
    .max(field.max, error("tooLong"));
  const filled = field.required ? base.min(1, error("missing")) : base;
  switch (field.kind) {
    case "email":
      return filled.refine((v) => v === "" || z.email().safeParse(v).success, {
        message: error("email"),
      });
    case "phone":
      return filled.refine((v) => v === "" || PHONE.test(v), { message: error("phone") });
    case "address":
      return filled
        .refine((v) => v === "" || normalisedPublicUrl(v) !== undefined, {
          message: error("address"),
        })
        .transform((v) => normalisedPublicUrl(v) ?? v);
    case "issuer":
      return filled.refine((v) => v === "" || allowedIssuer(v), { message: error("issuer") });
    default:
      return filled;
  }
}

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => /^[0-9]{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, {
      message: "settings:errors.number",
    })
    .transform(Number);

/** The form's schema for one topic: each form name a string, each problem a translation key. */
function schemaOf(topic: SettingsTopic) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of topic.fields) {
    switch (field.kind) {
      case "choice":
        shape[field.id] = z.string().refine((v) => field.options.includes(v), {
          message: "settings:errors.choose",
        });
        break;
      case "number":
        shape[field.id] = wholeNumber(field.min, field.max);
        break;
      case "secret":
        shape[field.id] = z.string().trim().max(field.max, "settings:errors.tooLong");
        break;
      case "localised":
        for (const language of LANGUAGES) {
          const text = plainText(field.multiline ? "many" : "one")
            .trim()
            .max(field.max, "settings:errors.tooLong");
          shape[`${field.id}.${language}`] =
            language === "en" && field.required ? text.min(1, "settings:errors.missing") : text;
        }
        break;
      case "phrases":
        for (const language of LANGUAGES) {
          shape[`${field.id}.${language}`] = plainText("many")
            .transform((v) => [...new Set(v.split(/\r?\n/).map((line) => line.trim()))])
            .transform((lines) => lines.filter((line) => line !== ""))
            .refine((lines) => lines.every((line) => line.length <= MAX_PHRASE), {
              message: "settings:errors.phraseTooLong",
            })
            .refine((lines) => lines.length <= MAX_PHRASES, {
              message: "settings:errors.tooManyPhrases",
            });
        }
        break;
      case "retention":
        for (const kind of RECORD_KINDS) {
          shape[`retention.${kind}`] = z
            .string()
            .trim()
            .refine(
              (v) => v === "" || (/^[0-9]{1,5}$/.test(v) && Number(v) <= MAX_RETENTION_DAYS),
              {
                message: "settings:errors.days",
              },
            );
        }
        break;
      default:
        shape[field.id] = textSchema(field);
    }
  }
  return z.object(shape);
}

const SCHEMAS = new Map<string, z.ZodType>(
  [...SETTINGS_TOPICS, SERVICE_AREA_NAME].map((topic) => [topic.id, schemaOf(topic)]),
);

export type SettingsChange = Record<string, unknown>;

/** Every value typed, as the council's columns: text per language drops its empty languages. */
function columnsOf(topic: SettingsTopic, checked: Record<string, unknown>): SettingsChange {
  const columns: SettingsChange = {};
  for (const field of topic.fields) {
    if (field.kind === "localised") {
      const text = Object.fromEntries(
        LANGUAGES.map((language) => [
          language,
          checked[`${field.id}.${language}`] as string,
        ]).filter(([, value]) => value !== ""),
      ) as LocalisedText;
      columns[field.id] =
        field.id === "corporateStage3Name" && !text.en ? null : { ...text, en: text.en ?? "" };
    } else if (field.kind === "phrases") {
      columns[field.id] = Object.fromEntries(
        LANGUAGES.map((language) => [language, checked[`${field.id}.${language}`]]).filter(
          ([, lines]) => (lines as string[]).length > 0,
        ),
      );
    } else if (field.kind === "retention") {
      columns.retention = Object.fromEntries(
        RECORD_KINDS.map((kind) => [kind, checked[`retention.${kind}`] as string])
          .filter(([, days]) => days !== "")
          .map(([kind, days]) => [kind, Number(days)]),
      );
    } else if (field.kind === "secret") {
      // An empty box keeps the saved secret.
      if (checked[field.id] !== "") columns[field.id] = checked[field.id];
    } else if (field.id === "acknowledgementDays") {
      columns[field.id] = Number(checked[field.id]);
    } else {
      columns[field.id] = checked[field.id];
    }
  }
  return columns;
}

export type CheckedSettings =
  { ok: true; columns: SettingsChange } | { ok: false; errors: Record<string, string> };

/** Checks what was typed for a topic (`typed`: form name → text). */
export function checkSettings(
  topic: SettingsTopic,
  typed: Record<string, string>,
): CheckedSettings {
  const parsed = SCHEMAS.get(topic.id)!.safeParse(typed);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = /^[a-z0-9-]+:[\w.-]+$/.test(issue.message)
        ? issue.message
        : "common:form.errors.notRight";
      errors[String(issue.path[0])] ??= key;
    }
    return { ok: false, errors };
  }
  return { ok: true, columns: columnsOf(topic, parsed.data as Record<string, unknown>) };
}

/** What was typed, to show again with its errors: never a secret. */
export function typedToShowAgain(
  topic: SettingsTopic,
  typed: Record<string, string>,
): Record<string, string> {
  const secrets = new Set<string>(
    topic.fields.filter((field) => field.kind === "secret").map((field) => field.id),
  );
  return Object.fromEntries(Object.entries(typed).filter(([name]) => !secrets.has(name)));
}
