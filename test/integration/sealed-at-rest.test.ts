// Row-level inspection, against the built server on its own database: after a booklet (through an
// invitation code, saved once with a resume code), a child's complaint with an advocate and an
// anonymous comment are sent over HTTP, no row of any table holds what they wrote, their names,
// contact details, codes or secrets in plain text; the IRO and the officer still read the words.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase } from "#db/client";
import { ownServerDatabase, type OwnDatabase } from "#test/support/databases";
import { ensureBuilt, spawnServer, Visitor, type RunningServer } from "#test/support/server";
import { invitationFields, signedInVisitor } from "#test/support/staff-visitor";

let database: OwnDatabase;
let server: RunningServer | undefined;

beforeAll(async () => {
  ensureBuilt();
  database = await ownServerDatabase("portal-sealed-");
  server = await spawnServer(database.env);
}, 120_000);

afterAll(async () => {
  if (server) await server.stop();
  await database?.dispose();
});

/** What the people wrote and were shown: none of it may be readable in any row. */
const WRITTEN = {
  childName: "Thaddeus",
  bookletWords: "Periwinkle zeppelin worries",
  bookletLikes: "Xylophone badger club",
  complainant: "Peregrinus",
  complaint: "Lantern otter happened at contact",
  putRight: "Gingham walrus apology",
  advocateContact: "Text 07700 900987",
  advocateTime: "Twilight hours",
  replyEmail: "peregrinus.quill@example.com",
  anonymous: "Quokka lighthouse comment",
  officerNote: "Spoke with Peregrinus carer about Lantern otter",
};
const shown: string[] = [];

/** Answers page after page until "Check your answers", from wherever the visitor is. */
async function answerUpToCheck(visitor: Visitor, formId: string, answers: Record<string, string>) {
  let response = await visitor.submit(`/forms/${formId}`, {});
  let location = response.headers.get("location") ?? "";
  for (let pages = 0; !location.endsWith("/check"); pages++) {
    expect(location, "each page leads to the next").toMatch(new RegExp(`^/forms/${formId}/`));
    if (pages > 25) throw new Error(`${formId} never reached Check your answers`);
    response = await visitor.submit(location, { intent: "continue", ...answers });
    expect(response.status, `${location} accepted`).toBe(302);
    location = response.headers.get("location") ?? "";
  }
}

async function send(visitor: Visitor, formId: string) {
  const sent = await visitor.submit(`/forms/${formId}/check`, {});
  expect(sent.headers.get("location")).toBe(`/forms/${formId}/sent`);
  return (await visitor.request(`/forms/${formId}/sent`)).text();
}

test("no table holds what was written, or a code shown, in plain text; staff still read it", async () => {
  const origin = server!.origin;

  // The IRO invites a child; the child uses the code from the letter.
  const iro = await signedInVisitor(origin, "iro@westmoor.example");
  const made = await iro.submit(
    "/staff/invitations/new",
    invitationFields({ childName: WRITTEN.childName }),
  );
  expect(made.status).toBe(302);
  const invitationPage = await (await iro.request(made.headers.get("location")!)).text();
  const invitationCode = /data-invitation-code="true">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(
    invitationPage,
  )?.[1];
  expect(invitationCode).toBeDefined();
  shown.push(invitationCode!);

  const child = new Visitor(origin);
  const opened = await child.submit("/code", { code: invitationCode! });
  expect(opened.headers.get("location")).toBe("/forms/listen-to-me-11-18");
  // Saved once on the way: the resume code is shown to the child.
  const started = await child.submit("/forms/listen-to-me-11-18", {});
  const firstPage = started.headers.get("location")!;
  const saved = await child.submit(firstPage, { intent: "save", likes: WRITTEN.bookletLikes });
  expect(saved.headers.get("location")).toBe("/forms/listen-to-me-11-18/saved");
  const resumeCode = decodeURIComponent(child.cookie("__Host-resume-code") ?? "");
  expect(resumeCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  shown.push(resumeCode);
  await answerUpToCheck(child, "listen-to-me-11-18", {
    likes: WRITTEN.bookletLikes,
    "talk-about": WRITTEN.bookletWords,
    "share-with": "iro-only",
  });
  const bookletSent = await send(child, "listen-to-me-11-18");
  const bookletReference = /LTM-[A-Z2-9]{6}/.exec(bookletSent)?.[0];
  expect(bookletReference).toBeDefined();

  // A child's complaint, with an advocate and a reply by email.
  const complainant = new Visitor(origin);
  await answerUpToCheck(complainant, "have-your-say-child", {
    kind: "complaint",
    namedWorker: "",
    whatHappened: WRITTEN.complaint,
    putRight: WRITTEN.putRight,
    advocate: "yes",
    advocateContact: WRITTEN.advocateContact,
    advocateTime: WRITTEN.advocateTime,
    advocateConsent: "agree",
    senderName: WRITTEN.complainant,
    childInCare: "no",
    replyBy: "email",
    replyEmail: WRITTEN.replyEmail,
    communicationNeeds: "",
    interpreter: "",
  });
  const complaintSent = await send(complainant, "have-your-say-child");
  const complaintReference = /HYS-[A-Z2-9]{6}/.exec(complaintSent)?.[0];
  const trackingSecret = /\b([A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(
    complaintSent.replace(/HYS-[A-Z2-9]{6}|ADV-[A-Z2-9]{6}/g, ""),
  )?.[1];
  expect(complaintReference).toBeDefined();
  expect(trackingSecret).toBeDefined();
  shown.push(trackingSecret!);

  // An anonymous comment: no name, no reply.
  const anonymous = new Visitor(origin);
  await answerUpToCheck(anonymous, "have-your-say-child", {
    kind: "comment",
    namedWorker: "",
    whatHappened: WRITTEN.anonymous,
    advocate: "no",
    senderName: "",
    replyBy: "none",
  });
  await send(anonymous, "have-your-say-child");

  // The child's IRO reads the booklet's words; the officer reads the complaint's.
  const inbox = await (await iro.request("/staff/inbox/iro")).text();
  // The only booklet in this server's database, in the IRO's own inbox.
  const bookletId = /\/staff\/inbox\/iro\/([0-9a-f-]{36})/.exec(inbox)?.[1];
  expect(bookletId).toBeDefined();
  const booklet = await (await iro.request(`/staff/inbox/iro/${bookletId}`)).text();
  expect(booklet).toContain(bookletReference!);
  expect(booklet).toContain(WRITTEN.bookletWords);
  expect(booklet).toContain(WRITTEN.bookletLikes);
  expect(booklet).toContain(WRITTEN.childName);
  const officer = await signedInVisitor(origin, "complaints@westmoor.example");
  const queue = await (await officer.request("/staff/representations")).text();
  const caseId = new RegExp(
    `/staff/representations/([0-9a-f-]{36})"[^>]*>${complaintReference}`,
  ).exec(queue)?.[1];
  expect(caseId).toBeDefined();
  const complaintPage = await (await officer.request(`/staff/representations/${caseId}`)).text();
  for (const words of [WRITTEN.complaint, WRITTEN.putRight, WRITTEN.complainant])
    expect(complaintPage).toContain(words);
  expect(complaintPage).toContain(WRITTEN.replyEmail);
  // The officer's note is part of the case's history: sealed too, and shown on the case.
  const noted = await officer.submit(`/staff/representations/${caseId}`, {
    intent: "note",
    "note-note": WRITTEN.officerNote,
  });
  expect(noted.status).toBeLessThan(400);
  const history = await (await officer.request(`/staff/representations/${caseId}`)).text();
  expect(history).toContain(WRITTEN.officerNote);

  expect(await server!.stop()).toBe(0);
  server = undefined;

  // Every row of every table, as text.
  const open = await openDatabase(database.config);
  let everything = "";
  try {
    const rowsOf = async (query: ReturnType<typeof sql>) => {
      const result = (await open.db.execute(query)) as unknown as
        Record<string, string>[] | { rows: Record<string, string>[] };
      return Array.isArray(result) ? result : result.rows;
    };
    const tables = await rowsOf(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const rows = await rowsOf(
        sql`select row_to_json(t)::text as row from ${sql.identifier(table_name!)} t`,
      );
      everything += rows.map((row) => row.row).join("\n");
    }
  } finally {
    await open.close();
  }
  expect(everything).toContain(bookletReference!);
  expect(everything).toContain(complaintReference!);
  const lower = everything.toLowerCase();
  const found = [
    ...Object.values(WRITTEN),
    ...shown,
    ...shown.map((code) => code.replace("-", "")),
  ].filter((text) => lower.includes(text.toLowerCase()));
  expect(found).toEqual([]);
}, 120_000);
