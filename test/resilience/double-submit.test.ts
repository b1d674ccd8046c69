// Pressing Send several times at once: every press is answered with the confirmation, and the
// database holds one submission for the draft, with one audit entry and one set of emails.
import { randomInt } from "node:crypto";
import { expect, test } from "vitest";
import {
  acknowledged,
  databaseKind,
  FULL,
  holdings,
  Portal,
  prepareDrafts,
  referenceOn,
  seconds,
  send,
  SENT_PATH,
  submissionOf,
  TEST_TIMEOUT,
} from "./harness";

const TRIALS = FULL ? 100 : 15;

test(
  `double submit: ${TRIALS} drafts, each sent 2–5 times at once`,
  async () => {
    const began = Date.now();
    const portal = await Portal.create();
    try {
      await portal.start();
      // Every fifth comes with an IRO's invitation, so both routings are exercised.
      const drafts = await prepareDrafts(portal, TRIALS, { invitedEvery: 5 });

      let requests = 0;
      const problems: string[] = [];
      const shown = new Map<number, string>();
      for (const draft of drafts) {
        const presses = 2 + randomInt(4);
        requests += presses;
        // Each press from its own copy of the cookies, as from tabs of one browser.
        const tabs = Array.from({ length: presses }, () => draft.browser.clone());
        const replies = await Promise.all(tabs.map((tab) => send(tab)));
        const refused = replies.filter((reply) => !acknowledged(reply));
        for (const reply of refused) {
          problems.push(
            `draft ${draft.index}: Send answered ${reply.status} ${reply.location ?? ""} ` +
              reply.html.slice(0, 300),
          );
        }
        const pages = await Promise.all(tabs.map((tab) => tab.get(SENT_PATH)));
        const references = new Set(
          pages.map((page) => referenceOn(page.html) ?? `(${page.status})`),
        );
        if (references.size !== 1 || pages.some((page) => page.status !== 200)) {
          problems.push(
            `draft ${draft.index}: confirmation pages show ${[...references].join(", ")}`,
          );
        }
        shown.set(draft.index, [...references][0]!);
      }

      const held = await portal.inspect(holdings);
      let submissions = 0;
      let duplicates = 0;
      for (const draft of drafts) {
        const stored = held.drafts.get(draft.tokenHash);
        const submission = submissionOf(held, draft);
        if (!stored || !submission) {
          problems.push(`draft ${draft.index}: no submission in the database`);
          continue;
        }
        submissions += stored.submissions;
        duplicates += Math.max(0, stored.submissions - 1) + Math.max(0, submission.audits - 1);
        const whole = held.problemsOf(submission);
        if (whole.length > 0) problems.push(`draft ${draft.index}: ${whole.join("; ")}`);
        if (submission.reference !== shown.get(draft.index)) {
          problems.push(
            `draft ${draft.index}: the page showed ${shown.get(draft.index)}, ` +
              `the database holds ${submission.reference}`,
          );
        }
      }
      // One set of emails per submission, nothing else queued.
      const expectedEmails = [...held.submissions.values()].reduce(
        (n, s) => n + s.emails.length,
        0,
      );
      if (held.outboxRows !== expectedEmails) {
        problems.push(`${held.outboxRows} outbox rows for ${expectedEmails} expected emails`);
      }
      duplicates += held.submissions.size - submissions;

      console.log(
        `double submit (${databaseKind}): ${TRIALS} trials, ${requests} requests, ` +
          `${submissions} submissions, ${duplicates} duplicates, ${held.outboxRows} emails queued, ` +
          `${problems.length} problems, ${seconds(Date.now() - began)}`,
      );
      expect(problems, portal.output().slice(-3000)).toEqual([]);
      expect(submissions).toBe(TRIALS);
      expect(duplicates).toBe(0);
      expect(held.halfWritten).toEqual([]);
    } finally {
      await portal.dispose();
    }
  },
  TEST_TIMEOUT,
);
