// Family Group Conference evaluations over real HTTP, as each person does their part:
// - a coordinator records three FGCs, each with two aims and a child looked after at referral;
// - for each, a family member, a young person and the referrer answer with the codes the
//   coordinator was given; the referrer is asked about that FGC's own aims only;
// - the coordinator's summaries then show, as counted here independently: the family's
//   percentages (preparation effective, useful, addressed the concerns), the young people's
//   answers, each aim achieved or not at closure, and where the looked-after children are now;
//   comments are quoted with the relationship only; the CSV says what the page says;
// - one FGC's own summary shows nothing until it has reached the threshold;
// - a chair and another council's manager see none of it;
// - "after your review": an IRO sends it after three reviews, three children answer, and the IRO
//   (their own), a manager (everyone's) and another IRO (nobody's) see what they may.
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseCsv } from "#app/complaints/import-csv";
import { ownServerDatabase, type OwnDatabase } from "#test/support/databases";
import { startSmtpReceiver } from "#test/support/smtp-receiver";
import { ensureBuilt, spawnServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor, todayAs } from "#test/support/staff-visitor";

let database: OwnDatabase;
let server: RunningServer;
let mail: Awaited<ReturnType<typeof startSmtpReceiver>>;

beforeAll(async () => {
  ensureBuilt();
  mail = await startSmtpReceiver();
  database = await ownServerDatabase("portal-fgc-");
  server = await spawnServer({
    ...database.env,
    SMTP_URL: mail.url,
    OUTBOX_INTERVAL_MS: "100",
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await database?.dispose();
  await mail?.stop();
});

/** The first email to `to` whose subject matches, once it has arrived. */
async function emailTo(to: string, subject: RegExp) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = mail.messages.find(
      (message) => message.to.includes(to) && subject.test(message.subject),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${to} about ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The portal links in an email, as paths on this server. */
const linksIn = (body: string) =>
  [...body.matchAll(/https?:\/\/[^\s]+/g)].map((m) => new URL(m[0]).pathname);

const location = (response: Response) => {
  const to = response.headers.get("Location");
  if (!to) throw new Error(`expected a redirect, got ${response.status}`);
  const url = new URL(to, server.origin);
  return url.pathname + url.search;
};

/** Opens a form with its code, answers it page by page (fields by page id), then sends it. */
async function answerWithCode(code: string, pages: Record<string, Record<string, string>>) {
  const visitor = new Visitor(server.origin);
  const formPath = location(await visitor.submit("/code", { code }));
  let at = location(await visitor.submit(formPath, {}));
  const seen: string[] = [];
  while (!at.endsWith("/check")) {
    const pageId = at.split("/").pop()!.split("?")[0]!;
    seen.push(pageId);
    const html = await (await visitor.request(at)).text();
    at = location(await visitor.postFrom(at, html, { ...pages[pageId], intent: "continue" }));
  }
  const check = await (await visitor.request(at)).text();
  expect(location(await visitor.submit(at, {}))).toBe(`${formPath}/sent`);
  return { formPath, seen, check };
}

/** What each of the three FGCs' people answer. */
const FGCS = [
  {
    family: { relationship: "grandmother", prep: "yes", useful: "yes", concerns: "yes" },
    familyComment: "The coordinator listened to all of us",
    young: { feltSafe: "yes", hadAdvocate: "yes", advocateHelped: "yes" },
    referrer: { prevent: "achieved", contact: "partly-achieved", outcome: "returned-to-parents" },
  },
  {
    family: { relationship: "father", prep: "yes", useful: "partly", concerns: "no" },
    familyComment: "",
    young: { feltSafe: "yes", hadAdvocate: "no" },
    referrer: { prevent: "achieved", contact: "partly-achieved", outcome: "returned-to-parents" },
  },
  {
    family: { relationship: "aunt", prep: "partly", useful: "yes", concerns: "partly" },
    familyComment: "",
    young: { feltSafe: "sometimes", hadAdvocate: "no" },
    referrer: {
      prevent: "not-achieved",
      contact: "partly-achieved",
      outcome: "special-guardianship",
    },
  },
];

/** The rows of a summary's CSV as question → answer → [count, percent]. */
function tableOf(csv: string) {
  const table = new Map<string, Map<string, [number, number]>>();
  for (const [question, answer, count, percent] of parseCsv(csv).slice(1)) {
    if (!table.has(question!)) table.set(question!, new Map());
    table.get(question!)!.set(answer!, [Number(count), Number(percent)]);
  }
  return table;
}

/** An independent count of `values`: each value's count and whole-number percentage. */
function expected(values: string[]) {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map(
    [...counts].map(([value, count]) => [
      value,
      [count, Math.round((count / values.length) * 100)] as [number, number],
    ]),
  );
}

let firstReference = "";

test("three FGCs: family, young person and referrer each answer with their own code", async () => {
  const coordinator = await signedInVisitor(server.origin, "fgc@westmoor.example");
  for (const [index, fgc] of FGCS.entries()) {
    const recorded = await coordinator.submit("/staff/conferences/new?kind=family-group", {
      ...todayAs("heldOn"),
      referrerName: "Westmoor duty team",
      aims: ["prevent-care", "contact"],
      lookedAfterAtReferral: "yes",
    });
    const page = await (await coordinator.request(location(recorded))).text();
    const reference = page.match(/FGC-[A-Z0-9]{6}/)![0];
    if (index === 0) firstReference = reference;
    const [familyCode, youngCode, referrerCode] = [
      ...page.matchAll(/>([A-Z0-9]{4}-[A-Z0-9]{4})</g),
    ].map((m) => m[1]!);

    const family = await answerWithCode(familyCode!, {
      relationship: { relationship: fgc.family.relationship },
      preparation: { preparationEffective: fgc.family.prep },
      useful: { useful: fgc.family.useful },
      concerns: { addressedConcerns: fgc.family.concerns },
      "anything-else": { anythingElse: fgc.familyComment },
    });
    expect(family.formPath).toBe("/forms/fgc-family");

    const young = await answerWithCode(youngCode!, {
      safe: { feltSafe: fgc.young.feltSafe },
      said: { saidWhatWanted: "yes" },
      listened: { adultsListened: "yes" },
      advocate: { hadAdvocate: fgc.young.hadAdvocate },
      "advocate-helped": { advocateHelped: fgc.young.advocateHelped ?? "" },
    });
    expect(young.formPath).toBe("/forms/fgc-young-person");
    // "Did your advocate help?" is asked only of those who had one.
    expect(young.seen.includes("advocate-helped")).toBe(fgc.young.hadAdvocate === "yes");

    const referrer = await answerWithCode(referrerCode!, {
      aims: {
        "aim-prevent-care": fgc.referrer.prevent,
        "aim-contact": fgc.referrer.contact,
      },
      "looked-after": { lookedAfterOutcome: fgc.referrer.outcome },
    });
    expect(referrer.formPath).toBe("/forms/fgc-referrer");
    // Only this FGC's own aims are asked about.
    expect(referrer.check).toContain("Prevent a young person becoming looked after");
    expect(referrer.check).toContain("Help arrange contact");
    expect(referrer.check).not.toContain("Improve school attendance");

    // The coordinator is told, without the words; the email's link opens the FGC's page.
    const told = await emailTo("fgc@westmoor.example", new RegExp(reference));
    if (fgc.familyComment) expect(told.text).not.toContain(fgc.familyComment);
    const [link] = linksIn(told.text);
    expect(link).toBe(new URL(location(recorded), server.origin).pathname);
    expect((await coordinator.request(link!)).status).toBe(200);

    // One FGC's summary is empty until it reaches the threshold (three answers per form).
    const own = await (
      await coordinator.request(`/staff/summaries/fgc-family?event=${reference}`)
    ).text();
    expect(own).toContain('class="body-l summary-too-few"');
    expect(own).not.toContain("summary-chart");
    if (fgc.familyComment) expect(own).not.toContain(fgc.familyComment);
  }
}, 120_000);

test("the coordinator's summaries equal an independent count, and the CSV the page", async () => {
  const coordinator = await signedInVisitor(server.origin, "fgc@westmoor.example");
  const csvOf = async (formId: string) =>
    tableOf(await (await coordinator.request(`/staff/summaries/${formId}.csv`)).text());

  const referrer = await csvOf("fgc-referrer");
  const words: Record<string, string> = {
    achieved: "Achieved",
    "partly-achieved": "Partly achieved",
    "not-achieved": "Not achieved",
    "returned-to-parents": "Returned to their parents",
    "special-guardianship": "Living with family under a special guardianship order",
  };
  const inWords = (counts: Map<string, [number, number]>) =>
    new Map([...counts].map(([value, figures]) => [words[value]!, figures]));
  /** A question's answers that someone chose (the "answered" row is the three of them). */
  const row = (table: Map<string, Map<string, [number, number]>>, label: string) => {
    const found = [...table].find(([question]) => question.includes(label));
    expect(found, label).toBeDefined();
    const answers = found![1];
    expect(answers.get("Answered this question")?.[0], label).toBe(FGCS.length);
    return new Map(
      [...answers].filter(([answer, [count]]) => answer !== "Answered this question" && count > 0),
    );
  };
  expect(row(referrer, "Prevent a young person becoming looked after")).toEqual(
    inWords(expected(FGCS.map((fgc) => fgc.referrer.prevent))),
  );
  expect(row(referrer, "Help arrange contact")).toEqual(
    inWords(expected(FGCS.map((fgc) => fgc.referrer.contact))),
  );
  expect(row(referrer, "Where are they now")).toEqual(
    inWords(expected(FGCS.map((fgc) => fgc.referrer.outcome))),
  );

  const family = await csvOf("fgc-family");
  const yesPartlyNo = (values: string[]) =>
    new Map(
      [...expected(values)].map(([value, figures]) => [
        { yes: "Yes", partly: "Partly", no: "No" }[value]!,
        figures,
      ]),
    );
  expect(row(family, "help you get ready")).toEqual(yesPartlyNo(FGCS.map((f) => f.family.prep)));
  expect(row(family, "Was the family group conference useful")).toEqual(
    yesPartlyNo(FGCS.map((f) => f.family.useful)),
  );
  expect(row(family, "deal with the worries")).toEqual(
    yesPartlyNo(FGCS.map((f) => f.family.concerns)),
  );

  // The page shows the same figures, and the comment with the relationship only.
  const page = await (await coordinator.request("/staff/summaries/fgc-family")).text();
  expect(page).toContain("3 people answered.");
  expect(page).toMatch(/The coordinator listened to all of us[\s\S]*?Grandmother/);
  const referrerPage = await (await coordinator.request("/staff/summaries/fgc-referrer")).text();
  expect(referrerPage).toContain("Returned to their parents");
  for (const [answer, [count, percent]] of row(referrer, "Where are they now")) {
    expect(referrerPage).toContain(
      `${answer}</th><td class="numeric">${count}</td><td class="numeric">${percent}</td>`,
    );
  }

  const young = await csvOf("fgc-young-person");
  const feltSafe = row(young, "safe");
  expect(feltSafe.get("Yes")).toEqual([2, 67]);
  expect(feltSafe.get("Sometimes")).toEqual([1, 33]);

  // Now the first FGC alone has three answers in all, but each form only one: still nothing.
  const own = await (
    await coordinator.request(`/staff/summaries/fgc-family?event=${firstReference}`)
  ).text();
  expect(own).toContain('class="body-l summary-too-few"');
  expect(own).not.toContain("summary-chart");
  expect(own).not.toContain("The coordinator listened to all of us");
}, 60_000);

test("a chair and another council's manager see none of it", async () => {
  const chair = await signedInVisitor(server.origin, "chair@westmoor.example");
  expect((await chair.request("/staff/summaries/fgc-family")).status).toBe(403);
  expect((await chair.request("/staff/summaries/fgc-referrer.csv")).status).toBe(403);
  const elsewhere = await signedInVisitor(
    server.origin,
    "manager@aberhaven.example",
    `aberhaven.localhost:${server.port}`,
  );
  const page = await (await elsewhere.request("/staff/summaries/fgc-family")).text();
  expect(page).not.toContain("The coordinator listened to all of us");
  expect(page).not.toContain("3 people answered.");
  const manager = await signedInVisitor(server.origin, "manager@westmoor.example");
  expect(await (await manager.request("/staff/summaries/fgc-family")).text()).toContain(
    "3 people answered.",
  );
}, 60_000);

test("after your review: children answer; their IRO and a manager see the summary, and urgent words at once", async () => {
  const iro = await signedInVisitor(server.origin, "iro@westmoor.example");
  const answers = ["yes", "yes", "sometimes"];
  for (const [index, goToReviews] of answers.entries()) {
    const sent = await iro.submit("/staff/invitations/new", {
      childName: `Child ${index + 1}`,
      age: "",
      formId: "after-your-review",
      language: "en",
      ...todayAs("reviewDate"),
    });
    const page = await (await iro.request(location(sent))).text();
    const code = /data-invitation-code[^>]*>\s*([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(page)![1]!;
    const child = await answerWithCode(code, {
      go: { goToReviews },
      "know-iro": { knowIro: "yes" },
      "get-on": { getOnWithIro: "yes" },
      listened: { feelListened: index === 0 ? "no" : "yes" },
      better: { couldBeBetter: "sometimes", couldBeBetterComment: "Shorter meetings please" },
      feel: {},
    });
    expect(child.formPath).toBe("/forms/after-your-review");
  }
  const table = tableOf(await (await iro.request("/staff/summaries/after-your-review.csv")).text());
  const go = [...table].find(([question]) => question === "Do you go to your reviews?")![1];
  expect(go.get("Answered this question")?.[0]).toBe(3);
  expect(go.get("Yes")).toEqual([2, 67]);
  expect(go.get("Sometimes")).toEqual([1, 33]);
  const listened = [...table].find(([question]) => question.startsWith("Do you feel listened"))![1];
  expect(listened.get("No")).toEqual([1, 33]);
  const page = await (await iro.request("/staff/summaries/after-your-review")).text();
  expect(page).toContain("3 people answered.");
  expect(page).toContain("Shorter meetings please");

  const manager = await signedInVisitor(server.origin, "manager@westmoor.example");
  expect(await (await manager.request("/staff/summaries/after-your-review")).text()).toContain(
    "3 people answered.",
  );
  // Another IRO reads the answers to their own invitations only: there are none yet.
  const other = await signedInVisitor(server.origin, "iro2@westmoor.example");
  const summaryPath = "/staff/summaries/after-your-review";
  const before = await (await other.request(summaryPath)).text();
  expect(before).not.toContain("Shorter meetings please");
  expect(before).not.toContain("3 people answered.");

  // One child of theirs writes words that may mean they are not safe: below the threshold the
  // figures stay hidden, but the words reach their IRO at once, and nobody else's IRO.
  const sent = await other.submit("/staff/invitations/new", {
    childName: "Kit",
    age: "",
    formId: "after-your-review",
    language: "en",
    ...todayAs("reviewDate"),
  });
  const invitationPage = await (await other.request(location(sent))).text();
  const code = /data-invitation-code[^>]*>\s*([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(invitationPage)![1]!;
  await answerWithCode(code, {
    go: { goToReviews: "no", goToReviewsComment: "My foster carer hits me" },
    feel: {},
  });
  const theirs = await (await other.request(summaryPath)).text();
  expect(theirs).toContain("1 person has answered");
  expect(theirs).toContain("Someone may not be safe");
  expect(theirs).toContain("My foster carer hits me");
  expect(await (await iro.request(summaryPath)).text()).not.toContain("My foster carer hits me");
  // The IRO's urgent email has no words of the child's, and its link opens on those words.
  const urgent = await emailTo("iro2@westmoor.example", /^Urgent/);
  expect(urgent.text).not.toContain("hits me");
  const [link] = linksIn(urgent.text);
  expect(link).toBe(summaryPath);
  expect(await (await other.request(link!)).text()).toContain("My foster carer hits me");
  expect(await (await manager.request(summaryPath)).text()).toContain("My foster carer hits me");
}, 60_000);
