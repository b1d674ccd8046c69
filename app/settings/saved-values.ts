// What a settings page's boxes hold before anything is typed: the council's saved values, by
// form name (app/settings/check.ts reads them back the same way).
import { LANGUAGES, type LocalisedText } from "#db/schema/constants";
import { RECORD_KINDS } from "#app/privacy/retention";
import type { SettingsTopic } from "./topics";

type SavedCouncil = Record<string, unknown> & {
  retention: Partial<Record<string, number>>;
  safeguardingPhrases: Partial<Record<string, string[]>>;
};

export function savedValuesOf(topic: SettingsTopic, council: SavedCouncil): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of topic.fields) {
    if (field.kind === "localised") {
      const text = (council[field.id] as LocalisedText | null) ?? { en: "" };
      for (const language of LANGUAGES) values[`${field.id}.${language}`] = text[language] ?? "";
    } else if (field.kind === "phrases") {
      for (const language of LANGUAGES) {
        values[`${field.id}.${language}`] = (council.safeguardingPhrases[language] ?? []).join(
          "\n",
        );
      }
    } else if (field.kind === "retention") {
      for (const kind of RECORD_KINDS) {
        const days = council.retention[kind];
        values[`retention.${kind}`] = days === undefined ? "" : String(days);
      }
    } else if (field.kind === "secret") {
      // Never sent to the page: only whether one is saved.
      values[field.id] = "";
      if (council[field.id]) values[`${field.id}.saved`] = "yes";
    } else {
      values[field.id] = String(council[field.id] ?? "");
    }
  }
  return values;
}
