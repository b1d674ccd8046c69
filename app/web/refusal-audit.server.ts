// Every refusal at item level, and every form refused for its anti-forgery token, is written to
// the audit trail with one call from the place that refuses (see app/models/refusal.server.ts).
import type { AppLoadContext } from "@remix-run/node";
import { recordRefusal } from "#app/models/refusal.server";
import { notFound } from "./refusals.server";
import { getStaffSession } from "./staff-auth.server";

const pathOf = (request: Request) => new URL(request.url).pathname;

/**
 * A member of staff asked for something that is not theirs (or is not there): audited with what
 * was asked for, then answered "not found", so nobody learns whether it exists. Throw it:
 * `throw await refusedItem(request, context, staff, { type: "submission", id })`.
 */
export async function refusedItem(
  request: Request,
  context: AppLoadContext,
  staff: { id: string },
  subject: { type: string; id: string | undefined },
): Promise<Response> {
  await recordRefusal({
    organisationId: context.organisation.id,
    kind: "item",
    actorStaffUserId: staff.id,
    path: pathOf(request),
    subjectType: subject.type,
    subjectId: subject.id ?? "",
    clientAddress: context.clientAddress,
  });
  return notFound();
}

/**
 * A form refused for its anti-forgery token: audited with who sent it when they are signed in as
 * staff (and then their address); a public visitor's address is never kept.
 */
export async function auditFormForgery(request: Request, context: AppLoadContext): Promise<void> {
  const session = await getStaffSession(request, context);
  await recordRefusal({
    organisationId: context.organisation.id,
    kind: "csrf",
    actorStaffUserId: session.status === "valid" ? session.staff.id : null,
    path: pathOf(request),
    clientAddress: context.clientAddress,
  });
}
