// The PostgreSQL server goes away in the middle of visitors filling in and sending booklets
// (pg_ctl stop -m immediate: a crash), then comes back. While it is away every request gets the
// translated "try again shortly" page (503, never 500), a question page keeps what was typed in a
// form that posts it again, health says 503, and the process stays up. Once it is back the portal
// answers within 5 seconds and nothing acknowledged is missing. Runs on a throwaway cluster of
// its own, whichever database the rest of the suite uses.
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  acknowledged,
  attributesOf,
  Browser,
  CHECK_PATH,
  type Cluster,
  decodeHtml,
  draftOf,
  FORM_PATH,
  FULL,
  holdings,
  NoAnswer,
  Portal,
  type Reply,
  seconds,
  send,
  sleep,
  startCluster,
  submissionOf,
  TEST_TIMEOUT,
  word,
} from "./harness";

const VISITORS = FULL ? 8 : 4;
const OUTAGE_MS = FULL ? 8_000 : 3_000;
/** After the first answer, connection attempts begun during the restart may still fail. */
const SETTLE_MS = 2_000;

let cluster: Cluster | undefined;
let portal: Portal | undefined;

beforeAll(async () => {
  cluster = await startCluster();
  const url = await cluster.createDatabase("portal");
  portal = await Portal.create({ databaseUrl: url, env: { SEED_DEMO: "true" } });
  await portal.start();
}, 180_000);

afterAll(async () => {
  try {
    await portal?.dispose();
  } finally {
    await cluster?.dispose();
  }
}, 120_000);

const unavailableTitle = (language: string) => {
  const title = word(language, "common", "errors.unavailable.title");
  if (!title) throw new Error(`locales/${language}/common.json has no errors.unavailable.title`);
  return title;
};

/** Whether a page is the translated "unavailable" page in that language. */
const isUnavailablePage = (reply: Reply, language: string) =>
  reply.status === 503 &&
  new RegExp(`<html[^>]*\\blang="${language}"`).test(reply.html) &&
  decodeHtml(reply.html).includes(unavailableTitle(language));

type Seen = {
  started: number;
  ended: number;
  what: string;
  status: number | "no answer";
  unavailablePage: boolean;
};

type PostedForm = { action: string; fields: [string, string][]; button: string };

/** The forms on a page that post: their action, hidden fields and submit buttons' words. */
function postingForms(html: string): PostedForm[] {
  const forms: PostedForm[] = [];
  for (const [markup] of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const attributes = attributesOf(/^<form\b[^>]*>/i.exec(markup)![0]);
    if ((attributes.method ?? "get").toLowerCase() !== "post") continue;
    const fields: [string, string][] = [];
    const buttons: string[] = [];
    for (const [tag] of markup.matchAll(/<input\b[^>]*>/gi)) {
      const input = attributesOf(tag);
      const type = (input.type ?? "text").toLowerCase();
      if (type === "hidden" && input.name !== undefined)
        fields.push([input.name, input.value ?? ""]);
      if (type === "submit") buttons.push(input.value ?? "");
    }
    for (const [, attrs = "", content = ""] of markup.matchAll(
      /<button\b([^>]*)>([\s\S]*?)<\/button>/gi,
    )) {
      const type = (attributesOf(`<button${attrs}>`).type ?? "submit").toLowerCase();
      if (type === "submit") buttons.push(decodeHtml(content.replace(/<[^>]*>/g, "")).trim());
    }
    forms.push({ action: attributes.action ?? "", fields, button: buttons.join(" | ") });
  }
  return forms;
}

/**
 * What is wrong with a 503 page's "try again" form for a post of `posted` to `path`: it must
 * post to the same path and carry every posted field (name and value) in hidden inputs.
 */
function retryFormProblems(
  reply: Reply,
  path: string,
  posted: [string, string][],
  language: string,
): { problems: string[]; form?: PostedForm } {
  const problems: string[] = [];
  if (!isUnavailablePage(reply, language)) {
    problems.push(`not the ${language} unavailable page: ${reply.status}`);
  }
  const tryAgain = word(language, "common", "errors.unavailable.tryAgain");
  if (!tryAgain)
    problems.push(`locales/${language}/common.json has no errors.unavailable.tryAgain`);
  const form = postingForms(reply.html).find(
    (candidate) => new URL(candidate.action, `http://portal${path}`).pathname === path,
  );
  if (!form) {
    problems.push(`no form posting to ${path}`);
    return { problems };
  }
  const hidden = form.fields.map(([name, value]) => `${name}=${value}`);
  for (const [name, value] of posted) {
    const at = hidden.indexOf(`${name}=${value}`);
    if (at === -1) problems.push(`the field ${name}=${JSON.stringify(value)} is not kept`);
    else hidden.splice(at, 1);
  }
  if (tryAgain && !form.button.includes(tryAgain)) {
    problems.push(`its button says "${form.button}", not "${tryAgain}"`);
  }
  return { problems, form };
}

test(
  "database outage: 503 pages that keep what was typed, never a 500; back within 5 s, nothing lost",
  async () => {
    const began = Date.now();
    const site = portal!;
    const seen: Seen[] = [];
    const acked: { browser: Browser; at: number }[] = [];
    const odd: string[] = [];
    let stopLoad = false;

    /**
     * One request, as a visitor who presses again after a 503 or no answer (for a minute at
     * most); every attempt is recorded.
     */
    async function visit(what: string, go: () => Promise<Reply>, language = "en") {
      const giveUp = Date.now() + 60_000;
      for (;;) {
        const started = Date.now();
        let reply: Reply | undefined;
        try {
          reply = await go();
        } catch (error) {
          if (!(error instanceof NoAnswer)) throw error;
        }
        seen.push({
          started,
          ended: Date.now(),
          what,
          status: reply?.status ?? "no answer",
          unavailablePage: reply ? isUnavailablePage(reply, language) : false,
        });
        if (reply && (reply.status !== 503 || Date.now() > giveUp)) return reply;
        if (!reply && Date.now() > giveUp) throw new Error(`${what}: no answer for a minute`);
        await sleep(200);
      }
    }

    /** A visitor: start, page after page with only what is required, Send; again and again. */
    async function visitor(n: number) {
      while (!stopLoad) {
        const browser = new Browser(site);
        let reply = await visit("start", () => browser.post(FORM_PATH, {}));
        for (let pages = 0; reply.status === 302 && !reply.location!.endsWith("/check"); pages++) {
          const at = reply.location!;
          reply = await visit("page", () =>
            browser.post(at, {
              intent: "continue",
              name: `Visitor ${n}`,
              "share-with": "iro-only",
            }),
          );
        }
        if (reply.status !== 302) {
          odd.push(`visitor ${n}: ${reply.status} ${reply.html.slice(0, 200)}`);
          continue;
        }
        reply = await visit("send", () => send(browser));
        if (acknowledged(reply)) acked.push({ browser, at: Date.now() });
        else odd.push(`visitor ${n}: Send answered ${reply.status} ${reply.location ?? ""}`);
      }
    }

    // Before: a visitor who will type on a question page while the database is away.
    const typist = new Browser(site);
    const started = await typist.post(FORM_PATH, {});
    expect(started.location).toBe(`${FORM_PATH}/about-you`);
    const aboutYou = `${FORM_PATH}/about-you`;
    const whoCanSee = `${FORM_PATH}/who-can-see`;

    const load = Array.from({ length: VISITORS }, (_, n) => visitor(n));
    while (acked.length < VISITORS * 2 && Date.now() - began < 60_000) await sleep(50);
    const ackedBefore = acked.length;

    // The database goes away.
    await cluster!.stop("immediate");
    const down = Date.now();

    // A page that needs the database, in Welsh.
    const welsh = await typist.get(aboutYou, { "Accept-Language": "cy" });
    const welshPage = {
      status: welsh.status,
      lang: /<html[^>]*\blang="cy"/.test(welsh.html),
      title: decodeHtml(welsh.html).includes(unavailableTitle("cy")),
    };
    const health = await typist.get("/healthz");

    // The typist presses Continue on two pages (Welsh, then English) with awkward characters.
    const name = `Siân O'Brien & "Sunny" <Sam>`;
    const iroName = `Mrs Jones</form><script>alert(1)</script>`;
    const typed: [string, string][] = [
      ["intent", "continue"],
      ["name", name],
      ["iro-name", iroName],
      ["csrf", typist.csrf],
    ];
    const first = await typist.post(aboutYou, typed, { "Accept-Language": "cy" });
    const kept = retryFormProblems(first, aboutYou, typed, "cy");
    const chosen: [string, string][] = [
      ["intent", "continue"],
      ["share-with", "social-worker"],
      ["share-with", "carer"],
      ["csrf", typist.csrf],
    ];
    const second = await typist.post(whoCanSee, chosen);
    const keptChoices = retryFormProblems(second, whoCanSee, chosen, "en");
    const rawMarkup = ["<Sam>", "<script>alert(1)</script>"].filter((raw) =>
      first.html.includes(raw),
    );

    const untilBack = down + OUTAGE_MS - Date.now();
    if (untilBack > 0) await sleep(untilBack);
    const alive = site.running;

    // The database comes back: how long until the portal answers again?
    const restarting = Date.now();
    await cluster!.start();
    const ready = Date.now();
    let back = 0;
    let polls = 0;
    for (; Date.now() - ready < 30_000; polls++) {
      const reply = await typist.get(aboutYou).catch(() => undefined);
      if (reply?.status === 200) {
        back = Date.now();
        break;
      }
      await sleep(100);
    }
    const healthAfter = await typist.get("/healthz");

    // The typist presses "Try again" on both pages: the answers are saved. (Just after PostgreSQL
    // comes back, a connection attempt begun before may still fail: the 503 is then the same page
    // with the same form, and the typist presses again, as everyone else does.)
    const again: string[] = [];
    for (const [form, what, language] of [
      [kept.form, "about-you", "cy"],
      [keptChoices.form, "who-can-see", "en"],
    ] as const) {
      if (!form) continue;
      const reply = await visit(
        "try again",
        () => typist.post(form.action, form.fields, { "Accept-Language": language }),
        language,
      );
      if (reply.status !== 302) again.push(`${what}: ${reply.status}`);
    }
    const presses = seen.filter((s) => s.what === "try again").length;
    const savedPage = await visit("page", () => typist.get(aboutYou));
    const savedName = [...savedPage.html.matchAll(/<input\b[^>]*>/gi)]
      .map(([tag]) => attributesOf(tag))
      .find((input) => input.name === "name")?.value;
    // Then the pages between (nothing to say on them) up to the choices already made, and Send.
    let at = `${FORM_PATH}/about-me`;
    for (let pages = 0; pages < 30 && !/\/(who-can-see|check)$/.test(at); pages++) {
      const reply = await visit("page", () => typist.post(at, { intent: "continue" }));
      if (reply.status !== 302) break;
      at = reply.location!;
    }
    const checkPage = await visit("page", () => typist.get(CHECK_PATH));
    const typistSent = acknowledged(await visit("send", () => send(typist)));

    // The load carries on until the visitors have sent as many booklets again as there are of them.
    const recovered = back || Date.now();
    while (
      acked.filter((a) => a.at > recovered).length < VISITORS &&
      Date.now() - recovered < 60_000
    ) {
      await sleep(100);
    }
    stopLoad = true;
    await Promise.all(load);
    const ackedAfter = acked.filter((a) => a.at > recovered).length;

    // Nothing acknowledged is missing; the typist's answers arrived as typed.
    const held = await site.inspect(holdings);
    const lost = acked.filter(({ browser }) => !submissionOf(held, draftOf(browser)));
    const typistDraft = submissionOf(held, draftOf(typist));
    const during = seen.filter((s) => s.started >= down && s.ended <= restarting);
    const notUnavailable = during.filter((s) => !s.unavailablePage);
    const errors = seen.filter(
      (s) => s.status === "no answer" || (s.status >= 500 && s.status !== 503),
    );
    // How long a visitor waited for an answer to a request made while the database was away.
    const slowest = Math.max(
      0,
      ...seen
        .filter((s) => s.started >= down && s.started < restarting)
        .map((s) => s.ended - s.started),
    );
    // Once back, the portal stays up: no 503 to a request made after a short settling time.
    const afterBack = seen.filter((s) => back && s.started >= back && s.status === 503);
    const afterSettling = afterBack.filter((s) => s.started >= back + SETTLE_MS);

    console.log(
      `database outage: ${seen.length} requests by ${VISITORS} visitors and the typist; ` +
        `${ackedBefore} sent before, ${during.length} requests during the ${seconds(restarting - down)} ` +
        `outage (${during.length - notUnavailable.length} got the 503 page), ` +
        `${errors.length} 500s or no answer, slowest answer to a request made during the outage ` +
        `${seconds(slowest)}; portal back ${back ? seconds(back - ready) : "never"} ` +
        `after PostgreSQL was ready (${seconds((back || Date.now()) - restarting)} after pg_ctl start, ` +
        `${polls + 1} polls at 100 ms); ${afterBack.length} 503s after that ` +
        `(${afterSettling.length} after ${SETTLE_MS} ms); ${presses} presses of Try again ` +
        `for 2 forms; ${acked.length} acknowledged (${ackedAfter} after), ${lost.length} lost; ` +
        `typed answers kept: ` +
        `${kept.problems.length + keptChoices.problems.length === 0 ? "yes" : "no"}; ` +
        `${seconds(Date.now() - began)}`,
    );
    // Each check on its own (soft), so that one run shows every way the contract is missed.
    const context = `${site.output().slice(-4000)}\n--- PostgreSQL ---\n${cluster!.log().slice(-2000)}`;
    expect.soft(welshPage, "a page during the outage, in Welsh").toEqual({
      status: 503,
      lang: true,
      title: true,
    });
    expect.soft(health.status, "/healthz during the outage").toBe(503);
    expect.soft(kept.problems, `the 503 page of a question-page post:\n${first.html}`).toEqual([]);
    expect.soft(keptChoices.problems, `the 503 page of a multiple-choice post`).toEqual([]);
    expect.soft(rawMarkup, "what was typed is escaped").toEqual([]);
    expect.soft(alive, `the server process during the outage:\n${context}`).toBe(true);
    expect.soft(errors, `no 500 and no unanswered request:\n${context}`).toEqual([]);
    expect.soft(notUnavailable, "every request during the outage got the 503 page").toEqual([]);
    expect.soft(during.length, "the visitors kept trying during the outage").toBeGreaterThan(0);
    expect.soft(back, `the portal answered again:\n${context}`).toBeGreaterThan(0);
    expect
      .soft(back ? back - ready : Infinity, "time from PostgreSQL ready to the portal answering")
      .toBeLessThanOrEqual(5_000);
    expect.soft(healthAfter.status, "/healthz after the outage").toBe(200);
    expect
      .soft(afterSettling, `503s more than ${SETTLE_MS} ms after the portal answered again`)
      .toEqual([]);
    expect.soft(again, "posting the kept forms again").toEqual([]);
    expect.soft(savedName, "the name typed during the outage, saved").toBe(name);
    expect.soft(checkPage.status, "Check your answers").toBe(200);
    expect.soft(decodeHtml(checkPage.html), "Check your answers shows the name").toContain(name);
    expect.soft(typistSent).toBe(true);
    expect.soft(typistDraft, "the typist's booklet as typed").toMatchObject({
      sender_name: name,
      named_worker: iroName,
      may_also_see: ["social-worker", "carer"],
    });
    expect.soft(odd).toEqual([]);
    expect.soft(lost.length, "acknowledged submissions missing afterwards").toBe(0);
    expect.soft(held.halfWritten).toEqual([]);
  },
  TEST_TIMEOUT,
);
