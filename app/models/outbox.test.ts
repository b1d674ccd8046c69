import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { organisationForHost } from "#app/models/organisation.server";
import type { MailMessage, MailTransport } from "#app/server/mail.server";
import { startOutboxWorker } from "#app/server/outbox-worker.server";
import {
  claimDueMessages,
  deliverDueMessages,
  emailQueued,
  enqueueEmail,
  listMailbox,
  MAX_ATTEMPTS,
  retryDelaySeconds,
} from "./outbox.server";

const outbox = schema.outboxMessage;

async function westmoorId(): Promise<string> {
  return (await organisationForHost("localhost"))!.id;
}

async function email(overrides: Partial<Parameters<typeof enqueueEmail>[1]> = {}) {
  return {
    organisationId: await westmoorId(),
    template: "test.message",
    recipient: "iro@westmoor.example",
    subject: "A booklet has arrived",
    bodyText: "Hello,\n\nA child has sent you their booklet.\n",
    ...overrides,
  };
}

const rows = () => db().select().from(outbox).orderBy(outbox.id);

/** Makes every waiting message due now, instead of waiting for its back-off. */
const makeDue = () =>
  db()
    .update(outbox)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` });

/** Seconds from now until the message's next attempt, as the database sees it. */
async function secondsUntilNextAttempt(id: number): Promise<number> {
  const [row] = await db()
    .select({ delay: sql<string>`extract(epoch from (${outbox.nextAttemptAt} - now()))` })
    .from(outbox)
    .where(eq(outbox.id, id));
  return Number(row!.delay);
}

/** A transport that records what it was given and fails as told. */
function fakeTransport(failures: (call: number) => Error | undefined = () => undefined) {
  const sent: MailMessage[] = [];
  let calls = 0;
  const transport: MailTransport = {
    async send(message) {
      calls++;
      // Let other work interleave, as a real network call would.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const failure = failures(calls);
      if (failure) throw failure;
      sent.push(message);
    },
  };
  return { transport, sent, calls: () => calls };
}

beforeEach(async () => {
  await db().delete(outbox);
});

describe("queueing email", () => {
  test("an email queued in a transaction that rolls back does not exist", async () => {
    const message = await email();
    await expect(
      db().transaction(async (tx) => {
        await enqueueEmail(tx, message);
        throw new Error("what caused the email failed");
      }),
    ).rejects.toThrow("what caused the email failed");
    expect(await rows()).toHaveLength(0);
  });

  test("an email queued in a committed transaction exists once, waiting, with a stable id", async () => {
    const message = await email({ subjectType: "submission", subjectId: "abc" });
    await db().transaction(async (tx) => {
      await enqueueEmail(tx, message);
    });
    const [row, ...others] = await rows();
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      recipient: "iro@westmoor.example",
      subject: message.subject,
      bodyText: message.bodyText,
      template: "test.message",
      subjectType: "submission",
      subjectId: "abc",
      attempts: 0,
      sentAt: null,
      failedAt: null,
    });
    expect(row!.messageId).toMatch(/^<[0-9a-f-]{36}@portal\.invalid>$/);
    const [listed] = await listMailbox(message.organisationId);
    expect(listed).toMatchObject({ id: row!.id, status: "waiting", attempts: 0, lastError: null });
  });

  test("an email with no recipient is skipped", async () => {
    await enqueueEmail(db(), await email({ recipient: "" }));
    await enqueueEmail(db(), await email({ recipient: "   " }));
    expect(await rows()).toHaveLength(0);
  });

  test("the mailbox lists one council's email only, newest first", async () => {
    const westmoor = await westmoorId();
    const aberhaven = (await organisationForHost("aberhaven.localhost"))!.id;
    await enqueueEmail(db(), await email({ subject: "first" }));
    await enqueueEmail(db(), await email({ subject: "second" }));
    await enqueueEmail(db(), await email({ organisationId: aberhaven, subject: "elsewhere" }));
    expect((await listMailbox(westmoor)).map((m) => m.subject)).toEqual(["second", "first"]);
    expect((await listMailbox(westmoor, 1)).map((m) => m.subject)).toEqual(["second"]);
    expect((await listMailbox(aberhaven)).map((m) => m.subject)).toEqual(["elsewhere"]);
  });
});

describe("delivering email", () => {
  test("two workers at once deliver each of 20 messages exactly once", async () => {
    for (let i = 0; i < 20; i++) {
      await enqueueEmail(db(), await email({ subject: `message ${i}` }));
    }
    const { transport, sent } = fakeTransport();
    const drain = async () => {
      let delivered = 0;
      for (;;) {
        const result = await deliverDueMessages(transport, { batchSize: 3 });
        delivered += result.sent;
        if (result.claimed === 0) return delivered;
      }
    };
    const [first, second] = await Promise.all([drain(), drain()]);
    expect(first + second).toBe(20);
    const counts = new Map<string, number>();
    for (const message of sent)
      counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1);
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    const stored = await rows();
    expect(stored.every((row) => row.sentAt !== null && row.attempts === 1)).toBe(true);
    expect(new Set(sent.map((m) => m.messageId))).toEqual(new Set(stored.map((r) => r.messageId)));
  });

  test("claims are exclusive, and a claim whose lease ran out can be taken again", async () => {
    for (let i = 0; i < 6; i++) await enqueueEmail(db(), await email());
    const [a, b] = await Promise.all([claimDueMessages(6, 60), claimDueMessages(6, 60)]);
    const ids = [...a, ...b].map((m) => m.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toHaveLength(6);
    expect(await claimDueMessages(6, 60)).toHaveLength(0);
    // The worker holding them died: after the lease, another takes them, counting the attempt.
    await db()
      .update(outbox)
      .set({ claimedUntil: sql`now() - interval '1 second'` });
    const again = await claimDueMessages(6, 60);
    expect(again).toHaveLength(6);
    expect(again.every((m) => m.attempts === 2)).toBe(true);
  });

  test("a message the transport refuses twice is delivered on the third attempt, backing off", async () => {
    await enqueueEmail(db(), await email());
    const { transport, sent } = fakeTransport((call) =>
      call <= 2 ? new Error(`421 try again later (call ${call})`) : undefined,
    );

    expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    let [row] = await rows();
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null, claimedUntil: null });
    expect(row!.lastError).toContain("421 try again later (call 1)");
    const firstDelay = await secondsUntilNextAttempt(row!.id);
    expect(firstDelay).toBeGreaterThan(25);
    expect(firstDelay).toBeLessThanOrEqual(30);
    // Not due yet: nothing is claimed.
    expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 0 });

    await makeDue();
    expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 1, failed: 1 });
    [row] = await rows();
    expect(row!.attempts).toBe(2);
    const secondDelay = await secondsUntilNextAttempt(row!.id);
    expect(secondDelay).toBeGreaterThan(55);
    expect(secondDelay).toBeLessThanOrEqual(60);
    expect(secondDelay).toBeGreaterThan(firstDelay);

    await makeDue();
    expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 1, sent: 1 });
    [row] = await rows();
    expect(row).toMatchObject({ attempts: 3, failedAt: null, lastError: null });
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(sent).toHaveLength(1);
    expect((await listMailbox(row!.organisationId))[0]?.status).toBe("sent");
  });

  test("the back-off doubles from 30 seconds up to an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelaySeconds)).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
  });

  test(`after ${MAX_ATTEMPTS} failures a message is given up on and never tried again`, async () => {
    await enqueueEmail(db(), await email());
    const secret = "smtp://mailer:hunter2-secret@mail.example:587";
    const { transport, calls } = fakeTransport(
      () => new Error(`cannot reach ${secret}: ${"connection refused ".repeat(60)}`),
    );
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 1, failed: 1 });
      const [row] = await rows();
      expect(row!.attempts).toBe(attempt);
      expect(row!.failedAt === null).toBe(attempt < MAX_ATTEMPTS);
      await makeDue();
    }
    const [row] = await rows();
    expect(row!.failedAt).toBeInstanceOf(Date);
    expect(row!.sentAt).toBeNull();
    expect(row!.lastError!.length).toBeLessThanOrEqual(500);
    expect(row!.lastError).not.toContain("hunter2");
    expect(row!.lastError).toContain("smtp://***@mail.example");

    expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 0 });
    expect(calls()).toBe(MAX_ATTEMPTS);
    expect((await listMailbox(row!.organisationId))[0]).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
    });
  });
});

describe("the outbox worker", () => {
  test("delivers when woken, never runs twice at once, and stop() waits for the batch in flight", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let active = 0;
    let mostAtOnce = 0;
    const sent: string[] = [];
    const transport: MailTransport = {
      async send(message) {
        active++;
        mostAtOnce = Math.max(mostAtOnce, active);
        await gate;
        sent.push(message.subject);
        active--;
      },
    };
    // A long interval: only the first run and wake() make it deliver during the test.
    const worker = startOutboxWorker({ transport, intervalMs: 60_000 });
    try {
      await enqueueEmail(db(), await email({ subject: "woken" }));
      emailQueued();
      const deadline = Date.now() + 10_000;
      while (active === 0) {
        if (Date.now() > deadline) throw new Error("the worker did not start sending");
        await new Promise((resolve) => setTimeout(resolve, 10));
        emailQueued();
      }
      let stopped = false;
      const stopping = worker.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(sent).toEqual(["woken"]);
      expect(mostAtOnce).toBe(1);
      const [row] = await rows();
      expect(row!.sentAt).toBeInstanceOf(Date);
      // Stopped: waking it does nothing.
      await enqueueEmail(db(), await email({ subject: "after stop" }));
      emailQueued();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sent).toEqual(["woken"]);
    } finally {
      release();
      await worker.stop();
    }
  });
});
