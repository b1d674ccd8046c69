import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "#app/root";
import { TRAP_FIELD } from "#app/utils/trap-field";

/**
 * What every form posts besides its questions: the hidden anti-forgery token, and a box that
 * is not shown (so not read out or reached by keyboard either). A person leaves it empty; a
 * simple bot that fills every box is refused, with no puzzle for anyone to solve.
 */
export function CsrfField() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const trapId = `${TRAP_FIELD}-${useId()}`;
  return (
    <>
      <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />
      <div className="trap-field">
        <label htmlFor={trapId}>{t("common:trapField")}</label>
        <input type="text" id={trapId} name={TRAP_FIELD} autoComplete="off" tabIndex={-1} />
      </div>
    </>
  );
}
