import { deliverDueMessages, type DeliveryOptions } from "#app/models/outbox.server";
import type { MailTransport } from "./mail.server";

export type OutboxWorkerOptions = DeliveryOptions & {
  transport: MailTransport;
  /** Pause between runs when there was nothing more to send. */
  intervalMs: number;
};

export type OutboxWorker = {
  /** Stops the loop; resolves once the batch in flight (if any) has been recorded. */
  stop(): Promise<void>;
  /** Runs as soon as possible instead of at the next tick. */
  wake(): void;
};

// Kept on globalThis so that a rebuilt server bundle in development still reaches the worker
// started by the first one.
const holder = globalThis as typeof globalThis & { __portalOutboxWorkers?: Set<OutboxWorker> };
const running = (holder.__portalOutboxWorkers ??= new Set());

/**
 * Asks the outbox workers of this process to deliver now: call it after committing a
 * transaction that queued email. Does nothing when no worker runs here (no SMTP_URL, or a
 * separate worker process), where the message waits for the next tick of whichever worker runs.
 */
export function wakeOutboxWorker(): void {
  for (const worker of running) worker.wake();
}

/**
 * Delivers queued email in a loop: one run at a time (a timer is set only when a run ends, so
 * runs never overlap), straight on while full batches keep coming, then every `intervalMs`.
 * A failing run is logged and the loop carries on.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { transport, intervalMs, ...delivery } = options;
  const batchSize = delivery.batchSize ?? 10;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let wokenDuringRun = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  };

  async function run(): Promise<void> {
    try {
      while (!stopped) {
        const result = await deliverDueMessages(transport, { ...delivery, batchSize });
        if (result.claimed < batchSize) break;
      }
    } catch (error) {
      console.error("Outbox worker: this run failed; trying again at the next tick.", error);
    }
  }

  function tick() {
    timer = undefined;
    if (stopped || inFlight) return;
    wokenDuringRun = false;
    inFlight = run().finally(() => {
      inFlight = undefined;
      schedule(wokenDuringRun ? 0 : intervalMs);
    });
  }

  const worker: OutboxWorker = {
    wake() {
      if (stopped) return;
      if (inFlight) wokenDuringRun = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      running.delete(worker);
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
  running.add(worker);
  schedule(0);
  return worker;
}
