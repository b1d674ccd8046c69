// Pages that every first-time visitor sees alike (a form's start page, the home page) are made
// once and kept for a short while, compressed once, so a rush of visitors costs a lookup and a
// write, not a render and a compression each. A kept page is the same bytes for everyone: its
// script is allowed by the Content-Security-Policy without a nonce, and its forms carry no
// per-visitor token (a browser that says where a form came from, with Sec-Fetch-Site, is
// trusted by that instead; see app/web/forms.server.ts).
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { HeadersFunction } from "@remix-run/node";

/** The header a route sets (through `headers = sameForEveryNewVisitor`) to allow keeping. */
export const KEEP_HEADER = "x-same-for-every-new-visitor";

/** For a route's `headers` export: its page has nothing of the visitor's own in it. */
export const sameForEveryNewVisitor: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  headers.set(KEEP_HEADER, "1");
  return headers;
};

/** A kept page: its headers, and its bytes as sent without compression, with gzip and brotli. */
export type KeptPage = {
  headers: [string, string][];
  bytes: { identity: Buffer; gzip: Buffer; br: Buffer };
  expiresAt: number;
};

export type PageCacheOptions = {
  /** How long a page is kept: council settings changed in the database show after this. */
  ttlMs: number;
  maxPages: number;
  /** Cookies a new visitor may already carry without making the page their own. */
  neutralCookies: string[];
};

export class NewVisitorPages {
  private readonly pages = new Map<string, KeptPage>();

  constructor(private readonly options: PageCacheOptions) {}

  /**
   * The key of a request whose page may be kept: a GET from a browser that sends Sec-Fetch-Site
   * (so it will say where its form posts come from), carrying no cookie but the neutral ones
   * (CSRF, language). Anyone with a draft, a code or a staff session gets their own page.
   */
  keyOf(input: {
    method: string;
    /** The council, as its settings are now: a page kept before a change is not used after. */
    organisation: { id: string; settingsChangedAt: Date };
    url: string;
    cookieHeader: string | undefined;
    acceptLanguage: string | undefined;
    fetchSite: string | undefined;
  }): string | undefined {
    if (input.method !== "GET" || !input.fetchSite) return undefined;
    let language = "";
    for (const part of (input.cookieHeader ?? "").split(";")) {
      const name = part.split("=")[0]!.trim();
      if (!name) continue;
      if (!this.options.neutralCookies.includes(name)) return undefined;
      if (name === "lng") language = part.trim().slice(4);
    }
    const council = `${input.organisation.id}@${input.organisation.settingsChangedAt.getTime()}`;
    return [council, input.url, language, input.acceptLanguage ?? ""].join("\n");
  }

  /** The kept page, if there is one still fresh. */
  find(key: string): KeptPage | undefined {
    const kept = this.pages.get(key);
    if (kept && kept.expiresAt <= Date.now()) {
      this.pages.delete(key);
      return undefined;
    }
    return kept;
  }

  /** A plain 200 that its route marked as alike for every new visitor, setting no cookie. */
  keepable(page: { status: number; headers: Headers }): boolean {
    return (
      page.status === 200 &&
      page.headers.get(KEEP_HEADER) === "1" &&
      page.headers.getSetCookie().length === 0
    );
  }

  /** Keeps the page, if it is keepable, compressed once for everyone it is sent to. */
  keep(key: string, page: { status: number; headers: Headers; html: string }): void {
    if (!this.keepable(page)) return;
    const headers = [...page.headers.entries()].filter(([name]) => name !== KEEP_HEADER);
    if (this.pages.size >= this.options.maxPages) {
      // The oldest page goes first (a Map keeps insertion order).
      this.pages.delete(this.pages.keys().next().value!);
    }
    const identity = Buffer.from(page.html, "utf8");
    this.pages.set(key, {
      headers,
      bytes: {
        identity,
        gzip: gzipSync(identity, { level: 9 }),
        br: brotliCompressSync(identity, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
          },
        }),
      },
      expiresAt: Date.now() + this.options.ttlMs,
    });
  }

  clear(): void {
    this.pages.clear();
  }
}
