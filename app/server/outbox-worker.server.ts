import { deliverDueMessages, onEmailQueued, type DeliveryOptions } from "#app/models/outbox.server";
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

  // Woken whenever email is queued in this process (the models say so after each commit).
  const stopListening = onEmailQueued(() => worker.wake());
  const worker: OutboxWorker = {
    wake() {
      if (stopped) return;
      if (inFlight) wokenDuringRun = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      stopListening();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
  schedule(0);
  return worker;
}
