// Sending a booklet: one submission however many times "Send" is pressed at once, routed to the
// child's IRO (or the shared inbox), urgent words flagged and the duty team told — all or nothing.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { findForm } from "#app/forms/registry";
import { currentKeyId } from "#app/utils/secrets.server";
import { findDraft, makeResumeCode, resumeDraft, saveAnswers, startDraft } from "./draft.server";
import { organisationForHost } from "./organisation.server";
import { openReferral } from "./advocacy.server";
import { submitDraft } from "./submission.server";
import { inviteChild } from "#test/support/invitations";

const booklet = findForm("listen-to-me-11-18")!;

async function council(slug: "westmoor" | "aberhaven") {
  const organisation = await organisationForHost(
    `${slug === "aberhaven" ? "aberhaven." : ""}localhost`,
  );
  if (!organisation) throw new Error("no council");
  return organisation;
}

const invite = (organisationId: string, iroEmail: string) =>
  inviteChild(organisationId, iroEmail, booklet.id);

/** A booklet filled in to the end, as the pages would have saved it. */
async function filledDraft(
  organisationId: string,
  invitationId: string | undefined,
  words: string,
) {
  const { draft, token } = await startDraft({
    organisationId,
    form: booklet,
    language: "en",
    invitationId,
  });
  await saveAnswers(draft, {
    ...(invitationId ? {} : { name: "Alex", "iro-name": "Priya" }),
    "talk-about": words,
    advocate: "yes",
    "share-with": ["social-worker"],
  });
  return { draft, token };
}

const outboxFor = (subjectId: string) =>
  db().select().from(schema.outboxMessage).where(eq(schema.outboxMessage.subjectId, subjectId));

describe("sending a booklet", () => {
  test("two, three or five presses of Send at once make exactly one submission with one reference", async () => {
    const westmoor = await council("westmoor");
    const invitation = await invite(westmoor.id, "iro@westmoor.example");
    for (const presses of [2, 3, 5]) {
      const { token } = await filledDraft(westmoor.id, invitation.id, "My contact with Mum");
      const results = await Promise.all(
        Array.from({ length: presses }, () =>
          submitDraft({
            organisation: westmoor,
            form: booklet,
            draftToken: token,
            portalUrl: "http://portal.test",
          }),
        ),
      );
      const references = new Set(
        results.map((r) => (r.status === "sent" ? r.sent.reference : r.status)),
      );
      expect([...references]).toHaveLength(1);
      const [reference] = references;
      expect(reference).toMatch(/^LTM-[A-Z2-9]{6}$/);
      const rows = await db()
        .select()
        .from(schema.submission)
        .where(eq(schema.submission.reference, reference!));
      expect(rows).toHaveLength(1);
      expect(await outboxFor(rows[0]!.id)).toHaveLength(1);
    }
  });

  test("goes to the child's own IRO, with who else may see it, and tells only that IRO", async () => {
    const westmoor = await council("westmoor");
    const invitation = await invite(westmoor.id, "iro@westmoor.example");
    const { token, draft } = await filledDraft(westmoor.id, invitation.id, "School is going well");
    const result = await submitDraft({
      organisation: westmoor,
      form: booklet,
      draftToken: token,
      portalUrl: "http://portal.test",
    });
    expect(result).toMatchObject({
      status: "sent",
      sent: { urgent: false, recipientName: "Priya Shah", reviewDate: "2030-01-15" },
    });
    const [row] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.draftId, draft.id));
    expect(row).toMatchObject({
      recipientStaffUserId: invitation.invitedBy,
      senderName: "Sam",
      mayAlsoSee: ["social-worker"],
      formVersion: 1,
      queue: "iro",
    });
    const mail = await outboxFor(row!.id);
    expect(mail.map((m) => [m.recipient, m.template])).toEqual([
      ["iro@westmoor.example", "iro.received"],
    ]);
    // the child's words never travel by email
    expect(mail[0]!.bodyText).not.toContain("School is going well");
    expect(mail[0]!.bodyText).toContain(`http://portal.test/staff/inbox/iro/${row!.id}`);
    // and the draft keeps nothing the child wrote
    expect((await findDraft(westmoor.id, booklet.id, token))?.answers).toEqual({});
  });

  test("safeguarding words mark it urgent and tell the IRO and the duty team at once", async () => {
    const westmoor = await council("westmoor");
    const invitation = await invite(westmoor.id, "iro@westmoor.example");
    const { token } = await filledDraft(
      westmoor.id,
      invitation.id,
      "I don't feel safe at home, he hits me",
    );
    const result = await submitDraft({
      organisation: westmoor,
      form: booklet,
      draftToken: token,
      portalUrl: "http://portal.test",
    });
    if (result.status !== "sent") throw new Error(result.status);
    expect(result.sent.urgent).toBe(true);
    const [row] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.id, result.sent.id));
    expect(row!.urgentMatches).toEqual(["hits me", "don't feel safe"]);
    const mail = await outboxFor(result.sent.id);
    expect(mail.map((m) => [m.recipient, m.template]).sort()).toEqual([
      ["duty@westmoor.example", "iro.urgent-duty-team"],
      ["iro@westmoor.example", "iro.urgent"],
    ]);
    expect(mail.every((m) => m.subject.startsWith("URGENT"))).toBe(true);
    // The duty team has no account here: it is told whom to contact, and gets no link.
    const duty = mail.find((m) => m.recipient === "duty@westmoor.example")!;
    expect(duty.bodyText).toContain("Priya Shah (iro@westmoor.example)");
    expect(duty.bodyText).not.toContain("http");
  });

  test("without an invitation it goes to the shared inbox, and the managers are told", async () => {
    const aberhaven = await council("aberhaven");
    const { token } = await filledDraft(aberhaven.id, undefined, "Nothing much");
    const result = await submitDraft({
      organisation: aberhaven,
      form: booklet,
      draftToken: token,
      portalUrl: "http://portal.test",
    });
    if (result.status !== "sent") throw new Error(result.status);
    expect(result.sent.recipientName).toBeNull();
    const [row] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.id, result.sent.id));
    expect(row).toMatchObject({
      recipientStaffUserId: null,
      senderName: "Alex",
      namedWorker: "Priya",
      organisationId: aberhaven.id,
    });
    const mail = await outboxFor(result.sent.id);
    expect(mail.map((m) => [m.recipient, m.template])).toEqual([
      ["manager@aberhaven.example", "iro.shared-inbox"],
    ]);
  });

  test("a draft with a missing required answer is not sent, and says which page", async () => {
    const westmoor = await council("westmoor");
    const { draft, token } = await startDraft({
      organisationId: westmoor.id,
      form: booklet,
      language: "en",
    });
    await saveAnswers(draft, { "talk-about": "x" });
    const result = await submitDraft({
      organisation: westmoor,
      form: booklet,
      draftToken: token,
      portalUrl: "http://portal.test",
    });
    expect(result).toEqual({ status: "problems", pageId: "about-you" });
  });

  test("another council's token, or a wrong one, finds no draft", async () => {
    const westmoor = await council("westmoor");
    const aberhaven = await council("aberhaven");
    const { token } = await filledDraft(westmoor.id, undefined, "x");
    for (const [organisation, draftToken] of [
      [aberhaven, token],
      [westmoor, "wrong"],
    ] as const) {
      expect(
        await submitDraft({
          organisation,
          form: booklet,
          draftToken,
          portalUrl: "http://portal.test",
        }),
      ).toEqual({ status: "no-draft" });
    }
  });
});

describe("a child who asks for an advocate in their booklet", () => {
  const send = async (advocate: string) => {
    const westmoor = await council("westmoor");
    const invitation = await invite(westmoor.id, "iro@westmoor.example");
    const { token, draft } = await filledDraft(westmoor.id, invitation.id, "Contact with Dad");
    await saveAnswers((await findDraft(westmoor.id, booklet.id, token))!, { advocate });
    const result = await submitDraft({
      organisation: westmoor,
      form: booklet,
      draftToken: token,
      portalUrl: "http://portal.test",
    });
    const [sent] = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.draftId, draft.id));
    const referrals = await db()
      .select()
      .from(schema.advocacyReferral)
      .where(eq(schema.advocacyReferral.submissionId, sent!.id));
    return { westmoor, result, referrals };
  };

  test("is referred to the advocacy provider, who is told and sees who read it, not the answers", async () => {
    const { westmoor, result, referrals } = await send("yes");
    expect(referrals).toHaveLength(1);
    const [referral] = referrals;
    expect(referral).toMatchObject({ childName: "Sam", consent: false });
    expect(result).toMatchObject({
      status: "sent",
      sent: { advocacy: { reference: referral!.reference, contactBy: referral!.contactDueOn } },
    });
    const told = await outboxFor(referral!.id);
    expect(told.map((m) => m.recipient)).toEqual(["advocacy@westmoor.example"]);
    expect(told[0]!.bodyText).toContain(`http://portal.test/staff/advocacy/${referral!.id}`);

    const [provider] = await db()
      .select()
      .from(schema.staffUser)
      .where(eq(schema.staffUser.email, "advocacy@westmoor.example"));
    const opened = await openReferral({
      organisation: westmoor,
      staff: { id: provider!.id, organisationId: westmoor.id, roles: ["advocacy_provider"] },
      id: referral!.id,
    });
    expect(opened!.answers).toBeNull();
    expect(opened!.askedIn).toEqual({
      formId: booklet.id,
      readerName: "Priya Shah",
      readerEmail: "iro@westmoor.example",
    });
  });

  test.each(["no", "not-sure"])("is not referred when the answer is %s", async (advocate) => {
    const { referrals } = await send(advocate);
    expect(referrals).toHaveLength(0);
  });
});

describe("save and come back later", () => {
  test("answers are sealed at rest and come back whole with the resume code, in any case or spacing", async () => {
    const westmoor = await council("westmoor");
    const { draft, token } = await filledDraft(westmoor.id, undefined, "My secret words");
    const [row] = await db().select().from(schema.draft).where(eq(schema.draft.id, draft.id));
    expect(row!.answersSealed).not.toContain("secret");
    expect(row!.answersSealed.startsWith(`s2.${currentKeyId()}.`)).toBe(true);
    const code = await makeResumeCode((await findDraft(westmoor.id, booklet.id, token))!);
    expect(row!.resumeCodeHash ?? "").not.toContain(code);
    const typed = ` ${code.toLowerCase().replace("-", " ")} `;
    const resumed = await resumeDraft(westmoor.id, typed);
    expect(resumed?.draft.answers["talk-about"]).toBe("My secret words");
    // the browser that resumed holds the draft now; the old cookie no longer opens it
    expect(await findDraft(westmoor.id, booklet.id, token)).toBeUndefined();
    expect(await findDraft(westmoor.id, booklet.id, resumed!.token)).toBeDefined();
    // the code does not work at another council
    expect(await resumeDraft((await council("aberhaven")).id, code)).toBeUndefined();
  });

  test("a new save gives a new code and the old one stops working", async () => {
    const westmoor = await council("westmoor");
    const { draft } = await filledDraft(westmoor.id, undefined, "x");
    const first = await makeResumeCode(draft);
    const second = await makeResumeCode(draft);
    expect(first).not.toBe(second);
    expect(await resumeDraft(westmoor.id, first)).toBeUndefined();
    expect(await resumeDraft(westmoor.id, second)).toBeDefined();
  });
});
