import nodemailer from "nodemailer";
import type { MailMessage, MailTransport } from "#app/models/outbox.server";

export type { MailMessage, MailTransport };

/** How long to wait for an SMTP server before giving up on this attempt (the outbox retries). */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * Delivery through an SMTP server, from a URL such as `smtp://user:pass@host:587` (STARTTLS when
 * the server offers it) or `smtps://user:pass@host:465` (TLS from the start). Each send opens its
 * own connection: the outbox sends in small batches, so a pool would only hold sockets open.
 * `from` is the sender of a message that names none.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const protocol = new URL(url).protocol;
  if (protocol !== "smtp:" && protocol !== "smtps:") {
    throw new Error("SMTP_URL must start with smtp:// or smtps://");
  }
  const transporter = nodemailer.createTransport(
    {
      url,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    },
    { from },
  );
  return {
    async send(message) {
      await transporter.sendMail({
        from: message.from || from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
      });
    },
  };
}
