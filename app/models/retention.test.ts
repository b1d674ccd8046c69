// The retention purge on a real database: rows are made old by SQL, then what is past its time
// goes, what is not stays, a council's own days are respected, and each purge is audited.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { complaintSatisfaction } from "#app/forms/complaint-satisfaction";
import { findForm } from "#app/forms/registry";
import { startDraft } from "./draft.server";
import { enqueueEmail } from "./outbox.server";
import { organisationForHost, type Organisation } from "./organisation.server";
import { purgeExpiredRecords, type RetentionRun } from "./retention.server";
import { findStaffByEmail } from "./staff.server";

let westmoor: Organisation;
let aberhaven: Organisation;

/** Sets a timestamp or date column of one row to `days` days ago. */
async function ageRow(table: string, column: string, id: string | number, days: number) {
  await db().execute(
    sql.raw(`update ${table} set ${column} = now() - interval '${days} days' where id = '${id}'`),
  );
}

const exists = async (table: string, id: string | number) => {
  const rows = await db().execute<{ n: number }>(
    sql.raw(`select count(*)::int as n from ${table} where id = '${id}'`),
  );
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { n: number }[] }).rows;
  return list[0]!.n === 1;
};

async function email(organisation: Organisation, subject: string) {
  await enqueueEmail(db(), {
    organisationId: organisation.id,
    template: "test.retention",
    recipient: "someone@example.org",
    subject,
    bodyText: `The words of ${subject}`,
  });
  const [row] = await db()
    .select({ id: schema.outboxMessage.id })
    .from(schema.outboxMessage)
    .where(eq(schema.outboxMessage.subject, subject));
  return row!.id;
}

async function sentEmail(organisation: Organisation, subject: string, daysAgo: number) {
  const id = await email(organisation, subject);
  await ageRow("outbox_message", "sent_at", id, daysAgo);
  return id;
}

const bodyOf = async (id: number) =>
  (
    await db()
      .select({ body: schema.outboxMessage.bodyText })
      .from(schema.outboxMessage)
      .where(eq(schema.outboxMessage.id, id))
  )[0]?.body;

async function audit(organisation: Organisation, daysAgo: number) {
  const [row] = await db()
    .insert(schema.auditEvent)
    .values({ organisationId: organisation.id, action: "report.viewed" })
    .returning({ id: schema.auditEvent.id });
  await ageRow("audit_event", "at", row!.id, daysAgo);
  return row!.id;
}

async function submission(
  organisation: Organisation,
  daysAgo: number,
  invitationId?: string,
  form: { id: string; destination: string } = { id: "listen-to-me-5-11", destination: "iro" },
) {
  const [row] = await db()
    .insert(schema.submission)
    .values({
      organisationId: organisation.id,
      reference: `RET-${randomUUID().slice(0, 8)}`,
      formId: form.id,
      formVersion: 1,
      language: "en",
      answers: {},
      queue: form.destination,
      invitationId,
    })
    .returning({ id: schema.submission.id });
  await ageRow("submission", "submitted_at", row!.id, daysAgo);
  return row!.id;
}

async function closedCase(organisation: Organisation, closedDaysAgo: number | null, from?: string) {
  const [row] = await db()
    .insert(schema.representation)
    .values({
      organisationId: organisation.id,
      reference: `RET-${randomUUID().slice(0, 8)}`,
      source: "logged",
      submissionId: from,
      receivedOn: "2015-01-05",
      kind: "complaint",
      madeBy: "other",
      contactMethod: "letter",
    })
    .returning({ id: schema.representation.id });
  if (closedDaysAgo !== null) await ageRow("representation", "closed_on", row!.id, closedDaysAgo);
  return row!.id;
}

async function invitation(organisation: Organisation, stoppedDaysAgo: number) {
  const iro = await findStaffByEmail(organisation.id, `iro@${organisation.slug}.example`);
  const [row] = await db()
    .insert(schema.invitation)
    .values({
      organisationId: organisation.id,
      invitedBy: iro!.id,
      childName: "Sam",
      formId: "listen-to-me-5-11",
      language: "en",
      eventDate: "2020-01-01",
      linkTokenHash: randomUUID(),
      codeHash: randomUUID(),
      expiresAt: new Date(),
    })
    .returning({ id: schema.invitation.id });
  await ageRow("invitation", "expires_at", row!.id, stoppedDaysAgo);
  return row!.id;
}

beforeAll(async () => {
  westmoor = (await organisationForHost("localhost"))!;
  aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  // Aberhaven keeps email bodies for 5 days and its audit trail for 3 years.
  await db()
    .update(schema.organisation)
    .set({ retention: { emailBodies: 5, auditEntries: 3 * 365 } })
    .where(eq(schema.organisation.id, aberhaven.id));
});

describe("purging what is past its time", () => {
  test("goes, stays, follows each council's days, and is audited once per council and kind", async () => {
    const mail = {
      oldBody: await sentEmail(westmoor, "sent 31 days ago", 31),
      recentBody: await sentEmail(westmoor, "sent 10 days ago", 10),
      oldRow: await sentEmail(westmoor, "sent 400 days ago", 400),
      waiting: await email(westmoor, "never sent"),
      aberhavenRecent: await sentEmail(aberhaven, "Aberhaven, sent 10 days ago", 10),
    };
    await ageRow("outbox_message", "created_at", mail.waiting, 500);

    const trail = {
      sevenYears: await audit(westmoor, 7 * 365),
      fiveYears: await audit(westmoor, 5 * 365),
      aberhavenFourYears: await audit(aberhaven, 4 * 365),
    };

    const form = findForm("listen-to-me-5-11")!;
    const staleDraft = await startDraft({ organisationId: westmoor.id, form, language: "en" });
    const liveDraft = await startDraft({ organisationId: westmoor.id, form, language: "en" });
    // Past its own end (DRAFT_DAYS after its last change).
    await ageRow("draft", "expires_at", staleDraft.draft.id, 1);

    const invitations = {
      unused: await invitation(westmoor, 400),
      withBooklet: await invitation(westmoor, 400),
      recent: await invitation(westmoor, 30),
    };
    const forms = {
      threeYears: await submission(westmoor, 3 * 365),
      oneYear: await submission(westmoor, 365),
      ofOpenCase: await submission(westmoor, 3 * 365),
      // Sent recently, so only its case going can take it (not the forms' own 2 years).
      ofOldCase: await submission(westmoor, 30),
      fromInvitation: await submission(westmoor, 30, invitations.withBooklet),
    };
    const cases = {
      closedSevenYears: await closedCase(westmoor, 7 * 365, forms.ofOldCase),
      closedFiveYears: await closedCase(westmoor, 5 * 365),
      open: await closedCase(westmoor, null, forms.ofOpenCase),
    };
    const [oldStage] = await db()
      .insert(schema.representationStage)
      .values({
        organisationId: westmoor.id,
        representationId: cases.closedSevenYears,
        stage: 1,
        startedOn: "2015-01-05",
        dueOn: "2015-01-19",
      })
      .returning({ id: schema.representationStage.id });
    // Anonymous "How did we do?" answers: 2 years after they were sent.
    const oldAnswers = await submission(westmoor, 3 * 365, undefined, complaintSatisfaction);
    const newAnswers = await submission(westmoor, 365, undefined, complaintSatisfaction);

    const chair = await findStaffByEmail(westmoor.id, "chair@westmoor.example");
    const [oldSession] = await db()
      .insert(schema.staffSession)
      .values({
        organisationId: westmoor.id,
        staffUserId: chair!.id,
        tokenHash: randomUUID(),
        expiresAt: new Date(),
      })
      .returning({ id: schema.staffSession.id });
    await ageRow("staff_session", "expires_at", oldSession!.id, 40);

    const run = await purgeExpiredRecords();

    // Email: the body goes after 30 days (5 at Aberhaven), the row after a year; waiting stays.
    expect(await bodyOf(mail.oldBody)).toBeNull();
    expect(await bodyOf(mail.recentBody)).toBe("The words of sent 10 days ago");
    expect(await exists("outbox_message", mail.oldRow)).toBe(false);
    expect(await bodyOf(mail.waiting)).toBe("The words of never sent");
    expect(await bodyOf(mail.aberhavenRecent)).toBeNull();

    // Audit: 6 years at Westmoor, 3 at Aberhaven.
    expect(await exists("audit_event", trail.sevenYears)).toBe(false);
    expect(await exists("audit_event", trail.fiveYears)).toBe(true);
    expect(await exists("audit_event", trail.aberhavenFourYears)).toBe(false);

    expect(await exists("draft", staleDraft.draft.id)).toBe(false);
    expect(await exists("draft", liveDraft.draft.id)).toBe(true);

    // Forms: 2 years, unless a case that is kept came from them.
    expect(await exists("submission", forms.threeYears)).toBe(false);
    expect(await exists("submission", forms.oneYear)).toBe(true);
    expect(await exists("submission", forms.ofOpenCase)).toBe(true);
    expect(await exists("submission", forms.fromInvitation)).toBe(true);

    // Cases: 6 years after closing, with their stages and the form they came from.
    expect(await exists("representation", cases.closedSevenYears)).toBe(false);
    expect(await exists("representation_stage", oldStage!.id)).toBe(false);
    expect(await exists("submission", forms.ofOldCase)).toBe(false);
    expect(await exists("representation", cases.closedFiveYears)).toBe(true);
    expect(await exists("representation", cases.open)).toBe(true);
    expect(await exists("submission", oldAnswers)).toBe(false);
    expect(await exists("submission", newAnswers)).toBe(true);

    // Invitations: a year after the link stops, unless a kept booklet came from it.
    expect(await exists("invitation", invitations.unused)).toBe(false);
    expect(await exists("invitation", invitations.withBooklet)).toBe(true);
    expect(await exists("invitation", invitations.recent)).toBe(true);

    expect(await exists("staff_session", oldSession!.id)).toBe(false);

    // One audit entry per council and kind purged, with the count the run reports.
    const entries = await db()
      .select({
        organisationId: schema.auditEvent.organisationId,
        detail: schema.auditEvent.detail,
      })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.action, "retention.purged"));
    const slugOf = (id: string) => (id === westmoor.id ? "westmoor" : "aberhaven");
    const audited: RetentionRun = {};
    for (const entry of entries) {
      const kind = entry.detail.kind as keyof RetentionRun[string];
      const council = (audited[slugOf(entry.organisationId)] ??= {});
      expect(council[kind], `one entry for ${kind}`).toBeUndefined();
      council[kind] = entry.detail.count as number;
    }
    expect(audited).toEqual({ westmoor: run.westmoor, aberhaven: run.aberhaven });
    for (const kind of [
      "emailBodies",
      "emailRecords",
      "auditEntries",
      "drafts",
      "formsSent",
      "closedCases",
      "satisfactionAnswers",
      "invitations",
      "staffSessions",
    ] as const) {
      expect(run.westmoor![kind], kind).toBeGreaterThanOrEqual(1);
    }
    expect(run.aberhaven).toMatchObject({ emailBodies: 1, auditEntries: 1 });
    const [bodies] = entries.filter(
      (e) => e.organisationId === aberhaven.id && e.detail.kind === "emailBodies",
    );
    expect(bodies!.detail).toEqual({ kind: "emailBodies", count: 1, days: 5 });

    // A second run finds nothing more and writes no more entries.
    expect(await purgeExpiredRecords()).toEqual({ westmoor: {}, aberhaven: {} });
    const after = await db()
      .select({ id: schema.auditEvent.id })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.action, "retention.purged"));
    expect(after).toHaveLength(entries.length);
  });

  test("an advocacy referral goes 6 years after it arrived, with the form it came from", async () => {
    // Sent recently, so only the referral going can take it (not the forms' own 2 years).
    const from = await submission(westmoor, 30);
    const [referral] = await db()
      .insert(schema.advocacyReferral)
      .values({
        organisationId: westmoor.id,
        reference: `ADV-${randomUUID().slice(0, 8)}`,
        submissionId: from,
        childName: "Sam",
        contactWay: "call my carer",
        issue: "school",
        language: "en",
        consent: true,
        contactDueOn: "2019-01-02",
      })
      .returning({ id: schema.advocacyReferral.id });
    await ageRow("advocacy_referral", "received_at", referral!.id, 6 * 365 + 1);
    const run = await purgeExpiredRecords();
    expect(run.westmoor).toMatchObject({ advocacyReferrals: 1 });
    expect(await exists("advocacy_referral", referral!.id)).toBe(false);
    expect(await exists("submission", from)).toBe(false);
  });
});
