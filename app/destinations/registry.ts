// Where a sent form goes, as data: one entry per destination (a staff queue). A form names its
// destination; the one pipeline after "Send" reads everything else from here: who reads it, who
// is told, whether it is anonymous, the words of its emails and "sent" page, and whether it keeps
// a case of its own. A new destination is an entry here and its words, nothing else.
import type { StaffRole } from "#db/schema/constants";
import type { Permission } from "#app/models/permissions";

/** A destination that keeps a case of its own makes it in the same transaction as the submission. */
export type ReceiveStep = "representation" | "advocacy-referral";

/** What the "sent" page tells the person who sent it about what happens next. */
export type SentPage =
  /** "Your IRO, <name>, will read it before your review on <date>", or the service will. */
  | "named-reader"
  /** A case with its own clock: when the reply is due, and how to track it. */
  | "case"
  /** Anonymous answers: read together with everyone else's; no reference to keep. */
  | "counted";

/** "participation": the review's participation category, recorded by the child's IRO. */
export type Panel = "participation";

export type InboxReading = {
  /** The inbox page and its emails: `<words>.title`, `.mine`, `.emails.allocated`, … */
  words: string;
  /** One item's page: `<itemWords>.heading`, `.allocate.title`, … */
  itemWords: string;
  /** Panels on an item's page for its reader, beside the answers. */
  panels: readonly Panel[];
  /**
   * The managers are told of items still unread this many working days before the event they are
   * for (a review); null: never.
   */
  unreadAlertWorkingDays: number | null;
};

/** Managers' figures: counts and comments drawn from the form's definition, by year. */
export type SummaryReading = {
  /**
   * Who may see the summary of the answers that came with their own invitations (a chair's own
   * conferences, an IRO's own reviews); null: nobody reads only their own.
   */
  own: Permission | null;
  /** Who may see every answer in the council. */
  read: Permission;
  /** The summary page's title and lead: `<words>.title`, `.lead`. */
  words: string;
};

export type Destination = {
  /** Kept with each submission (its queue). Never reuse an old id. */
  id: string;
  /** Who may read what arrived for them, and who may read (and allocate) the shared inbox. */
  read: { own: Permission; shared: Permission };
  allocate: Permission | null;
  /**
   * Who is told: the member of staff who invited the person (when there was an invitation), else
   * everyone with the shared inbox's role. The duty team is told too when the words are urgent.
   * null: nobody is told of each answer (anonymous answers read only together, in the summary).
   */
  tell: { inviter: StaffRole | null; sharedInbox: StaffRole; dutyTeamWhenUrgent: boolean } | null;
  /** No name, contact, address or user agent is kept with a response, nor in its audit entry. */
  anonymous: boolean;
  /** A case of its own, made when it arrives; the case's own rules then say who is told. */
  receive: ReceiveStep | null;
  /**
   * Where staff open one item: `<staffPath>/<submission id>`. A destination without a case of its
   * own is read in the one inbox, at `/staff/inbox/<id>`. An anonymous one is never opened alone:
   * `<staffPath>/<conference id>` for a conference's answers, else `<staffPath>/<form id>`.
   */
  staffPath: string;
  /** How it is read in the one inbox; null when items are not read one by one there. */
  inbox: InboxReading | null;
  /** The managers' summary of its answers; null: none. */
  summary: SummaryReading | null;
  words: {
    /**
     * Staff emails: `<emails>.received`, `.shared-inbox`, `.urgent`, `.urgent-duty-team`. null for
     * a destination with a case of its own (the case's rules write its emails) or that tells
     * nobody.
     */
    emails: string | null;
    /** The line on the check page above "Send". */
    beforeSend: string;
  };
  sentPage: SentPage;
};

const DESTINATIONS = {
  /** A child's booklet or a review consultation paper: the child's IRO, or the IRO service. */
  iro: {
    id: "iro",
    read: { own: "booklet:read-own", shared: "booklet:read-shared-inbox" },
    allocate: "booklet:allocate",
    tell: { inviter: "iro", sharedInbox: "manager", dutyTeamWhenUrgent: true },
    anonymous: false,
    receive: null,
    staffPath: "/staff/inbox/iro",
    inbox: {
      words: "inbox:inbox",
      itemWords: "inbox:booklet",
      panels: ["participation"],
      unreadAlertWorkingDays: 2,
    },
    summary: null,
    words: {
      emails: "forms:emails",
      beforeSend: "forms:check.sendText.iro",
    },
    sentPage: "named-reader",
  },
  /** A comment, compliment or complaint: a case in the complaints officer's queue. */
  complaints: {
    id: "complaints",
    read: { own: "representation:triage", shared: "representation:triage" },
    allocate: null,
    tell: { inviter: null, sharedInbox: "complaints_officer", dutyTeamWhenUrgent: true },
    anonymous: false,
    receive: "representation",
    staffPath: "/staff/representations",
    inbox: null,
    summary: null,
    words: { emails: null, beforeSend: "forms:check.sendText.complaints" },
    sentPage: "case",
  },
  /** A child's request for an advocate: a referral to the council's commissioned provider. */
  advocacy: {
    id: "advocacy",
    read: { own: "advocacy-referral:handle", shared: "advocacy-referral:handle" },
    allocate: null,
    tell: { inviter: null, sharedInbox: "advocacy_provider", dutyTeamWhenUrgent: true },
    anonymous: false,
    receive: "advocacy-referral",
    staffPath: "/staff/advocacy",
    inbox: null,
    summary: null,
    words: { emails: null, beforeSend: "forms:check.sendText.advocacy" },
    sentPage: "case",
  },
  /**
   * "How did we do?": the complainant's questionnaire when their case closes. Anonymous, so
   * nobody reads one person's answers: the complaints officer and managers see them together.
   */
  "complaint-satisfaction": {
    id: "complaint-satisfaction",
    read: { own: "report:read", shared: "report:read" },
    allocate: null,
    tell: null,
    anonymous: true,
    receive: null,
    staffPath: "/staff/summaries/complaint-satisfaction",
    inbox: null,
    summary: { own: null, read: "report:read", words: "summaries:complaint-satisfaction" },
    words: { emails: null, beforeSend: "forms:check.sendText.counted" },
    sentPage: "counted",
  },
  /**
   * Feedback after a child protection conference, from its parents, family and young people.
   * Anonymous: the chair is told at once that an answer came (never what it says) and reads the
   * answers together once there are enough; managers read every conference's.
   */
  "conference-feedback": {
    id: "conference-feedback",
    read: { own: "conference:chair", shared: "feedback:read-all" },
    allocate: null,
    tell: { inviter: "cp_chair", sharedInbox: "manager", dutyTeamWhenUrgent: true },
    anonymous: true,
    receive: null,
    staffPath: "/staff/conferences",
    inbox: null,
    summary: { own: "conference:chair", read: "feedback:read-all", words: "summaries:conference" },
    words: { emails: "conferences:emails", beforeSend: "forms:check.sendText.counted" },
    sentPage: "counted",
  },
  /** Evaluations of a Family Group Conference: its family and friends, young people, referrer. */
  "fgc-feedback": {
    id: "fgc-feedback",
    read: { own: "fgc:coordinate", shared: "feedback:read-all" },
    allocate: null,
    tell: { inviter: "fgc_coordinator", sharedInbox: "manager", dutyTeamWhenUrgent: true },
    anonymous: true,
    receive: null,
    staffPath: "/staff/conferences",
    inbox: null,
    summary: { own: "fgc:coordinate", read: "feedback:read-all", words: "summaries:fgc" },
    words: { emails: "conferences:emails", beforeSend: "forms:check.sendText.counted" },
    sentPage: "counted",
  },
  /** "After your review": children's and young people's view of their reviews, for the IRO service. */
  "review-feedback": {
    id: "review-feedback",
    read: { own: "booklet:read-own", shared: "feedback:read-all" },
    allocate: null,
    tell: { inviter: "iro", sharedInbox: "manager", dutyTeamWhenUrgent: true },
    anonymous: true,
    receive: null,
    staffPath: "/staff/summaries",
    inbox: null,
    summary: { own: "booklet:read-own", read: "feedback:read-all", words: "summaries:afterReview" },
    words: { emails: "conferences:reviewEmails", beforeSend: "forms:check.sendText.counted" },
    sentPage: "counted",
  },
} as const satisfies Record<string, Destination>;

/** The destinations this portal ships with. */
export type DestinationId = keyof typeof DESTINATIONS;

const known = new Map<string, Destination>(Object.values(DESTINATIONS).map((d) => [d.id, d]));

/** A destination by the id a form or a submission names. */
export function destinationOf(id: string): Destination {
  const destination = known.get(id);
  if (!destination) throw new Error(`No destination "${id}" is registered`);
  return destination;
}

export function allDestinations(): Destination[] {
  return [...known.values()];
}

/** Adds a destination made of data alone (a council's own, or a test's). */
export function registerDestination(destination: Destination): void {
  if (known.has(destination.id)) throw new Error(`Destination "${destination.id}" exists`);
  known.set(destination.id, destination);
}

/** A destination read in the one inbox. */
export type InboxDestination = Destination & { inbox: InboxReading };

const readInInbox = (d: Destination | undefined): d is InboxDestination => Boolean(d?.inbox);

export function inboxDestinations(): InboxDestination[] {
  return allDestinations().filter(readInInbox);
}

/** A destination read in the inbox, by the id in an address; null for any other. */
export function inboxDestination(id: string | undefined): InboxDestination | null {
  const destination = id ? known.get(id) : undefined;
  return readInInbox(destination) ? destination : null;
}

/** A destination with a managers' summary. */
export type SummarisedDestination = Destination & { summary: SummaryReading };

/** The destination whose summary this address names; null for any other. */
export function summarisedDestination(id: string | undefined): SummarisedDestination | null {
  const destination = id ? known.get(id) : undefined;
  return destination?.summary ? (destination as SummarisedDestination) : null;
}
