import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { InvitationTrouble } from "#app/models/invitation.server";
import type { loader as rootLoader } from "#app/root";

/** A kind page for a link or code that does not work: what to do now. */
export function InvitationProblem({ trouble }: { trouble: InvitationTrouble }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  // A child's invitation comes from their IRO, who can send a new one; the portal's own
  // questionnaire links (no inviter) cannot be asked for again.
  const fromStaff =
    trouble.status === "unknown" || Boolean(trouble.status === "expired" && trouble.inviterName);
  return (
    <div className="narrow">
      <h1 className="heading-xl">
        {trouble.status === "answered"
          ? t("forms:invitation.answeredTitle")
          : t("forms:invitation.problemTitle")}
      </h1>
      <p className="body-l">
        {trouble.status === "answered"
          ? t("forms:invitation.answered")
          : trouble.status === "unknown"
            ? t("forms:invitation.unknownLink")
            : trouble.inviterName
              ? t("forms:invitation.expired", { iroName: trouble.inviterName })
              : t("forms:invitation.expiredQuestionnaire")}
      </p>
      {fromStaff ? (
        <>
          <p>{t("forms:invitation.whatToDo")}</p>
          <ul className="list list--bullet">
            <li>{t("forms:invitation.askAdult")}</li>
            <li>
              <a href="/listen-to-me">{t("forms:invitation.withoutCode")}</a>
            </li>
          </ul>
        </>
      ) : null}
      {root?.council ? (
        <p>{t("forms:invitation.council", { council: root.council.name })}</p>
      ) : null}
    </div>
  );
}
