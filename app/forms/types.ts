// A public form is data: pages of questions, each naming its translation keys by convention.
// One renderer and one multi-page route serve every form; the zod schema is derived from it.
import type { Language } from "#db/schema/constants";

/** Pictures drawn inline (no files to fetch); decorative, so hidden from screen readers. */
export type PictureName =
  | "me"
  | "home"
  | "school"
  | "health"
  | "family"
  | "contact"
  | "talk"
  | "people"
  | "place"
  | "calendar"
  | "lead"
  | "iro"
  | "plan"
  | "decisions"
  | "advocate"
  | "anything"
  | "privacy";

/** Who a form is written for. */
export type Audience = "child" | "young-person" | "parent-or-carer" | "anyone";

/** A form a child or young person fills in about themselves (not a parent's, not anyone's). */
export function isChildsOwn(form: { audience: Audience }): boolean {
  return form.audience === "child" || form.audience === "young-person";
}

/** Shown only when an earlier answer is (or includes) one of these values. */
export type Condition =
  | { question: string; oneOf: readonly string[] }
  /** Only when the visitor came with (or without) an IRO's invitation. */
  | { invited: boolean }
  /**
   * Only when the event the invitation is about has this fact, e.g. "aim:contact" (an FGC's
   * aim) or "looked-after-at-referral".
   */
  | { event: string };

export type Choice = {
  value: string;
  /** Shared words for a common scale (e.g. `forms:scales.howWell.completely`); else the question's. */
  words?: string;
  /** An emoji shown large beside the words (Express booklet, feelings). */
  emoji?: string;
  /** Offered only when an earlier answer allows it (e.g. "no reply needed" for a comment). */
  showIf?: Condition;
};

/**
 * How the system uses an answer. Models read answers only by role (`answerFor`), never by a
 * question's id, so a form's own ids and wording can differ from another form's.
 */
export type QuestionRole =
  /** How the sender named themselves (a child's first name), for the inbox. */
  | "sender-name"
  /** The child a comment or an advocacy request is about, named by an adult. */
  | "child-name"
  /** The worker (e.g. IRO) a person named when they came without an invitation. */
  | "named-worker"
  /** Who, besides the reader, the child says may see the answers. */
  | "may-also-see"
  | "representation-kind"
  | "relationship"
  | "reply-method"
  | "reply-email"
  | "reply-phone"
  | "reply-address"
  | "service-area"
  | "child-in-care"
  | "ethnicity"
  | "disability"
  /** Yes, no or not sure: the person wants an advocate. */
  | "wants-advocate"
  | "advocate-consent"
  | "advocate-contact"
  | "advocate-time"
  | "what-happened"
  | "when-happened"
  | "put-right"
  | "interpreter"
  | "communication-needs";

type QuestionBase = {
  /** Stable id: the answer's key in stored JSON and the field name. Never reuse an old id. */
  id: string;
  role?: QuestionRole;
  /** Children may skip most questions; required ones say why in their error message. */
  required?: boolean;
  /** The question has a hint under its label (key `questions.<id>.hint`). */
  hint?: boolean;
  showIf?: Condition;
};

export type Question =
  | (QuestionBase & {
      kind: "text";
      maxLength?: number;
      autoComplete?: string;
      /** Checked as an email address or a UK phone number (and typed with the right keyboard). */
      format?: "email" | "phone";
    })
  | (QuestionBase & { kind: "long-text"; maxLength?: number })
  | (QuestionBase & { kind: "single"; options: readonly Choice[] })
  | (QuestionBase & {
      kind: "multiple";
      options: readonly Choice[];
      /** A value that cannot be chosen with the others (e.g. "my IRO only"). */
      exclusive?: string;
    })
  | (QuestionBase & { kind: "yes-no-not-sure" })
  | (QuestionBase & { kind: "feelings" })
  | (QuestionBase & { kind: "date" })
  /** One of the council's own service areas (or "not sure"): the options come from the council. */
  | (QuestionBase & { kind: "service-area" });

export type QuestionKind = Question["kind"];

export type Page = {
  id: string;
  questions: readonly Question[];
  /**
   * With one question, the question is the page heading. With several, the page has its own
   * heading (key `pages.<id>.title`).
   */
  picture?: PictureName;
  showIf?: Condition;
};

export type FormDefinition = {
  id: string;
  /** Starts every reference of this form, e.g. "LTM" in "LTM-7KQ4X2". */
  referencePrefix: string;
  /** Bump when a question changes meaning; stored answers keep the version they were given in. */
  version: number;
  audience: Audience;
  /** e.g. "5-11"; undefined when any age. */
  ageBand?: { from: number; to: number };
  /**
   * The form's words live in `locales/<lng>/<namespace>.json`: `title`, `description`,
   * `start.*`, `pages.<page id>.title`, and per question `questions.<id>.label`, `.hint`,
   * `.options.<value>` and, when required, `.required` (the error message).
   * Yes/no/not sure and feelings use the shared words in the `forms` namespace.
   */
  namespace: string;
  /** Larger type and buttons, pictures, one question per page. */
  style: "young" | "express" | "standard";
  /** Every question can be read aloud by the browser. */
  readAloud: boolean;
  /** Where it goes when sent: an id in the destinations registry. */
  destination: string;
  /**
   * Opened only from an invitation (a one-shot link): nobody can start it on their own, so
   * answers come only from the people asked.
   */
  invitationOnly?: boolean;
  /** Languages the form's words exist in (checked by a test). */
  languages: readonly Language[];
  pages: readonly Page[];
};

/** A text answer is a string; a multiple choice is a list; a date is "YYYY-MM-DD". */
export type Answer = string | string[];
export type Answers = Record<string, Answer>;
