// A device handed round a conference room: whoever holds it chooses their form and answers; after
// each Send they are back here with a thank-you, and nothing of theirs is left on the device. The
// chair ends it by signing in again.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { findForm } from "#app/forms/registry";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { conferenceForHandOver } from "#app/models/conference.server";
import { findInvitationForVisitor } from "#app/models/invitation.server";
import { readCheckedForm, textOf } from "#app/web/forms.server";
import { openInvitation } from "#app/web/form-journey.server";
import { clearedHandOverCookie, handedOverFor } from "#app/web/hand-over.server";

export const handle: PortalHandle = { titleKey: "conferences:handOver.title", area: "public" };

async function handedRoundConference(request: Request, context: LoaderFunctionArgs["context"]) {
  const conferenceId = handedOverFor(request, context);
  return conferenceId ? conferenceForHandOver(context.organisation.id, conferenceId) : undefined;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const conference = await handedRoundConference(request, context);
  if (!conference) return data({ status: "none" as const }, { status: 404 });
  return {
    status: "ready" as const,
    kind: conference.kind,
    sent: new URL(request.url).searchParams.has("sent"),
    forms: conference.forms.map((entry) => ({
      formId: entry.formId,
      namespace: findForm(entry.formId)!.namespace,
    })),
  };
}

/** "This is me": a new draft of that form, through the conference's invitation; or "End". */
export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readCheckedForm(request, context);
  if (textOf(posted, "intent") === "end") {
    throw redirect("/staff/sign-in", {
      headers: { "Set-Cookie": clearedHandOverCookie(context) },
    });
  }
  const conference = await handedRoundConference(request, context);
  const chosen = conference?.forms.find((entry) => entry.formId === textOf(posted, "formId"));
  if (!conference || !chosen) throw redirect("/hand-over");
  const { invitationId } = chosen;
  // Opened as the invitation's own link opens it (its facts, a new draft, this device's language).
  const found = await findInvitationForVisitor(context.organisation.id, {
    invitationId,
  });
  if (found.status !== "ok") throw redirect("/hand-over");
  throw await openInvitation(context, found.invitation, await getLanguage(request));
}

export default function HandOver() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  if (page.status === "none") {
    return (
      <div className="narrow">
        <h1 className="heading-xl">{t("conferences:handOver.noneTitle")}</h1>
        <p>{t("conferences:handOver.none")}</p>
        <p>
          <a href="/">{t("conferences:handOver.home")}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      {page.sent ? (
        <div className="panel" role="status">
          <p className="panel__title">{t("conferences:handOver.thanks")}</p>
          <p className="panel__body">{t("conferences:handOver.handBack")}</p>
        </div>
      ) : null}
      <h1 className="heading-xl">{t(`conferences:handOver.heading.${page.kind}`)}</h1>
      <p className="body-l">{t("conferences:handOver.lead")}</p>
      <p>{t("conferences:handOver.private")}</p>
      <ul className="list hand-over-forms">
        {page.forms.map((entry) => (
          <li key={entry.formId}>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="formId" value={entry.formId} />
              <button type="submit" className="button button--start">
                {t(`${entry.namespace}:title`)}
              </button>
            </Form>
            <p className="hint">{t(`${entry.namespace}:description`)}</p>
          </li>
        ))}
      </ul>
      <Form method="post" className="hand-over-end">
        <CsrfField />
        <input type="hidden" name="intent" value="end" />
        <button type="submit" className="button button--secondary">
          {t("conferences:handOver.end")}
        </button>
      </Form>
    </div>
  );
}
