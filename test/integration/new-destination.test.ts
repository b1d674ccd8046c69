// A destination and a form made of data alone — a registry entry, a definition and words, no other
// code — carry a response from "Send" to the one inbox: the shared inbox lists it, a manager
// allocates it, its reader opens it and reads the answers, and the emails use its own words. One
// sent from an invitation goes straight to the member of staff who invited, and the summary
// counts it by event and by inviter, behind the anonymity threshold.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db, schema } from "#db/client";
import { registerDestination, inboxDestination } from "#app/destinations/registry";
import { registerForm } from "#app/forms/registry";
import type { FormDefinition } from "#app/forms/types";
import { i18nFor } from "#app/i18n.server";
import { LANGUAGES } from "#db/schema/constants";
import { startDraft, saveAnswers } from "#app/models/draft.server";
import { allocate, listInbox, NotAllowedError, openSubmission } from "#app/models/inbox.server";
import { createInvitation, findInvitationForVisitor } from "#app/models/invitation.server";
import { summariseForm, type SummaryFilters } from "#app/models/summary.server";
import { organisationForHost } from "#app/models/organisation.server";
import { findStaffByEmail, getStaffMember } from "#app/models/staff.server";
import { submitDraft } from "#app/models/submission.server";

const ID = "throwaway-feedback";

const email = (subject: string) => ({ subject, body: `${subject}: {{reference}} {{link}}` });
const WORDS = {
  title: "Throw-away feedback",
  description: "A form that exists only in this test.",
  questions: {
    liked: { label: "What went well?" },
    rating: { label: "How was it?", options: { good: "Good", ok: "OK", poor: "Poor" } },
  },
  emails: {
    received: email("Feedback for you"),
    "shared-inbox": email("Feedback to allocate"),
    urgent: email("Urgent feedback"),
    "urgent-duty-team": email("Urgent feedback (duty team)"),
  },
  inbox: {
    title: "Feedback",
    mine: "My feedback",
    shared: "Feedback to allocate",
    emails: {
      allocated: { subject: "Feedback {{reference}}", body: "Hello {{reader}}: {{reference}}" },
      allocatedUrgent: { subject: "Urgent {{reference}}", body: "Hello {{reader}}: {{reference}}" },
    },
  },
  item: { heading: "Feedback from {{name}}" },
  check: { sendText: "It goes to the conference chair." },
};

const form: FormDefinition = {
  id: ID,
  version: 1,
  referencePrefix: "TAF",
  audience: "parent-or-carer",
  namespace: ID,
  style: "standard",
  readAloud: false,
  destination: ID,
  languages: ["en"],
  pages: [
    { id: "went-well", questions: [{ id: "liked", kind: "long-text", maxLength: 500 }] },
    {
      id: "rating",
      questions: [
        {
          id: "rating",
          kind: "single",
          options: [{ value: "good" }, { value: "ok" }, { value: "poor" }],
        },
      ],
    },
  ],
};

async function member(email: string) {
  const organisation = (await organisationForHost("localhost"))!;
  const found = await findStaffByEmail(organisation.id, email);
  return (await getStaffMember(organisation.id, found!.id))!;
}

test("a new destination and form, from data alone, reach the inbox and their reader", async () => {
  for (const language of LANGUAGES) {
    const i18n = await i18nFor(language);
    i18n.addResourceBundle(language, ID, WORDS);
    // The form's name in the staff emails, beside every other form's.
    const formNames = { emails: { formNames: { [ID]: "throw-away feedback" } } };
    i18n.addResourceBundle(language, "forms", formNames, true, false);
  }
  registerDestination({
    id: ID,
    read: { own: "conference:chair", shared: "booklet:read-shared-inbox" },
    allocate: "booklet:allocate",
    tell: { inviter: "cp_chair", sharedInbox: "manager", dutyTeamWhenUrgent: true },
    summary: { own: null, read: "conference:chair", words: `${ID}:summary` },
    anonymous: false,
    receive: null,
    staffPath: `/staff/inbox/${ID}`,
    inbox: {
      words: `${ID}:inbox`,
      itemWords: `${ID}:item`,
      panels: [],
      unreadAlertWorkingDays: null,
    },
    words: { emails: `${ID}:emails`, beforeSend: `${ID}:check.sendText` },
    sentPage: "named-reader",
  });
  registerForm(form);
  const destination = inboxDestination(ID)!;

  // Sent with no invitation: it goes to the shared inbox, and the managers are told.
  const organisation = (await organisationForHost("localhost"))!;
  const { draft, token } = await startDraft({
    organisationId: organisation.id,
    form,
    language: "en",
  });
  await saveAnswers(draft, { liked: "The chair listened to us" });
  const sent = await submitDraft({
    organisation,
    form,
    draftToken: token,
    portalUrl: "http://p.test",
  });
  expect(sent.status).toBe("sent");
  const reference = sent.status === "sent" ? sent.sent.reference : "";
  expect(reference).toMatch(/^TAF-/);
  const [stored] = await db()
    .select()
    .from(schema.submission)
    .where(eq(schema.submission.reference, reference));
  expect(stored!.queue).toBe(ID);
  const told = await db()
    .select()
    .from(schema.outboxMessage)
    .where(eq(schema.outboxMessage.subjectId, stored!.id));
  expect(told.map((m) => m.recipient)).toContain("manager@westmoor.example");
  expect(told[0]!.subject).toBe("Feedback to allocate");
  expect(told[0]!.bodyText).toContain(`http://p.test/staff/inbox/${ID}/${stored!.id}`);

  // The manager finds it in the shared inbox and allocates it to a conference chair.
  const manager = await member("manager@westmoor.example");
  const chair = await member("chair@westmoor.example");
  const scope = { organisationId: organisation.id, destination };
  const shared = await listInbox({ ...scope, staff: manager, box: "shared" });
  expect(shared.map((row) => row.reference)).toContain(reference);
  const allocated = await allocate({
    ...scope,
    staff: manager,
    submissionId: stored!.id,
    toStaffUserId: chair.id,
  });
  expect(allocated).toEqual({ status: "allocated", reference, readerName: chair.name });

  // The chair reads it; an IRO, who has no part in it, gets nothing.
  const mine = await listInbox({ ...scope, staff: chair, box: "mine" });
  expect(mine.map((row) => row.reference)).toEqual([reference]);
  const opened = await openSubmission({ ...scope, staff: chair, submissionId: stored!.id });
  expect(opened).toMatchObject({
    access: "recipient",
    answers: { liked: "The chair listened to us" },
  });
  const iro = await member("iro@westmoor.example");
  expect(await openSubmission({ ...scope, staff: iro, submissionId: stored!.id })).toBeNull();

  // The chair invites a parent to a conference: what they send goes straight to the chair.
  const { invitation, code } = await createInvitation({
    organisationId: organisation.id,
    invitedBy: chair.id,
    childName: "Sam",
    formId: ID,
    language: "en",
    eventDate: "2030-05-01",
    eventReference: "CONF-17",
    createdBy: chair.id,
  });
  const visit = await findInvitationForVisitor(organisation.id, { code });
  expect(visit).toMatchObject({ status: "ok", invitation: { inviterName: chair.name } });
  const invited = await startDraft({
    organisationId: organisation.id,
    form,
    language: "en",
    invitationId: invitation.id,
  });
  await saveAnswers(invited.draft, { liked: "Clear plan", rating: "good" });
  const fromInvitation = await submitDraft({
    organisation,
    form,
    draftToken: invited.token,
    portalUrl: "http://p.test",
  });
  const invitedReference = fromInvitation.status === "sent" ? fromInvitation.sent.reference : "";
  const straightToChair = await listInbox({ ...scope, staff: chair, box: "mine" });
  expect(straightToChair.map((row) => row.reference)).toEqual([invitedReference, reference]);

  // The summary: both answers this year; the conference's and the chair's filters find one.
  const summarised = (filters: Partial<SummaryFilters>, threshold: number) =>
    summariseForm({
      organisation: { ...organisation, anonymityThreshold: threshold },
      staff: chair,
      form,
      filters: { from: "2000-01-01", until: "2100-01-01", ...filters },
    });
  const all = await summarised({}, 2);
  expect(all.status).toBe("shown");
  const shown = all.status === "shown" ? all.summary : undefined;
  expect(shown!.responses).toBe(2);
  expect(shown!.choices[0]).toMatchObject({
    questionId: "rating",
    answered: 1,
    counts: [
      { value: "good", count: 1 },
      { value: "ok", count: 0 },
      { value: "poor", count: 0 },
    ],
  });
  expect(shown!.comments[0]!.comments.map((c) => c.text).sort()).toEqual([
    "Clear plan",
    "The chair listened to us",
  ]);
  const oneConference = await summarised({ eventReference: "CONF-17" }, 1);
  expect(oneConference.status === "shown" && oneConference.summary.responses).toBe(1);
  const oneChair = await summarised({ invitedBy: chair.id }, 1);
  expect(oneChair.status === "shown" && oneChair.summary.responses).toBe(1);
  // Under the threshold, nothing at all: no figure, no comment.
  expect(await summarised({ eventReference: "CONF-17" }, 3)).toEqual({
    status: "too-few",
    responses: 1,
    threshold: 3,
  });
  // An IRO has no part in it.
  await expect(
    summariseForm({
      organisation,
      staff: iro,
      form,
      filters: { from: "2000-01-01", until: "2100-01-01" },
    }),
  ).rejects.toThrow(NotAllowedError);
});
