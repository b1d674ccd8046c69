// Where a sent form goes and who is told: one pure function over the destination's entry in the
// registry, tested as a table. A destination with a case of its own (complaints, advocacy) is
// only filed here: its case's own rules (route-representation) say who hears, once each.
import type { StaffRole } from "#db/schema/constants";
import type { Destination } from "#app/destinations/registry";

export type RoutingInput = {
  destination: Pick<Destination, "id" | "tell" | "receive">;
  /** The member of staff whose invitation the person came with, if any. */
  invitedBy: string | null;
  /** Safeguarding phrases were found in the answers. */
  urgent: boolean;
  /** The council's duty team address ("" when it has none). */
  dutyTeamEmail: string;
};

/** Each notification has a key: the caller sends each key once, however often it asks. */
export type Notification =
  | { key: string; kind: "staff"; role: StaffRole; staffUserId: string; urgent: boolean }
  /** Everyone with the shared inbox's role (for the IRO service, its managers). */
  | { key: string; kind: "shared-inbox"; role: StaffRole; urgent: boolean }
  | { key: string; kind: "duty-team"; email: string };

export type Routing = {
  queue: string;
  /** The one person who must act; null: the shared inbox, for someone to allocate. */
  recipientStaffUserId: string | null;
  urgent: boolean;
  notify: Notification[];
};

export function routeSubmission(input: RoutingInput): Routing {
  const { destination, urgent } = input;
  const filed = { queue: destination.id, urgent };
  const { tell } = destination;
  if (destination.receive || !tell) return { ...filed, recipientStaffUserId: null, notify: [] };
  const recipientStaffUserId = tell.inviter ? input.invitedBy : null;
  const notify: Notification[] = [
    tell.inviter && recipientStaffUserId
      ? {
          key: `staff:${recipientStaffUserId}`,
          kind: "staff",
          role: tell.inviter,
          staffUserId: recipientStaffUserId,
          urgent,
        }
      : {
          key: `shared-inbox:${tell.sharedInbox}`,
          kind: "shared-inbox",
          role: tell.sharedInbox,
          urgent,
        },
  ];
  // Urgent words with nobody named yet still reach a person today: the shared inbox's people
  // are told above, and the duty team too.
  if (urgent && tell.dutyTeamWhenUrgent && input.dutyTeamEmail) {
    notify.push({ key: "duty-team", kind: "duty-team", email: input.dutyTeamEmail });
  }
  return { ...filed, recipientStaffUserId, notify };
}
