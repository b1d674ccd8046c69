// Sealing what a person wrote (AES-256-GCM) with a keyring that can be rotated. SECRET_KEY is the
// current key and seals everything new; PREVIOUS_SECRET_KEYS are retired keys kept only to read
// what they sealed until `npm run reseal` (or start-up) has sealed it again with the current key.
// Lives in db/ so that column types and start-up code can use it without importing app/.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type Key = {
  /** Derived from the key itself, so nobody has to configure ids. */
  id: string;
  secret: Buffer;
  /** Keys derived from this one, one per purpose (derived once, not on every request). */
  derived: Map<string, Buffer>;
};

type Keyring = { current: Key; previous: Key[] };

const holder = globalThis as typeof globalThis & { __portalKeyring?: Keyring };

/** The id a key's sealed values carry: 8 characters of an HMAC of the key, not the key. */
export function keyIdOf(secret: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update("have-your-say key id")
    .digest("base64url")
    .slice(0, 8);
}

function keyOf(secret: string): Key {
  return { id: keyIdOf(secret), secret: Buffer.from(secret, "utf8"), derived: new Map() };
}

/** Makes these keys the ones every seal, unseal and keyed hash uses. */
export function setKeyring(current: string, previous: readonly string[] = []): void {
  const currentKey = keyOf(current);
  const retired = previous
    .map((secret) => secret.trim())
    .filter((secret) => secret !== "" && secret !== current)
    .map(keyOf);
  holder.__portalKeyring = { current: currentKey, previous: retired };
}

/**
 * Sets the server's keys. Given SECRET_KEY, it is used; otherwise (embedded database only) a
 * random one is kept in a file beside the data folder (mode 0600), so sealed values survive a
 * restart. Retired keys are only ever read from the environment.
 */
export function loadSecretKey(options: {
  secretKey?: string;
  keyFile?: string;
  previousKeys?: readonly string[];
}): void {
  if (options.secretKey) {
    setKeyring(options.secretKey, options.previousKeys);
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
  chmodSync(options.keyFile, 0o600);
  setKeyring(readFileSync(options.keyFile, "utf8").trim(), options.previousKeys);
}

function keyring(): Keyring {
  const ring = holder.__portalKeyring;
  if (!ring) throw new Error("The secret key has not been loaded");
  return ring;
}

function derive(key: Key, purpose: string): Buffer {
  let derived = key.derived.get(purpose);
  if (!derived) {
    derived = Buffer.from(hkdfSync("sha256", key.secret, Buffer.alloc(0), purpose, 32));
    key.derived.set(purpose, derived);
  }
  return derived;
}

/** The id of the key that seals now. */
export const currentKeyId = () => keyring().current.id;

/** Ids of every key that can still be read: the current one first. */
export const readableKeyIds = () => [keyring().current, ...keyring().previous].map((k) => k.id);

const hashWith = (key: Key, purpose: string, value: string) =>
  createHmac("sha256", derive(key, `lookup:${purpose}`))
    .update(value)
    .digest("base64url");

/**
 * A keyed hash for looking up a link token or a code, under the current key. Unlike a plain
 * hash, a copy of the database alone cannot be used to try every short code.
 */
export function keyedHash(purpose: string, value: string): string {
  return hashWith(keyring().current, purpose, value);
}

/**
 * The keyed hashes of a value under every readable key, the current one first: a row stored
 * before the key was rotated is still found (a hash cannot be sealed again without the value).
 */
export function keyedHashes(purpose: string, value: string): string[] {
  const { current, previous } = keyring();
  return [current, ...previous].map((key) => hashWith(key, purpose, value));
}

const SEAL_PURPOSE = "seal:v1";
const PART = "[A-Za-z0-9_-]";
/**
 * "s2.<key id>.<iv>.<tag>.<body>": the key id is 8 characters, the iv 12 bytes and the tag 16
 * bytes in base64url, so the shape alone tells a sealed value from plain text written before
 * sealing began (and the tag proves it). Safe in a cookie and in JSON.
 */
const SEALED = new RegExp(`^s2\\.(${PART}{8})\\.(${PART}{16})\\.(${PART}{22})\\.(${PART}*)$`);
/** The first format, before keys had ids: "v1.<iv>.<tag>.<body>". */
const SEALED_V1 = new RegExp(`^v1\\.(${PART}{16})\\.(${PART}{22})\\.(${PART}*)$`);

/** Whether a stored value is sealed (in either format), as opposed to plain text. */
export function isSealed(value: string): boolean {
  return SEALED.test(value) || SEALED_V1.test(value);
}

/** The id of the key a value was sealed with; null for plain text or the first format. */
export function sealedKeyId(value: string): string | null {
  return SEALED.exec(value)?.[1] ?? null;
}

/** Encrypts text with the current key (AES-256-GCM); `unseal` reverses it and detects tampering. */
export function seal(plaintext: string): string {
  const key = keyring().current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(key, SEAL_PURPOSE), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    "s2",
    key.id,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

function open(key: Key, iv: string, tag: string, body: string): string {
  const decipher = createDecipheriv(
    "aes-256-gcm",
    derive(key, SEAL_PURPOSE),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

export class MissingKeyError extends Error {
  constructor(public readonly keyId: string) {
    super(
      `A value was sealed with a key (id ${keyId}) that is neither SECRET_KEY nor in ` +
        `PREVIOUS_SECRET_KEYS. Add that key to PREVIOUS_SECRET_KEYS until \`npm run reseal\` ` +
        `has sealed everything with the current key.`,
    );
    this.name = "MissingKeyError";
  }
}

/** Decrypts a sealed value with the key it names (the first format: whichever key opens it). */
export function unseal(sealed: string): string {
  const { current, previous } = keyring();
  const keys = [current, ...previous];
  const match = SEALED.exec(sealed);
  if (match) {
    const [, id, iv, tag, body] = match as unknown as [string, string, string, string, string];
    const key = keys.find((k) => k.id === id);
    if (!key) throw new MissingKeyError(id);
    return open(key, iv, tag, body);
  }
  const old = SEALED_V1.exec(sealed);
  if (!old) throw new Error("Unknown sealed format");
  const [, iv, tag, body] = old as unknown as [string, string, string, string];
  for (const key of keys) {
    try {
      return open(key, iv, tag, body);
    } catch {
      // Not this key: try the next one.
    }
  }
  throw new Error("No key opens this sealed value");
}

/** A stored value as plain text: sealed ones unsealed, plain ones (from before) as they are. */
export const readSealed = (stored: string): string => (isSealed(stored) ? unseal(stored) : stored);

/**
 * Whether a stored value must be sealed again: it is plain text, in the first format, or sealed
 * with a retired key. Throws MissingKeyError when its key is not in the keyring at all.
 */
export function needsResealing(stored: string): boolean {
  const id = sealedKeyId(stored);
  if (id === null) return true;
  if (id === keyring().current.id) return false;
  if (!readableKeyIds().includes(id)) throw new MissingKeyError(id);
  return true;
}
