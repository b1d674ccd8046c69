// A form being filled in: created when a visitor starts, updated page by page, resumable with a
// short code. The answers are sealed (encrypted) while they wait.
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { firstUnfinishedPage, visiblePages, type FormContext } from "#app/forms/engine";
import type { Answers, FormDefinition } from "#app/forms/types";
import { env } from "#app/config.server";
import { emailWords } from "./email-text.server";
import { enqueueEmail, SECRET_PLACE, emailQueued } from "./outbox.server";
import type { Organisation } from "./organisation.server";
import {
  keyedHash,
  keyedHashes,
  normaliseCode,
  randomToken,
  seal,
  shortCode,
  unseal,
} from "#app/utils/secrets.server";

const DAY = 24 * 60 * 60 * 1000;

export type Draft = {
  id: string;
  organisationId: string;
  formId: string;
  formVersion: number;
  invitationId: string | null;
  language: string;
  answers: Answers;
  /** The page the visitor was last on, where "carry on" returns to. */
  at: string | undefined;
  /** What the forms may ask about the event the invitation is about (an FGC's aims). */
  eventFacts: string[];
  /** Set once it has been sent: the visitor is shown the confirmation instead. */
  submissionId: string | null;
  expiresAt: Date;
};

const tokenHashOf = (token: string) => keyedHash("draft-token", token);
const codeHashOf = (code: string) => keyedHash("resume-code", normaliseCode(code));
/** A stored hash matches under the current key or a retired one still in the keyring. */
const tokenHashesOf = (token: string) => keyedHashes("draft-token", token);
const codeHashesOf = (code: string) => keyedHashes("resume-code", normaliseCode(code));

function expiryFromNow() {
  return new Date(Date.now() + env().DRAFT_DAYS * DAY);
}

/** What is sealed: the answers and the page the visitor was on. */
type Sealed = { answers: Answers; at?: string; facts?: string[] };
export const sealDraft = (content: Sealed) => seal(JSON.stringify(content));
export const unsealDraft = (sealed: string) => JSON.parse(unseal(sealed)) as Partial<Sealed>;

function toDraft(row: typeof schema.draft.$inferSelect): Draft {
  const content = unsealDraft(row.answersSealed);
  return {
    id: row.id,
    organisationId: row.organisationId,
    formId: row.formId,
    formVersion: row.formVersion,
    invitationId: row.invitationId,
    language: row.language,
    answers: content.answers ?? {},
    at: content.at,
    eventFacts: content.facts ?? [],
    submissionId: row.submissionId,
    expiresAt: row.expiresAt,
  };
}

/** Starts a form; the returned token is the visitor's only key to it (kept in a cookie). */
export async function startDraft(input: {
  organisationId: string;
  form: FormDefinition;
  language: string;
  invitationId?: string;
  eventFacts?: string[];
}): Promise<{ draft: Draft; token: string }> {
  const token = randomToken();
  const [row] = await db()
    .insert(schema.draft)
    .values({
      organisationId: input.organisationId,
      formId: input.form.id,
      formVersion: input.form.version,
      invitationId: input.invitationId ?? null,
      language: input.language,
      tokenHash: tokenHashOf(token),
      answersSealed: sealDraft({ answers: {}, facts: input.eventFacts ?? [] }),
      expiresAt: expiryFromNow(),
    })
    .returning();
  return { draft: toDraft(row!), token };
}

/** The visitor's draft of this form, if their token is still good. */
export async function findDraft(
  organisationId: string,
  formId: string,
  token: string | undefined,
): Promise<Draft | undefined> {
  if (!token) return undefined;
  const [row] = await db()
    .select()
    .from(schema.draft)
    .where(
      and(
        eq(schema.draft.organisationId, organisationId),
        eq(schema.draft.formId, formId),
        inArray(schema.draft.tokenHash, tokenHashesOf(token)),
        gt(schema.draft.expiresAt, sql`now()`),
      ),
    );
  return row ? toDraft(row) : undefined;
}

/**
 * Keeps the answers given so far (merged over the earlier ones), the page the visitor is on, and
 * the draft alive longer.
 */
export async function saveAnswers(draft: Draft, answers: Answers, at?: string): Promise<Draft> {
  const merged = { ...draft.answers, ...answers };
  await db()
    .update(schema.draft)
    .set({
      answersSealed: sealDraft({ answers: merged, at, facts: draft.eventFacts }),
      updatedAt: new Date(),
      expiresAt: expiryFromNow(),
    })
    .where(and(eq(schema.draft.id, draft.id), isNull(schema.draft.submissionId)));
  return { ...draft, answers: merged, at };
}

/**
 * A new resume code for the draft. Only its keyed hash is kept, so each "save" gives a new code
 * and the old one stops working.
 */
export async function makeResumeCode(draft: Draft): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const code = shortCode();
    try {
      await db()
        .update(schema.draft)
        .set({ resumeCodeHash: codeHashOf(code), expiresAt: expiryFromNow() })
        .where(eq(schema.draft.id, draft.id));
      return code;
    } catch (error) {
      // an (astronomically unlikely) clash with another draft's code: draw again
      if (attempt >= 3) throw error;
    }
  }
}

/** Whether this code belongs to this draft (to email it to the visitor). */
export async function isResumeCodeOf(draft: Draft, code: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: schema.draft.id })
    .from(schema.draft)
    .where(
      and(eq(schema.draft.id, draft.id), inArray(schema.draft.resumeCodeHash, codeHashesOf(code))),
    );
  return Boolean(row);
}

/**
 * Carries on with a saved draft in this browser: a new token replaces the old one, so only the
 * browser that resumed last can continue.
 */
export async function resumeDraft(
  organisationId: string,
  code: string,
): Promise<{ draft: Draft; token: string } | undefined> {
  const token = randomToken();
  const [row] = await db()
    .update(schema.draft)
    .set({ tokenHash: tokenHashOf(token), expiresAt: expiryFromNow() })
    .where(
      and(
        eq(schema.draft.organisationId, organisationId),
        inArray(schema.draft.resumeCodeHash, codeHashesOf(code)),
        isNull(schema.draft.submissionId),
        gt(schema.draft.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row ? { draft: toDraft(row), token } : undefined;
}

export { tokenHashOf as draftTokenHash };

export type Greeting = { childName: string; iroName: string; reviewDate: string };

/** For a draft opened from an invitation: the child's name, their IRO and the review date. */
export async function greetingFor(draft: Draft): Promise<Greeting | undefined> {
  if (!draft.invitationId) return undefined;
  const [row] = await db()
    .select({
      childName: schema.invitation.childName,
      iroName: schema.staffUser.name,
      reviewDate: schema.invitation.eventDate,
    })
    .from(schema.invitation)
    .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.invitation.invitedBy))
    .where(
      and(
        eq(schema.invitation.id, draft.invitationId),
        eq(schema.invitation.organisationId, draft.organisationId),
      ),
    );
  // A greeting by name needs a name and a person who invited (the portal's own invitations have
  // neither).
  return row?.childName ? { ...row, childName: row.childName } : undefined;
}

/** Emails the visitor their resume code, in their language, if the code is theirs. */
export async function emailResumeCode(input: {
  draft: Draft;
  code: string;
  email: string;
  formTitle: string;
  portalUrl: string;
}): Promise<boolean> {
  if (!(await isResumeCodeOf(input.draft, input.code))) return false;
  // The code itself is sealed in the outbox and put into the email only when it is sent.
  const values = {
    code: SECRET_PLACE,
    form: input.formTitle,
    link: `${input.portalUrl}/code`,
    days: env().DRAFT_DAYS,
  };
  await enqueueEmail(db(), {
    organisationId: input.draft.organisationId,
    template: "draft.resume-code",
    recipient: input.email,
    ...(await emailWords(input.draft.language, "forms:emails.resumeCode", values)),
    secret: input.code,
    subjectType: "draft",
    subjectId: input.draft.id,
  });
  emailQueued();
  return true;
}

/** What a draft's visitor brings to the form: an invitation, and their council's service areas. */
export function formContextOf(
  draft: Pick<Draft, "invitationId" | "eventFacts">,
  organisation: Pick<Organisation, "serviceAreas">,
): FormContext {
  return {
    invited: Boolean(draft.invitationId),
    eventFacts: draft.eventFacts,
    // A retired area is offered no more.
    serviceAreas: organisation.serviceAreas
      .filter((area) => !area.retiredOn)
      .map((area) => area.key),
  };
}

/** Where "carry on" goes: the page the visitor was on, else the first one not yet done. */
export function carryOnPath(
  form: FormDefinition,
  draft: Draft,
  organisation: Organisation,
): string {
  const context = formContextOf(draft, organisation);
  const pages = visiblePages(form, draft.answers, context);
  const page =
    pages.find((p) => p.id === draft.at) ?? firstUnfinishedPage(form, draft.answers, context);
  return page ? `/forms/${form.id}/${page.id}` : `/forms/${form.id}/check`;
}
