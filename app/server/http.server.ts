import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isDatabaseUnavailable } from "#db/client";
import { organisationForHost, type Organisation } from "#app/models/organisation.server";
import { NO_COUNCIL_YET } from "#app/models/council.server";
import { readCookie, serializeCookie } from "#app/web/cookies.server";
import { cookieNameOf } from "#app/privacy/cookies";
import type { PortalContext } from "./context";
import { env } from "#app/config.server";
import { renderFallbackPage } from "./fallback-page.server";
import { KEEP_HEADER, NewVisitorPages, type KeptPage } from "./page-cache.server";

/** A request the HTTP layer refuses itself, before Remix: answered with a translated page. */
class Refusal extends Error {
  constructor(
    public readonly status: 400 | 403 | 405 | 413 | 500 | 503,
    /** The database answered but holds no council yet: the page says how to create one. */
    public readonly notSetUp = false,
  ) {
    super(`HTTP ${status}`);
  }
}

/** The only methods the portal answers; anything else (TRACE, PUT, OPTIONS…) is 405. */
const ALLOWED_METHODS = ["GET", "HEAD", "POST"];

/** A host name or [IPv6] address with an optional port: no user name, spaces or controls. */
const PLAIN_HOST =
  /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/** True when the Host header is absent (HTTP/1.0) or a plain host[:port]. */
function plainHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const match = PLAIN_HOST.exec(host);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65535);
}

/**
 * The path and query the request asked for, whatever form its target took: "/a?b" as sent, or
 * the path of an absolute target ("GET http://elsewhere/a?b"), so a target never names the
 * origin. Undefined for anything else ("*", "example.com:443").
 */
function pathAndQueryOf(originalUrl: string): string | undefined {
  let target = originalUrl;
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      target = `${url.pathname}${url.search}`;
    } catch {
      return undefined;
    }
  }
  if (!target.startsWith("/")) return undefined;
  // "//elsewhere/…" (or "/\\elsewhere/…") is a path here, never a host: one slash, so no page
  // shows it back as a link that a browser would read as another site.
  return target.replace(/^[/\\]+/, "/");
}

/**
 * The portal's one script is a file of its own (no inline script anywhere), so the policy allows
 * script files from this site only. No nonce: every response's policy is the same, and a page
 * can be the same bytes for everyone (kept pages). Nothing this site serves could pass for a
 * script it did not mean (X-Content-Type-Options: nosniff; no uploads are served).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'none'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

function securityHeaders(res: express.Response, production: boolean) {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  // Never tell another site where a visitor was ("Exit this page" also has rel=noreferrer).
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader(
    "Permissions-Policy",
    "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  );
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

/** A form posted from another site is refused before anything reads it. */
function fromAnotherSite(req: express.Request): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const origin = req.get("origin");
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).host !== req.get("host");
  } catch {
    return true;
  }
}

async function readBody(req: express.Request, limit: number): Promise<Buffer | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new Refusal(413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Refusal(413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function toRequest(
  req: express.Request,
  url: URL,
  method: string,
  body: Buffer | undefined,
  signal: AbortSignal,
): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(key, item);
  }
  if (!body) headers.delete("content-length");
  // The origin was checked above (fromAnotherSite). Remix's own check throws a plain error,
  // answered 500, for "Origin: null", which privacy settings make browsers send.
  headers.delete("origin");
  return new Request(url, {
    method,
    headers,
    body: body?.length ? new Uint8Array(body) : undefined,
    signal,
  });
}

/** A kept page, in the compression the browser takes best, made once for everyone. */
function sendKept(res: express.Response, kept: KeptPage) {
  for (const [name, value] of kept.headers) res.setHeader(name, value);
  res.setHeader("Cache-Control", "private, no-store");
  // Says the page was a kept one (for whoever looks into how the portal is doing).
  res.setHeader("X-Kept-Page", "yes");
  res.append("Vary", "Accept-Encoding");
  const encoding = (res.locals.keptEncoding as string | undefined) ?? "identity";
  const bytes = kept.bytes[encoding as keyof KeptPage["bytes"]] ?? kept.bytes.identity;
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", bytes.length);
  res.status(200).end(bytes);
}

async function send(res: express.Response, response: Response) {
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) {
    if (key === "set-cookie" || key === KEEP_HEADER) continue;
    res.setHeader(key, value);
  }
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
  if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "private, no-store");
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** What a visitor posted, to offer again ("Try again") when the database could not take it. */
function typedFields(req: express.Request, body: Buffer | undefined) {
  if (!body?.length || !req.is("application/x-www-form-urlencoded")) return undefined;
  const action = pathAndQueryOf(req.originalUrl);
  if (!action) return undefined;
  return { action, fields: [...new URLSearchParams(body.toString("utf8"))] };
}

/**
 * The web process: static files, then every other request through Remix with a per-request
 * context. Stateless: everything it remembers lives in the database.
 */
/** The one page that takes a file: a year of complaints as CSV. */
const IMPORT_PATH = "/staff/representations/import";

export function createHttpApp(getBuild: () => ServerBuild | Promise<ServerBuild>) {
  const config = env();
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY) app.set("trust proxy", config.TRUST_PROXY);
  // A page made for one visitor is compressed with gzip: brotli cost more than the page itself
  // (measured: about half the question pages a second of gzip, for 10-15% fewer bytes). Pages
  // kept for every new visitor were compressed with brotli once, and are sent so (`sendKept`).
  app.use((req, res, next) => {
    res.locals.keptEncoding = req.acceptsEncodings("br")
      ? "br"
      : req.acceptsEncodings("gzip")
        ? "gzip"
        : "identity";
    const offered = req.headers["accept-encoding"];
    if (offered) req.headers["accept-encoding"] = offered.replace(/\bbr\b[^,]*,?/g, "");
    next();
  });
  app.use(compression());

  app.use((req, res, next) => {
    securityHeaders(res, config.production);
    // An odd Host ("a@host", spaces, a bad port) or method is refused before anything else.
    if (!plainHost(req.get("host"))) return next(new Refusal(400));
    if (!ALLOWED_METHODS.includes(req.method)) return next(new Refusal(405));
    next();
  });

  const publicDir = path.resolve("public");
  app.use(
    "/build",
    express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y", index: false }),
  );
  // Only an address naming a file (with an extension) is looked for on disk: a page's address
  // costs no look at the disk.
  const publicFiles = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) =>
    /\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next(),
  );

  const csrfCookie = cookieNameOf("formSafety", config.production);
  const newVisitorPages = new NewVisitorPages({
    ttlMs: config.pageCacheSeconds * 1000,
    maxPages: 500,
    neutralCookies: [csrfCookie, cookieNameOf("language", config.production)],
  });

  // One Remix handler per build (a new build arrives in development after each rebuild).
  const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>();
  const handle = async (request: Request, context: PortalContext) => {
    const build = await getBuild();
    let handler = handlers.get(build);
    if (!handler) {
      handler = createRequestHandler(build, config.production ? "production" : "development");
      handlers.set(build, handler);
    }
    return handler(request, context);
  };

  /** Answers a refused request with the translated error page in the portal's shell. */
  async function refuse(
    req: express.Request,
    res: express.Response,
    status: Refusal["status"],
    organisation?: Organisation,
    typed?: ReturnType<typeof typedFields>,
    notSetUp = false,
  ) {
    if (res.headersSent) return;
    const [path = "/", query] = (pathAndQueryOf(req.originalUrl) ?? "/").split("?");
    const headers = new Headers();
    for (const name of ["cookie", "accept-language"]) {
      const value = req.get(name);
      if (value) headers.set(name, value);
    }
    const html = await renderFallbackPage({
      status,
      path,
      search: query ? `?${query}` : "",
      headers,
      organisation,
      typed,
      kind: notSetUp ? "notSetUp" : undefined,
    });
    res.status(status).setHeader("Cache-Control", "no-store");
    if (status === 413) res.setHeader("Connection", "close");
    if (status === 405) res.setHeader("Allow", ALLOWED_METHODS.join(", "));
    if (status === 503) res.setHeader("Retry-After", "5");
    res.type("html").send(html);
  }

  app.all("*", async (req, res) => {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    // Express 4 does not catch a rejected promise: nothing here may end the process.
    let organisation: Organisation | undefined;
    let body: Buffer | undefined;
    try {
      organisation = await organisationForHost(req.get("host"), config.DEFAULT_ORGANISATION);
      // No council yet (a new database without one): the page says how to create one.
      if (!organisation) throw new Refusal(503, true);
      // Remix sees this site's origin and the path asked for: a target of "//elsewhere/…" or
      // "http://elsewhere/…" cannot change the origin (links never come from it anyway).
      let url: URL;
      try {
        const origin = `${req.protocol}://${req.get("host") ?? "localhost"}`;
        const target = pathAndQueryOf(req.originalUrl);
        if (target === undefined) throw new Refusal(400);
        url = new URL(`${origin}${target}`);
        url.pathname = url.pathname.replace(/^\/+/, "/");
        decodeURIComponent(url.pathname);
        if (url.origin !== new URL(origin).origin) throw new Refusal(400);
      } catch {
        throw new Refusal(400);
      }

      let csrfToken = readCookie(req.headers.cookie, csrfCookie);
      if (!csrfToken || !/^[A-Za-z0-9_-]{43}$/.test(csrfToken)) {
        csrfToken = randomBytes(32).toString("base64url");
        res.append(
          "Set-Cookie",
          serializeCookie(csrfCookie, csrfToken, { production: config.production }),
        );
      }
      const context: PortalContext = {
        csrfToken,
        clientAddress: req.ip ?? "unknown",
        organisation,
        production: config.production,
        signInAddressLimit: config.SIGN_IN_ADDRESS_LIMIT,
        formHasErrors: false,
      };
      if (fromAnotherSite(req)) throw new Refusal(403);
      const pageKey =
        config.pageCacheSeconds > 0
          ? newVisitorPages.keyOf({
              method: req.method,
              organisation,
              url: `${url.pathname}${url.search}`,
              cookieHeader: req.headers.cookie,
              acceptLanguage: req.get("accept-language"),
              fetchSite: req.get("sec-fetch-site"),
            })
          : undefined;
      // A page that may be kept is made without the visitor's token (see page-cache.server).
      context.tokenInPage = pageKey === undefined;
      const kept = pageKey ? newVisitorPages.find(pageKey) : undefined;
      if (kept) {
        sendKept(res, kept);
        return;
      }
      body = await readBody(
        req,
        url.pathname === IMPORT_PATH ? config.IMPORT_BODY_LIMIT : config.BODY_LIMIT,
      );
      const response = await handle(
        toRequest(req, url, req.method, body, controller.signal),
        context,
      );
      if (context.databaseUnavailable) {
        await response.body?.cancel();
        throw new Refusal(503);
      }
      if (pageKey && newVisitorPages.keepable(response)) {
        const html = await response.text();
        newVisitorPages.keep(pageKey, { status: response.status, headers: response.headers, html });
        const justKept = newVisitorPages.find(pageKey);
        if (justKept) sendKept(res, justKept);
        else await send(res, new Response(html, response));
      } else {
        await send(res, response);
      }
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error) || !organisation;
      let status: Refusal["status"] = unavailable ? 503 : 500;
      if (error instanceof Refusal) status = error.status;
      const notSetUp = error instanceof Refusal && error.notSetUp;
      if (notSetUp) console.error(`${NO_COUNCIL_YET}: ${req.method} ${req.path}`);
      else if (status === 503) console.error(`database unavailable: ${req.method} ${req.path}`);
      else if (!(error instanceof Refusal)) console.error(error);
      // Refused before the body was read (no council known while the database is down): read
      // it now, so what was typed still comes back with "Try again".
      if (status === 503 && !body && !req.readableEnded) {
        body = await readBody(req, config.BODY_LIMIT).catch(() => undefined);
      }
      const typed = status === 503 ? typedFields(req, body) : undefined;
      await refuse(req, res, status, organisation, typed, notSetUp).catch(
        (renderError: unknown) => {
          console.error(renderError);
          if (!res.headersSent) res.status(status).end();
        },
      );
    }
  });

  // Errors raised by Express itself (e.g. the static-file middleware meeting an unreadable
  // address) get the same translated page instead of Express's bare English one.
  app.use(
    (
      error: { status?: number },
      req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const status =
        error instanceof Refusal
          ? error.status
          : (([400, 403, 413] as const).find((s) => s === error.status) ?? 500);
      if (status === 500) console.error(error);
      organisationForHost(req.get("host"), config.DEFAULT_ORGANISATION)
        .catch(() => undefined)
        .then((organisation) => refuse(req, res, status, organisation))
        .catch(() => {
          if (!res.headersSent) res.status(status).end();
        });
    },
  );
  return app;
}
