// Jobs that keep promises over time: tell managers about booklets still unread close to a
// review, delete saved drafts (with everything typed in them) once they expire, and delete
// whatever else is past its time under each council's retention schedule. Safe to run in every
// instance at once: each alert is claimed in a transaction, and deleting is idempotent.
import { alertUnreadBeforeEvents } from "#app/models/inbox.server";
import { purgeExpiredLimits } from "#app/models/rate-limit.server";
import { purgeExpiredRecords, type RetentionRun } from "#app/models/retention.server";
import { env } from "#app/config.server";

export type HousekeepingRun = {
  alertsSent: number;
  /** Records purged under the retention schedule (expired drafts too), per council and kind. */
  purged: RetentionRun;
  limitCountersDeleted: number;
};

export async function runHousekeeping(now = new Date()): Promise<HousekeepingRun> {
  const alerts = await alertUnreadBeforeEvents({ now });
  const purged = await purgeExpiredRecords({ draftDays: env().DRAFT_DAYS });
  // Limit counters belong to no one council: they go as soon as their window ends.
  const limitCountersDeleted = await purgeExpiredLimits();
  return { alertsSent: alerts.emails, purged, limitCountersDeleted };
}

/** Runs the jobs now and then every `intervalMs`, never two runs at once, never crashing. */
export function startHousekeeping(intervalMs: number): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = runHousekeeping()
      .then(() => undefined)
      .catch((error: unknown) => console.error("housekeeping failed:", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
