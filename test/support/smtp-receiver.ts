// A real SMTP server for tests: it accepts every message, keeps it in memory and, if asked,
// writes it to a folder so other processes (Playwright workers) can read what arrived.
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  /** RCPT TO addresses of the SMTP envelope. */
  to: string[];
  /** Header names in lower case, values unfolded (encoded words left as sent). */
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  /** The body, decoded from quoted-printable when it was sent so. */
  text: string;
};

/** Just enough of RFC 5322 for a test: headers and the body of a plain-text message. */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const header = (name: string) => headers[name.toLowerCase()] ?? "";
  let text = rest.join("\n\n");
  if (/quoted-printable/i.test(header("Content-Transfer-Encoding"))) {
    text = Buffer.from(
      text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`),
      "utf8",
    ).toString();
    try {
      text = decodeURIComponent(text);
    } catch {
      // leave as it is
    }
  }
  return {
    to,
    headers,
    subject: decodeWords(header("Subject")),
    messageId: header("Message-ID"),
    text,
  };
}

/** =?UTF-8?B?...?= and =?UTF-8?Q?...?= words in a header. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === "b"
      ? Buffer.from(data, "base64").toString("utf8")
      : decodeURIComponent(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, "%$1")),
  );
}

/**
 * An SMTP server on a free loopback port. `refuse` names recipients it answers 550 for (to test
 * retries); `folder` also writes each message there as JSON.
 */
export async function startSmtpReceiver(
  options: { folder?: string; refuse?: (address: string) => boolean } = {},
) {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const mail = parseMail(Buffer.concat(chunks).toString("utf8"), to);
        messages.push(mail);
        if (options.folder) {
          fs.writeFileSync(
            path.join(options.folder, `${Date.now()}-${messages.length}.json`),
            JSON.stringify(mail),
          );
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every message written to a receiver's folder so far. */
export function mailIn(folder: string): ReceivedMail[] {
  return fs
    .readdirSync(folder)
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as ReceivedMail);
}
