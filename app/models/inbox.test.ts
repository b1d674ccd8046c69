import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { inboxDestination } from "#app/destinations/registry";
import {
  alertUnreadBeforeEvents,
  allocate as allocateIt,
  listAllocationTargets,
  listInbox as listAnyInbox,
  NotAllowedError,
  readInbox,
  openSubmission as openAny,
  type StaffActor,
} from "./inbox.server";
import {
  hasParticipation,
  InvalidParticipationError,
  recordParticipation as recordAny,
} from "./participation.server";
import { createInvitation } from "./invitation.server";
import { organisationForHost } from "./organisation.server";
import { findStaffByEmail, getStaffMember } from "./staff.server";

/** The IRO service's destination: every call below is about it. */
const iroService = inboxDestination("iro")!;
type WithoutDestination<F extends (input: never) => unknown> = Omit<
  Parameters<F>[0],
  "destination"
>;
const listInbox = (input: WithoutDestination<typeof listAnyInbox>) =>
  listAnyInbox({ ...input, destination: iroService });
const openSubmission = (input: WithoutDestination<typeof openAny>) =>
  openAny({ ...input, destination: iroService });
const recordParticipation = (input: WithoutDestination<typeof recordAny>) =>
  recordAny({ ...input, destination: iroService });
const allocateToIro = ({
  iroStaffUserId,
  ...input
}: Omit<WithoutDestination<typeof allocateIt>, "toStaffUserId"> & { iroStaffUserId: string }) =>
  allocateIt({ ...input, toStaffUserId: iroStaffUserId, destination: iroService });

async function councils() {
  const westmoor = (await organisationForHost("localhost"))!;
  const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  return { westmoor, aberhaven };
}

async function staff(email: string): Promise<StaffActor & { name: string; email: string }> {
  const { westmoor, aberhaven } = await councils();
  const organisationId = email.endsWith("@aberhaven.example") ? aberhaven.id : westmoor.id;
  const found = await findStaffByEmail(organisationId, email);
  const member = found && (await getStaffMember(organisationId, found.id));
  if (!member) throw new Error(`no ${email}`);
  return member;
}

let counter = 0;

async function booklet(values: Partial<typeof schema.submission.$inferInsert> = {}) {
  const { westmoor } = await councils();
  const [row] = await db()
    .insert(schema.submission)
    .values({
      organisationId: westmoor.id,
      reference: `TST-${process.pid}-${++counter}`,
      formId: "listen-to-me-11-18",
      formVersion: 1,
      language: "en",
      answers: { worries: "I would like to see my brother more" },
      queue: "iro",
      senderName: "Sam",
      ...values,
    })
    .returning();
  return row!;
}

async function auditRows(subjectId: string, action: string) {
  return db()
    .select()
    .from(schema.auditEvent)
    .where(and(eq(schema.auditEvent.subjectId, subjectId), eq(schema.auditEvent.action, action)));
}

async function outboxFor(subjectId: string) {
  return db()
    .select()
    .from(schema.outboxMessage)
    .where(eq(schema.outboxMessage.subjectId, subjectId));
}

describe("an inbox read a page at a time", () => {
  test("each page is that part of the whole inbox: urgent, then unread, then newest", async () => {
    const { westmoor } = await councils();
    const iro2 = await staff("iro2@westmoor.example");
    const day = (n: number) => new Date(Date.UTC(2026, 0, n, 9));
    for (const [n, urgent, read] of [
      [1, false, true],
      [2, true, true],
      [3, false, false],
      [4, true, false],
      [5, false, true],
      [6, false, false],
      [7, true, false],
    ] as const) {
      await booklet({
        recipientStaffUserId: iro2.id,
        submittedAt: day(n),
        urgent,
        firstReadAt: read ? day(n + 1) : null,
      });
    }
    const input = { organisationId: westmoor.id, staff: iro2, box: "mine" } as const;
    const whole = await listInbox(input);
    const rank = (row: (typeof whole)[number]) => (row.urgent ? 0 : 2) + (row.read ? 1 : 0);
    for (const [earlier, later] of whole.slice(1).map((row, i) => [whole[i]!, row] as const)) {
      expect(
        rank(earlier) < rank(later) ||
          (rank(earlier) === rank(later) && earlier.submittedAt >= later.submittedAt),
      ).toBe(true);
    }
    for (const offset of [0, 3, 6, whole.length]) {
      const page = await readInbox({ ...input, destination: iroService }, { limit: 3, offset });
      expect(page.total).toBe(whole.length);
      expect(page.rows.map((row) => row.id)).toEqual(
        whole.slice(offset, offset + 3).map((row) => row.id),
      );
    }
  });
});

describe("who may list and open a child's booklet", () => {
  test("the IRO it was sent to, and nobody else: not another IRO of the same council", async () => {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    const iro2 = await staff("iro2@westmoor.example");
    const row = await booklet({ recipientStaffUserId: iro.id });
    const scope = { organisationId: westmoor.id, submissionId: row.id, clientAddress: "10.30.0.1" };

    const mine = await listInbox({ organisationId: westmoor.id, staff: iro, box: "mine" });
    expect(mine.map((r) => r.id)).toContain(row.id);
    const theirs = await listInbox({ organisationId: westmoor.id, staff: iro2, box: "mine" });
    expect(theirs.map((r) => r.id)).not.toContain(row.id);

    expect(await openSubmission({ ...scope, staff: iro2 })).toBeNull();
    const opened = await openSubmission({ ...scope, staff: iro });
    expect(opened).toMatchObject({
      id: row.id,
      access: "recipient",
      answers: { worries: "I would like to see my brother more" },
    });
    // Only the successful view is recorded as a view.
    const views = await auditRows(row.id, "submission.viewed");
    expect(views.map((v) => v.actorStaffUserId)).toEqual([iro.id]);
  });

  test.each(["complaints@westmoor.example", "chair@westmoor.example", "admin@westmoor.example"])(
    "%s can neither list nor open it",
    async (email) => {
      const { westmoor } = await councils();
      const iro = await staff("iro@westmoor.example");
      const other = await staff(email);
      const own = await booklet({ recipientStaffUserId: iro.id });
      const shared = await booklet({ recipientStaffUserId: null });
      for (const box of ["mine", "shared"] as const) {
        await expect(
          listInbox({ organisationId: westmoor.id, staff: other, box }),
        ).rejects.toBeInstanceOf(NotAllowedError);
      }
      for (const row of [own, shared]) {
        expect(
          await openSubmission({ organisationId: westmoor.id, staff: other, submissionId: row.id }),
        ).toBeNull();
      }
    },
  );

  test("a manager sees the shared inbox only: who it is from, not the child's answers", async () => {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    const manager = await staff("manager@westmoor.example");
    const own = await booklet({ recipientStaffUserId: iro.id });
    const shared = await booklet({ recipientStaffUserId: null, namedWorker: "Priya" });

    const inbox = await listInbox({ organisationId: westmoor.id, staff: manager, box: "shared" });
    expect(inbox.map((r) => r.id)).toContain(shared.id);
    expect(inbox.map((r) => r.id)).not.toContain(own.id);
    expect(inbox.find((r) => r.id === shared.id)?.namedWorker).toBe("Priya");
    await expect(
      listInbox({ organisationId: westmoor.id, staff: manager, box: "mine" }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      listInbox({ organisationId: westmoor.id, staff: iro, box: "shared" }),
    ).rejects.toBeInstanceOf(NotAllowedError);

    expect(
      await openSubmission({ organisationId: westmoor.id, staff: manager, submissionId: own.id }),
    ).toBeNull();
    const opened = await openSubmission({
      organisationId: westmoor.id,
      staff: manager,
      submissionId: shared.id,
    });
    expect(opened).toMatchObject({ access: "shared-inbox", answers: null, namedWorker: "Priya" });
    // A manager's look is audited but does not count as the IRO reading it.
    expect(opened!.firstReadAt).toBeNull();
    expect(await auditRows(shared.id, "submission.viewed")).toHaveLength(1);
    // An IRO cannot open a shared-inbox booklet that is not theirs.
    expect(
      await openSubmission({ organisationId: westmoor.id, staff: iro, submissionId: shared.id }),
    ).toBeNull();
  });

  test("a Westmoor IRO cannot open an Aberhaven booklet, even knowing its id", async () => {
    const { westmoor, aberhaven } = await councils();
    const westmoorIro = await staff("iro@westmoor.example");
    const westmoorManager = await staff("manager@westmoor.example");
    const aberhavenIro = await staff("iro@aberhaven.example");
    const theirs = await booklet({
      organisationId: aberhaven.id,
      recipientStaffUserId: aberhavenIro.id,
    });
    const theirShared = await booklet({ organisationId: aberhaven.id, recipientStaffUserId: null });
    for (const organisationId of [westmoor.id, aberhaven.id]) {
      for (const row of [theirs, theirShared]) {
        for (const actor of [westmoorIro, westmoorManager]) {
          expect(
            await openSubmission({ organisationId, staff: actor, submissionId: row.id }),
          ).toBeNull();
        }
      }
    }
    // Nor list another council's inbox by naming it.
    await expect(
      listInbox({ organisationId: aberhaven.id, staff: westmoorManager, box: "shared" }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const westmoorShared = await listInbox({
      organisationId: westmoor.id,
      staff: westmoorManager,
      box: "shared",
    });
    expect(westmoorShared.map((r) => r.id)).not.toContain(theirShared.id);
    expect(await auditRows(theirs.id, "submission.viewed")).toEqual([]);
  });

  test("ids that are not ids find nothing", async () => {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    for (const submissionId of ["", "abc", "' or 1=1 --"]) {
      expect(await openSubmission({ organisationId: westmoor.id, staff: iro, submissionId })).toBe(
        null,
      );
    }
  });
});

describe("reading a booklet", () => {
  test("every view is audited; the first view by the IRO marks it read, once", async () => {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    const row = await booklet({ recipientStaffUserId: iro.id });
    const open = (now: Date) =>
      openSubmission({
        organisationId: westmoor.id,
        staff: iro,
        submissionId: row.id,
        clientAddress: "10.30.0.2",
        now,
      });
    const first = await open(new Date("2030-03-01T10:00:00Z"));
    const second = await open(new Date("2030-03-02T10:00:00Z"));
    await open(new Date("2030-03-03T10:00:00Z"));
    expect(first!.firstReadAt).toEqual(new Date("2030-03-01T10:00:00Z"));
    expect(second!.firstReadAt).toEqual(new Date("2030-03-01T10:00:00Z"));
    const [stored] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.id, row.id));
    expect(stored!.firstReadAt).toEqual(new Date("2030-03-01T10:00:00Z"));
    expect(stored!.firstReadBy).toBe(iro.id);
    const views = await auditRows(row.id, "submission.viewed");
    expect(views).toHaveLength(3);
    expect(views.every((v) => v.clientAddress === "10.30.0.2")).toBe(true);
    expect(views.every((v) => v.organisationId === westmoor.id)).toBe(true);
  });

  test("the inbox lists urgent first, then unread, then newest", async () => {
    const { westmoor } = await councils();
    const iro2 = await staff("iro2@westmoor.example");
    const at = (day: number) => new Date(Date.UTC(2029, 0, day, 12));
    const oldRead = await booklet({
      recipientStaffUserId: iro2.id,
      submittedAt: at(1),
      firstReadAt: at(2),
    });
    const newRead = await booklet({
      recipientStaffUserId: iro2.id,
      submittedAt: at(5),
      firstReadAt: at(6),
    });
    const oldUnread = await booklet({ recipientStaffUserId: iro2.id, submittedAt: at(2) });
    const newUnread = await booklet({ recipientStaffUserId: iro2.id, submittedAt: at(4) });
    const urgentRead = await booklet({
      recipientStaffUserId: iro2.id,
      submittedAt: at(1),
      firstReadAt: at(1),
      urgent: true,
      urgentMatches: ["hurt me"],
    });
    const urgentUnread = await booklet({
      recipientStaffUserId: iro2.id,
      submittedAt: at(3),
      urgent: true,
    });
    const inbox = await listInbox({ organisationId: westmoor.id, staff: iro2, box: "mine" });
    const order = [urgentUnread, urgentRead, newUnread, oldUnread, newRead, oldRead].map(
      (r) => r.id,
    );
    expect(inbox.filter((r) => order.includes(r.id)).map((r) => r.id)).toEqual(order);
    expect(inbox.find((r) => r.id === urgentUnread.id)).toMatchObject({
      urgent: true,
      read: false,
      senderName: "Sam",
      participation: null,
    });
  });
});

describe("recording the review's participation", () => {
  test("only 1 to 6 is accepted", async () => {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    const row = await booklet({ recipientStaffUserId: iro.id });
    for (const category of [0, 7, -1, 2.5, Number.NaN, 100]) {
      await expect(
        recordParticipation({
          organisationId: westmoor.id,
          staff: iro,
          submissionId: row.id,
          category,
        }),
      ).rejects.toBeInstanceOf(InvalidParticipationError);
    }
    const [stored] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.id, row.id));
    expect(stored!.participation).toBeNull();
  });

  test("by the child's IRO only, audited", async () => {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    const iro2 = await staff("iro2@westmoor.example");
    const manager = await staff("manager@westmoor.example");
    const row = await booklet({ recipientStaffUserId: iro.id });
    const input = { organisationId: westmoor.id, submissionId: row.id, category: 5 };
    expect(await recordParticipation({ ...input, staff: iro2 })).toBe(false);
    await expect(recordParticipation({ ...input, staff: manager })).rejects.toBeInstanceOf(
      NotAllowedError,
    );
    expect(await recordParticipation({ ...input, staff: iro, clientAddress: "10.30.0.3" })).toBe(
      true,
    );
    const [stored] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.id, row.id));
    expect(stored!.participation).toBe(5);
    expect(stored!.participationRecordedAt).toBeInstanceOf(Date);
    const audit = await auditRows(row.id, "booklet.participation-recorded");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ category: 5 });
    expect(audit[0]!.actorStaffUserId).toBe(iro.id);
  });

  test("not for a parent's consultation paper: it is not the child's own", async () => {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    const paper = await booklet({
      recipientStaffUserId: iro.id,
      formId: "review-consultation-parent",
      answers: { relationship: "parent" },
    });
    expect(hasParticipation(iroService, { id: paper.formId, version: 1 })).toBe(false);
    expect(hasParticipation(iroService, { id: "listen-to-me-5-11", version: 1 })).toBe(true);
    expect(
      await recordParticipation({
        organisationId: westmoor.id,
        staff: iro,
        submissionId: paper.id,
        category: 1,
      }),
    ).toBe(false);
    expect(await auditRows(paper.id, "booklet.participation-recorded")).toEqual([]);
  });
});

describe("allocating from the shared inbox", () => {
  test("moves the booklet to the IRO, audited, with one email to them", async () => {
    const { westmoor } = await councils();
    const manager = await staff("manager@westmoor.example");
    const iro2 = await staff("iro2@westmoor.example");
    const row = await booklet({ recipientStaffUserId: null, urgent: true });
    const result = await allocateToIro({
      organisationId: westmoor.id,
      staff: manager,
      submissionId: row.id,
      iroStaffUserId: iro2.id,
      clientAddress: "10.30.0.4",
    });
    expect(result).toEqual({
      status: "allocated",
      reference: row.reference,
      readerName: iro2.name,
    });

    const shared = await listInbox({ organisationId: westmoor.id, staff: manager, box: "shared" });
    expect(shared.map((r) => r.id)).not.toContain(row.id);
    const theirs = await listInbox({ organisationId: westmoor.id, staff: iro2, box: "mine" });
    expect(theirs.map((r) => r.id)).toContain(row.id);
    // Now the manager no longer sees it, and the IRO reads the answers.
    expect(
      await openSubmission({ organisationId: westmoor.id, staff: manager, submissionId: row.id }),
    ).toBeNull();
    const opened = await openSubmission({
      organisationId: westmoor.id,
      staff: iro2,
      submissionId: row.id,
    });
    expect(opened?.answers).toEqual({ worries: "I would like to see my brother more" });

    const emails = await outboxFor(row.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      organisationId: westmoor.id,
      template: "iro.allocated",
      recipient: "iro2@westmoor.example",
      subjectType: "submission",
    });
    expect(emails[0]!.subject).toContain(row.reference);
    expect(emails[0]!.subject).toMatch(/^Urgent/);
    expect(emails[0]!.bodyText).not.toContain("brother");
    const audit = await auditRows(row.id, "submission.allocated");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ to: iro2.id });

    // Once allocated it is no longer in the shared inbox: a second allocation finds nothing.
    expect(
      await allocateToIro({
        organisationId: westmoor.id,
        staff: manager,
        submissionId: row.id,
        iroStaffUserId: iro2.id,
      }),
    ).toEqual({ status: "not-found" });
    expect(await outboxFor(row.id)).toHaveLength(1);
  });

  test("only to an active IRO of the same council, and only by a manager", async () => {
    const { westmoor, aberhaven } = await councils();
    const manager = await staff("manager@westmoor.example");
    const iro = await staff("iro@westmoor.example");
    const complaints = await staff("complaints@westmoor.example");
    const aberhavenIro = await staff("iro@aberhaven.example");
    const aberhavenManager = await staff("manager@aberhaven.example");
    const row = await booklet({ recipientStaffUserId: null });
    const input = { organisationId: westmoor.id, submissionId: row.id };
    for (const target of [complaints.id, manager.id, aberhavenIro.id, "not-an-id"]) {
      expect(await allocateToIro({ ...input, staff: manager, iroStaffUserId: target })).toEqual({
        status: "not-a-reader",
      });
    }
    await expect(
      allocateToIro({ ...input, staff: iro, iroStaffUserId: iro.id }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    // Another council's manager cannot reach it, whichever council they name.
    for (const organisationId of [westmoor.id, aberhaven.id]) {
      expect(
        await allocateToIro({
          organisationId,
          submissionId: row.id,
          staff: aberhavenManager,
          iroStaffUserId: aberhavenIro.id,
        }),
      ).toEqual({ status: "not-found" });
    }
    expect(await outboxFor(row.id)).toEqual([]);
    const [stored] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.id, row.id));
    expect(stored!.recipientStaffUserId).toBeNull();
    expect((await listAllocationTargets(westmoor.id, iroService)).map((i) => i.name)).toEqual([
      "Daniel Hughes",
      "Priya Shah",
    ]);
  });
});

describe("telling managers about booklets still unread before a review", () => {
  async function invitedBooklet(eventDate: string, values: { read?: boolean } = {}) {
    const { westmoor } = await councils();
    const iro = await staff("iro@westmoor.example");
    const { invitation } = await createInvitation({
      organisationId: westmoor.id,
      invitedBy: iro.id,
      childName: "Alex",
      formId: "listen-to-me-5-11",
      language: "en",
      eventDate,
      createdBy: iro.id,
    });
    return booklet({
      invitationId: invitation.id,
      recipientStaffUserId: iro.id,
      senderName: "Alex",
      answers: { worries: "a secret only for my IRO" },
      firstReadAt: values.read ? new Date("2027-03-01T09:00:00Z") : null,
    });
  }

  async function alertEmails() {
    return db()
      .select()
      .from(schema.outboxMessage)
      .where(eq(schema.outboxMessage.template, "iro.unread-before-event"));
  }

  test("2 working days before a Monday review (the Thursday), once, with references only", async () => {
    // Monday 15 March 2027: 2 working days before is Thursday 11 March (the weekend is skipped).
    const unread = await invitedBooklet("2027-03-15");
    const read = await invitedBooklet("2027-03-15", { read: true });
    const later = await invitedBooklet("2027-03-22");
    const before = (await alertEmails()).length;

    // Wednesday: too early.
    expect(await alertUnreadBeforeEvents({ now: new Date("2027-03-10T16:00:00Z") })).toEqual({
      submissions: 0,
      emails: 0,
    });
    expect(await alertEmails()).toHaveLength(before);

    // Thursday morning in the UK.
    const run = await alertUnreadBeforeEvents({ now: new Date("2027-03-11T08:00:00Z") });
    expect(run).toEqual({ submissions: 1, emails: 1 });
    const emails = (await alertEmails()).slice(before);
    expect(emails).toHaveLength(1);
    const { westmoor } = await councils();
    expect(emails[0]).toMatchObject({
      organisationId: westmoor.id,
      recipient: "manager@westmoor.example",
    });
    expect(emails[0]!.bodyText).toContain(unread.reference);
    expect(emails[0]!.bodyText).toContain("15 March 2027");
    expect(emails[0]!.bodyText).not.toContain(read.reference);
    expect(emails[0]!.bodyText).not.toContain(later.reference);
    expect(emails[0]!.bodyText).not.toContain("Alex");
    expect(emails[0]!.bodyText).not.toContain("secret");

    const stored = await db()
      .select()
      .from(schema.submission)
      .where(inArray(schema.submission.id, [unread.id, read.id, later.id]));
    const alerted = (id: string) => stored.find((s) => s.id === id)!.managerAlertedAt;
    expect(alerted(unread.id)).toEqual(new Date("2027-03-11T08:00:00Z"));
    expect(alerted(read.id)).toBeNull();
    expect(alerted(later.id)).toBeNull();

    // Friday, and Thursday again: nothing new.
    await alertUnreadBeforeEvents({ now: new Date("2027-03-12T08:00:00Z") });
    await alertUnreadBeforeEvents({ now: new Date("2027-03-11T20:00:00Z") });
    expect(await alertEmails()).toHaveLength(before + 1);
  });

  test("Easter: the bank holidays are skipped too", async () => {
    // Tuesday 30 March 2027: Easter Monday and Good Friday are bank holidays, so 2 working
    // days before is Wednesday 24 March.
    const unread = await invitedBooklet("2027-03-30");
    const alertedAt = async () => {
      const [stored] = await db()
        .select()
        .from(schema.submission)
        .where(eq(schema.submission.id, unread.id));
      return stored!.managerAlertedAt;
    };
    await alertUnreadBeforeEvents({ now: new Date("2027-03-23T12:00:00Z") });
    expect(await alertedAt()).toBeNull();
    await alertUnreadBeforeEvents({ now: new Date("2027-03-24T12:00:00Z") });
    expect(await alertedAt()).toEqual(new Date("2027-03-24T12:00:00Z"));
  });
});
