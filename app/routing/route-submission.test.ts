import { expect, test } from "vitest";
import { destinationOf, type Destination } from "#app/destinations/registry";
import { routeSubmission, type RoutingInput } from "./route-submission";

const iro = destinationOf("iro");
/** A destination read by a shared inbox only: an invitation does not name its reader. */
const sharedOnly: Destination = {
  ...iro,
  id: "shared-only",
  tell: { inviter: null, sharedInbox: "fgc_coordinator", dutyTeamWhenUrgent: false },
};
const base: RoutingInput = {
  destination: iro,
  invitedBy: null,
  urgent: false,
  dutyTeamEmail: "duty@council.example",
};

test.each([
  {
    when: "a child came with their IRO's invitation",
    input: { ...base, invitedBy: "iro-1" },
    recipient: "iro-1",
    notify: [
      { key: "staff:iro-1", kind: "staff", role: "iro", staffUserId: "iro-1", urgent: false },
    ],
  },
  {
    when: "a child came without a code",
    input: base,
    recipient: null,
    notify: [{ key: "shared-inbox:manager", kind: "shared-inbox", role: "manager", urgent: false }],
  },
  {
    when: "an invited child's answers have safeguarding words",
    input: { ...base, invitedBy: "iro-1", urgent: true },
    recipient: "iro-1",
    notify: [
      { key: "staff:iro-1", kind: "staff", role: "iro", staffUserId: "iro-1", urgent: true },
      { key: "duty-team", kind: "duty-team", email: "duty@council.example" },
    ],
  },
  {
    when: "an uninvited child's answers have safeguarding words",
    input: { ...base, urgent: true },
    recipient: null,
    notify: [
      { key: "shared-inbox:manager", kind: "shared-inbox", role: "manager", urgent: true },
      { key: "duty-team", kind: "duty-team", email: "duty@council.example" },
    ],
  },
  {
    when: "urgent, but the council has no duty team address",
    input: { ...base, invitedBy: "iro-1", urgent: true, dutyTeamEmail: "" },
    recipient: "iro-1",
    notify: [
      { key: "staff:iro-1", kind: "staff", role: "iro", staffUserId: "iro-1", urgent: true },
    ],
  },
  {
    when: "a destination read by a shared inbox only, with an invitation",
    input: { ...base, destination: sharedOnly, invitedBy: "coordinator-1", urgent: true },
    recipient: null,
    notify: [
      {
        key: "shared-inbox:fgc_coordinator",
        kind: "shared-inbox",
        role: "fgc_coordinator",
        urgent: true,
      },
    ],
  },
  {
    when: "a complaint: filed in its queue, its case's own rules tell people",
    input: { ...base, destination: destinationOf("complaints"), urgent: true },
    recipient: null,
    notify: [],
  },
  {
    when: "an advocacy request, even with an invitation",
    input: { ...base, destination: destinationOf("advocacy"), invitedBy: "iro-1" },
    recipient: null,
    notify: [],
  },
])("$when", ({ input, recipient, notify }) => {
  const routing = routeSubmission(input);
  expect(routing.queue).toBe(input.destination.id);
  expect(routing.recipientStaffUserId).toBe(recipient);
  expect(routing.urgent).toBe(input.urgent);
  expect(routing.notify).toEqual(notify);
});

test("asking twice gives the same keys, so nobody is told twice", () => {
  const input = { ...base, invitedBy: "iro-1", urgent: true };
  const keys = routeSubmission(input).notify.map((n) => n.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(routeSubmission(input).notify.map((n) => n.key)).toEqual(keys);
});
