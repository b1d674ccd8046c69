// "History": the case's audit trail, newest last: when, who, what was done and its details.
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { StaffTable } from "#app/components/staff-table";
import { CLASSIFY_ORDER } from "#app/utils/case-actions";

export type HistoryEntry = {
  /** ISO date and time. */
  at: string;
  action: string;
  /** Null when the portal itself did it. */
  actorName: string | null;
  detail: Record<string, unknown>;
};

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
  "conductedBy",
  "ombudsmanOutcome",
  "outcome",
  "lessonsLearnt",
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
  ombudsmanOutcome: "ombudsmanOutcome",
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

export function CaseHistory({
  history,
  names,
  areas,
}: {
  history: readonly HistoryEntry[];
  /** The names of the people and teams the entries mention, by id. */
  names: Record<string, string>;
  /** The council's service areas' names, by key. */
  areas: Record<string, string>;
}) {
  const { t } = useTranslation();
  const format = useDates();
  return (
    <>
      <h2 className="heading-l" id="history-title">
        {t("triage:case.history.title")}
      </h2>
      <StaffTable
        className="triage-history"
        caption={t("triage:case.history.caption")}
        empty={t("triage:case.history.empty")}
        regionLabelledBy="history-title"
        rows={history}
        rowKey={(entry, index) => `${entry.at}-${index}`}
        columns={[
          {
            heading: t("triage:case.history.columns.when"),
            cell: (entry) => <time dateTime={entry.at}>{format.moment(entry.at, "medium")}</time>,
          },
          {
            heading: t("triage:case.history.columns.who"),
            cell: (entry) => entry.actorName ?? t("triage:case.history.portal"),
          },
          {
            heading: t("triage:case.history.columns.what"),
            rowHeader: true,
            // `recorded` names what an entry recorded when its action alone does not say.
            cell: (entry) =>
              typeof entry.detail.recorded === "string"
                ? t(`triage:history.recorded.${entry.detail.recorded}`, {
                    defaultValue: entry.action,
                  })
                : t(`triage:history.actions.${entry.action}`, { defaultValue: entry.action }),
          },
          {
            heading: t("triage:case.history.columns.details"),
            cell: (entry) => <HistoryDetails detail={entry.detail} names={names} areas={areas} />,
          },
        ]}
      />
    </>
  );
}
