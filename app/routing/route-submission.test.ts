import { expect, test } from "vitest";
import { routeSubmission, type RoutingInput } from "./route-submission";

const base: RoutingInput = {
  target: "iro",
  invitedBy: null,
  urgent: false,
  dutyTeamEmail: "duty@council.example",
};

test.each([
  {
    when: "a child came with their IRO's invitation",
    input: { ...base, invitedBy: "iro-1" },
    recipient: "iro-1",
    notify: [{ kind: "staff", staffUserId: "iro-1", urgent: false }],
  },
  {
    when: "a child came without a code",
    input: base,
    recipient: null,
    notify: [{ kind: "shared-inbox", urgent: false }],
  },
  {
    when: "an invited child's answers have safeguarding words",
    input: { ...base, invitedBy: "iro-1", urgent: true },
    recipient: "iro-1",
    notify: [
      { kind: "staff", staffUserId: "iro-1", urgent: true },
      { kind: "duty-team", email: "duty@council.example" },
    ],
  },
  {
    when: "an uninvited child's answers have safeguarding words",
    input: { ...base, urgent: true },
    recipient: null,
    notify: [
      { kind: "shared-inbox", urgent: true },
      { kind: "duty-team", email: "duty@council.example" },
    ],
  },
  {
    when: "urgent, but the council has no duty team address",
    input: { ...base, invitedBy: "iro-1", urgent: true, dutyTeamEmail: "" },
    recipient: "iro-1",
    notify: [{ kind: "staff", staffUserId: "iro-1", urgent: true }],
  },
])("$when", ({ input, recipient, notify }) => {
  const routing = routeSubmission(input);
  expect(routing.queue).toBe("iro");
  expect(routing.recipientStaffUserId).toBe(recipient);
  expect(routing.urgent).toBe(input.urgent);
  expect(routing.notify).toEqual(notify);
});
