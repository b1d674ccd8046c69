// Conference feedback over real HTTP, as each person does their part:
// - a chair records a conference; a parent answers with the code on their own phone; the chair
//   hands a device round and a second parent answers on it, after which the device shows nothing
//   of theirs and the chair's session is gone from it; a third answers through the link;
// - the chair is told of each answer at once (never its words), the duty team of the urgent one;
// - the conference's summary shows nothing until the threshold, then the three answers;
// - other councils, other roles and other chairs cannot open it;
// - nothing that could identify the people who answered is stored: not in their answers, the
//   drafts, the audit entries or the rate-limit rows.
import { and, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase, schema } from "#db/client";
import { ownServerDatabase, type OwnDatabase } from "#test/support/databases";
import { ensureBuilt, spawnServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor, todayAs } from "#test/support/staff-visitor";

let database: OwnDatabase;
let server: RunningServer;

beforeAll(async () => {
  ensureBuilt();
  database = await ownServerDatabase("portal-conference-");
  server = await spawnServer(database.env);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await database?.dispose();
});

const location = (response: Response) => {
  const to = response.headers.get("Location");
  if (!to) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(to, server.origin).pathname + new URL(to, server.origin).search;
};

/** Answers a form page by page (each page's fields by page id), then sends it. */
async function answer(
  visitor: Visitor,
  formId: string,
  pages: Record<string, Record<string, string>>,
) {
  let at = location(await visitor.submit(`/forms/${formId}`, {}));
  while (!at.endsWith("/check")) {
    const pageId = at.split("/").pop()!.split("?")[0]!;
    const page = await visitor.request(at);
    expect(page.status, at).toBe(200);
    const html = await page.text();
    const response = await visitor.postFrom(at, html, { ...pages[pageId], intent: "continue" });
    at = location(response);
  }
  return visitor.submit(`/forms/${formId}/check`, {});
}

const PARENT_PAGES = (relationship: string, comment: string) => ({
  relationship: { relationship },
  sharing: { toldWhatShared: "yes" },
  chair: { chairHelped: "completely" },
  room: { roomFirstHelped: "did-not-happen" },
  introductions: { toldWhoEveryoneWas: "yes" },
  why: { understoodWhy: "quite-well" },
  said: { saidAll: "a-little", saidAllComment: "I was nervous" },
  parts: { understoodParts: "quite-well" },
  change: { understandChange: "completely" },
  plan: { planWillHelp: "a-little" },
  say: { hadSayOnPlan: "yes" },
  "anything-else": { anythingElse: comment },
});

let conferenceId = "";
let reference = "";

test("a chair records a conference and three parents answer: own phone, handed-round device, link", async () => {
  const chair = await signedInVisitor(server.origin, "chair@westmoor.example");
  const recorded = await chair.submit("/staff/conferences/new?kind=child-protection", {
    ...todayAs("heldOn"),
    conferenceType: "initial",
  });
  const conferencePath = location(recorded);
  conferenceId = conferencePath.split("/").pop()!;
  const page = await (await chair.request(conferencePath)).text();
  reference = page.match(/CPC-[A-Z0-9]{6}/)![0];
  const [parentCode] = [...page.matchAll(/>([A-Z0-9]{4}-[A-Z0-9]{4})</g)].map((m) => m[1]!);
  const link = page.match(/\/i\/([A-Za-z0-9_-]{20,})/)![0];

  // 1. On their own phone, with the code on the card.
  const first = new Visitor(server.origin);
  expect(location(await first.submit("/code", { code: parentCode! }))).toBe(
    "/forms/conference-parent",
  );
  expect(
    location(
      await answer(first, "conference-parent", PARENT_PAGES("mother", "The chair was kind")),
    ),
  ).toBe("/forms/conference-parent/sent");
  expect((await first.request("/forms/conference-parent/sent")).status).toBe(200);

  // 2. The chair hands this device round: signed out of it, it offers the conference's forms.
  const device = chair;
  expect(location(await device.submit(`${conferencePath}/hand-over`, {}))).toBe("/hand-over");
  expect(location(await device.request("/staff"))).toMatch(/^\/staff\/sign-in/);
  const handOver = await (await device.request("/hand-over")).text();
  expect(handOver).toContain("How did the conference go for you?");
  expect(location(await device.submit("/hand-over", { formId: "conference-parent" }))).toBe(
    "/forms/conference-parent",
  );
  // No "save for later" on a shared device.
  const firstPage = await device.request(
    location(await device.submit("/forms/conference-parent", {})),
  );
  expect(await firstPage.text()).not.toContain('value="save"');
  const sent = await answer(
    device,
    "conference-parent",
    PARENT_PAGES("father", "My son said he hits me"),
  );
  expect(location(sent)).toBe("/forms/conference-parent/sent");
  const next = await device.request("/forms/conference-parent/sent");
  expect(location(next)).toBe("/hand-over?sent=1");
  expect(await (await device.request("/hand-over?sent=1")).text()).toContain(
    "Thank you. Your answers have been sent.",
  );
  // Back, or typed addresses, reach nothing of the last person's.
  for (const path of ["/forms/conference-parent/check", "/forms/conference-parent/said"]) {
    let response = await device.request(path);
    while (response.status === 302) response = await device.request(location(response));
    const html = await response.text();
    expect(html, path).not.toContain("nervous");
    expect(html, path).not.toContain("hits me");
    expect(html, path).toContain("Choose the form that is for you.");
  }
  // Ending the hand-over goes to sign-in.
  expect(location(await device.submit("/hand-over", { intent: "end" }))).toBe("/staff/sign-in");
  expect((await device.request("/hand-over")).status).toBe(404);

  // 3. Through the link.
  const third = new Visitor(server.origin);
  expect(location(await third.request(link))).toBe("/forms/conference-parent");
  await answer(third, "conference-parent", PARENT_PAGES("grandmother", "It helped our family"));
}, 120_000);

test("the chair sees the answers together once there are three; others cannot open them", async () => {
  const chair = await signedInVisitor(server.origin, "chair@westmoor.example");
  const page = await (await chair.request(`/staff/conferences/${conferenceId}`)).text();
  expect(page).toContain("3 answers");
  // The urgent words, at once, for the chair to act on.
  expect(page).toContain("My son said he hits me");
  const summary = await (
    await chair.request(`/staff/summaries/conference-parent?event=${reference}`)
  ).text();
  expect(summary).toContain("3 people answered.");
  expect(summary).toContain("It helped our family");
  expect(summary).toMatch(/It helped our family[\s\S]*?Grandmother/);
  const csv = await (
    await chair.request(`/staff/summaries/conference-parent.csv?event=${reference}`)
  ).text();
  expect(csv).toContain("Grandmother,1,33");

  const manager = await signedInVisitor(server.origin, "manager@westmoor.example");
  expect(await (await manager.request("/staff/summaries/conference-parent")).text()).toContain(
    "3 people answered.",
  );
  expect((await manager.request(`/staff/conferences/${conferenceId}`)).status).toBe(200);

  const coordinator = await signedInVisitor(server.origin, "fgc@westmoor.example");
  expect((await coordinator.request(`/staff/conferences/${conferenceId}`)).status).toBe(404);
  const iro = await signedInVisitor(server.origin, "iro@westmoor.example");
  expect((await iro.request("/staff/conferences")).status).toBe(403);
  expect((await iro.request("/staff/summaries/conference-parent")).status).toBe(403);
  const elsewhere = await signedInVisitor(
    server.origin,
    "manager@aberhaven.example",
    `aberhaven.localhost:${server.port}`,
  );
  expect((await elsewhere.request(`/staff/conferences/${conferenceId}`)).status).toBe(404);
  expect(
    await (await elsewhere.request("/staff/summaries/conference-parent")).text(),
  ).not.toContain("It helped our family");
}, 60_000);

test("nothing that identifies the people who answered is stored", async () => {
  await server.stop();
  const open = await openDatabase(database.config);
  try {
    const { db } = open;
    const answers = await db
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.formId, "conference-parent"));
    expect(answers).toHaveLength(3);
    for (const row of answers) {
      expect(row.invitationId).toBeNull();
      expect(row.senderName).toBeNull();
      expect(row.namedWorker).toBeNull();
      expect(row.eventReference).toBe(reference);
    }
    expect(answers.filter((row) => row.urgent)).toHaveLength(1);
    const drafts = await db
      .select()
      .from(schema.draft)
      .where(
        inArray(
          schema.draft.submissionId,
          answers.map((row) => row.id),
        ),
      );
    expect(drafts).toHaveLength(3);
    for (const draft of drafts) expect(draft.invitationId).toBeNull();
    const audits = await db
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.action, "form.submitted"),
          inArray(
            schema.auditEvent.subjectId,
            answers.map((row) => row.id),
          ),
        ),
      );
    expect(audits).toHaveLength(3);
    for (const audit of audits) {
      expect(audit.clientAddress).toBeNull();
      expect(audit.actorStaffUserId).toBeNull();
      expect(Object.keys(audit.detail).sort()).toEqual(["formId", "reference", "urgent"]);
    }
    // Sending counted against the conference's invitation only; right codes leave no row.
    const limits = await db.select().from(schema.rateLimit);
    for (const limit of limits) expect(limit.key).not.toMatch(/^(send|send-browser|code|start):/);
    expect(limits.some((limit) => limit.key.startsWith("send-invitation:"))).toBe(true);

    // The chair was told of each answer, without its words; the duty team of the urgent one.
    const emails = await db
      .select()
      .from(schema.outboxMessage)
      .where(like(schema.outboxMessage.template, "conference-feedback.%"));
    expect(emails.map((email) => email.template).sort()).toEqual([
      "conference-feedback.received",
      "conference-feedback.received",
      "conference-feedback.urgent",
      "conference-feedback.urgent-duty-team",
    ]);
    for (const email of emails) {
      expect(email.bodyText).not.toMatch(/hits me|was kind|helped our family|nervous/);
      expect(email.bodyText).toContain(reference);
    }
    const toChair = emails.find((email) => email.template === "conference-feedback.received")!;
    expect(toChair.recipient).toBe("chair@westmoor.example");
    expect(toChair.bodyText).toContain(`/staff/conferences/${conferenceId}`);
  } finally {
    await open.close();
  }
}, 60_000);
