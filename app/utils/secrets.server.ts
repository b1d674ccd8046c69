import { randomBytes, randomInt } from "node:crypto";

// The keyring, sealing and keyed hashes live in db/ (column types use them too); the names
// every model already uses are kept here.
export {
  currentKeyId,
  isSealed,
  keyedHash,
  keyedHashes,
  loadSecretKey,
  MissingKeyError,
  seal,
  unseal,
} from "#db/sealing";

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
