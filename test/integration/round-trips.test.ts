// How many times a child's browser waits on the database: a "Send" and a question page inside a
// draft, counted as round trips. Every statement the portal sends is counted; statements sent
// while another is still on its way (pipelined, or in one Promise.all) share its round trip, and
// a transaction's BEGIN and COMMIT count one each. The limits: a Send in at most 5, a page view in
// at most 2 (a hosted database 20 ms away makes each one felt).
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import { findForm } from "#app/forms/registry";
import { organisationForHost, type Organisation } from "#app/models/organisation.server";
import { saveAnswers, startDraft } from "#app/models/draft.server";
import { cookieNameOf } from "#app/privacy/cookies";
import { loader as rootLoader } from "#app/root";
import { loader as pageLoader } from "#app/routes/forms.$formId.$pageId";
import { action as sendAction } from "#app/routes/forms.$formId.check";
import { inviteChild } from "#test/support/invitations";

const SEND_LIMIT = 5;
const PAGE_VIEW_LIMIT = 2;

/** Counts round trips: a statement sent when none is on its way starts a new one. */
class RoundTrips {
  count = 0;
  statements: string[] = [];
  private inFlight = 0;

  /** A statement that is waited for on its own (BEGIN, COMMIT). */
  alone(text: string) {
    this.count++;
    this.statements.push(`#${this.count} ${text}`);
  }

  track<T>(text: string, send: () => PromiseLike<T>): Promise<T> {
    if (this.inFlight === 0) this.count++;
    this.statements.push(`#${this.count} ${text.replace(/\s+/g, " ").slice(0, 120)}`);
    this.inFlight++;
    return Promise.resolve(send()).finally(() => this.inFlight--);
  }

  reset() {
    this.count = 0;
    this.statements = [];
  }
}

const trips = new RoundTrips();

type AnyFunction = (...args: unknown[]) => unknown;

/** A client that answers like `target`, but runs the named methods through `wrap`. */
function withMethods<T extends object>(target: T, methods: Record<string, AnyFunction>): T {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === "string" && property in methods) return methods[property];
      const value = Reflect.get(object, property) as unknown;
      return typeof value === "function" ? (value as AnyFunction).bind(object) : value;
    },
  });
}

/** PGlite: `query` and `exec` are statements; `transaction` adds its BEGIN and COMMIT. */
function countedPglite<T extends object>(client: T): T {
  const real = client as unknown as Record<string, AnyFunction>;
  return withMethods(client, {
    query: (...args) =>
      trips.track(String(args[0]), () => real.query!(...args) as Promise<unknown>),
    exec: (...args) => trips.track(String(args[0]), () => real.exec!(...args) as Promise<unknown>),
    transaction: (work) => {
      trips.alone("begin");
      return real.transaction!(async (tx: object) => {
        const result = await (work as AnyFunction)(countedPglite(tx));
        trips.alone("commit");
        return result;
      }) as Promise<unknown>;
    },
  });
}

/** postgres.js: `unsafe` runs a statement when awaited; `begin` adds BEGIN and COMMIT. */
function countedPostgres<T extends object>(client: T): T {
  const real = client as unknown as Record<string, AnyFunction>;
  return withMethods(client, {
    unsafe: (...args) => {
      const query = real.unsafe!(...args) as PromiseLike<unknown> & Record<string, unknown>;
      const then = query.then.bind(query);
      query.then = ((resolve?: AnyFunction, reject?: AnyFunction) =>
        trips
          .track(String(args[0]), () => ({ then }) as PromiseLike<unknown>)
          .then(resolve, reject)) as typeof query.then;
      return query;
    },
    begin: (...args) => {
      const work = args.at(-1) as AnyFunction;
      trips.alone("begin");
      return real.begin!(...args.slice(0, -1), async (tx: object) => {
        const result = await work(countedPostgres(tx));
        trips.alone("commit");
        return result;
      }) as Promise<unknown>;
    },
  });
}

let restore: (() => void) | undefined;

beforeAll(() => {
  // The test file's own database (test/support/setup-file.ts), its driver wrapped in a counter.
  const session = (db() as unknown as { session: { client: object } }).session;
  const original = session.client;
  session.client =
    "unsafe" in original && "begin" in original
      ? countedPostgres(original)
      : countedPglite(original);
  restore = () => (session.client = original);
});

afterAll(() => restore?.());

const booklet = findForm("listen-to-me-11-18")!;
const CSRF = "c".repeat(43);

async function westmoor(): Promise<Organisation> {
  const organisation = await organisationForHost("localhost");
  if (!organisation) throw new Error("no council");
  return organisation;
}

function contextFor(organisation: Organisation): AppLoadContext {
  return {
    csrfToken: CSRF,
    clientAddress: "192.0.2.10",
    organisation,
    production: false,
    signInAddressLimit: 100,
    formHasErrors: false,
  };
}

/** A child invited by their IRO, with their booklet filled in to the end. */
async function filledBooklet(organisation: Organisation) {
  const invitation = await inviteChild(organisation.id, "iro@westmoor.example", booklet.id);
  const { draft, token } = await startDraft({
    organisationId: organisation.id,
    form: booklet,
    language: "en",
    invitationId: invitation.id,
  });
  await saveAnswers(draft, {
    "talk-about": "My contact with Mum",
    advocate: "yes",
    "share-with": ["social-worker"],
  });
  return { draft, token };
}

function draftCookie(token: string) {
  return `${cookieNameOf("draft", false, booklet.id)}=${token}; csrf=${CSRF}`;
}

/** What the statements were, when a limit is passed (to see which to take out). */
const listed = () => `\n${trips.statements.join("\n")}\n`;

describe("round trips to the database", () => {
  test(`a question page inside a draft: at most ${PAGE_VIEW_LIMIT}`, async () => {
    const organisation = await westmoor();
    const { token } = await filledBooklet(organisation);
    const pageId = booklet.pages[1]!.id;
    const url = `http://localhost/forms/${booklet.id}/${pageId}`;
    const request = new Request(url, { headers: { Cookie: draftCookie(token) } });
    const args = {
      request,
      params: { formId: booklet.id, pageId },
      context: contextFor(organisation),
    };
    trips.reset();
    // Remix runs the root's loader and the page's side by side.
    const [root, page] = await Promise.all([rootLoader(args), pageLoader(args)]);
    const count = trips.count;
    expect(root.council.name).toBe(organisation.name);
    expect(page.pageId).toBe(pageId);
    console.info(`page view: ${count} round trips${listed()}`);
    expect(count, listed()).toBeLessThanOrEqual(PAGE_VIEW_LIMIT);
  });

  test(`"Send": at most ${SEND_LIMIT}`, async () => {
    const organisation = await westmoor();
    const { draft, token } = await filledBooklet(organisation);
    const request = new Request(`http://localhost/forms/${booklet.id}/check`, {
      method: "POST",
      headers: {
        Cookie: draftCookie(token),
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ csrf: CSRF }),
    });
    trips.reset();
    const response = await sendAction({
      request,
      params: { formId: booklet.id },
      context: contextFor(organisation),
    }).catch((thrown: unknown) => thrown);
    const count = trips.count;
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("location")).toBe(`/forms/${booklet.id}/sent`);
    const sent = await db()
      .select()
      .from(schema.submission)
      .where(eq(schema.submission.draftId, draft.id));
    expect(sent).toHaveLength(1);
    console.info(`send: ${count} round trips${listed()}`);
    expect(count, listed()).toBeLessThanOrEqual(SEND_LIMIT);
  });
});
