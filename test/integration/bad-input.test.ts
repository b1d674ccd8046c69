// The bad-input matrix, over real HTTP: every route that takes a POST (found in app/routes), as
// a visitor or a member of staff who may use it, gets every form on its page posted with bad
// variants — empty, huge (just under and over the body limit), a NUL byte in every field,
// invalid UTF-8, 10,000 fields, the wrong content type, binary garbage. Not one answer may be a
// server error (≥ 500), and the server must still be up afterwards.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { findForm } from "#app/forms/registry";
import type { FormDefinition } from "#app/forms/types";
import { SETTINGS_TOPICS } from "#app/settings/topics";
import { londonDateOf } from "#app/utils/dates";
import { startServer, Visitor, type RunningServer } from "#test/support/server";
import { signedInVisitor } from "#test/support/staff-visitor";
import { formsOn, routesTakingPosts, type PostedForm } from "#test/support/bad-input";

const BODY_LIMIT = 64 * 1024;
const IMPORT_BODY_LIMIT = 256 * 1024;
const IMPORT_PATH = "/staff/representations/import";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    BODY_LIMIT: String(BODY_LIMIT),
    IMPORT_BODY_LIMIT: String(IMPORT_BODY_LIMIT),
    SIGN_IN_ADDRESS_LIMIT: "100000",
    CODE_ATTEMPT_LIMIT: "100000",
  });
}, 120_000);

afterAll(async () => {
  expect(await server?.stop("SIGTERM")).toBe(0);
});

const STAFF = {
  admin: "admin@westmoor.example",
  manager: "manager@westmoor.example",
  iro: "iro@westmoor.example",
  officer: "complaints@westmoor.example",
  advocacy: "advocacy@westmoor.example",
  chair: "chair@westmoor.example",
  fgc: "fgc@westmoor.example",
} as const;
type Role = keyof typeof STAFF;
/** `handedOver`: the chair first hands the device round for this conference. */
type Target = { path: string; role?: Role; page?: string; handedOver?: string };

const today = londonDateOf(new Date());
const [year, month, day] = today.split("-");
const dateAs = (name: string, date = { day, month, year }) => ({
  [`${name}-day`]: String(Number(date.day)),
  [`${name}-month`]: String(Number(date.month)),
  [`${name}-year`]: date.year!,
});

/** What each of these public forms needs to reach Check your answers. */
const ANSWERS: Record<string, Record<string, string>> = {
  "listen-to-me-11-18": { "share-with": "iro-only", name: "Alex" },
  "advocacy-request": {
    relationship: "child",
    childName: "Jordan",
    whatHappened: "I want to see my sister more",
    advocateContact: "Text 07700 900456",
    advocateConsent: "agree",
  },
  "have-your-say-child": {
    kind: "complaint",
    whatHappened: "Nobody told me the plan",
    advocate: "yes",
    advocateContact: "Text 07700 900123",
    advocateConsent: "agree",
    senderName: "Sam",
    replyBy: "email",
    replyEmail: "sam@example.com",
  },
};

/** Answers a public form page by page with what it needs, up to Check your answers. */
async function answerUpToCheck(visitor: Visitor, formId: string, answers: Record<string, string>) {
  let response = await visitor.submit(`/forms/${formId}`, {});
  let location = response.headers.get("location") ?? "";
  for (let pages = 0; !location.endsWith("/check"); pages++) {
    if (pages > 30 || response.status !== 302) throw new Error(`${formId} stopped at ${location}`);
    response = await visitor.submit(location, { intent: "continue", ...answers });
    location = response.headers.get("location") ?? "";
  }
}

async function sendForm(formId: string, answers: Record<string, string>) {
  const visitor = new Visitor(server.origin);
  await answerUpToCheck(visitor, formId, answers);
  const sent = await visitor.submit(`/forms/${formId}/check`, {});
  expect(sent.headers.get("location")).toBe(`/forms/${formId}/sent`);
}

const idsIn = (html: string, prefix: string) =>
  [...html.matchAll(new RegExp(`href="${prefix}/([0-9a-f-]{36})"`, "g"))].map((m) => m[1]!);

/** Real things to post about: a booklet in the shared inbox and one of the IRO's own, an
 * invitation, a complaint case and an advocacy referral. */
async function makeFixtures() {
  const manager = await signedInVisitor(server.origin, STAFF.manager);
  const shared = async () =>
    idsIn(await (await manager.request("/staff/inbox/iro?box=shared")).text(), "/staff/inbox/iro");
  const booklet = ANSWERS["listen-to-me-11-18"]!;
  await sendForm("listen-to-me-11-18", booklet);
  await sendForm("listen-to-me-11-18", booklet);
  const [sharedBooklet, ownBooklet] = await shared();
  const allocatePage = await (await manager.request(`/staff/inbox/iro/${ownBooklet}`)).text();
  const iroId = /<option value="([0-9a-f-]{36})"[^>]*>Priya Shah/.exec(allocatePage)?.[1];
  const allocateForm = formsOn(allocatePage, `/staff/inbox/iro/${ownBooklet}`)[0];
  const allocated = await manager.postFrom(`/staff/inbox/iro/${ownBooklet}`, allocatePage, {
    ...allocateForm?.fields,
    iroStaffUserId: iroId ?? "",
  });
  expect(allocated.status).toBe(302);

  const iro = await signedInVisitor(server.origin, STAFF.iro);
  const future = new Date(Date.now() + 30 * 86_400_000);
  const invitation = await iro.submit("/staff/invitations/new", {
    childName: "Robin",
    age: "",
    formId: "listen-to-me-11-18",
    language: "en",
    ...dateAs("reviewDate", {
      day: String(future.getUTCDate()),
      month: String(future.getUTCMonth() + 1),
      year: String(future.getUTCFullYear()),
    }),
  });
  const invitationId = /[0-9a-f-]{36}$/.exec(invitation.headers.get("location") ?? "")?.[0];

  const officer = await signedInVisitor(server.origin, STAFF.officer);
  const phoneCall = {
    kind: "complaint",
    contactMethod: "telephone",
    summary: "Nobody called back.",
    procedure: "statutory",
    category: "communication",
    serviceArea: "neighbourhood",
    madeBy: "other",
    senderName: "Ann Smith",
    childName: "Leo",
    lookedAfterChild: "no",
    replyMethod: "email",
    replyTo: "ann.smith@example.com",
    language: "en",
    advocacy: "offered",
    complimentStaffUserId: "",
    complimentTeamId: "",
    iroStaffUserId: "",
    ethnicity: "white",
    disability: "no",
    ...dateAs("receivedOn"),
  };
  const logged = await officer.submit("/staff/representations/new", phoneCall);
  const representationId = /[0-9a-f-]{36}/.exec(logged.headers.get("location") ?? "")?.[0];
  // A second complaint, at Stage 2 and closed as upheld, for the forms only such a case has
  // (who conducts the stage, what we changed).
  const upheld = await officer.submit("/staff/representations/new", phoneCall);
  const upheldId = /[0-9a-f-]{36}/.exec(upheld.headers.get("location") ?? "")?.[0];
  for (const [intent, fields] of [
    ["respond", dateAs("respond-on")],
    ["escalate", dateAs("escalate-requestedOn")],
    ["close", { "close-outcome": "upheld", ...dateAs("close-on") }],
  ] as const) {
    const done = await officer.submit(`/staff/representations/${upheldId}`, { intent, ...fields });
    expect(done.status, intent).toBe(302);
  }

  await sendForm("advocacy-request", ANSWERS["advocacy-request"]!);
  const provider = await signedInVisitor(server.origin, STAFF.advocacy);
  const [referralId] = idsIn(
    await (await provider.request("/staff/advocacy")).text(),
    "/staff/advocacy",
  );
  // A second one in touch, with what the child wanted: its page offers every form to the end.
  await sendForm("advocacy-request", ANSWERS["advocacy-request"]!);
  const [inTouchReferralId] = idsIn(
    await (await provider.request("/staff/advocacy")).text(),
    "/staff/advocacy",
  ).filter((id) => id !== referralId);
  const inTouchPath = `/staff/advocacy/${inTouchReferralId}`;
  for (const fields of [
    { intent: "accept" } as Record<string, string>,
    { intent: "contact", note: "", ...dateAs("firstContact") },
    { intent: "details", childStatus: "in-care", childWanted: "To see my sister more" },
  ]) {
    expect((await provider.submit(inTouchPath, fields)).status, fields.intent).toBe(302);
  }

  // A team with one person in it, so its page has every form (rename, add, remove).
  const admin = await signedInVisitor(server.origin, STAFF.admin);
  const teamId = /[0-9a-f-]{36}/.exec(
    (
      await admin.submit("/staff/settings/teams", { name: "Northgate Children's Team" })
    ).headers.get("location") ?? "",
  )?.[0];
  expect(
    (
      await admin.submit(`/staff/settings/teams/${teamId}`, {
        intent: "add-member",
        account: "",
        name: "Jo Bloggs",
        email: "jo.bloggs@westmoor.example",
      })
    ).status,
  ).toBe(302);

  // An account nobody else here signs in to, for its page's disable and enable buttons.
  const staffUserId = /href="\/staff\/users\/([0-9a-f-]{36})">Daniel Hughes</.exec(
    await (await admin.request("/staff/users")).text(),
  )?.[1];

  const chair = await signedInVisitor(server.origin, STAFF.chair);
  const conferenceId = /[0-9a-f-]{36}$/.exec(
    (
      await chair.submit("/staff/conferences/new?kind=child-protection", {
        ...dateAs("heldOn"),
        conferenceType: "initial",
      })
    ).headers.get("location") ?? "",
  )?.[0];

  const ids = {
    sharedBooklet,
    ownBooklet,
    invitationId,
    representationId,
    upheldId,
    referralId,
    inTouchReferralId,
  };
  for (const [name, id] of Object.entries({ ...ids, conferenceId, teamId, staffUserId })) {
    expect(String(id), name).toMatch(/^[0-9a-f-]{36}$/);
  }
  return { ...ids, conferenceId: conferenceId!, teamId: teamId!, staffUserId: staffUserId! };
}

/** Every public form (newest version), found from the forms folder. */
function publicForms(): FormDefinition[] {
  return fs
    .readdirSync("app/forms")
    .map((file) => findForm(file.replace(/\.ts$/, "")))
    .filter((form): form is FormDefinition => form !== undefined);
}

/** Where each route is posted to, and as whom. A new route must be added here to pass. */
function targetsFor(pattern: string, fixtures: Awaited<ReturnType<typeof makeFixtures>>): Target[] {
  const forms = publicForms();
  switch (pattern) {
    case "/*":
      return [{ path: "/no-such-page" }];
    case "/code":
    case "/track":
    case "/staff/sign-in":
      return [{ path: pattern }];
    case "/forms/:formId":
      return forms.map((form) => ({ path: `/forms/${form.id}` }));
    case "/forms/:formId/:pageId":
      return forms.flatMap((form) =>
        form.pages.map((page) => ({ path: `/forms/${form.id}/${page.id}` })),
      );
    case "/forms/:formId/check":
      return forms.map((form) => ({ path: `/forms/${form.id}/check` }));
    case "/forms/:formId/saved":
      return forms.map((form) => ({ path: `/forms/${form.id}/saved` }));
    case "/satisfaction/:token":
      return [{ path: `/satisfaction/${randomBytes(32).toString("base64url")}` }];
    case "/staff/advocacy/:id":
      return [
        { path: `/staff/advocacy/${fixtures.referralId}`, role: "advocacy" },
        { path: `/staff/advocacy/${fixtures.inTouchReferralId}`, role: "advocacy" },
      ];
    case "/staff/inbox/:destination/:id":
      return [
        { path: `/staff/inbox/iro/${fixtures.sharedBooklet}`, role: "manager" },
        { path: `/staff/inbox/iro/${fixtures.ownBooklet}`, role: "iro" },
      ];
    case "/staff/invitations/:id":
      return [{ path: `/staff/invitations/${fixtures.invitationId}`, role: "iro" }];
    case "/staff/invitations/new":
      return [{ path: pattern, role: "iro" }];
    case "/staff/reports/complaints":
    case "/staff/representations/new":
    case "/staff/representations/import":
      return [{ path: pattern, role: "officer" }];
    case "/staff/representations/:id":
      // The open case has the early forms; the upheld one at Stage 2 "conducted-by" and "lessons".
      return [
        { path: `/staff/representations/${fixtures.representationId}`, role: "officer" },
        { path: `/staff/representations/${fixtures.upheldId}`, role: "officer" },
      ];
    case "/staff/session":
    case "/staff/sign-out":
      return [{ path: pattern, role: "admin", page: "/staff" }];
    case "/staff/password":
      return [{ path: pattern, role: "manager" }];
    case "/staff/forgot-password":
      return [{ path: pattern }];
    case "/staff/sign-in/code":
    case "/staff/sign-in/set-up":
      // Without a right password first: read, checked, and sent back to sign in.
      return [{ path: pattern, page: "/staff/sign-in" }];
    case "/staff/reset-password/:token":
      return [{ path: `/staff/reset-password/${randomBytes(32).toString("base64url")}` }];
    case "/staff/users/:id":
      return [{ path: `/staff/users/${fixtures.staffUserId}`, role: "admin" }];
    case "/staff/users/new":
    case "/staff/settings/service-areas":
    case "/staff/settings/teams":
      return [{ path: pattern, role: "admin" }];
    case "/staff/settings/:topic":
      return SETTINGS_TOPICS.map((topic) => ({
        path: `/staff/settings/${topic.id}`,
        role: "admin",
      }));
    case "/staff/settings/service-areas/:key":
      return [{ path: "/staff/settings/service-areas/fostering", role: "admin" }];
    case "/staff/settings/teams/:id":
      return [{ path: `/staff/settings/teams/${fixtures.teamId}`, role: "admin" }];
    case "/staff/welcome/:token":
      // A link that works no more: the form is still checked before the link is.
      return [{ path: `/staff/welcome/${randomBytes(32).toString("base64url")}` }];
    case "/staff/conferences/new":
      return [
        { path: `${pattern}?kind=child-protection`, role: "chair" },
        { path: `${pattern}?kind=family-group`, role: "fgc" },
      ];
    case "/staff/conferences/:id/hand-over":
      return [
        {
          path: `/staff/conferences/${fixtures.conferenceId}/hand-over`,
          page: `/staff/conferences/${fixtures.conferenceId}`,
          role: "chair",
        },
      ];
    case "/hand-over":
      return [
        { path: pattern },
        { path: pattern, role: "chair", handedOver: fixtures.conferenceId },
      ];
    case "/staff/reviews":
      return [{ path: pattern, role: "iro" }];
    default:
      throw new Error(`the bad-input matrix does not know how to post to ${pattern}`);
  }
}

/** The bad variants of one form: each is a body and its content type. */
function variantsOf(form: PostedForm, limit: number) {
  const encode = (fields: [string, string][]) => new URLSearchParams(fields).toString();
  const visible = form.visible.length > 0 ? form.visible : ["field"];
  const keep = Object.entries(form.fields).filter(([name]) => !form.visible.includes(name));
  const withCsrf = (fields: [string, string][]) =>
    encode([["csrf", form.csrf], ...fields.filter(([name]) => name !== "csrf")]);
  const hugeOf = (size: number) => {
    const base = withCsrf([...keep, [visible[0]!, ""]]);
    return withCsrf([...keep, [visible[0]!, "a".repeat(Math.max(0, size - base.length))]]);
  };
  const nul = (value: string) => `${value.slice(0, 1) || "a"}\u0000${value.slice(1)}`;
  const all = Object.entries(form.fields);
  const formType = "application/x-www-form-urlencoded";
  const multipart = (fields: [string, string][]) => {
    const boundary = "----bad-input-boundary";
    const parts = fields.map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    return {
      body: `${parts.join("")}--${boundary}--\r\n`,
      type: `multipart/form-data; boundary=${boundary}`,
    };
  };
  const many = Array.from({ length: 10_000 }, (_, i) => [`f${i}`, "1"] as [string, string]);
  return [
    { name: "empty body", type: formType, body: "" },
    { name: "only the token", type: formType, body: withCsrf([]) },
    { name: "huge field, just under the limit", type: formType, body: hugeOf(limit - 64) },
    { name: "huge field, just over the limit", type: formType, body: hugeOf(limit + 64) },
    {
      name: "NUL in every visible field",
      type: formType,
      body: withCsrf([
        ...keep,
        ...visible.map((name) => [name, nul(form.fields[name] ?? "")] as [string, string]),
      ]),
    },
    {
      name: "NUL in every field",
      type: formType,
      body: withCsrf(all.map(([name, value]) => [name, name === "csrf" ? value : nul(value)])),
    },
    {
      name: "invalid UTF-8, percent-encoded",
      type: formType,
      body: `${withCsrf(keep)}&${visible.map((name) => `${encodeURIComponent(name)}=%FF%FE%C3%28`).join("&")}`,
    },
    {
      name: "invalid UTF-8, raw bytes",
      type: formType,
      body: Buffer.concat([
        Buffer.from(`${withCsrf(keep)}&${encodeURIComponent(visible[0]!)}=`),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      ]),
    },
    { name: "10,000 fields", type: formType, body: withCsrf([...keep, ...many]) },
    { name: "JSON", type: "application/json", body: JSON.stringify(form.fields) },
    { name: "multipart", ...multipart(all.map(([n, v]) => [n, nul(v)])) },
    {
      name: "broken multipart",
      type: "multipart/form-data; boundary=nothing-like-it",
      body: `--other\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${form.csrf}`,
    },
    { name: "text/plain", type: "text/plain", body: withCsrf(all) },
    { name: "binary garbage as a form", type: formType, body: randomBytes(4096) },
    { name: "binary garbage", type: "application/octet-stream", body: randomBytes(4096) },
  ];
}

test("every POST route × bad input: no server error, and the server is still up", async () => {
  const fixtures = await makeFixtures();
  const routes = routesTakingPosts(fs.readdirSync("app/routes"));
  expect(routes.length).toBeGreaterThanOrEqual(15);
  const failures: string[] = [];
  /** Forms whose action no variant reached: the matrix would not be testing them. */
  const unreached: string[] = [];
  let sent = 0;
  let formsPosted = 0;
  const statuses = new Map<number, number>();
  for (const pattern of routes) {
    for (const target of targetsFor(pattern, fixtures)) {
      // A visitor of their own for each target (signing out is one of the routes).
      const visitor = target.role
        ? await signedInVisitor(server.origin, STAFF[target.role])
        : new Visitor(server.origin);
      if (target.handedOver) {
        await visitor.submit(`/staff/conferences/${target.handedOver}/hand-over`, {});
      }
      if (target.path.startsWith("/forms/")) {
        // A draft, so the form's pages open.
        await visitor.submit(`/forms/${target.path.split("/")[2]}`, {});
      }
      const page = await (await visitor.request(target.page ?? target.path)).text();
      const csrf = visitor.cookie("__Host-csrf") ?? visitor.cookie("csrf") ?? "";
      const found = formsOn(page, target.path);
      const forms =
        found.length > 0 ? found : [{ csrf, fields: { csrf }, visible: [], action: target.path }];
      const limit = target.path === IMPORT_PATH ? IMPORT_BODY_LIMIT : BODY_LIMIT;
      for (const form of forms) {
        formsPosted++;
        let reached = false;
        for (const variant of variantsOf({ ...form, csrf: form.csrf || csrf }, limit)) {
          const response = await visitor.request(form.action, {
            method: "POST",
            body: typeof variant.body === "string" ? variant.body : new Uint8Array(variant.body),
            headers: variant.type ? { "Content-Type": variant.type } : {},
          });
          sent++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          await response.arrayBuffer();
          // The route's own action answered (not the token check, a sign-in or "not found").
          const location = response.headers.get("location") ?? "";
          // ("Page not found" is the catch-all route's own answer.)
          if (
            [200, 400].includes(response.status) ||
            (response.status === 302 && !location.startsWith("/staff/sign-in")) ||
            (pattern === "/*" && response.status === 404)
          )
            reached = true;
          if (response.status >= 500) {
            failures.push(
              `${response.status} ${form.action} (${target.role ?? "public"}): ${variant.name}`,
            );
          }
        }
        if (!reached) unreached.push(`${form.action} (${target.role ?? "public"})`);
      }
    }
  }
  // A NUL typed into every public answer, then Send: each page either keeps it or asks for it to
  // be put right (then the person types it again without), and Send works; never a server error.
  const CHOICES = ["share-with", "kind", "relationship", "replyBy", "advocate", "advocateConsent"];
  for (const [formId, answers] of Object.entries(ANSWERS)) {
    const child = new Visitor(server.origin);
    const withNul = Object.fromEntries(
      Object.entries(answers).map(([name, value]) => [
        name,
        CHOICES.includes(name) ? value : `${value}\u0000`,
      ]),
    );
    const count = (response: Response, what: string) => {
      sent++;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) failures.push(`${response.status} ${what}: NUL answers`);
      return response;
    };
    let response = count(await child.submit(`/forms/${formId}`, {}), `/forms/${formId}`);
    let location = response.headers.get("location") ?? "";
    for (
      let pages = 0;
      location.startsWith(`/forms/${formId}/`) && !location.endsWith("/check");
      pages++
    ) {
      if (pages > 30) break;
      response = count(await child.submit(location, { intent: "continue", ...withNul }), location);
      if (response.status === 400) {
        response = count(
          await child.submit(location, { intent: "continue", ...answers }),
          location,
        );
      }
      location = response.headers.get("location") ?? "";
    }
    expect(location, `${formId} reached Check your answers`).toBe(`/forms/${formId}/check`);
    const send = count(await child.submit(location, {}), location);
    if (send.headers.get("location") !== `/forms/${formId}/sent`) {
      failures.push(`${send.status} ${location}: Send after NUL answers did not send`);
    }
  }
  console.log(
    `bad-input matrix: ${sent} requests to ${routes.length} routes (${formsPosted} forms), ` +
      `${failures.length} answered 500 or more; by status: ` +
      [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(", "),
  );
  expect(server.process.exitCode).toBeNull();
  expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
  expect((await new Visitor(server.origin).request("/")).status).toBe(200);
  // The server's own account of each failure (a missing word names its key).
  const errors = server.output().match(/^\w*Error: .*$/gm) ?? [];
  expect({ failures, errors: [...new Set(errors)] }).toEqual({ failures: [], errors: [] });
  expect(unreached).toEqual([]);
}, 600_000);
