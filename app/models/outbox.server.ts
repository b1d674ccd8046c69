import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { db, schema, type Database, type Transaction } from "#db/client";
import { DEFAULT_MAIL_FROM } from "#app/config.server";
import { seal, unseal } from "#app/utils/secrets.server";

const outbox = schema.outboxMessage;

/** One email as the outbox hands it to a transport: plain text, with its stable Message-ID. */
export type MailMessage = {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** `<…@…>`, stored with the message when it was queued: a repeat is recognisable as one. */
  messageId: string;
};

/** Something that delivers email. Resolves once the receiving server has accepted the message. */
export type MailTransport = {
  send(message: MailMessage): Promise<void>;
};

export type OutboxMessage = typeof outbox.$inferSelect;

export type EmailToSend = {
  organisationId: string;
  /** What kind of message, e.g. "iro.received": shown on the mailbox page. */
  template: string;
  recipient: string;
  subject: string;
  /** The words of the message; where it carries a `secret`, SECRET_PLACE stands in for it. */
  bodyText: string;
  /**
   * A resume code, tracking secret or link token the message must carry. It is stored sealed,
   * never in the body, and put in place of SECRET_PLACE only at the moment of delivery.
   */
  secret?: string;
  /** What the message is about, e.g. "submission" and its id. */
  subjectType?: string;
  subjectId?: string;
};

// Who wants to know that email was queued: the outbox workers of this process. Kept on globalThis
// so that a rebuilt server bundle in development still reaches the workers the first one started.
const holder = globalThis as typeof globalThis & { __portalQueuedEmail?: Set<() => void> };
const listeners = (holder.__portalQueuedEmail ??= new Set());

/** Calls `listener` whenever email is queued here; returns how to stop. */
export function onEmailQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Says that email was queued: call it after committing a transaction that queued some, so a worker
 * in this process sends it now. Without one here, it waits for whichever worker's next tick.
 */
export function emailQueued(): void {
  for (const listener of listeners) listener();
}

/** Stands in an email's body for the code or secret it carries, until the moment it is sent. */
export const SECRET_PLACE = "[[secret]]";
/** What administrators see on the mailbox page in place of a code or secret. */
export const SECRET_MASK = "••••-••••";

/** After this many failed attempts a message is given up on and shown as failed. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_SECONDS = 30;
const LONGEST_RETRY_SECONDS = 60 * 60;
const ERROR_TEXT_LIMIT = 500;

/** How long after a failed attempt the next one is due: 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(FIRST_RETRY_SECONDS * 2 ** exponent, LONGEST_RETRY_SECONDS);
}

/**
 * Queues one email in the caller's transaction, so it exists if and only if what caused it is
 * committed. Nothing is sent here: a worker delivers it (call `emailQueued()` after the commit
 * for it to go at once). A message with no recipient is skipped.
 */
export async function enqueueEmail(
  tx: Transaction | Database,
  message: EmailToSend,
): Promise<void> {
  const row = outboxRowOf(message);
  if (row) await tx.insert(outbox).values(row);
}

/**
 * The outbox row of one email, checked as `enqueueEmail` checks it (its secret sealed), for a
 * caller that writes it as part of a larger statement; undefined when it has no recipient.
 */
export function outboxRowOf(message: EmailToSend): typeof outbox.$inferInsert | undefined {
  const recipient = message.recipient.trim();
  if (!recipient) return undefined;
  const { secret } = message;
  if (secret !== undefined) {
    if (!secret || !message.bodyText.includes(SECRET_PLACE)) {
      throw new Error(`The "${message.template}" email has a secret but no place for it`);
    }
    if (message.bodyText.includes(secret) || message.subject.includes(secret)) {
      throw new Error(`The "${message.template}" email would store its secret in plain text`);
    }
  }
  return {
    organisationId: message.organisationId,
    template: message.template,
    recipient,
    subject: message.subject,
    bodyText: message.bodyText,
    sealedSecret: secret === undefined ? null : seal(secret),
    messageId: `<${randomUUID()}@portal.invalid>`,
    subjectType: message.subjectType,
    subjectId: message.subjectId,
  };
}

/**
 * Claims up to `limit` messages that are due, for this worker alone, for `leaseSeconds`. One
 * statement: rows another worker is claiming at the same moment are skipped (SKIP LOCKED), and
 * a claim already held is left alone until its lease runs out. Each claim counts as an attempt.
 */
export async function claimDueMessages(
  limit: number,
  leaseSeconds: number,
): Promise<OutboxMessage[]> {
  const due = db()
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        isNull(outbox.sentAt),
        isNull(outbox.failedAt),
        lte(outbox.nextAttemptAt, sql`now()`),
        or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db()
    .update(outbox)
    .set({
      claimedUntil: sql`now() + ${Math.ceil(leaseSeconds)}::integer * interval '1 second'`,
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(inArray(outbox.id, due))
    .returning();
  return claimed.sort((a, b) => a.id - b.id);
}

/** Sent: the sealed secret is no longer needed, so it is dropped at once. */
export async function markSent(id: number): Promise<void> {
  await db()
    .update(outbox)
    .set({ sentAt: sql`now()`, claimedUntil: null, lastError: null, sealedSecret: null })
    .where(eq(outbox.id, id));
}

/**
 * Records a failed attempt (`attempts` counts it): tries again after the back-off, or gives up
 * after MAX_ATTEMPTS. The error is kept short, and without anything that looks like a password.
 */
export async function markFailedAttempt(
  id: number,
  error: unknown,
  attempts: number,
): Promise<void> {
  const lastError = describeError(error);
  const givenUp = attempts >= MAX_ATTEMPTS;
  await db()
    .update(outbox)
    .set(
      givenUp
        ? { failedAt: sql`now()`, claimedUntil: null, lastError, sealedSecret: null }
        : {
            nextAttemptAt: sql`now() + ${retryDelaySeconds(attempts)}::integer * interval '1 second'`,
            claimedUntil: null,
            lastError,
          },
    )
    .where(eq(outbox.id, id));
}

/**
 * The words that leave in the email: the body with its secret unsealed into place. Only the
 * worker calls this, at the moment of sending; nothing unsealed is ever written back.
 */
export function deliverableBody(message: Pick<OutboxMessage, "bodyText" | "sealedSecret">): string {
  if (message.bodyText === null) throw new Error("The message's words have been removed");
  if (message.sealedSecret === null) return message.bodyText;
  return message.bodyText.split(SECRET_PLACE).join(unseal(message.sealedSecret));
}

/** Hands back claimed messages that were not tried, without counting an attempt. */
async function releaseClaims(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db()
    .update(outbox)
    .set({
      claimedUntil: null,
      attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
    })
    .where(and(inArray(outbox.id, ids), isNull(outbox.sentAt)));
}

/** A short, single-line description of a failure, with credentials in URLs masked. */
export function describeError(error: unknown): string {
  const raw =
    error instanceof Error
      ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`
      : String(error);
  const text = raw
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1***@")
    .replace(/\s+/g, " ")
    .trim();
  return (text || "Unknown error").slice(0, ERROR_TEXT_LIMIT);
}

export type DeliveryOptions = {
  /** The sender written on each message (the worker passes MAIL_FROM); default DEFAULT_MAIL_FROM. */
  from?: string;
  /** Most messages claimed at once. */
  batchSize?: number;
  /** How long a claim holds; a batch that runs longer hands back what it has not tried. */
  leaseSeconds?: number;
};

export type DeliveryResult = { claimed: number; sent: number; failed: number; released: number };

/**
 * Claims one batch of due messages and sends them one by one, recording each result before the
 * next send. Claims are exclusive, so two workers never send the same message. If the process
 * dies between a send and its record, the message is sent again after the lease: its stable
 * Message-ID lets the receiving side recognise the repeat.
 */
export async function deliverDueMessages(
  transport: MailTransport,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const from = options.from ?? DEFAULT_MAIL_FROM;
  const batchSize = options.batchSize ?? 10;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const claimed = await claimDueMessages(batchSize, leaseSeconds);
  // Stop well before the lease runs out, so no other worker can claim what is still being sent.
  const stopAt = Date.now() + leaseSeconds * 1000 * 0.5;
  const result: DeliveryResult = { claimed: claimed.length, sent: 0, failed: 0, released: 0 };
  for (const [index, message] of claimed.entries()) {
    if (Date.now() > stopAt) {
      const rest = claimed.slice(index).map((m) => m.id);
      await releaseClaims(rest);
      result.released = rest.length;
      break;
    }
    try {
      await transport.send({
        from,
        to: message.recipient,
        subject: message.subject,
        text: deliverableBody(message),
        messageId: message.messageId,
      });
    } catch (error) {
      await markFailedAttempt(message.id, error, message.attempts);
      result.failed++;
      continue;
    }
    await markSent(message.id);
    result.sent++;
  }
  return result;
}

export type MailboxStatus = "waiting" | "sent" | "failed";

export type MailboxEntry = {
  id: number;
  template: string;
  recipient: string;
  subject: string;
  /** Null once removed under the council's retention schedule; a secret shows as SECRET_MASK. */
  bodyText: string | null;
  createdAt: Date;
  status: MailboxStatus;
  attempts: number;
  sentAt: Date | null;
  failedAt: Date | null;
  nextAttemptAt: Date;
  lastError: string | null;
};

/** A council's outgoing email, newest first, for administrators. */
export async function listMailbox(organisationId: string, limit = 50): Promise<MailboxEntry[]> {
  const rows = await db()
    .select({
      id: outbox.id,
      template: outbox.template,
      recipient: outbox.recipient,
      subject: outbox.subject,
      bodyText: outbox.bodyText,
      createdAt: outbox.createdAt,
      attempts: outbox.attempts,
      sentAt: outbox.sentAt,
      failedAt: outbox.failedAt,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(eq(outbox.organisationId, organisationId))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
  return rows.map((row) => ({
    ...row,
    // The mailbox never unseals: the code or secret is shown as a mask.
    bodyText: row.bodyText === null ? null : row.bodyText.split(SECRET_PLACE).join(SECRET_MASK),
    status: row.sentAt ? "sent" : row.failedAt ? "failed" : "waiting",
  }));
}
