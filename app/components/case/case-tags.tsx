// The tags under a case's heading: urgent, new, how the next deadline stands, closed.
import { useTranslation } from "react-i18next";
import type { ClockState } from "#app/complaints/clock";
import { ClockTag } from "./deadline-tags";

export function CaseTags(props: {
  urgent: boolean;
  isNew: boolean;
  /** The deadline that matters next, if the clock is running. */
  next: ClockState | null;
  closed: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="triage-tags" aria-label={t("triage:tags.label")}>
      {props.urgent ? (
        <li>
          <strong className="tag tag--urgent">{t("triage:tags.urgent")}</strong>
        </li>
      ) : null}
      {props.isNew ? (
        <li>
          <strong className="tag tag--new">{t("triage:tags.new")}</strong>
        </li>
      ) : null}
      {/* The deadline that matters next, as in the queue: the acknowledgement, then the stage. */}
      {props.next ? (
        <li>
          <ClockTag state={props.next} />
        </li>
      ) : null}
      {props.closed ? (
        <li>
          <span className="tag">{t("triage:tags.closed")}</span>
        </li>
      ) : null}
    </ul>
  );
}
