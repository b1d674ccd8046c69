// A member of the demo staff, signed in over real HTTP (vitest only: it reads the demo seed).
import { DEMO_PASSWORD } from "#db/seed";
import { Visitor } from "./server";

export async function signedInVisitor(origin: string, email: string, host?: string) {
  const visitor = new Visitor(origin, host);
  await visitor.signIn(email, DEMO_PASSWORD);
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
