// Starts the real, built portal server in a child process for a test, on its own database.
import { freshCode } from "./authenticator";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createServerDatabase, dropServerDatabase, serverUrl } from "./databases";

export type RunningServer = {
  origin: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  dataDir?: string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export function ensureBuilt(): void {
  if (fs.existsSync("build/index.js")) return;
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "inherit",
  });
}

/** Every test server and test process shares this key, so a test can read what a server sealed. */
export const TEST_SECRET_KEY = "test-secret-key-not-for-production-0123456789";

/** A port nobody listens on now (the kernel picks it; it is free again once we close it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node server.js` on a port known before it starts (unless PORT is given), so the demo
 * councils' addresses, and so the links in emails and letters, name that port and open.
 * Another process may take the port in between: then it is tried again on a new one.
 */
export async function spawnServer(
  env: Record<string, string>,
  /** "scripts/supervisor.js": the web server as `npm start` runs it, under its supervisor. */
  entry = "server.js",
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    const port = env.PORT ?? String(await freePort());
    try {
      return await spawnServerOn({ ...env, PORT: port }, entry);
    } catch (error) {
      const output = String((error as { output?: string }).output ?? "");
      if (env.PORT || attempt >= 3 || !output.includes("EADDRINUSE")) throw error;
    }
  }
}

/** Spawns `node server.js`; resolves once it says it is ready (or rejects with its output). */
function spawnServerOn(env: Record<string, string>, entry: string): Promise<RunningServer> {
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      SEED_DEMO: "true",
      SECRET_KEY: TEST_SECRET_KEY,
      // A missing word fails the page instead of showing its key.
      PORTAL_STRICT_WORDS: "1",
      // Tests send many forms from one address; the test of these limits sets its own.
      SEND_ADDRESS_LIMIT: "100000",
      SEND_SESSION_LIMIT: "100000",
      START_ADDRESS_LIMIT: "100000",
      // Links start with the demo councils' own addresses, on this server's port.
      PUBLIC_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}:\n${output}`), { code, output }));
    });
    const check = () => {
      const match = output.match(/Portal ready on http:\/\/localhost:(\d+)/);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", check);
      const port = Number(match[1]);
      resolve({
        origin: `http://localhost:${port}`,
        port,
        process: child,
        output: () => output,
        dataDir: env.DATA_DIR,
        stop: async (signal = "SIGTERM") => {
          if (child.exitCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on("data", check);
  });
}

/** A server on a fresh database of its own (a temporary PGlite directory, or a server copy). */
export async function startServer(extraEnv: Record<string, string> = {}) {
  ensureBuilt();
  if (serverUrl) {
    const database = await createServerDatabase();
    const server = await spawnServer({ DATABASE_URL: database.url, ...extraEnv });
    return {
      ...server,
      stop: async (signal?: NodeJS.Signals) => {
        const code = await server.stop(signal);
        await dropServerDatabase(database.name);
        return code;
      },
    };
  }
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-server-")), "db");
  const server = await spawnServer({ DATA_DIR: dataDir, ...extraEnv });
  return server;
}

/** A tiny browser for HTTP tests: keeps cookies per host, never follows redirects. */
/** The hidden CSRF field of the form on a page, as a browser would post it. */
export function csrfFieldOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF field on the page");
  return token;
}

export class Visitor {
  private cookies = new Map<string, string>();
  constructor(
    private readonly origin: string,
    private readonly host?: string,
  ) {}

  withHost(host: string): Visitor {
    const other = new Visitor(this.origin, host);
    other.cookies = new Map(this.cookies);
    return other;
  }

  /** Another visitor in the same browser (its cookies copied). */
  twin(): Visitor {
    const other = new Visitor(this.origin, this.host);
    other.cookies = new Map(this.cookies);
    return other;
  }

  /** Whether the last sign-in needed a code from the authenticator app. */
  gaveCode = false;

  cookie(name: string) {
    return this.cookies.get(name);
  }

  /** As a browser does when a cookie expires or is cleared. */
  forgetCookie(name: string) {
    this.cookies.delete(name);
  }

  /**
   * One request. `pathname` is normally "/…"; an absolute "http://elsewhere/…" is sent as it is,
   * as the request target (to the test server all the same), the way a proxy or an attacker may.
   */
  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.host) headers.set("Host", this.host);
    if (this.cookies.size > 0) {
      headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const absolute = /^https?:\/\//i.test(pathname);
    const response = await send(
      absolute ? `${this.origin}/` : `${this.origin}${pathname}`,
      init.method ?? "GET",
      headers,
      init.body,
      absolute ? pathname : undefined,
    );
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0/i.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join("="));
    }
    return response;
  }

  /** Loads a page (to get the CSRF cookie) and posts a form from it with the token. */
  async submit(pathname: string, fields: Record<string, string | string[]>, withToken = true) {
    if (!this.cookies.has("csrf") && !this.cookies.has("__Host-csrf")) await this.request(pathname);
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    if (withToken)
      body.set("csrf", this.cookies.get("__Host-csrf") ?? this.cookies.get("csrf") ?? "");
    return this.request(pathname, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  /**
   * Posts the form on a page the way a browser would: with the hidden CSRF field the page
   * itself carries (not the cookie's value), so a page that forgets the field fails.
   */
  async postFrom(pathname: string, html: string, fields: Record<string, string>) {
    return this.request(pathname, {
      method: "POST",
      body: new URLSearchParams({ ...fields, csrf: csrfFieldOf(html) }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  async signIn(email: string, password: string) {
    let response = await this.submit("/staff/sign-in", { email, password, redirectTo: "/staff" });
    // Admins and managers give a code from their app next (the demo key's; another test of
    // this server may have used one already, so until one is taken).
    let next = response.headers.get("location");
    this.gaveCode = next === "/staff/sign-in/code";
    for (let tries = 0; tries < 6 && next === "/staff/sign-in/code"; tries++) {
      const code = await freshCode(`${this.origin} ${this.host ?? ""} ${email}`);
      response = await this.submit("/staff/sign-in/code", { code });
      next = response.status === 400 ? next : response.headers.get("location");
    }
    if (response.status !== 302 && response.status !== 303 && response.status !== 204) {
      throw new Error(`sign-in failed: ${response.status}`);
    }
    return response;
  }
}

/** The body as chunks; a stream stays a stream (sent chunked, with no declared length). */
async function bodyChunks(
  body: RequestInit["body"],
): Promise<{ chunks: Buffer[]; streamed: boolean }> {
  if (body === undefined || body === null) return { chunks: [], streamed: false };
  if (typeof body === "string" || body instanceof URLSearchParams) {
    return { chunks: [Buffer.from(String(body))], streamed: false };
  }
  if (body instanceof Uint8Array) return { chunks: [Buffer.from(body)], streamed: false };
  if (body instanceof ReadableStream) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(Buffer.from(chunk));
    }
    return { chunks, streamed: true };
  }
  throw new Error("unsupported body in test");
}

/**
 * One HTTP request with node:http (fetch will not let a test set the Host header, which is how
 * the portal tells councils apart). Redirects are not followed.
 */
async function send(
  url: string,
  method: string,
  headers: Headers,
  body: RequestInit["body"],
  target?: string,
) {
  const { chunks: payload, streamed } = await bodyChunks(body);
  if (streamed) headers.set("Transfer-Encoding", "chunked");
  if (body instanceof URLSearchParams && !headers.has("Content-Type")) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Promise<Response>((resolve, reject) => {
    const options = {
      method,
      headers: Object.fromEntries(headers),
      ...(target && { path: target }),
    };
    const request = http.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(res.headers)) {
          for (const item of Array.isArray(value) ? value : [value ?? ""])
            responseHeaders.append(key, item);
        }
        const status = res.statusCode ?? 0;
        resolve(
          new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), {
            status,
            headers: responseHeaders,
          }),
        );
      });
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      // The server may answer 413 and close before reading a large body.
      if (error.code === "EPIPE" || error.code === "ECONNRESET") return;
      reject(error);
    });
    if (streamed) {
      for (const chunk of payload) request.write(chunk);
      request.end();
    } else {
      request.end(payload[0]);
    }
  });
}
