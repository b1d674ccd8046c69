// The complaints officer's pages over real HTTP: the queue, logging a phone call, and every step
// of a complaint's life (classify, assign, acknowledge, extend, respond, escalate, close), each
// showing in the case's history; and who may not see any of it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stageDeadline } from "#app/complaints/clock";
import { formatDay } from "#app/utils/dates";
import { calendarFor } from "#app/utils/working-days";
import { londonDateOf } from "#app/utils/dates";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { PHONE_COMPLAINT, signedInVisitor, todayAs } from "#test/support/staff-visitor";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const signedIn = (email: string, host?: string) => signedInVisitor(server.origin, email, host);

const today = londonDateOf(new Date());
const calendar = calendarFor("england-and-wales");
const longDate = (iso: string) => formatDay(iso, "en", "long");
const html = (text: string) => text.replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

/** Every id on a page once only (labels, hints and error summary links depend on it). */
function expectUniqueIds(page: string) {
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
}

let casePath = "";
let reference = "";

describe("the complaints officer", () => {
  test("sees the queue, with a way to log a letter or call", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const response = await officer.request("/staff/representations");
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("<h1");
    expect(page).toContain("Comments, compliments and complaints");
    expect(page).toContain('href="/staff/representations/new"');
    expect(page).toContain("Log a letter, call or visit");
    expect(page).toContain('href="/staff/representations?show=closed"');
    expect(page).toContain('href="/staff/reports/complaints"');
    expect(page).toContain('href="/staff/representations/import"');
  });

  test("a bad phone log comes back with the problems and everything typed", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    expect((await officer.request("/staff/representations/new")).status).toBe(200);
    const response = await officer.submit("/staff/representations/new", {
      ...PHONE_COMPLAINT,
      summary: "",
      replyTo: "not-an-email",
      lookedAfterChild: "",
      "receivedOn-day": "31",
      "receivedOn-month": "2",
      "receivedOn-year": "2026",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(/<title>Error: /);
    expect(page).toContain("There is a problem");
    expect(page).toContain('href="#field-receivedOn"');
    expect(page).toContain('href="#field-summary"');
    expect(page).toContain('href="#field-lookedAfterChild"');
    expect(page).toContain('href="#field-replyTo"');
    expect(page).toContain("The date must be a real date");
    expect(page).toContain("Write down what they said");
    expect(page).toContain("Enter an email address in the right format");
    // Nothing typed is lost.
    expect(page).toContain('value="Ann Smith"');
    expect(page).toContain('value="Leo"');
    expect(page).toContain('value="not-an-email"');
    expect(page).toContain('value="31"');
    expect(page).toMatch(/<input [^>]*checked="" value="telephone"/);
    expect(page).toMatch(/<input [^>]*checked="" value="complaint"/);
    expect(page).toMatch(/<option value="communication" selected="">/);
    expect(page).toMatch(/<input [^>]*checked="" value="offered"/);
    expectUniqueIds(page);
  });

  test("logs a phone complaint, which opens as a case with a 10-working-day clock", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const response = await officer.submit("/staff/representations/new", {
      ...PHONE_COMPLAINT,
      ...todayAs("receivedOn"),
    });
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/staff\/representations\/[0-9a-f-]{36}\?done=logged$/);
    casePath = location.replace(/\?.*$/, "");

    const page = await (await officer.request(location)).text();
    expect(page).toContain("Saved");
    reference = /Complaint (HYS-[A-Z0-9]{6})/.exec(page)?.[1] ?? "";
    expect(reference).not.toBe("");
    expect(page).toContain(html(PHONE_COMPLAINT.summary));
    expect(page).toContain("Phone call");
    expect(page).toContain("Stage 1: local resolution");
    const due = stageDeadline(calendar, { procedure: "statutory", stage: 1, startedOn: today });
    expect(page).toContain(longDate(due));
    expect(page).toContain("Logged");
    expect(page).toContain("Sam Jones");

    const queue = await (await officer.request("/staff/representations")).text();
    expect(queue).toContain(`href="${casePath}"`);
    expect(queue).toContain(reference);
    expect(queue).toMatch(/On track|Due soon/);
  });

  test("classify with nothing chosen lists its problems in the order of the fields", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const response = await officer.submit(casePath, {
      intent: "classify",
      "classify-kind": "complaint",
      "classify-lookedAfterChild": "yes",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    const summary = page.slice(page.indexOf("error-summary__list"));
    const listed = [...summary.matchAll(/href="#(field-classify-[\w-]+)"/g)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThan(2);
    // Where each listed field is on the page, after the summary: always further down.
    const form = page.slice(page.indexOf("error-summary__list") + 1);
    const positions = listed.map((id) => form.search(new RegExp(`id="${id}(--[\\w-]+)?"`)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  test("takes the complaint through every step, each one in the history", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const step = async (intent: string, fields: Record<string, string>) => {
      const response = await officer.submit(casePath, { intent, ...fields });
      expect(response.status, `${intent}: ${await response.clone().text()}`).toBe(302);
      expect(response.headers.get("location")).toBe(`${casePath}?done=${intent}`);
      return (await officer.request(`${casePath}?done=${intent}`)).text();
    };

    let page = await step("classify", {
      "classify-kind": "complaint",
      "classify-procedure": "statutory",
      "classify-category": "professional-conduct",
      "classify-serviceArea": "children-in-care",
      "classify-madeBy": "other",
      "classify-contactMethod": "telephone",
      "classify-lookedAfterChild": "no",
      "classify-iroStaffUserId": "",
      "classify-ethnicity": "white",
      "classify-disability": "no",
      "classify-complimentStaffUserId": "",
      "classify-complimentTeamId": "",
      "classify-note": "Checked the details with Ann on the phone.",
    });
    expect(page).toContain("Details confirmed");
    expectUniqueIds(page);
    expect(page).toContain("Checked the details with Ann on the phone.");
    expect(page).toContain("Professional conduct");
    expect(page).toContain("Children in care");

    const helen = /<option value="([0-9a-f-]{36})">Helen Price<\/option>/.exec(page)?.[1];
    expect(helen).toBeDefined();
    page = await step("assign", {
      "assign-responderStaffUserId": helen!,
      "assign-responderTeamId": "",
      "assign-note": "",
    });
    expect(page).toContain("Assigned to answer");
    expect(page).toContain("Person answering:</span> Helen Price");

    // The person answering it may read the case, but not change it.
    const manager = await signedIn("manager@westmoor.example");
    const asResponder = await manager.request(casePath);
    expect(asResponder.status).toBe(200);
    const readOnly = await asResponder.text();
    expect(readOnly).toContain("You have been asked to answer this");
    expect(readOnly).toContain(html(PHONE_COMPLAINT.summary));
    expect(readOnly).not.toContain('name="intent"');
    const managerPost = await manager.submit(casePath, { intent: "note", "note-note": "Hi" });
    expect(managerPost.status).toBe(403);

    page = await step("acknowledge", { ...todayAs("acknowledge-on"), "acknowledge-note": "" });
    expect(page).toContain("Acknowledged");

    // An extension needs a reason: the problem is shown against that form, with the date kept.
    const noReason = await officer.submit(casePath, {
      intent: "extend",
      "extend-reason": " ",
      ...todayAs("extend-agreedOn"),
    });
    expect(noReason.status).toBe(400);
    const noReasonPage = await noReason.text();
    expect(noReasonPage).toContain('href="#field-extend-reason"');
    expect(noReasonPage).toContain("Enter the reason for the extension");
    expect(noReasonPage).toMatch(/<details [^>]*id="field-extend" open=""/);
    expectUniqueIds(noReasonPage);

    page = await step("extend", {
      "extend-reason": "Waiting to meet the family.",
      ...todayAs("extend-agreedOn"),
      "extend-note": "",
    });
    const extended = stageDeadline(calendar, {
      procedure: "statutory",
      stage: 1,
      startedOn: today,
      extended: true,
    });
    expect(extended).toBe(calendar.addWorkingDays(today, 20));
    expect(page).toContain("Deadline extended");
    expect(page).toContain(longDate(extended));
    expect(page).toContain("Waiting to meet the family.");
    // A stage is extended once: the form is gone.
    expect(page).not.toContain('id="field-extend"');

    page = await step("respond", { ...todayAs("respond-on"), "respond-note": "" });
    expect(page).toContain("Response sent");

    page = await step("escalate", {
      ...todayAs("escalate-requestedOn"),
      "escalate-note": "Ann is not happy with the response.",
    });
    expect(page).toContain("Moved to the next stage");
    expect(page).toContain("Stage 2: formal investigation");
    const stage2 = stageDeadline(calendar, { procedure: "statutory", stage: 2, startedOn: today });
    expect(page).toContain(longDate(stage2));

    page = await step("close", {
      "close-outcome": "partly-upheld",
      ...todayAs("close-on"),
      "close-note": "",
    });
    expect(page).toContain("Closed");
    expect(page).toContain("Partly upheld");
    for (const what of [
      "Logged",
      "Details confirmed",
      "Assigned to answer",
      "Acknowledged",
      "Deadline extended",
      "Response sent",
      "Moved to the next stage",
    ]) {
      expect(page).toContain(`<th scope="row">${what}</th>`);
    }

    // A closed case cannot be changed again; the model's problem is shown against the form.
    const again = await officer.submit(casePath, {
      intent: "acknowledge",
      ...todayAs("acknowledge-on"),
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This case is closed");

    const open = await (await officer.request("/staff/representations")).text();
    expect(open).not.toContain(reference);
    const closed = await (await officer.request("/staff/representations?show=closed")).text();
    expect(closed).toContain(reference);
  });

  test("after closing: who investigated, the Ombudsman's decision and what we changed", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const step = async (intent: string, fields: Record<string, string>) => {
      const response = await officer.submit(casePath, { intent, ...fields });
      expect(response.status, `${intent}: ${await response.clone().text()}`).toBe(302);
      expect(response.headers.get("location")).toBe(`${casePath}?done=${intent}`);
      return (await officer.request(`${casePath}?done=${intent}`)).text();
    };
    const refused = async (intent: string, fields: Record<string, string>) => {
      const response = await officer.submit(casePath, { intent, ...fields });
      expect(response.status, intent).toBe(400);
      const page = await response.text();
      expect(page).toMatch(new RegExp(`<details [^>]*id="field-${intent}" open=""`));
      expectUniqueIds(page);
      return page;
    };

    // The case is at Stage 2, closed as partly upheld: every one of these forms is offered.
    let page = await (await officer.request(casePath)).text();
    expect(page).toContain("Record the independent investigator");
    expect(page).toContain("Record a referral to the Local Government and Social Care Ombudsman");
    expect(page).toContain("Record what we changed");

    // Too long: the message, and everything typed kept.
    const long = "Pat Lee ".repeat(26);
    let bad = await refused("conducted-by", {
      "conducted-by-conductedBy": long,
      "conducted-by-note": "Kept note",
    });
    expect(bad).toContain("This must be 200 characters or fewer");
    expect(bad).toContain('href="#field-conducted-by-conductedBy"');
    expect(bad).toContain(`value="${long}"`);
    expect(bad).toContain("Kept note");
    page = await step("conducted-by", {
      "conducted-by-conductedBy": "Pat Lee, independent investigator",
      "conducted-by-note": "",
    });
    expect(page).toContain("Who conducts this stage has been recorded.");
    expect(page).toContain("Independent investigator (Stage 2");
    expect(page).toContain("Pat Lee, independent investigator");
    expect(page).toContain("Investigator, panel or reviewer recorded");

    // A decision that is not one of the Ombudsman's: refused, the date kept.
    bad = await refused("ombudsman", {
      ...todayAs("ombudsman-on"),
      "ombudsman-outcome": "guilty",
    });
    expect(bad).toContain("Choose what the Ombudsman decided, or Not decided yet");
    expect(bad).toContain(`value="${Number(today.slice(8))}"`);
    page = await step("ombudsman", { ...todayAs("ombudsman-on"), "ombudsman-outcome": "" });
    expect(page).toContain("Referred to the Local Government and Social Care Ombudsman");
    expect(page).toContain("Not decided yet");
    expect(page).toContain("Record what the Local Government and Social Care Ombudsman decided");
    page = await step("ombudsman", {
      ...todayAs("ombudsman-on"),
      "ombudsman-outcome": "fault-and-injustice",
    });
    expect(page).toContain("Investigated: fault causing injustice");
    expect(page).not.toContain('id="field-ombudsman"');

    // What we changed: needed, then kept on the case and listed in its facts.
    bad = await refused("lessons", { "lessons-lessonsLearnt": "   " });
    expect(bad).toContain("Enter what the council changed");
    page = await step("lessons", {
      "lessons-lessonsLearnt": "Call-backs are now logged and checked by the duty manager.",
    });
    expect(page).toContain("What we changed has been recorded.");
    expect(page).toContain("Call-backs are now logged and checked by the duty manager.");
    expect(page).toContain(`<th scope="row">What we changed recorded</th>`);
    expectUniqueIds(page);

    // Another role may not record any of it.
    const manager = await signedIn("manager@westmoor.example");
    for (const [intent, fields] of [
      ["conducted-by", { "conducted-by-conductedBy": "Intruder" }],
      ["lessons", { "lessons-lessonsLearnt": "Intruder" }],
      ["ombudsman", { ...todayAs("ombudsman-on"), "ombudsman-outcome": "no-fault" }],
    ] as const) {
      expect((await manager.submit(casePath, { intent, ...fields })).status, intent).toBe(403);
    }
    expect(await (await officer.request(casePath)).text()).not.toContain("Intruder");
  });

  test("a form posted without its anti-forgery token is refused", async () => {
    const officer = await signedIn("complaints@westmoor.example");
    const response = await officer.submit(
      casePath,
      { intent: "note", "note-note": "Should not be saved" },
      false,
    );
    expect(response.status).toBe(403);
    const log = await officer.submit(
      "/staff/representations/new",
      { ...PHONE_COMPLAINT, ...todayAs("receivedOn") },
      false,
    );
    expect(log.status).toBe(403);
    const page = await (await officer.request(casePath)).text();
    expect(page).not.toContain("Should not be saved");
  });
});

describe("who may not see the queue or a case", () => {
  // The manager answered Stage 1; a new stage has nobody answering it yet, so they no longer see it.
  test.each(["iro@westmoor.example", "manager@westmoor.example"])(
    "%s: 403 for the queue and the log form, 404 for the case",
    async (email) => {
      const visitor = await signedIn(email);
      expect((await visitor.request("/staff/representations")).status).toBe(403);
      expect((await visitor.request("/staff/representations/new")).status).toBe(403);
      expect((await visitor.request(casePath)).status).toBe(404);
      const post = await visitor.submit(casePath, { intent: "note", "note-note": "Hello" });
      expect(post.status).toBe(403);
    },
  );

  test("the complaints officer of another council gets 404 for the case", async () => {
    const visitor = await signedIn("complaints@aberhaven.example", "aberhaven.localhost");
    const queue = await visitor.request("/staff/representations");
    expect(queue.status).toBe(200);
    expect(await queue.text()).not.toContain(reference);
    expect((await visitor.request(casePath)).status).toBe(404);
    const post = await visitor.submit(casePath, { intent: "note", "note-note": "Hello" });
    expect(post.status).toBe(404);
  });

  test("signed out, the queue sends you to sign in", async () => {
    const response = await new Visitor(server.origin).request("/staff/representations");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/staff\/sign-in\?/);
  });
});
