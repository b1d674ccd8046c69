// The case page's data as its sections read it (what the route's loader gives them).
import type { ClockState } from "#app/complaints/clock";

/** A comment, compliment or complaint: the loader's `representation`. */
export type CaseRecord = {
  id: string;
  reference: string;
  source: string;
  kind: string;
  procedure: string | null;
  category: string | null;
  serviceArea: string | null;
  namedWorker: string | null;
  madeBy: string;
  relationship: string | null;
  contactMethod: string;
  senderName: string | null;
  childName: string | null;
  summary: string | null;
  language: string;
  replyMethod: string | null;
  replyTo: string | null;
  lookedAfterChild: boolean;
  iroStaffUserId: string | null;
  ethnicity: string;
  disability: string;
  advocacyOffered: boolean;
  advocacyTaken: boolean;
  urgent: boolean;
  urgentMatches: readonly string[];
  isNew: boolean;
  receivedOn: string;
  acknowledgedOn: string | null;
  stage: number;
  responderStaffUserId: string | null;
  responderTeamId: string | null;
  complimentStaffUserId: string | null;
  complimentTeamId: string | null;
  ombudsmanOn: string | null;
  outcome: string | null;
  closedOn: string | null;
};

/** One stage of a complaint, with how its deadline stands. */
export type CaseStage = {
  stage: number;
  startedOn: string;
  dueOn: string;
  extensionReason: string | null;
  extensionAgreedOn: string | null;
  respondedOn: string | null;
  respondedInTime: boolean | null;
  state: ClockState | null;
  canExtend: boolean;
};

/** The stage the case is at now: whether it is still open and whether it can be extended. */
export type CurrentStage = { open: boolean; canExtend: boolean; extendedDays: number | null };

type Named = { id: string; name: string };
/** The people, teams and IROs the officer can choose from. */
export type OfficerChoices = { people: Named[]; teams: Named[]; iros: Named[] };

/** A service area's key and its name in the reader's language. */
export type ServiceArea = { key: string; name: string };
