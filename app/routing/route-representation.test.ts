import { describe, expect, it } from "vitest";
import { routeRepresentation, type RepresentationFacts } from "./route-representation";

const base: RepresentationFacts = {
  kind: "complaint",
  confirmed: false,
  urgent: false,
  dutyTeamEmail: "duty@council.example",
  lookedAfterChild: false,
  iroStaffUserId: null,
  aboutReviewingService: false,
  complimentFor: null,
  advocacyRequested: false,
  responder: null,
};

const keysOf = (facts: Partial<RepresentationFacts>) =>
  routeRepresentation({ ...base, ...facts }).map((n) => n.key);

describe("routing a comment, compliment or complaint", () => {
  it.each([
    {
      rule: "every representation reaches the complaints officers",
      facts: { kind: "comment" },
      keys: ["complaints-officers"],
    },
    { rule: "a plain complaint: the officers only", facts: {}, keys: ["complaints-officers"] },
    {
      rule: "safeguarding words: urgent, and the duty team",
      facts: { urgent: true },
      keys: ["complaints-officers", "duty-team"],
    },
    {
      rule: "urgent with no duty team address: the officers still",
      facts: { urgent: true, dutyTeamEmail: "" },
      keys: ["complaints-officers"],
    },
    {
      rule: "a looked-after child's complaint: their IRO too",
      facts: { lookedAfterChild: true, iroStaffUserId: "iro-1" },
      keys: ["complaints-officers", "iro:iro-1"],
    },
    {
      rule: "looked after, but the IRO is not known to the portal",
      facts: { lookedAfterChild: true },
      keys: ["complaints-officers"],
    },
    {
      rule: "an IRO is known but the child is not looked after",
      facts: { iroStaffUserId: "iro-1" },
      keys: ["complaints-officers"],
    },
    {
      rule: "a looked-after child's compliment is not a complaint for the IRO",
      facts: { kind: "compliment", lookedAfterChild: true, iroStaffUserId: "iro-1" },
      keys: ["complaints-officers"],
    },
    {
      rule: "a complaint about the IRO or conference service: its managers",
      facts: { aboutReviewingService: true },
      keys: ["complaints-officers", "reviewing-service-managers"],
    },
    {
      rule: "a comment about that service is not escalated",
      facts: { kind: "comment", aboutReviewingService: true },
      keys: ["complaints-officers"],
    },
    {
      rule: "a compliment waits for the officer",
      facts: { kind: "compliment", complimentFor: { staffUserId: "sw-1" } },
      keys: ["complaints-officers"],
    },
    {
      rule: "a confirmed compliment goes to the named worker",
      facts: { kind: "compliment", confirmed: true, complimentFor: { staffUserId: "sw-1" } },
      keys: ["complaints-officers", "compliment:sw-1"],
    },
    {
      rule: "a confirmed compliment goes to the named team",
      facts: { kind: "compliment", confirmed: true, complimentFor: { teamId: "t-1" } },
      keys: ["complaints-officers", "compliment:team:t-1"],
    },
    {
      rule: "a confirmed compliment goes to the named person without an account",
      facts: { kind: "compliment", confirmed: true, complimentFor: { memberId: "m-1" } },
      keys: ["complaints-officers", "compliment:member:m-1"],
    },
    {
      rule: "confirmed, but nobody named: nothing to forward",
      facts: { kind: "compliment", confirmed: true },
      keys: ["complaints-officers"],
    },
    {
      rule: "a child asking for an advocate: the provider",
      facts: { advocacyRequested: true },
      keys: ["complaints-officers", "advocacy-provider"],
    },
    {
      rule: "a Stage 1 responder is told",
      facts: { responder: { stage: 1, staffUserId: "tm-1" } },
      keys: ["complaints-officers", "responder:1:tm-1"],
    },
    {
      rule: "a new responder at Stage 2 is told again",
      facts: { responder: { stage: 2, staffUserId: "tm-1" } },
      keys: ["complaints-officers", "responder:2:tm-1"],
    },
    {
      rule: "everything at once",
      facts: {
        urgent: true,
        lookedAfterChild: true,
        iroStaffUserId: "iro-1",
        aboutReviewingService: true,
        advocacyRequested: true,
      },
      keys: [
        "complaints-officers",
        "duty-team",
        "iro:iro-1",
        "reviewing-service-managers",
        "advocacy-provider",
      ],
    },
  ] as { rule: string; facts: Partial<RepresentationFacts>; keys: string[] }[])(
    "$rule",
    ({ facts, keys }) => {
      expect(keysOf(facts)).toEqual(keys);
    },
  );

  it("marks the officers' notification urgent and names the IRO and duty team", () => {
    const notify = routeRepresentation({
      ...base,
      urgent: true,
      lookedAfterChild: true,
      iroStaffUserId: "iro-7",
    });
    expect(notify).toContainEqual({
      key: "complaints-officers",
      to: "complaints-officers",
      urgent: true,
    });
    expect(notify).toContainEqual({
      key: "duty-team",
      to: "duty-team",
      email: "duty@council.example",
    });
    expect(notify).toContainEqual({ key: "iro:iro-7", to: "iro", staffUserId: "iro-7" });
  });

  it("gives the same answer for the same case, so repeats can be left out by key", () => {
    const facts = { ...base, advocacyRequested: true, urgent: true };
    expect(routeRepresentation(facts)).toEqual(routeRepresentation(facts));
  });
});
