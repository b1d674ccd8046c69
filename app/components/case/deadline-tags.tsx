// How a deadline stands (the "clock" of a complaint's stage or its acknowledgement), in words
// and not by colour alone.
import { useTranslation } from "react-i18next";
import type { ClockState } from "#app/complaints/clock";

/** How a deadline stands, in words and not by colour alone: overdue is strong and says by how much. */
export function ClockTag({ state }: { state: ClockState }) {
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

/** The working days left before a deadline (nothing once it has passed). */
export function DaysLeft({ state }: { state: ClockState }) {
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
