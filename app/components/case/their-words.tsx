// "What they said": the answers to the online form with its own questions, or the officer's
// summary of a letter, call or visit.
import { useTranslation } from "react-i18next";
import { AnswerList } from "#app/components/form-question";
import { findForm } from "#app/forms/registry";
import type { Answers } from "#app/forms/types";

export function TheirWords(props: {
  formId: string | null;
  formVersion: number | null;
  answers: Answers | null;
  summary: string | null;
  /** The language they wrote in. */
  language: string;
}) {
  const { t } = useTranslation();
  const form = props.formId ? findForm(props.formId, props.formVersion ?? undefined) : undefined;
  return (
    <>
      <h2 className="heading-l">{t("triage:case.words.title")}</h2>
      {props.formId && props.answers ? (
        form ? (
          <AnswerList
            form={form}
            answers={props.answers}
            invited={false}
            writtenIn={props.language}
          />
        ) : (
          <p>{t("triage:case.words.unknownForm")}</p>
        )
      ) : props.summary ? (
        <p className="triage-note">{props.summary}</p>
      ) : (
        <p>{t("triage:case.words.noWords")}</p>
      )}
    </>
  );
}
