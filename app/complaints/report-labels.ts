// The words for the annual report's label ids, the same on the page and in the CSV file: the
// council's own names for its service areas and corporate Stage 3, its Ombudsman, the years of
// the trend, and the references lessons learnt are listed by.
import type { Ombudsman } from "#db/schema/constants";
import { labelKey } from "./annual-report";

type Translate = (key: string, values?: Record<string, unknown>) => string;

export type LabelWords = {
  t: Translate;
  /** Service area names by key, in the reader's language. */
  serviceNames: Record<string, string>;
  ombudsman: Ombudsman;
  /** What the council calls corporate Stage 3, in the reader's language; null: "Stage 3". */
  corporateStage3Name: string | null;
};

export function reportLabeller({ t, serviceNames, ombudsman, corporateStage3Name }: LabelWords) {
  const ombudsmanName = t(`report:ombudsmen.${ombudsman}`);
  return (id: string): string => {
    const [kind, ...rest] = id.split(":");
    const value = rest.join(":");
    if (kind === "service" && value !== "not-recorded") return serviceNames[value] ?? value;
    // A case's reference is shown as it is.
    if (kind === "reference") return value;
    if (kind === "year" && /^\d{4}$/.test(value)) {
      return t("report:labels.year", { startYear: Number(value), endYear: Number(value) + 1 });
    }
    if (id === "stage:corporate-3") {
      return corporateStage3Name?.trim() ? corporateStage3Name.trim() : t("report:labels.stage.3");
    }
    return t(`report:${labelKey(id)}`, { ombudsman: ombudsmanName });
  };
}
