// Who must hear about a comment, compliment, complaint or advocacy request, and when. One pure
// function over the case as it stands; it is asked again after every change the officer makes,
// and each notification has a key so that nobody is told the same thing twice.
import type { RepresentationKind } from "#db/schema/constants";

export type RepresentationFacts = {
  kind: RepresentationKind;
  /** The complaints officer has checked the case (for compliments: agreed to pass it on). */
  confirmed: boolean;
  /** Safeguarding phrases were found in what was written. */
  urgent: boolean;
  /** The council's duty team address ("" when it has none). */
  dutyTeamEmail: string;
  /** The child is looked after, and their IRO, when known to the portal. */
  lookedAfterChild: boolean;
  iroStaffUserId: string | null;
  /** The case is about the independent reviewing or child protection conference service. */
  aboutReviewingService: boolean;
  /**
   * Who a confirmed compliment goes to (and their team's managers): a member of staff, someone in
   * a team without an account, or a whole team.
   */
  complimentFor: ComplimentFor | null;
  /** The child asked for an advocate, and agreed to the referral. */
  advocacyRequested: boolean;
  /** Who answers the current stage, once assigned. */
  responder: { stage: number; staffUserId: string } | null;
};

export type ComplimentFor = { staffUserId: string } | { memberId: string } | { teamId: string };

export type RepresentationNotification =
  | { key: string; to: "complaints-officers"; urgent: boolean }
  | { key: string; to: "duty-team"; email: string }
  | { key: string; to: "iro"; staffUserId: string }
  | { key: string; to: "reviewing-service-managers" }
  | ({ key: string; to: "compliment" } & ComplimentFor)
  | { key: string; to: "advocacy-provider" }
  | { key: string; to: "responder"; staffUserId: string; stage: number };

/** Everyone who should know by now; the caller leaves out keys it has already sent. */
export function routeRepresentation(facts: RepresentationFacts): RepresentationNotification[] {
  const notify: RepresentationNotification[] = [
    { key: "complaints-officers", to: "complaints-officers", urgent: facts.urgent },
  ];
  if (facts.urgent && facts.dutyTeamEmail) {
    notify.push({ key: "duty-team", to: "duty-team", email: facts.dutyTeamEmail });
  }
  const complaint = facts.kind === "complaint";
  // A complaint from or about a looked-after child is a significant change for their IRO.
  if (complaint && facts.lookedAfterChild && facts.iroStaffUserId) {
    notify.push({
      key: `iro:${facts.iroStaffUserId}`,
      to: "iro",
      staffUserId: facts.iroStaffUserId,
    });
  }
  if (complaint && facts.aboutReviewingService) {
    notify.push({ key: "reviewing-service-managers", to: "reviewing-service-managers" });
  }
  if (facts.kind === "compliment" && facts.confirmed && facts.complimentFor) {
    const target = facts.complimentFor;
    const key =
      "staffUserId" in target
        ? `compliment:${target.staffUserId}`
        : "memberId" in target
          ? `compliment:member:${target.memberId}`
          : `compliment:team:${target.teamId}`;
    notify.push({ key, to: "compliment", ...target });
  }
  if (facts.advocacyRequested) notify.push({ key: "advocacy-provider", to: "advocacy-provider" });
  if (complaint && facts.responder) {
    const { stage, staffUserId } = facts.responder;
    notify.push({ key: `responder:${stage}:${staffUserId}`, to: "responder", staffUserId, stage });
  }
  return notify;
}
