import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { PageHeading } from "#app/components/shell";
import { StaffTable } from "#app/components/staff-table";
import type { PortalHandle } from "#app/handle";
import { recordAudit } from "#app/models/audit.server";
import { listMailbox } from "#app/models/outbox.server";
import { retentionDaysFor } from "#app/privacy/retention";
import { env } from "#app/config.server";
import { requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "inbox:mailbox.title", area: "staff" };

/** Who delivers email, as far as this web process knows. */
type Delivery = "in-process" | "worker" | "off";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "staff:manage");
  const config = env();
  const delivery: Delivery =
    config.OUTBOX_WORKER === "off" ? "worker" : config.SMTP_URL ? "in-process" : "off";
  const messages = await listMailbox(context.organisation.id);
  await recordAudit({
    organisationId: context.organisation.id,
    action: "mailbox.viewed",
    actorStaffUserId: staff.id,
    clientAddress: context.clientAddress,
    detail: { shown: messages.length },
  });
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    council: context.organisation.name,
    bodyDays: retentionDaysFor(context.organisation.retention).emailBodies,
    delivery,
    messages: messages.map((message) => ({
      id: message.id,
      recipient: message.recipient,
      subject: message.subject,
      bodyText: message.bodyText,
      status: message.status,
      attempts: message.attempts,
      lastError: message.lastError,
      createdAt: message.createdAt.toISOString(),
      sentAt: iso(message.sentAt),
      failedAt: iso(message.failedAt),
      nextAttemptAt: message.nextAttemptAt.toISOString(),
    })),
  };
}

const deliveryKey = {
  "in-process": "inbox:mailbox.delivery.inProcess",
  worker: "inbox:mailbox.delivery.worker",
  off: "inbox:mailbox.delivery.off",
} as const satisfies Record<Delivery, string>;

function Time({ iso }: { iso: string }) {
  const dates = useDates();
  return <time dateTime={iso}>{dates.moment(iso, "medium")}</time>;
}

export default function Mailbox() {
  const { t } = useTranslation();
  const { council, bodyDays, delivery, messages } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("inbox:mailbox.title")}</PageHeading>
      <p className="body-l">{t("inbox:mailbox.intro", { council })}</p>
      <p>{t("inbox:mailbox.secretsHidden")}</p>
      <p className={`mailbox__delivery mailbox__delivery--${delivery}`}>
        {t(deliveryKey[delivery])}
      </p>
      <StaffTable
        className="mailbox"
        caption={t("inbox:mailbox.caption")}
        showCaption
        captionClassName="mailbox__caption"
        empty={t("inbox:mailbox.empty")}
        rows={messages}
        rowKey={(message) => String(message.id)}
        rowClassName={() => "mailbox__row"}
        columns={[
          {
            heading: t("inbox:mailbox.columns.to"),
            className: "mailbox__recipient",
            cell: (message) => message.recipient,
          },
          {
            heading: t("inbox:mailbox.columns.subject"),
            className: "mailbox__subject",
            cell: (message) => message.subject,
          },
          {
            heading: t("inbox:mailbox.columns.created"),
            cell: (message) => <Time iso={message.createdAt} />,
          },
          {
            heading: t("inbox:mailbox.columns.status"),
            cell: (message) => (
              <>
                <strong className={`mailbox__status mailbox__status--${message.status}`}>
                  {t(`inbox:mailbox.status.${message.status}`)}
                </strong>
                {message.status === "sent" && message.sentAt ? (
                  <span className="mailbox__when">
                    <Time iso={message.sentAt} />
                  </span>
                ) : null}
                {message.status === "failed" && message.failedAt ? (
                  <span className="mailbox__when">
                    <Time iso={message.failedAt} />
                  </span>
                ) : null}
                {message.status === "waiting" && message.attempts > 0 ? (
                  <span className="mailbox__when">
                    {t("inbox:mailbox.nextAttempt")} <Time iso={message.nextAttemptAt} />
                  </span>
                ) : null}
              </>
            ),
          },
          { heading: t("inbox:mailbox.columns.attempts"), cell: (message) => message.attempts },
          {
            heading: t("inbox:mailbox.columns.lastError"),
            className: "mailbox__error",
            cell: (message) => message.lastError ?? t("inbox:mailbox.noError"),
          },
        ]}
        rowsBelow={(message) => (
          // The email's text under its row, across the table.
          <tr className="mailbox__body-row">
            <td colSpan={7}>
              {message.bodyText === null ? (
                <p className="hint mailbox__removed">
                  {t("inbox:mailbox.bodyRemoved", { count: bodyDays })}
                </p>
              ) : (
                <details className="mailbox__details">
                  <summary>
                    {t("inbox:mailbox.showBody")}
                    <span className="visually-hidden">: {message.subject}</span>
                  </summary>
                  <pre className="mailbox__body">{message.bodyText}</pre>
                </details>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}
