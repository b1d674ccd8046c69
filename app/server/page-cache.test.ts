import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { NewVisitorPages, KEEP_HEADER } from "./page-cache.server";

const options = { ttlMs: 30_000, maxPages: 2, neutralCookies: ["__Host-csrf", "lng"] };
const request = (overrides: Partial<Parameters<NewVisitorPages["keyOf"]>[0]> = {}) => ({
  method: "GET",
  organisation: { id: "westmoor", settingsChangedAt: new Date(1) },
  url: "/forms/listen-to-me-11-18",
  cookieHeader: undefined,
  acceptLanguage: "en-GB,en;q=0.9",
  fetchSite: "none",
  ...overrides,
});
const page = (html: string, headers: Record<string, string> = { [KEEP_HEADER]: "1" }) => ({
  status: 200,
  headers: new Headers({ "Content-Type": "text/html; charset=utf-8", ...headers }),
  html,
});
const html = `<script src="/js/portal.js" defer></script><input name="csrf" value="">`;

test("a kept page is the same bytes for everyone, compressed once with gzip and brotli", () => {
  const pages = new NewVisitorPages(options);
  const key = pages.keyOf(request())!;
  pages.keep(key, page(html));
  const found = pages.find(key)!;
  expect(found.bytes.identity.toString("utf8")).toBe(html);
  expect(gunzipSync(found.bytes.gzip).toString("utf8")).toBe(html);
  expect(brotliDecompressSync(found.bytes.br).toString("utf8")).toBe(html);
  expect(found.headers).toEqual([["content-type", "text/html; charset=utf-8"]]);
  expect(pages.find(key)).toBe(found);
});

test("only plain GETs from a browser that says where its posts come from, with no cookie of the visitor's own, may share a page", () => {
  const pages = new NewVisitorPages(options);
  expect(pages.keyOf(request({ method: "POST" }))).toBeUndefined();
  // No Sec-Fetch-Site: the browser might not vouch for its posts, so its page carries a token.
  expect(pages.keyOf(request({ fetchSite: undefined }))).toBeUndefined();
  expect(pages.keyOf(request({ cookieHeader: "__Host-draft-x=abc" }))).toBeUndefined();
  expect(pages.keyOf(request({ cookieHeader: "__Host-csrf=t; __Host-staff=s" }))).toBeUndefined();
  expect(pages.keyOf(request({ cookieHeader: "__Host-csrf=t; lng=InBsIg%3D%3D" }))).toBeDefined();
  // Language (cookie or browser), council and address each make a different page.
  const keys = [
    request(),
    request({ cookieHeader: "lng=ImN5Ig%3D%3D" }),
    request({ acceptLanguage: "ur" }),
    request({ organisation: { id: "aberhaven", settingsChangedAt: new Date(1) } }),
    request({ url: "/forms/listen-to-me-11-18?lng=cy" }),
    // A council's settings changed since: the page kept before is not the page now.
    request({ organisation: { id: "westmoor", settingsChangedAt: new Date(2) } }),
  ].map((r) => pages.keyOf(r));
  expect(new Set(keys).size).toBe(6);
});

test("pages not marked, not 200 or setting a cookie are never kept", () => {
  const pages = new NewVisitorPages(options);
  const key = pages.keyOf(request())!;
  pages.keep(key, page(html, {}));
  pages.keep(key, { ...page(html), status: 404 });
  pages.keep(key, page(html, { [KEEP_HEADER]: "1", "Set-Cookie": "lng=x" }));
  expect(pages.find(key)).toBeUndefined();
});

test("a page is kept for its time only, and the oldest goes when the cache is full", () => {
  vi.useFakeTimers();
  try {
    const pages = new NewVisitorPages(options);
    const keys = ["/a", "/b", "/c"].map((url) => pages.keyOf(request({ url }))!);
    pages.keep(keys[0]!, page(html));
    vi.advanceTimersByTime(29_000);
    expect(pages.find(keys[0]!)).toBeDefined();
    vi.advanceTimersByTime(1_000);
    expect(pages.find(keys[0]!)).toBeUndefined();
    for (const key of keys) pages.keep(key, page(html));
    expect(pages.find(keys[0]!)).toBeUndefined();
    expect(pages.find(keys[2]!)).toBeDefined();
  } finally {
    vi.useRealTimers();
  }
});
