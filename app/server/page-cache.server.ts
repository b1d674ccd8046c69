// Pages that every first-time visitor sees alike (a form's start page, the home page) are made
// once and kept for a short while, so a rush of visitors costs string copies, not page renders.
// Each visitor still gets their own CSP nonce and CSRF token: the kept page holds placeholders.
import type { HeadersFunction } from "@remix-run/node";

/** The header a route sets (through `headers = sameForEveryNewVisitor`) to allow keeping. */
export const KEEP_HEADER = "x-same-for-every-new-visitor";

/** For a route's `headers` export: its page has nothing of the visitor's own in it. */
export const sameForEveryNewVisitor: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  headers.set(KEEP_HEADER, "1");
  return headers;
};

const NONCE = "\u0000nonce\u0000";
const CSRF = "\u0000csrf\u0000";

type Kept = { html: string; headers: [string, string][]; expiresAt: number };

export type PageCacheOptions = {
  /** How long a page is kept: council settings changed in the database show after this. */
  ttlMs: number;
  maxPages: number;
  /** Cookies a new visitor may already carry without making the page their own. */
  neutralCookies: string[];
};

export class NewVisitorPages {
  private readonly pages = new Map<string, Kept>();

  constructor(private readonly options: PageCacheOptions) {}

  /**
   * The key of a request whose page may be kept: a GET carrying no cookie but the neutral ones
   * (CSRF, language). Anyone with a draft, a code or a staff session gets their own page.
   */
  keyOf(input: {
    method: string;
    /** The council, as its settings are now: a page kept before a change is not used after. */
    organisation: { id: string; settingsChangedAt: Date };
    url: string;
    cookieHeader: string | undefined;
    acceptLanguage: string | undefined;
  }): string | undefined {
    if (input.method !== "GET") return undefined;
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

  /** The kept page for this visitor, with their own nonce and CSRF token, if there is one. */
  find(key: string, visitor: { nonce: string; csrfToken: string }) {
    const kept = this.pages.get(key);
    if (!kept) return undefined;
    if (kept.expiresAt <= Date.now()) {
      this.pages.delete(key);
      return undefined;
    }
    return {
      headers: kept.headers,
      html: kept.html.replaceAll(NONCE, visitor.nonce).replaceAll(CSRF, visitor.csrfToken),
    };
  }

  /** A plain 200 that its route marked as alike for every new visitor, setting no cookie. */
  keepable(page: { status: number; headers: Headers }): boolean {
    return (
      page.status === 200 &&
      page.headers.get(KEEP_HEADER) === "1" &&
      page.headers.getSetCookie().length === 0
    );
  }

  /** Keeps the page, if it is keepable. */
  keep(
    key: string,
    page: { status: number; headers: Headers; html: string },
    visitor: { nonce: string; csrfToken: string },
  ): void {
    if (!this.keepable(page)) return;
    const headers = [...page.headers.entries()].filter(([name]) => name !== KEEP_HEADER);
    if (this.pages.size >= this.options.maxPages) {
      // The oldest page goes first (a Map keeps insertion order).
      this.pages.delete(this.pages.keys().next().value!);
    }
    this.pages.set(key, {
      html: page.html.replaceAll(visitor.nonce, NONCE).replaceAll(visitor.csrfToken, CSRF),
      headers,
      expiresAt: Date.now() + this.options.ttlMs,
    });
  }

  clear(): void {
    this.pages.clear();
  }
}
