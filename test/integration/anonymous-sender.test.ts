// Anonymous means anonymous: after a visitor sends a booklet, tries a code and a tracking secret,
// nothing in the database holds their address (127.0.0.1 in any of its spellings), a plain hash
// of it, or their browser's user agent — not the audit entry of what they sent, not the rate
// limits (whose keys are keyed hashes). Every table is read, row by row, as text.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  acknowledged,
  Browser,
  CHECK_PATH,
  FORM_PATH,
  Portal,
  type Query,
} from "#test/resilience/harness";

const ADDRESSES = [
  "127.0.0.1",
  "::1",
  "::ffff:127.0.0.1",
  "::ffff:7f00:1",
  "0:0:0:0:0:0:0:1",
  "0:0:0:0:0:ffff:7f00:1",
];
const USER_AGENT = `AnonymityProbe/${randomBytes(6).toString("hex")}`;

/** What must not appear: the addresses, their plain hashes, the user agent. */
function needles(): { name: string; test: (text: string) => boolean }[] {
  const found: { name: string; test: (text: string) => boolean }[] = [];
  for (const address of ADDRESSES) {
    // As a whole address: "127.0.0.1" but not "127.0.0.10"; "::1" but not "::1a".
    const escaped = address.replace(/[.]/g, "\\.");
    const pattern = address.includes(":")
      ? new RegExp(`${escaped}(?![0-9a-f])`, "i")
      : new RegExp(`(?<![0-9.])${escaped}(?![0-9])`);
    found.push({ name: address, test: (text) => pattern.test(text) });
    for (const algorithm of ["sha256", "sha1", "md5"]) {
      const digest = createHash(algorithm).update(address).digest();
      for (const encoding of ["hex", "base64", "base64url"] as const) {
        const hashed = digest.toString(encoding).replace(/=+$/, "");
        found.push({
          name: `${algorithm} ${encoding} of ${address}`,
          test: (t) => t.includes(hashed),
        });
      }
    }
  }
  found.push({ name: "the user agent", test: (text) => text.includes(USER_AGENT) });
  return found;
}

/** Every row of every table, as PostgreSQL writes it as text. */
async function everyRow(query: Query) {
  const tables = await query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const rows: { table: string; text: string }[] = [];
  for (const { name } of tables) {
    for (const row of await query<{ text: string }>(`select t::text as text from "${name}" t`)) {
      rows.push({ table: name, text: row.text });
    }
  }
  return rows;
}

let portal: Portal | undefined;

beforeAll(async () => {
  portal = await Portal.create();
  await portal.start();
}, 120_000);

afterAll(async () => {
  await portal?.dispose();
}, 60_000);

test("no address, plain hash of it or user agent is kept after a visitor sends, guesses and tracks", async () => {
  const site = portal!;
  const visitor = new Browser(site);
  const headers = { "User-Agent": USER_AGENT };
  // A booklet, page by page, then Send.
  let reply = await visitor.post(FORM_PATH, {}, headers);
  for (let pages = 0; reply.status === 302 && !reply.location!.endsWith("/check"); pages++) {
    if (pages > 30) throw new Error("the booklet never reached Check your answers");
    reply = await visitor.post(
      reply.location!,
      { intent: "continue", name: "Robin", "share-with": "iro-only" },
      headers,
    );
  }
  expect(reply.location).toBe(CHECK_PATH);
  // Send carries the same user agent: it writes the submission and its audit entry.
  const sent = await visitor.post(CHECK_PATH, {}, headers);
  expect(acknowledged(sent), `${sent.status} ${sent.location}`).toBe(true);
  // A wrong code and a wrong tracking secret: counted per address, so their limits have rows.
  expect((await visitor.post("/code", { code: "ZZZZ-2345" }, headers)).status).toBe(400);
  const tracked = await visitor.post(
    "/track",
    { reference: "HYS-ZZZZZZ", secret: "ZZZZ-ZZZZ" },
    headers,
  );
  expect(tracked.status).toBe(400);

  const { rows, audit, limits } = await site.inspect(async (query) => ({
    rows: await everyRow(query),
    audit: await query<{ client_address: string | null }>(
      `select client_address from audit_event where action = 'form.submitted'`,
    ),
    limits: await query<{ key: string }>(`select key from rate_limit order by key`),
  }));
  expect(audit, "the audit entry of what was sent, without an address").toEqual([
    { client_address: null },
  ]);
  // The send, start, code and track limits were counted, under keyed hashes.
  expect(limits.map((limit) => limit.key.split(":")[0]).sort()).toEqual(
    expect.arrayContaining(["code", "send", "send-browser", "start", "track"]),
  );
  const leaks = needles().flatMap((needle) =>
    rows
      .filter((row) => needle.test(row.text))
      .map((row) => `${row.table}: ${needle.name}: ${row.text.slice(0, 200)}`),
  );
  expect(leaks).toEqual([]);
});
