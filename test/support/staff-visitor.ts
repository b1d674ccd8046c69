// A member of the demo staff, signed in over real HTTP (vitest only: it reads the demo seed).
import { DEMO_PASSWORD } from "#db/seed";
import { Visitor } from "./server";

export async function signedInVisitor(origin: string, email: string, host?: string) {
  const visitor = new Visitor(origin, host);
  await visitor.signIn(email, DEMO_PASSWORD);
  return visitor;
}
