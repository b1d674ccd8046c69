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
  /** null: not recorded (imported history). */
  madeBy: string | null;
  relationship: string | null;
  /** null: not recorded (imported history). */
  contactMethod: string | null;
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
  complimentMemberId: string | null;
  /** Who a compliment was passed to, once it was. */
  complimentPassedTo: { name: string; email: string }[] | null;
  ombudsmanOn: string | null;
  ombudsmanOutcome: string | null;
  outcome: string | null;
  closedOn: string | null;
  /** What the council changed after an upheld or partly upheld complaint. */
  lessonsLearnt: string | null;
};

/** The council's own names the case page uses: its Ombudsman and its corporate Stage 3. */
export type CaseNames = {
  /** The Ombudsman's full name, e.g. "Public Services Ombudsman for Wales". */
  ombudsman: string;
  /** What the council calls corporate Stage 3; null: "Stage 3". */
  corporateStage3: string | null;
  /** The council's acknowledgement timescale, in working days. */
  acknowledgementDays: number;
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
  /** Stage 2: the independent investigator; Stage 3: the panel or reviewer. */
  conductedBy: string | null;
  state: ClockState | null;
  canExtend: boolean;
};

/** The stage the case is at now: whether it is still open and whether it can be extended. */
export type CurrentStage = { open: boolean; canExtend: boolean; extendedDays: number | null };

type Named = { id: string; name: string };
/** The people, teams and IROs the officer can choose from. */
export type OfficerChoices = { people: Named[]; teams: Named[]; iros: Named[]; members: Named[] };

/** A service area's key and its name in the reader's language. */
export type ServiceArea = { key: string; name: string; retired?: boolean };
