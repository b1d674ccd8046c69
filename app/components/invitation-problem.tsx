import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "#app/root";

/** A kind page for a link or code that does not work: what to do now. */
export function InvitationProblem({ message }: { message: string }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <div className="narrow">
      <h1 className="heading-xl">{t("forms:invitation.problemTitle")}</h1>
      <p className="body-l">{message}</p>
      <p>{t("forms:invitation.whatToDo")}</p>
      <ul className="list list--bullet">
        <li>{t("forms:invitation.askAdult")}</li>
        <li>
          <a href="/listen-to-me">{t("forms:invitation.withoutCode")}</a>
        </li>
      </ul>
      {root?.council ? (
        <p>{t("forms:invitation.council", { council: root.council.name })}</p>
      ) : null}
    </div>
  );
}
