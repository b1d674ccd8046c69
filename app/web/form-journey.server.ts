// What every step of a public form needs: the form, the visitor's draft (from its cookie) and
// the cookies that carry it.
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { getLanguage, languageCookie } from "#app/i18n.server";
import { findDraft, startDraft, type Draft } from "#app/models/draft.server";
import {
  findInvitationForVisitor,
  markInvitationOpened,
  type InvitationTrouble,
  type LinkKind,
} from "#app/models/invitation.server";
import type { Language } from "#db/schema/constants";
import { findForm } from "#app/forms/registry";
import type { FormDefinition } from "#app/forms/types";
import { env } from "#app/config.server";
import { readCookie, serializeCookie } from "./cookies.server";
import { cookieNameOf, maxAgeOf } from "#app/privacy/cookies";
import { notFound } from "#app/web/refusals.server";

export function formOrNotFound(formId: string | undefined): FormDefinition {
  const form = formId ? findForm(formId) : undefined;
  if (!form) throw notFound();
  return form;
}

const draftCookieName = (context: AppLoadContext, formId: string) =>
  cookieNameOf("draft", context.production, formId);

export function draftTokenOf(request: Request, context: AppLoadContext, formId: string) {
  return readCookie(request.headers.get("Cookie"), draftCookieName(context, formId));
}

/** Keeps the visitor's draft of one form for as long as a draft lives. */
export function draftCookie(context: AppLoadContext, formId: string, token: string): string {
  return serializeCookie(draftCookieName(context, formId), token, {
    production: context.production,
    maxAgeSeconds: env().DRAFT_DAYS * 24 * 60 * 60,
  });
}

/** Forgets the draft on this device (a device handed round a room, after each person). */
export function clearedDraftCookie(context: AppLoadContext, formId: string): string {
  return serializeCookie(draftCookieName(context, formId), "", {
    production: context.production,
    maxAgeSeconds: 0,
  });
}

/** The visitor's draft of this form; without one, back to the form's start page. */
export async function requireDraft(
  request: Request,
  context: AppLoadContext,
  form: FormDefinition,
): Promise<{ draft: Draft; token: string }> {
  const token = draftTokenOf(request, context, form.id);
  const draft = await findDraft(context.organisation.id, form.id, token);
  if (!draft || !token) throw redirect(`/forms/${form.id}`);
  return { draft, token };
}

/** The resume code shown once after "Save and come back later" (never in an address). */
const savedCodeCookieName = (context: AppLoadContext) =>
  cookieNameOf("resumeCode", context.production);

export function savedCodeCookie(context: AppLoadContext, code: string): string {
  return serializeCookie(savedCodeCookieName(context), code, {
    production: context.production,
    maxAgeSeconds: maxAgeOf("resumeCode"),
  });
}

/** The tracking secret of a comment, compliment or complaint, shown on its confirmation page. */
const trackingSecretCookieName = (context: AppLoadContext) =>
  cookieNameOf("trackingSecret", context.production);

export function trackingSecretCookie(context: AppLoadContext, secret: string): string {
  return serializeCookie(trackingSecretCookieName(context), secret, {
    production: context.production,
    maxAgeSeconds: maxAgeOf("trackingSecret"),
  });
}

export function trackingSecretOf(request: Request, context: AppLoadContext): string | undefined {
  const secret = readCookie(request.headers.get("Cookie"), trackingSecretCookieName(context));
  return secret && /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(secret) ? secret : undefined;
}

export function savedCodeOf(request: Request, context: AppLoadContext): string | undefined {
  const code = readCookie(request.headers.get("Cookie"), savedCodeCookieName(context));
  return code && /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code) ? code : undefined;
}

/**
 * A child arrives with their invitation (link or code): a draft of their booklet, in their
 * language, tied to their IRO — then the booklet's start page greets them by name.
 */
export async function openInvitation(
  context: AppLoadContext,
  invitation: {
    id: string;
    formId: string;
    language: Language;
    conferenceId: string | null;
    eventFacts: string[];
  },
  /** The visitor's language: a conference's invitation is everyone's, in their own language. */
  visitorLanguage?: Language,
): Promise<Response> {
  const form = formOrNotFound(invitation.formId);
  const language = invitation.conferenceId ? (visitorLanguage ?? "en") : invitation.language;
  const { token } = await startDraft({
    organisationId: context.organisation.id,
    form,
    language,
    invitationId: invitation.id,
    eventFacts: invitation.eventFacts,
  });
  await markInvitationOpened(invitation.id, context.organisation.id);
  const headers = new Headers();
  headers.append("Set-Cookie", draftCookie(context, form.id, token));
  if (!invitation.conferenceId) {
    headers.append("Set-Cookie", await languageCookie.serialize(invitation.language));
  }
  return redirect(`/forms/${form.id}`, { headers });
}

/**
 * A visit with an invitation's link: its form opens (in a new draft), or the visitor is told
 * kindly why not — unknown (404), stopped working or already answered (410).
 */
export async function visitInvitationLink(
  request: Request,
  context: AppLoadContext,
  token: string,
  kind: LinkKind,
) {
  const found = await findInvitationForVisitor(context.organisation.id, { token, kind });
  if (found.status === "ok") {
    throw await openInvitation(context, found.invitation, await getLanguage(request));
  }
  const trouble: InvitationTrouble =
    found.status === "expired" ? { status: "expired", inviterName: found.inviterName } : found;
  return data(trouble, { status: found.status === "unknown" ? 404 : 410 });
}
