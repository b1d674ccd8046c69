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
