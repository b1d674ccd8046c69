// Every public form, by id and version. A changed form gets a new version beside the old one,
// so answers stored under an old version are always read with the questions they answered.
import { listenToMe11to18 } from "./listen-to-me-11-18";
import { listenToMe5to11 } from "./listen-to-me-5-11";
import { listenToMeExpress } from "./listen-to-me-express";
import { reviewConsultationParent } from "./review-consultation-parent";
import { advocacyRequest } from "./advocacy-request";
import { haveYourSay } from "./have-your-say";
import { haveYourSayChild } from "./have-your-say-child";
import { complaintSatisfaction } from "./complaint-satisfaction";
import {
  conferenceParent,
  conferenceYoungPerson,
  conferenceYoungPersonExpress,
} from "./conference-feedback";
import { fgcFamily, fgcReferrer, fgcYoungPerson } from "./fgc-evaluations";
import { afterYourReview, afterYourReviewExpress } from "./after-your-review";
import type { ConferenceKind } from "#db/schema/constants";
import type { FormDefinition } from "./types";

/** Every version of every form. Only the newest version of each is offered to new visitors. */
const ALL_VERSIONS: FormDefinition[] = [
  listenToMe5to11,
  listenToMe11to18,
  listenToMeExpress,
  reviewConsultationParent,
  haveYourSayChild,
  haveYourSay,
  advocacyRequest,
  complaintSatisfaction,
  conferenceParent,
  conferenceYoungPerson,
  conferenceYoungPersonExpress,
  fgcFamily,
  fgcYoungPerson,
  fgcReferrer,
  afterYourReview,
  afterYourReviewExpress,
];

/** The booklets a child can be invited to, youngest first. */
export const CHILD_BOOKLETS: readonly FormDefinition[] = [
  listenToMe5to11,
  listenToMe11to18,
  listenToMeExpress,
];

/** The forms offered on the review page: the child booklets and the parents' and carers' paper. */
export const REVIEW_FORMS: readonly FormDefinition[] = [
  ...CHILD_BOOKLETS,
  reviewConsultationParent,
];

/** The forms an IRO can send a child after their review. */
export const AFTER_REVIEW_FORMS: readonly FormDefinition[] = [
  afterYourReview,
  afterYourReviewExpress,
];

/**
 * The forms of a conference, each with its own link and code. `handedRound`: offered on a
 * device handed round the room (the family's and the young person's, never the referrer's).
 */
export const CONFERENCE_FORMS: Record<
  ConferenceKind,
  readonly { form: FormDefinition; handedRound: boolean }[]
> = {
  "child-protection": [
    { form: conferenceParent, handedRound: true },
    { form: conferenceYoungPerson, handedRound: true },
    { form: conferenceYoungPersonExpress, handedRound: true },
  ],
  "family-group": [
    { form: fgcFamily, handedRound: true },
    { form: fgcYoungPerson, handedRound: true },
    { form: fgcReferrer, handedRound: false },
  ],
};

/** A form by id: the given version, or the newest. */
export function findForm(id: string, version?: number): FormDefinition | undefined {
  const versions = ALL_VERSIONS.filter((form) => form.id === id);
  if (version !== undefined) return versions.find((form) => form.version === version);
  return versions.reduce<FormDefinition | undefined>(
    (newest, form) => (!newest || form.version > newest.version ? form : newest),
    undefined,
  );
}

/** The booklet an IRO is offered first for a child of this age. */
export function suggestedBookletFor(age: number): string {
  return age < 11 ? listenToMe5to11.id : listenToMe11to18.id;
}

/** Every version of every form, for checks that must hold for each. */
export function allForms(): readonly FormDefinition[] {
  return ALL_VERSIONS;
}

/** Adds a form made of data alone (a council's own, or a test's); its words are its namespace's. */
export function registerForm(form: FormDefinition): void {
  if (findForm(form.id, form.version)) throw new Error(`Form "${form.id}" v${form.version} exists`);
  ALL_VERSIONS.push(form);
}
