// Where a sent form goes and who is told: one pure function, tested as a table.
import type { RoutingTarget } from "#app/forms/types";

export type RoutingInput = {
  /** Booklets and review papers; comments, complaints and advocacy have their own rules. */
  target: Extract<RoutingTarget, "iro">;
  /** The IRO named on the child's invitation, when the child came with one. */
  invitedBy: string | null;
  /** Safeguarding phrases were found in the answers. */
  urgent: boolean;
  /** The council's duty team address ("" when it has none). */
  dutyTeamEmail: string;
};

export type Notification =
  | { kind: "staff"; staffUserId: string; urgent: boolean }
  /** Everyone who looks after the shared inbox (the IRO service's managers). */
  | { kind: "shared-inbox"; urgent: boolean }
  | { kind: "duty-team"; email: string };

export type Routing = {
  queue: "iro";
  /** null: the service's shared inbox, for a manager to allocate. */
  recipientStaffUserId: string | null;
  urgent: boolean;
  notify: Notification[];
};

export function routeSubmission(input: RoutingInput): Routing {
  const recipientStaffUserId = input.invitedBy;
  const notify: Notification[] = [
    recipientStaffUserId
      ? { kind: "staff", staffUserId: recipientStaffUserId, urgent: input.urgent }
      : { kind: "shared-inbox", urgent: input.urgent },
  ];
  if (input.urgent && input.dutyTeamEmail) {
    notify.push({ kind: "duty-team", email: input.dutyTeamEmail });
  }
  // An urgent booklet with no IRO yet must still reach a person today: the managers are told
  // above, and the duty team too.
  return { queue: input.target, recipientStaffUserId, urgent: input.urgent, notify };
}
