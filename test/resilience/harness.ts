// What the resilience tests share: a small browser over HTTP, a portal server on a database of
// its own that can be killed and started again, complete drafts made over HTTP or through the
// app's models, plain SQL on the server's database, and a throwaway PostgreSQL cluster.
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { and, eq } from "drizzle-orm";
import { db, openDatabase, schema, setDatabase, type OpenDatabase } from "#db/client";
import { DEMO_PASSWORD } from "#db/seed";
import { findForm } from "#app/forms/registry";
import type { Answers } from "#app/forms/types";
import { readPage, visiblePages } from "#app/forms/engine";
import { draftTokenHash, formContextOf, saveAnswers, startDraft } from "#app/models/draft.server";
import { createInvitation } from "#app/models/invitation.server";
import {
  createServerDatabase,
  dropServerDatabase,
  serverUrl,
  snapshotPath,
} from "#test/support/databases";
import { ensureBuilt, spawnServer, type RunningServer } from "#test/support/server";
import { isSealed, unseal } from "#app/utils/secrets.server";

const run = promisify(execFile);

/** `npm run test:resilience` sets RESILIENCE=full: more trials, more drafts, longer limits. */
export const FULL = process.env.RESILIENCE === "full";
export const TEST_TIMEOUT = FULL ? 600_000 : 180_000;
export const databaseKind = serverUrl ? "PostgreSQL" : "PGlite";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `work` over the items with at most `concurrency` at once, in order of the list. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

// Words ---------------------------------------------------------------------------------------

/** A word from locales/<language>/<namespace>.json by its dotted key (undefined if missing). */
export function word(language: string, namespace: string, key: string): string | undefined {
  const file = path.resolve("locales", language, `${namespace}.json`);
  let node: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const part of key.split(".")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === "string" ? node : undefined;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** HTML text (or an attribute value) as a reader sees it. */
export function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return String.fromCodePoint(code);
    }
    if (name === "nbsp") return "\u00a0";
    return NAMED[name.toLowerCase()] ?? entity;
  });
}

/** The attributes of one start tag, values decoded. */
export function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const body = tag.replace(/^<[a-z0-9]+/i, "").replace(/\/?>$/, "");
  for (const match of body.matchAll(
    /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g,
  )) {
    attributes[match[1]!.toLowerCase()] = decodeHtml(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

/** The reference shown on a confirmation page ("LTM-7KQ4X2"), if any. */
export function referenceOn(html: string): string | undefined {
  return /class="reference"[^>]*>\s*([A-Z]+-[A-Z0-9]+)\s*</.exec(html)?.[1];
}

// A browser -------------------------------------------------------------------------------------

/** Where a browser sends its requests; a restarted server has a new port. */
export type Site = { readonly origin: string };

export class NoAnswer extends Error {
  constructor(
    readonly pathname: string,
    readonly reason: string,
  ) {
    super(`no answer to ${pathname}: ${reason}`);
    this.name = "NoAnswer";
  }
}

export type Reply = {
  status: number;
  location: string | null;
  html: string;
  headers: http.IncomingHttpHeaders;
};

/**
 * A connection per request: a kept-alive socket that the server closes just as it is reused
 * would look like a server that did not answer.
 */
const agent = new http.Agent({ keepAlive: false, maxSockets: 256 });

/** Production cookie names (the servers run with NODE_ENV=production). */
export const CSRF_COOKIE = "__Host-csrf";
export const draftCookieName = (formId: string) => `__Host-draft-${formId}`;

/**
 * A browser without JavaScript: keeps its cookies, never follows redirects, and posts forms with
 * the CSRF token its cookie holds (a fresh browser has one, as after any first page).
 */
export class Browser {
  readonly cookies: Map<string, string>;
  constructor(
    public site: Site,
    options: { cookies?: Map<string, string>; language?: string } = {},
  ) {
    this.cookies =
      options.cookies ?? new Map([[CSRF_COOKIE, randomBytes(32).toString("base64url")]]);
    this.language = options.language;
  }
  language: string | undefined;

  /** Another tab: a copy of the cookies as they are now. */
  clone(): Browser {
    return new Browser(this.site, { cookies: new Map(this.cookies), language: this.language });
  }

  /** The same browser (same cookie jar) visiting another server. */
  on(site: Site): Browser {
    return new Browser(site, { cookies: this.cookies, language: this.language });
  }

  get csrf(): string {
    return this.cookies.get(CSRF_COOKIE) ?? "";
  }

  get(pathname: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request("GET", pathname, undefined, headers);
  }

  /** Posts a form; `csrf` is added from the cookie unless the fields carry their own. */
  post(
    pathname: string,
    fields: Record<string, string | string[]> | [string, string][] = {},
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const body = new URLSearchParams();
    const pairs = Array.isArray(fields)
      ? fields
      : Object.entries(fields).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
        );
    for (const [name, value] of pairs) body.append(name, value);
    if (!body.has("csrf")) body.append("csrf", this.csrf);
    return this.request("POST", pathname, body.toString(), {
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    });
  }

  request(
    method: string,
    pathname: string,
    body?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.language && !headers["Accept-Language"]) headers["Accept-Language"] = this.language;
    if (this.cookies.size > 0) {
      headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
    const url = `${this.site.origin}${pathname}`;
    return new Promise<Reply>((resolve, reject) => {
      const request = http.request(url, { method, headers, agent, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => reject(new NoAnswer(pathname, error.message)));
        res.on("end", () => {
          for (const line of res.headers["set-cookie"] ?? []) {
            const [pair = ""] = line.split(";");
            const at = pair.indexOf("=");
            const name = pair.slice(0, at).trim();
            if (/max-age=0/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, pair.slice(at + 1));
          }
          resolve({
            status: res.statusCode ?? 0,
            location: typeof res.headers.location === "string" ? res.headers.location : null,
            html: Buffer.concat(chunks).toString("utf8"),
            headers: res.headers,
          });
        });
      });
      request.on("timeout", () => request.destroy(new Error("timed out after 60 s")));
      request.on("error", (error) => reject(new NoAnswer(pathname, error.message)));
      request.end(body);
    });
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<Reply> {
    return this.post("/staff/sign-in", { email, password, redirectTo: "/staff" });
  }
}

// A portal under test -------------------------------------------------------------------------

/** Plain SQL on the server's database; rows as objects. */
export type Query = <T extends object = Record<string, unknown>>(
  text: string,
  params?: unknown[],
) => Promise<T[]>;

const MODULE_TROUBLE =
  /Cannot find module|ERR_MODULE_NOT_FOUND|SyntaxError|does not provide an export|is not a function/;

/**
 * Spawns `node server.js`. Someone may be rebuilding build/ at that moment: a start that fails
 * with a module error is tried again a little later.
 */
export async function spawnPortal(
  env: Record<string, string>,
  entry = "server.js",
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnServer(env, entry);
    } catch (error) {
      const output = String((error as { output?: string }).output ?? error);
      if (attempt >= 4 || !MODULE_TROUBLE.test(output)) throw error;
      await sleep(5_000 * attempt);
      ensureBuilt();
    }
  }
}

/** The loopback origin of a running server (by address, so no name lookup). */
export const originOf = (server: RunningServer) => `http://127.0.0.1:${server.port}`;

/**
 * A portal server on a database of its own: a throwaway cluster's database when given its
 * address, else a copy of the test template on TEST_DATABASE_URL, else the test snapshot unpacked
 * into a temporary folder for the embedded database. It can be killed and started again on the
 * same data.
 */
export class Portal implements Site {
  private server: RunningServer | undefined;
  private client: postgres.Sql | undefined;
  private log = "";
  private constructor(
    readonly kind: "postgres" | "pglite",
    readonly databaseUrl: string | undefined,
    readonly dataDir: string | undefined,
    private readonly env: Record<string, string>,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** The web server as `npm start` runs it: worker processes under the supervisor. */
  private entry = "server.js";

  static async create(
    options: { databaseUrl?: string; env?: Record<string, string>; supervised?: boolean } = {},
  ): Promise<Portal> {
    const portal = await Portal.make(options);
    if (options.supervised) portal.entry = "scripts/supervisor.js";
    return portal;
  }

  private static async make(
    options: { databaseUrl?: string; env?: Record<string, string> } = {},
  ): Promise<Portal> {
    ensureBuilt();
    const env = options.env ?? {};
    if (options.databaseUrl) {
      return new Portal("postgres", options.databaseUrl, undefined, env, async () => {});
    }
    if (serverUrl) {
      const { name, url } = await createServerDatabase();
      return new Portal("postgres", url, undefined, env, () => dropServerDatabase(name));
    }
    // The run's migrated and seeded snapshot, unpacked into a folder of its own.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-resilience-"));
    const dataDir = path.join(folder, "db");
    const snapshot = new Blob([fs.readFileSync(snapshotPath())]);
    await (await PGlite.create({ dataDir, loadDataDir: snapshot })).close();
    return new Portal("pglite", undefined, dataDir, env, async () =>
      fs.rmSync(folder, { recursive: true, force: true }),
    );
  }

  get running(): boolean {
    const child = this.server?.process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  get origin(): string {
    if (!this.server) throw new Error("the portal is not running");
    return originOf(this.server);
  }

  get process() {
    if (!this.server) throw new Error("the portal is not running");
    return this.server.process;
  }

  /** Everything every server process on this database has printed. */
  output(): string {
    return this.log + (this.server?.output() ?? "");
  }

  /** Starts a server; resolves with how long it took to say it was ready. */
  async start(): Promise<number> {
    if (this.running) throw new Error("already running");
    const started = Date.now();
    const database: Record<string, string> = this.databaseUrl
      ? { DATABASE_URL: this.databaseUrl }
      : { DATA_DIR: this.dataDir!, DATABASE_URL: "" };
    this.retire();
    this.server = await spawnPortal({ ...database, ...this.env }, this.entry);
    return Date.now() - started;
  }

  /** kill -9: no chance to finish anything. */
  async kill(): Promise<void> {
    const server = this.server!;
    const exited = new Promise((resolve) => server.process.once("exit", resolve));
    if (server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill("SIGKILL");
      await exited;
    }
  }

  /** A clean stop (SIGTERM); resolves with the exit code. */
  async stop(): Promise<number | null> {
    const code = await this.server!.stop("SIGTERM");
    this.retire();
    return code;
  }

  private retire() {
    if (this.server) this.log += this.server.output();
    this.server = undefined;
  }

  /**
   * Opens the server's database in this process. A PostgreSQL database is shared, so the server
   * keeps running; the embedded one belongs to one process, so the server is stopped for it and
   * started again afterwards.
   */
  async withDatabase<T>(work: (open: OpenDatabase) => Promise<T>): Promise<T> {
    if (this.kind === "postgres") {
      const open = await openDatabase({
        kind: "postgres",
        url: this.databaseUrl!,
        maxConnections: 6,
      });
      try {
        return await work(open);
      } finally {
        await open.close();
      }
    }
    const wasRunning = this.running;
    if (wasRunning) {
      const code = await this.stop();
      if (code !== 0) throw new Error(`the server stopped with ${code}:\n${this.output()}`);
    }
    const open = await openDatabase({ kind: "pglite", dataDir: this.dataDir! });
    try {
      return await work(open);
    } finally {
      await open.close();
      if (wasRunning) await this.start();
    }
  }

  /** Runs SQL on the server's database (see `withDatabase`). */
  async inspect<T>(work: (query: Query) => Promise<T>): Promise<T> {
    if (this.kind === "postgres") {
      this.client ??= postgres(this.databaseUrl!, { max: 2, onnotice: () => {} });
      const client = this.client;
      return work((text, params) => client.unsafe(text, params as never[]) as never);
    }
    return this.withDatabase((open) =>
      work(async (text, params) => (await open.pglite!.query(text, params)).rows as never),
    );
  }

  async dispose(): Promise<void> {
    try {
      if (this.running) await this.stop();
    } finally {
      await this.client?.end({ timeout: 5 });
      await this.cleanup();
    }
  }
}

// Drafts ------------------------------------------------------------------------------------------

/** The form every test fills in: a booklet with two required answers (name, who may see it). */
export const FORM_ID = "listen-to-me-11-18";
export const FORM_PATH = `/forms/${FORM_ID}`;
export const SENT_PATH = `${FORM_PATH}/sent`;
export const CHECK_PATH = `${FORM_PATH}/check`;
export const IRO_EMAIL = "iro@westmoor.example";
/** The only answers the booklet needs (the name is not asked when the child was invited). */
const REQUIRED_ANSWERS = { name: "Alex", "share-with": "iro-only" };

export type Draft = {
  index: number;
  /** The visitor whose draft it is (their cookies carry the draft). */
  browser: Browser;
  /** How the database knows the draft: the keyed hash of the token in the cookie. */
  tokenHash: string;
  /** Came with an IRO's invitation, so it goes to that IRO rather than the shared inbox. */
  invited: boolean;
};

/** The draft a browser carries (its cookie), as the database knows it. */
export function draftOf(browser: Browser, index = 0, invited = false): Draft {
  const token = browser.cookies.get(draftCookieName(FORM_ID));
  if (!token) throw new Error(`draft ${index}: no draft cookie`);
  return { index, browser, tokenHash: draftTokenHash(token), invited };
}

const expectReply = (reply: Reply, status: number, what: string, location?: RegExp) => {
  if (reply.status !== status || (location && !location.test(reply.location ?? ""))) {
    throw new Error(
      `${what}: expected ${status}${location ? ` to ${location}` : ""}, got ${reply.status} ` +
        `${reply.location ?? ""}\n${reply.html.slice(0, 2000)}`,
    );
  }
  return reply;
};

/** A review date two weeks ahead, as the invitation form's three boxes. */
function reviewDateParts() {
  const date = new Date(Date.now() + 14 * 86_400_000);
  return {
    iso: date.toISOString().slice(0, 10),
    day: String(date.getUTCDate()),
    month: String(date.getUTCMonth() + 1),
    year: String(date.getUTCFullYear()),
  };
}

/** A draft made over HTTP, as a child without JavaScript makes it, answered up to Check. */
async function draftOverHttp(site: Site, index: number, iro: Browser | undefined): Promise<Draft> {
  const child = new Browser(site);
  if (iro) {
    const staff = iro.clone();
    const date = reviewDateParts();
    const made = await staff.post("/staff/invitations/new", {
      childName: `Child ${index}`,
      age: "",
      formId: FORM_ID,
      language: "en",
      "reviewDate-day": date.day,
      "reviewDate-month": date.month,
      "reviewDate-year": date.year,
    });
    expectReply(made, 302, "making an invitation", /^\/staff\/invitations\//);
    const page = expectReply(await staff.get(made.location!), 200, "the invitation page");
    const token = /\/i\/([A-Za-z0-9_-]{43})/.exec(page.html)?.[1];
    if (!token) throw new Error("no invitation link on the invitation page");
    expectReply(await child.get(`/i/${token}`), 302, "opening the invitation", /^\/forms\//);
  }
  // "Start" (with an invitation, the draft already exists and this carries on with it).
  const start = await child.post(FORM_PATH, {});
  let at = expectReply(start, 302, "starting the booklet", /^\/forms\//).location!;
  // Page after page, answering only what is required, until Check your answers.
  for (let pages = 0; !at.endsWith("/check"); pages++) {
    if (pages > 30) throw new Error("the booklet never reached Check your answers");
    const reply = await child.post(at, { intent: "continue", ...REQUIRED_ANSWERS });
    at = expectReply(reply, 302, at, /^\/forms\//).location!;
  }
  expectReply(await child.get(CHECK_PATH), 200, "Check your answers");
  return draftOf(child, index, Boolean(iro));
}

/**
 * `count` complete drafts, every `invitedEvery`-th (0: none) from an IRO's invitation: over HTTP,
 * as visitors make them, or through the app's models on the server's database (much faster;
 * on the embedded database the server is stopped meanwhile, as only one process may open it).
 * By default: models on PostgreSQL, HTTP on the embedded database.
 */
export async function prepareDrafts(
  portal: Portal,
  count: number,
  options: { invitedEvery?: number; concurrency?: number; via?: "http" | "models" } = {},
): Promise<Draft[]> {
  const invitedAt = (index: number) =>
    Boolean(options.invitedEvery) && index % options.invitedEvery! === 0;
  const drafts: Draft[] = new Array(count);
  const concurrency = options.concurrency ?? 6;
  const indexes = [...Array(count).keys()];
  if ((options.via ?? (portal.kind === "pglite" ? "http" : "models")) === "http") {
    let iro: Browser | undefined;
    if (options.invitedEvery) {
      iro = new Browser(portal);
      expectReply(await iro.signIn(IRO_EMAIL), 302, "the IRO signing in");
    }
    await pool(indexes, concurrency, async (index) => {
      drafts[index] = await draftOverHttp(portal, index, invitedAt(index) ? iro : undefined);
    });
    return drafts;
  }
  await portal.withDatabase(async (open) => {
    const own = db();
    setDatabase(open.db);
    try {
      const [row] = await open.db
        .select({ organisation: schema.organisation.id, iro: schema.staffUser.id })
        .from(schema.organisation)
        .innerJoin(
          schema.staffUser,
          and(
            eq(schema.staffUser.organisationId, schema.organisation.id),
            eq(schema.staffUser.email, IRO_EMAIL),
          ),
        )
        .where(eq(schema.organisation.slug, "westmoor"));
      if (!row) throw new Error("no Westmoor IRO in the server's database");
      const form = findForm(FORM_ID)!;
      await pool(indexes, concurrency, async (index) => {
        const invited = invitedAt(index);
        const invitation = invited
          ? await createInvitation({
              organisationId: row.organisation,
              invitedBy: row.iro,
              childName: `Child ${index}`,
              formId: FORM_ID,
              language: "en",
              eventDate: reviewDateParts().iso,
              createdBy: row.iro,
            })
          : undefined;
        const { draft, token } = await startDraft({
          organisationId: row.organisation,
          form,
          language: "en",
          invitationId: invitation?.invitation.id,
        });
        // Every page passed with only the required answers, as the HTTP journey leaves it.
        const context = formContextOf(draft, { serviceAreas: [] });
        let answers: Answers = {};
        for (const page of visiblePages(form, answers, context)) {
          answers = { ...answers, ...readPage(page, new FormData()) };
        }
        answers = { ...answers, "share-with": ["iro-only"] };
        if (!invited) answers.name = REQUIRED_ANSWERS.name;
        await saveAnswers(draft, answers, "who-can-see");
        const browser = new Browser(portal);
        browser.cookies.set(draftCookieName(FORM_ID), token);
        drafts[index] = draftOf(browser, index, invited);
      });
    } finally {
      setDatabase(own);
    }
  });
  return drafts;
}

/** "Send" on Check your answers. */
export const send = (browser: Browser) => browser.post(CHECK_PATH, {});

export const acknowledged = (reply: Reply) => reply.status === 302 && reply.location === SENT_PATH;

// What the database holds ----------------------------------------------------------------------

export type StoredDraft = {
  id: string;
  token_hash: string;
  submission_id: string | null;
  invited_by: string | null;
  submissions: number;
};

export type StoredSubmission = {
  id: string;
  draft_id: string | null;
  reference: string;
  queue: string;
  recipient: string | null;
  invited_by: string | null;
  sender_name: string | null;
  named_worker: string | null;
  may_also_see: string[];
  /** The submission its draft says it became. */
  marked: string | null;
  audits: number;
  emails: string[];
};

export type Holdings = {
  drafts: Map<string, StoredDraft>;
  submissions: Map<string, StoredSubmission>;
  /** Submission by draft id. */
  byDraft: Map<string, StoredSubmission>;
  /** Why a submission is not whole ([] when it is): its audit entry, its draft, its routing, its emails. */
  problemsOf: (submission: StoredSubmission) => string[];
  /** Submissions that are not whole, and drafts marked sent with no submission. */
  halfWritten: string[];
  outboxRows: number;
};

/**
 * Everything the tests check about sending, read from the database: every draft and submission,
 * each submission's audit entries and emails, and which are not whole. A booklet without an
 * invitation goes to the shared inbox and every Westmoor manager is emailed; one with an
 * invitation goes to that IRO, who is emailed.
 */
export async function holdings(query: Query): Promise<Holdings> {
  const drafts = await query<StoredDraft>(`
    select d.id, d.token_hash, d.submission_id, i.invited_by_staff_user_id as invited_by,
           (select count(*)::int from submission s where s.draft_id = d.id) as submissions
      from draft d left join invitation i on i.id = d.invitation_id`);
  const stored = await query<StoredSubmission>(`
    select s.id, s.draft_id, s.reference, s.queue, s.recipient_staff_user_id as recipient,
           i.invited_by_staff_user_id as invited_by, s.sender_name, s.named_worker, s.may_also_see,
           (select d.submission_id from draft d where d.id = s.draft_id) as marked,
           (select count(*)::int from audit_event a
             where a.action = 'form.submitted' and a.subject_type = 'submission'
               and a.subject_id = s.id::text) as audits,
           coalesce((select array_agg(o.recipient order by o.recipient) from outbox_message o
                      where o.subject_type = 'submission' and o.subject_id = s.id::text),
                    '{}') as emails
      from submission s left join invitation i on i.id = s.invitation_id
     -- sent from a draft: the demo council's few questionnaire answers came without one
     where s.draft_id is not null`);
  const staff = await query<{ id: string; email: string; manager: boolean }>(`
    select u.id, u.email,
           exists (select 1 from role_assignment r
                    where r.staff_user_id = u.id and r.organisation_id = u.organisation_id
                      and r.role = 'manager') and u.active as manager
      from staff_user u join organisation o on o.id = u.organisation_id and o.slug = 'westmoor'`);
  const [outbox] = await query<{ rows: number }>(
    `select count(*)::int as rows from outbox_message`,
  );
  // What a person wrote and whom an email goes to are sealed at rest: read as the portal would.
  const submissions = stored.map((s) => ({
    ...s,
    sender_name: readable(s.sender_name),
    named_worker: readable(s.named_worker),
    emails: s.emails.map((email) => readable(email)!),
  }));
  const emailOf = new Map(staff.map((person) => [person.id, person.email]));
  const managers = staff
    .filter((person) => person.manager)
    .map((person) => person.email)
    .sort();
  const problemsOf = (s: StoredSubmission): string[] => {
    const problems: string[] = [];
    if (s.audits !== 1) problems.push(`${s.audits} form.submitted audit entries`);
    if (s.marked !== s.id) problems.push(`its draft is marked ${s.marked ?? "unsent"}`);
    if (s.queue !== "iro") problems.push(`queue ${s.queue}`);
    if (s.recipient !== s.invited_by) {
      problems.push(`routed to ${s.recipient ?? "the shared inbox"}, not ${s.invited_by}`);
    }
    const expected = s.invited_by ? [emailOf.get(s.invited_by) ?? "?"] : managers;
    if (JSON.stringify([...s.emails].sort()) !== JSON.stringify(expected)) {
      problems.push(`emails to [${s.emails.join(", ")}], expected [${expected.join(", ")}]`);
    }
    return problems;
  };
  const halfWritten: string[] = [];
  for (const s of submissions) {
    const problems = problemsOf(s);
    if (problems.length > 0) halfWritten.push(`submission ${s.reference}: ${problems.join("; ")}`);
  }
  const submissionIds = new Set(submissions.map((s) => s.id));
  for (const d of drafts) {
    if (d.submission_id && !submissionIds.has(d.submission_id)) {
      halfWritten.push(`draft ${d.id} is marked sent as ${d.submission_id}, which does not exist`);
    }
  }
  return {
    drafts: new Map(drafts.map((d) => [d.token_hash, d])),
    submissions: new Map(submissions.map((s) => [s.id, s])),
    byDraft: new Map(submissions.filter((s) => s.draft_id).map((s) => [s.draft_id!, s])),
    problemsOf,
    halfWritten,
    outboxRows: outbox!.rows,
  };
}

/** A stored value as the portal reads it: unsealed when it was sealed. */
function readable(value: string | null): string | null {
  return value !== null && isSealed(value) ? unseal(value) : value;
}

/** The submission a draft became, if it did. */
export function submissionOf(
  held: Holdings,
  draft: Pick<Draft, "tokenHash">,
): StoredSubmission | undefined {
  const stored = held.drafts.get(draft.tokenHash);
  return stored ? held.byDraft.get(stored.id) : undefined;
}

// A throwaway PostgreSQL cluster ---------------------------------------------------------------

const DEBIAN_POSTGRESQL = "/usr/lib/postgresql";

/** The newest PostgreSQL whose server programs are installed the Debian way. */
export function postgresBinaries(): string {
  const versions = fs.existsSync(DEBIAN_POSTGRESQL)
    ? fs
        .readdirSync(DEBIAN_POSTGRESQL)
        .filter((version) => fs.existsSync(path.join(DEBIAN_POSTGRESQL, version, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `No PostgreSQL server programs in ${DEBIAN_POSTGRESQL}/<version>/bin: these tests start ` +
        "their own cluster. Install them (Debian: apt-get install postgresql).",
    );
  }
  return path.join(DEBIAN_POSTGRESQL, versions[0]!, "bin");
}

/** A loopback port nobody is listening on (at this moment). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type Cluster = {
  port: number;
  version: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> (trust authentication). */
  url: (database?: string) => string;
  createDatabase: (name: string) => Promise<string>;
  /** pg_ctl stop: "immediate" is a crash (recovery from the WAL on the next start). */
  stop: (mode?: "fast" | "immediate") => Promise<void>;
  /** pg_ctl start, waiting until it accepts connections. */
  start: () => Promise<void>;
  log: () => string;
  dispose: () => Promise<void>;
};

/**
 * A PostgreSQL cluster of its own in a temporary folder: trust authentication, listening on
 * 127.0.0.1 and a free port, its socket in the folder. As root the server refuses to run, so
 * it runs as the `postgres` user, who owns the folder.
 */
export async function startCluster(): Promise<Cluster> {
  const bin = postgresBinaries();
  const version = path.basename(path.dirname(bin));
  const root = process.getuid?.() === 0;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-cluster-"));
  const data = path.join(folder, "data");
  const logFile = path.join(folder, "server.log");
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    fs.chownSync(folder, uid, gid);
  }
  const command = (program: string, args: string[]): [string, string[]] =>
    root
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
  const pg = async (program: string, args: string[]) => {
    const [file, argv] = command(program, args);
    try {
      await run(file, argv, { cwd: folder, timeout: 120_000 });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`${program} ${args.join(" ")} failed:\n${stdout}${stderr}\n${readLog()}`);
    }
  };
  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");

  let disposed = false;
  const stopNow = () => {
    if (disposed || !fs.existsSync(path.join(data, "postmaster.pid"))) return;
    try {
      const [file, argv] = command("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      execFileSync(file, argv, { cwd: folder, stdio: "ignore", timeout: 30_000 });
    } catch {
      // already stopped
    }
  };
  // A test process that ends without its afterAll must not leave a server running.
  const onExit = () => {
    stopNow();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  await pg("initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  let port = 0;
  const start = () =>
    pg("pg_ctl", [
      "-D",
      data,
      "-l",
      logFile,
      "-o",
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1`,
      "-w",
      "-t",
      "60",
      "start",
    ]);
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      // Someone took the port between the probe and the start: another one.
      if (attempt >= 3) throw error;
    }
  }
  const url = (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    version,
    url,
    async createDatabase(name) {
      const sql = postgres(url(), { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`create database "${name}"`);
      } finally {
        await sql.end({ timeout: 5 });
      }
      return url(name);
    },
    stop: (mode = "fast") => pg("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]),
    start,
    log: readLog,
    async dispose() {
      try {
        stopNow();
      } finally {
        disposed = true;
        process.off("exit", onExit);
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
