// Email leaves through a real SMTP conversation: with a receiver in this process, the outbox is
// delivered in-process, by a spawned web process's own worker, and by the standalone worker
// process; administrators see the mailbox, other staff are refused.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db, openDatabase, schema, setDatabase } from "#db/client";
import { DEMO_PASSWORD } from "#db/seed";
import { seedDemo } from "#app/models/demo.server";
import { organisationForHost } from "#app/models/organisation.server";
import { deliverDueMessages, enqueueEmail, type EmailToSend } from "#app/models/outbox.server";
import { smtpTransport } from "#app/server/mail.server";
import { createServerDatabase, dropServerDatabase, serverUrl } from "#test/support/databases";
import { ensureBuilt, spawnServer, TEST_SECRET_KEY, Visitor } from "#test/support/server";
import { startSmtpReceiver } from "#test/support/smtp-receiver";

const inbox = JSON.parse(fs.readFileSync("locales/en/inbox.json", "utf8")) as {
  mailbox: {
    title: string;
    status: Record<"waiting" | "sent" | "failed", string>;
    delivery: Record<"inProcess" | "worker" | "off", string>;
  };
};

/** The shared test SMTP server; "refused@…" recipients get a 550. */
const startReceiver = async () => {
  const receiver = await startSmtpReceiver({ refuse: (address) => address.startsWith("refused@") });
  return { url: receiver.url, received: receiver.messages, close: receiver.stop };
};

/** Waits until `check` holds, polling; fails with `what` at the deadline. */
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const message = (organisationId: string, subject: string): EmailToSend => ({
  organisationId,
  template: "test.delivery",
  recipient: "manager@westmoor.example",
  subject,
  bodyText: `Line one of "${subject}".\nLine two.\n`,
});

/**
 * A database for a spawned process: a temporary embedded one (migrated and seeded here first),
 * or a copy on the PostgreSQL server. Messages are queued from this process, while no other
 * process has the embedded database open.
 */
type ServerDatabase = {
  /** What a spawned process needs to open it. */
  env: Record<string, string>;
  config: Parameters<typeof openDatabase>[0];
  dataDir?: string;
  dispose: () => Promise<void>;
};

async function serverDatabase(): Promise<ServerDatabase> {
  if (serverUrl) {
    const { name, url } = await createServerDatabase();
    return {
      env: { DATABASE_URL: url },
      config: { kind: "postgres", url, maxConnections: 1 },
      dispose: () => dropServerDatabase(name),
    };
  }
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-mail-")), "db");
  const prepared = await openDatabase({ kind: "pglite", dataDir });
  const own = db();
  try {
    await prepared.migrate();
    setDatabase(prepared.db);
    await seedDemo();
  } finally {
    setDatabase(own);
    await prepared.close();
  }
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: "" },
    config: { kind: "pglite", dataDir },
    dataDir,
    dispose: async () => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }),
  };
}

/** Queues one message in a spawned process's database; returns its Message-ID. */
async function queueIn(database: ServerDatabase, subject: string): Promise<string> {
  const open = await openDatabase(database.config);
  try {
    const store = open.db;
    const [westmoor] = await store
      .select({ id: schema.organisation.id })
      .from(schema.organisation)
      .where(eq(schema.organisation.slug, "westmoor"));
    await enqueueEmail(store, message(westmoor!.id, subject));
    const [row] = await store
      .select({ messageId: schema.outboxMessage.messageId })
      .from(schema.outboxMessage)
      .where(eq(schema.outboxMessage.subject, subject));
    return row!.messageId;
  } finally {
    await open.close();
  }
}

/** The audit actions recorded in a spawned process's database (read once it has stopped). */
async function auditActionsIn(database: ServerDatabase): Promise<string[]> {
  const open = await openDatabase(database.config);
  try {
    const rows = await open.db.select({ action: schema.auditEvent.action }).from(schema.auditEvent);
    return rows.map((row) => row.action);
  } finally {
    await open.close();
  }
}

/** Runs `node scripts/outbox-worker.js`; resolves with its handle once it says it is ready. */
function spawnWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ["scripts/outbox-worker.js"], {
    env: { ...process.env, NODE_ENV: "production", SECRET_KEY: TEST_SECRET_KEY, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    ready: () => until(() => output.includes("Outbox worker ready"), `the worker:\n${output}`),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

async function mailboxAs(origin: string, email: string) {
  const visitor = new Visitor(origin);
  await visitor.signIn(email, DEMO_PASSWORD);
  return visitor.request("/staff/mailbox");
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
});

beforeEach(() => {
  receiver.received.length = 0;
});

describe("email delivery over SMTP", () => {
  test("deliverDueMessages sends a queued message once, with its To, Subject and Message-ID", async () => {
    const westmoor = (await organisationForHost("localhost"))!;
    const subject = "Delivered in-process";
    await enqueueEmail(db(), message(westmoor.id, subject));
    const [row] = await db()
      .select()
      .from(schema.outboxMessage)
      .where(eq(schema.outboxMessage.subject, subject));
    const transport = smtpTransport(receiver.url, "Have your say <no-reply@westmoor.example>");

    const from = "Westmoor: have your say <no-reply@westmoor.example>";
    expect(await deliverDueMessages(transport, { from })).toMatchObject({
      claimed: 1,
      sent: 1,
      failed: 0,
    });
    expect(receiver.received).toHaveLength(1);
    const [mail] = receiver.received;
    expect(mail!.to).toEqual(["manager@westmoor.example"]);
    expect(mail!.headers["to"]).toBe("manager@westmoor.example");
    expect(mail!.headers["subject"]).toBe(subject);
    expect(mail!.headers["message-id"]).toBe(row!.messageId);
    expect(mail!.headers["from"]).toContain("no-reply@westmoor.example");
    expect(mail!.text).toContain(`Line one of "${subject}".`);

    // Nothing is due any more: a second run sends nothing.
    expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 0, sent: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  test("a message the SMTP server refuses is recorded as a failed attempt, to be retried", async () => {
    const westmoor = (await organisationForHost("localhost"))!;
    await enqueueEmail(db(), {
      ...message(westmoor.id, "Refused"),
      recipient: "refused@westmoor.example",
    });
    const transport = smtpTransport(receiver.url, "Have your say <no-reply@westmoor.example>");
    expect(await deliverDueMessages(transport)).toMatchObject({ claimed: 1, failed: 1 });
    const [row] = await db()
      .select()
      .from(schema.outboxMessage)
      .where(eq(schema.outboxMessage.subject, "Refused"));
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect(row!.lastError).toContain("550");
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(receiver.received).toHaveLength(0);
  });

  test("the web process delivers its outbox when SMTP_URL is set; only administrators see the mailbox", async () => {
    ensureBuilt();
    const database = await serverDatabase();
    try {
      const messageId = await queueIn(database, "Sent by the web process");
      const server = await spawnServer({
        ...database.env,
        SMTP_URL: receiver.url,
        OUTBOX_INTERVAL_MS: "100",
        MAIL_FROM: "Westmoor <no-reply@westmoor.example>",
      });
      try {
        await until(() => receiver.received.length > 0, "the web process to send");
        const [mail] = receiver.received;
        expect(mail!.headers["to"]).toBe("manager@westmoor.example");
        expect(mail!.headers["subject"]).toBe("Sent by the web process");
        expect(mail!.headers["message-id"]).toBe(messageId);
        expect(mail!.headers["from"]).toBe("Westmoor <no-reply@westmoor.example>");

        const admin = await mailboxAs(server.origin, "admin@westmoor.example");
        expect(admin.status).toBe(200);
        const html = await admin.text();
        expect(html).toContain(inbox.mailbox.title);
        expect(html).toContain("Sent by the web process");
        expect(html).toContain(inbox.mailbox.status.sent);
        expect(html).toContain(inbox.mailbox.delivery.inProcess);
        expect(html).toMatch(/<caption[^>]*>/);
        expect(html).toContain('<th scope="col">');

        const iro = await mailboxAs(server.origin, "iro@westmoor.example");
        expect(iro.status).toBe(403);

        // Several more ticks: still sent exactly once.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(receiver.received).toHaveLength(1);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      const actions = await auditActionsIn(database);
      expect(actions.filter((action) => action === "mailbox.viewed")).toHaveLength(1);
      expect(actions).toContain("access.refused");
    } finally {
      await database.dispose();
    }
  }, 120_000);

  test("with OUTBOX_WORKER=off the web process only queues; the standalone worker delivers and stops cleanly", async () => {
    ensureBuilt();
    const unconfigured = spawnWorker({ SMTP_URL: "", DATA_DIR: "/nonexistent/never-opened" });
    expect(await unconfigured.exited).toBe(1);
    expect(unconfigured.output()).toContain("SMTP_URL");

    const database = await serverDatabase();
    try {
      const messageId = await queueIn(database, "Sent by the worker process");
      const server = await spawnServer({
        ...database.env,
        SMTP_URL: receiver.url,
        OUTBOX_INTERVAL_MS: "100",
        OUTBOX_WORKER: "off",
      });
      try {
        const admin = await mailboxAs(server.origin, "admin@westmoor.example");
        expect(admin.status).toBe(200);
        const html = await admin.text();
        expect(html).toContain("Sent by the worker process");
        expect(html).toContain(inbox.mailbox.status.waiting);
        expect(html).toContain(inbox.mailbox.delivery.worker);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(receiver.received).toHaveLength(0);
      } finally {
        // The embedded database allows one process at a time: the worker opens it next.
        expect(await server.stop()).toBe(0);
      }

      const worker = spawnWorker({
        ...database.env,
        SMTP_URL: receiver.url,
        OUTBOX_INTERVAL_MS: "100",
      });
      try {
        await worker.ready();
        await until(() => receiver.received.length > 0, `the worker to send:\n${worker.output()}`);
        expect(receiver.received).toHaveLength(1);
        expect(receiver.received[0]!.headers["message-id"]).toBe(messageId);
        expect(receiver.received[0]!.headers["subject"]).toBe("Sent by the worker process");
      } finally {
        expect(await worker.stop()).toBe(0);
      }
      expect(worker.output()).toContain("SIGTERM received");
      if (database.dataDir) expect(fs.existsSync(`${database.dataDir}.lock`)).toBe(false);
    } finally {
      await database.dispose();
    }
  }, 120_000);
});
