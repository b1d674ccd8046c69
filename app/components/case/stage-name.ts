// A stage's name as the case page says it: corporate Stage 3 by the council's own name for it.
import { useTranslation } from "react-i18next";
import type { CaseNames } from "./types";

export function useStageName(procedure: string | null, names: CaseNames | undefined) {
  const { t } = useTranslation();
  return (stage: number) =>
    procedure === "corporate" && stage === 3 && names?.corporateStage3
      ? names.corporateStage3
      : t(`triage:values.stage.${stage}`);
}
