// A member of the demo staff, signed in over real HTTP (vitest only: it reads the demo seed).
import { DEMO_PASSWORD } from "#db/seed";
import { Visitor } from "./server";

/** Sessions that took a code from the authenticator app, by server and account. */
const kept = new Map<string, Visitor>();

/**
 * A signed-in visitor. Admins and managers give a code from their app, and the portal takes each
 * code once: within a file their session is shared (still signed in? it is used again), as one
 * person's browser would be, rather than waiting half a minute for each new code.
 */
export async function signedInVisitor(origin: string, email: string, host?: string) {
  const key = `${origin} ${host ?? ""} ${email}`;
  const earlier = kept.get(key);
  if (earlier) {
    const visitor = earlier.twin();
    if ((await visitor.request("/staff")).status === 200) return visitor;
  }
  const visitor = new Visitor(origin, host);
  await visitor.signIn(email, DEMO_PASSWORD);
  if (visitor.gaveCode) kept.set(key, visitor.twin());
  return visitor;
}

/**
 * What an IRO types on "Invite a child" (/staff/invitations/new) for a booklet in English, for a
 * review a month from now; `changes` replaces any field.
 */
export function invitationFields(changes: Record<string, string> = {}): Record<string, string> {
  const review = new Date(Date.now() + 30 * 86_400_000);
  return {
    childName: "Robin",
    age: "",
    formId: "listen-to-me-11-18",
    language: "en",
    "reviewDate-day": String(review.getUTCDate()),
    "reviewDate-month": String(review.getUTCMonth() + 1),
    "reviewDate-year": String(review.getUTCFullYear()),
    ...changes,
  };
}

/** A date as the three boxes of a form, named after the field: today in the UK. */
export function todayAs(name: string): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number, number];
  return {
    [`${name}-day`]: String(day),
    [`${name}-month`]: String(month),
    [`${name}-year`]: String(year),
  };
}

/** What the complaints officer types on "Log a letter or call" for a parent's phone complaint. */
export const PHONE_COMPLAINT = {
  kind: "complaint",
  contactMethod: "telephone",
  summary: "My son's social worker has not called back for three weeks.",
  procedure: "statutory",
  category: "communication",
  serviceArea: "neighbourhood",
  complimentStaffUserId: "",
  complimentTeamId: "",
  madeBy: "other",
  senderName: "Ann Smith",
  childName: "Leo",
  lookedAfterChild: "no",
  iroStaffUserId: "",
  replyMethod: "email",
  replyTo: "ann.smith@example.com",
  language: "en",
  ethnicity: "white",
  disability: "no",
  advocacy: "offered",
};
