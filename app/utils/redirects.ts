/**
 * The one place a redirect target taken from a request (a form field, the address) is checked:
 * only a path on this site may come back as a `Location`. Anything else becomes the fallback.
 */

/** Any control character, any kind of space, and the backslash browsers read as a slash. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;
/** A made-up origin: whatever resolves to another origin from it would leave this site. */
const HERE = "http://portal.invalid";
const LONGEST = 2000;

/** The text as a browser may come to read it: percent-decoded until nothing changes. */
function decodedForms(text: string): string[] | undefined {
  const forms = [text];
  let current = text;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return forms;
    forms.push(next);
    current = next;
  }
  // Still changing after three rounds: nobody writes a real path like that.
  return undefined;
}

/** True for a path on this site only (e.g. "/staff/booklets?box=shared"). */
export function isSameSitePath(to: string | null | undefined): to is string {
  if (typeof to !== "string" || to === "" || to.length > LONGEST) return false;
  const forms = decodedForms(to);
  if (!forms) return false;
  for (const form of forms) {
    if (!form.startsWith("/") || form.includes("//") || UNSAFE.test(form)) return false;
  }
  try {
    const resolved = new URL(to, HERE);
    return (
      resolved.origin === HERE && `${resolved.pathname}${resolved.search}${resolved.hash}` === to
    );
  } catch {
    return false;
  }
}

/** The target when it is a path on this site, otherwise the fallback. */
export function safeRedirect(to: string | null | undefined, fallback = "/staff"): string {
  return isSameSitePath(to) ? to : fallback;
}
