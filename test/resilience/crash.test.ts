// kill -9 in the middle of a rush of "Send": every submission the server acknowledged is still
// there after a restart, whole (routing, emails, audit entry, draft marked sent); none is half
// written; and the visitors who got no answer can send again, once.
import { expect, test } from "vitest";
import {
  acknowledged,
  databaseKind,
  type Draft,
  FULL,
  holdings,
  NoAnswer,
  pool,
  Portal,
  prepareDrafts,
  referenceOn,
  seconds,
  send,
  SENT_PATH,
  submissionOf,
  TEST_TIMEOUT,
} from "./harness";

const DRAFTS = FULL ? 1000 : 150;
const CONCURRENCY = 20;

test(
  `crash: SIGKILL after about half of ${DRAFTS} sends were acknowledged`,
  async () => {
    const began = Date.now();
    const portal = await Portal.create();
    try {
      const firstStart = await portal.start();
      const preparing = Date.now();
      // Every fourth comes with an IRO's invitation: routed to that IRO, not the shared inbox.
      // Made through the app's models (on the embedded database while the server is stopped):
      // hundreds of drafts over HTTP would take most of the time this test has.
      const drafts = await prepareDrafts(portal, DRAFTS, { invitedEvery: 4, via: "models" });
      const prepared = Date.now();

      // Send them all, 20 at a time; kill -9 once half have been acknowledged.
      const acked = new Set<Draft>();
      const unanswered = new Set<Draft>();
      const notSent = new Set<Draft>();
      const wrong: string[] = [];
      let killed: Promise<void> | undefined;
      await pool(drafts, CONCURRENCY, async (draft) => {
        if (killed) {
          notSent.add(draft);
          return;
        }
        try {
          const reply = await send(draft.browser);
          if (acknowledged(reply)) acked.add(draft);
          else wrong.push(`draft ${draft.index}: ${reply.status} ${reply.location ?? ""}`);
        } catch (error) {
          if (!(error instanceof NoAnswer)) throw error;
          unanswered.add(draft);
        }
        if (!killed && acked.size >= DRAFTS / 2) killed = portal.kill();
      });
      await killed;
      expect(wrong, "before the kill every Send was acknowledged").toEqual([]);
      expect(portal.process.signalCode).toBe("SIGKILL");

      // Back up on the same database.
      const restart = await portal.start();

      // What each acknowledged visitor sees when they look again: their confirmation.
      const shownAfter = new Map<Draft, string | undefined>();
      await pool([...acked], CONCURRENCY, async (draft) => {
        const page = await draft.browser.get(SENT_PATH);
        shownAfter.set(draft, page.status === 200 ? referenceOn(page.html) : undefined);
      });

      const afterCrash = await portal.inspect(holdings);
      let present = 0;
      const lost: string[] = [];
      const incomplete: string[] = [];
      for (const draft of acked) {
        const submission = submissionOf(afterCrash, draft);
        if (!submission) {
          const stored = afterCrash.drafts.get(draft.tokenHash);
          lost.push(
            `draft ${draft.index}${draft.invited ? " (invited)" : ""}: ` +
              (stored
                ? `draft row present, marked ${stored.submission_id ?? "unsent"}`
                : "draft row gone"),
          );
          continue;
        }
        present++;
        const problems = afterCrash.problemsOf(submission);
        if (problems.length > 0) incomplete.push(`draft ${draft.index}: ${problems.join("; ")}`);
        if (shownAfter.get(draft) !== submission.reference) {
          incomplete.push(
            `draft ${draft.index}: the confirmation page shows ${shownAfter.get(draft)}, ` +
              `the database holds ${submission.reference}`,
          );
        }
      }
      const inFlightStored = [...unanswered].filter((d) => submissionOf(afterCrash, d)).length;
      const halfWritten = afterCrash.halfWritten;

      // The rest send again (those whose Send was stored without an answer see it already sent).
      const rest = drafts.filter((draft) => !acked.has(draft));
      const resent: string[] = [];
      await pool(rest, CONCURRENCY, async (draft) => {
        const reply = await send(draft.browser);
        if (!acknowledged(reply)) resent.push(`draft ${draft.index}: ${reply.status}`);
      });
      // A clean stop after all that, then the final look.
      const stopped = await portal.stop();
      const final = await portal.inspect(holdings);
      const notOne: string[] = [];
      for (const draft of drafts) {
        const stored = final.drafts.get(draft.tokenHash);
        const submission = submissionOf(final, draft);
        if (stored?.submissions !== 1 || !submission) {
          notOne.push(`draft ${draft.index}: ${stored?.submissions ?? "no draft,"} submissions`);
        } else if (final.problemsOf(submission).length > 0) {
          notOne.push(`draft ${draft.index}: ${final.problemsOf(submission).join("; ")}`);
        }
      }

      console.log(
        `crash (${databaseKind}): server up in ${seconds(firstStart)}, ${DRAFTS} drafts prepared in ` +
          `${seconds(prepared - preparing)}; ` +
          `SIGKILL after ${acked.size} acknowledged, ${unanswered.size} in flight without an answer ` +
          `(${inFlightStored} of them stored), ${notSent.size} not yet sent; restart ${seconds(restart)}; ` +
          `acknowledged ${acked.size} / present ${present} / lost ${lost.length} / ` +
          `half-written ${halfWritten.length}; re-posted ${rest.length}: ` +
          `${rest.length - resent.length} acknowledged, ${final.submissions.size} submissions ` +
          `for ${DRAFTS} drafts, ${notOne.length} drafts without exactly one whole submission; ` +
          `${seconds(Date.now() - began)}`,
      );
      expect(lost, "acknowledged but not in the database after the restart").toEqual([]);
      expect(incomplete, "acknowledged but not whole after the restart").toEqual([]);
      expect(halfWritten, "half-written after the crash").toEqual([]);
      expect(resent, "sending again after the restart").toEqual([]);
      expect(notOne).toEqual([]);
      expect(final.submissions.size).toBe(DRAFTS);
      expect(final.halfWritten).toEqual([]);
      expect(stopped, "the restarted server stops cleanly").toBe(0);
    } finally {
      await portal.dispose();
    }
  },
  TEST_TIMEOUT,
);
