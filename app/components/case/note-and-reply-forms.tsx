// The forms that add to a case without moving it on: a note for the history, and an email reply
// to the person who made it.
import { useTranslation } from "react-i18next";
import { Choices, TextInput } from "#app/components/fields";
import { REPLY_TEMPLATES } from "#app/models/representation/change.server";
import { ActionForm, useValueOptions, type ActionFormProps } from "./action-form";

/** "Add a note": only staff see it, in the history. */
export function NoteForm({ state: note, open }: ActionFormProps) {
  const { t } = useTranslation();
  return (
    <ActionForm intent="note" state={note} open={open} withNote={false}>
      <TextInput
        name="note-note"
        label={t("triage:actions.note.label")}
        hint={t("triage:actions.noteHint")}
        multiline
        defaultValue={note.value("note")}
        error={note.errors?.["note-note"]}
      />
    </ActionForm>
  );
}

/** "Send a reply by email": a template in their language, and a message of the officer's own. */
export function ReplyForm({
  state: reply,
  open,
  email,
  language,
}: ActionFormProps & { email: string; language: string }) {
  const { t } = useTranslation();
  const options = useValueOptions();
  return (
    <ActionForm
      intent="reply"
      state={reply}
      open={open}
      withNote={false}
      intro={t("triage:actions.reply.intro", {
        email,
        language: t("common:language.nativeName", { lng: language }),
      })}
    >
      <Choices
        type="radio"
        name="reply-template"
        legend={t("triage:actions.reply.template")}
        error={reply.errors?.["reply-template"]}
        checked={[reply.value("template")]}
        options={options("template", REPLY_TEMPLATES)}
      />
      <TextInput
        name="reply-note"
        label={t("triage:actions.reply.message")}
        hint={t("triage:actions.reply.messageHint")}
        multiline
        defaultValue={reply.value("note")}
        error={reply.errors?.["reply-note"]}
      />
    </ActionForm>
  );
}
