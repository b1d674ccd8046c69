import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
} from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

let masterKey: Buffer | undefined;

/**
 * Sets the server's secret. Given one, it is used; otherwise (embedded database only) a random
 * one is kept in a file beside the data folder, so drafts survive a restart.
 */
export function loadSecretKey(options: { secretKey?: string; keyFile?: string }): void {
  derived.clear();
  if (options.secretKey) {
    masterKey = Buffer.from(options.secretKey, "utf8");
    return;
  }
  if (!options.keyFile) {
    throw new Error(
      "SECRET_KEY is not set. With DATABASE_URL every instance needs the same SECRET_KEY " +
        "(at least 32 random characters, e.g. from `openssl rand -base64 32`).",
    );
  }
  if (!existsSync(options.keyFile)) {
    mkdirSync(path.dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  masterKey = Buffer.from(readFileSync(options.keyFile, "utf8").trim(), "utf8");
}

/** Keys derived from the master key, one per purpose (derived once, not on every request). */
const derived = new Map<string, Buffer>();

function keyFor(purpose: string): Buffer {
  if (!masterKey) throw new Error("The secret key has not been loaded");
  let key = derived.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), purpose, 32));
    derived.set(purpose, key);
  }
  return key;
}

/**
 * A keyed hash for looking up a link token or a code. Unlike a plain hash, a copy of the
 * database alone cannot be used to try every short code.
 */
export function keyedHash(purpose: string, value: string): string {
  return createHmac("sha256", keyFor(`lookup:${purpose}`))
    .update(value)
    .digest("base64url");
}

/** Encrypts text for storage (AES-256-GCM); `unseal` reverses it and detects tampering. */
export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor("seal:v1"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    "v1",
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function unseal(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined)
    throw new Error("Unknown sealed format");
  const decipher = createDecipheriv("aes-256-gcm", keyFor("seal:v1"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

/** An unguessable token for a link or a cookie (256 bits). */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Letters and digits that cannot be confused when read aloud or typed: no I, L, O, 0 or 1. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** Random characters from the easy-to-type alphabet. */
export function randomCharacters(length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return text;
}

/** A short code a child can type, e.g. "KX4M-7QPD" (8 characters, about 40 bits). */
export function shortCode(): string {
  const code = randomCharacters(8);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, made comparable: upper case, without spaces or dashes. */
export function normaliseCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s\-\u2010-\u2015_.]/g, "");
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}
