// Conferences whose families give feedback: a child protection conference recorded by its chair,
// a Family Group Conference by its coordinator. Recording one makes an invitation for each of its
// forms that anyone at the conference may use until it stops taking answers; its link and code
// are kept sealed so the chair can print the cards again. Every query is scoped by council, and
// a chair's or coordinator's by the conferences they hold; managers see the council's.
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#db/client";
import {
  CHILD_PROTECTION_CONFERENCE_TYPES,
  FGC_AIMS,
  type ConferenceKind,
  type FgcAim,
} from "#db/schema/constants";
import { env } from "#app/config.server";
import { CONFERENCE_FORMS } from "#app/forms/registry";
import { addDays, startOfLondonDay, type IsoDate } from "#app/utils/dates";
import {
  keyedHash,
  normaliseCode,
  randomCharacters,
  randomToken,
  seal,
  shortCode,
  unseal,
} from "#app/utils/secrets.server";
import { recordAudit } from "./audit.server";
import { isUuid, type EventKind } from "./invitation.server";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { can, type Permission } from "./permissions";
import { urgentWordsWhere } from "./summary.server";

/** Who records each kind of conference, and the words and reference it goes by. */
export const CONFERENCE_KIND_FACTS = {
  "child-protection": {
    permission: "conference:chair",
    referencePrefix: "CPC",
    eventKind: "child-protection-conference",
  },
  "family-group": {
    permission: "fgc:coordinate",
    referencePrefix: "FGC",
    eventKind: "family-group-conference",
  },
} as const satisfies Record<
  ConferenceKind,
  { permission: Permission; referencePrefix: string; eventKind: EventKind }
>;

export const CONFERENCES_PER_PAGE = 25;

export type NewConference =
  | { kind: "child-protection"; heldOn: IsoDate; conferenceType: string }
  | {
      kind: "family-group";
      heldOn: IsoDate;
      referrerName: string;
      aims: readonly FgcAim[];
      lookedAfterAtReferral: boolean;
    };

/** The kinds of conference this member of staff may record. */
export function kindsRecordedBy(staff: Pick<StaffActor, "roles">): ConferenceKind[] {
  return (Object.keys(CONFERENCE_KIND_FACTS) as ConferenceKind[]).filter((kind) =>
    can(staff.roles, CONFERENCE_KIND_FACTS[kind].permission),
  );
}

/** Whether this member of staff sees every conference in the council, or only their own. */
const seesAll = (staff: Pick<StaffActor, "roles">) => can(staff.roles, "feedback:read-all");

type SealedSecrets = { linkToken: string; code: string };

/** Records a conference and makes its invitations, in one transaction. */
export async function recordConference(input: {
  organisationId: string;
  staff: StaffActor;
  conference: NewConference;
  clientAddress?: string;
}): Promise<{ id: string; reference: string }> {
  const { staff, conference } = input;
  const facts = CONFERENCE_KIND_FACTS[conference.kind];
  if (staff.organisationId !== input.organisationId || !can(staff.roles, facts.permission)) {
    throw new NotAllowedError(facts.permission);
  }
  if (
    conference.kind === "child-protection" &&
    !(CHILD_PROTECTION_CONFERENCE_TYPES as readonly string[]).includes(conference.conferenceType)
  ) {
    throw new RangeError(`Unknown conference type ${conference.conferenceType}`);
  }
  if (
    conference.kind === "family-group" &&
    (conference.aims.length === 0 || conference.aims.some((aim) => !FGC_AIMS.includes(aim)))
  ) {
    throw new RangeError("An FGC needs at least one of the known aims");
  }
  const acceptsUntil = startOfLondonDay(
    addDays(conference.heldOn, env().CONFERENCE_FEEDBACK_DAYS + 1),
  );
  return db().transaction(async (tx) => {
    let row: { id: string; reference: string } | undefined;
    for (let attempt = 0; !row && attempt < 5; attempt++) {
      [row] = await tx
        .insert(schema.conference)
        .values({
          organisationId: input.organisationId,
          kind: conference.kind,
          reference: `${facts.referencePrefix}-${randomCharacters(6)}`,
          heldOn: conference.heldOn,
          chairedBy: staff.id,
          conferenceType: conference.kind === "child-protection" ? conference.conferenceType : null,
          referrerName:
            conference.kind === "family-group" ? conference.referrerName.trim() || null : null,
          aims: conference.kind === "family-group" ? [...conference.aims] : [],
          lookedAfterAtReferral:
            conference.kind === "family-group" ? conference.lookedAfterAtReferral : null,
          acceptsUntil,
          createdBy: staff.id,
        })
        .onConflictDoNothing()
        .returning({ id: schema.conference.id, reference: schema.conference.reference });
    }
    if (!row) throw new Error("Could not give the conference a unique reference");
    for (const { form } of CONFERENCE_FORMS[conference.kind]) {
      // A code clash (about 1 in 10^12) fails the whole recording; the chair simply tries again.
      const secrets: SealedSecrets = { linkToken: randomToken(), code: shortCode() };
      await tx.insert(schema.invitation).values({
        organisationId: input.organisationId,
        invitedBy: staff.id,
        formId: form.id,
        language: "en",
        eventKind: facts.eventKind,
        eventDate: conference.heldOn,
        eventReference: row.reference,
        conferenceId: row.id,
        linkTokenHash: keyedHash("invitation-link", secrets.linkToken),
        codeHash: keyedHash("invitation-code", normaliseCode(secrets.code)),
        secretsSealed: seal(JSON.stringify(secrets)),
        expiresAt: acceptsUntil,
        createdBy: staff.id,
      });
    }
    await recordAudit(
      {
        organisationId: input.organisationId,
        action: "conference.recorded",
        actorStaffUserId: staff.id,
        subjectType: "conference",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: { kind: conference.kind, reference: row.reference, heldOn: conference.heldOn },
      },
      tx,
    );
    return row;
  });
}

function scopeOf(organisationId: string, staff: StaffActor): SQL {
  return and(
    eq(schema.conference.organisationId, organisationId),
    seesAll(staff) ? undefined : eq(schema.conference.chairedBy, staff.id),
  )!;
}

const summaryColumns = {
  id: schema.conference.id,
  kind: schema.conference.kind,
  reference: schema.conference.reference,
  heldOn: schema.conference.heldOn,
  conferenceType: schema.conference.conferenceType,
  acceptsUntil: schema.conference.acceptsUntil,
  chairName: schema.staffUser.name,
};

/** The answers each conference has had, by reference (the only link an answer keeps). */
async function answersByReference(organisationId: string, references: string[]) {
  if (references.length === 0) return new Map<string, number>();
  const rows = await db()
    .select({ reference: schema.submission.eventReference, answers: count() })
    .from(schema.submission)
    .where(
      and(
        eq(schema.submission.organisationId, organisationId),
        inArray(schema.submission.eventReference, references),
      ),
    )
    .groupBy(schema.submission.eventReference);
  return new Map(rows.map((row) => [row.reference ?? "", row.answers]));
}

/** A page of conferences, newest first: a chair's own, or every one for a manager. */
export async function listConferences(input: {
  organisationId: string;
  staff: StaffActor;
  page: number;
}) {
  const { staff } = input;
  if (!seesAll(staff) && kindsRecordedBy(staff).length === 0) {
    throw new NotAllowedError("conference:chair");
  }
  const where = scopeOf(input.organisationId, staff);
  const page = Math.max(1, Math.floor(input.page) || 1);
  const [rows, [total]] = await Promise.all([
    db()
      .select(summaryColumns)
      .from(schema.conference)
      .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.conference.chairedBy))
      .where(where)
      .orderBy(desc(schema.conference.heldOn), desc(schema.conference.createdAt))
      .limit(CONFERENCES_PER_PAGE)
      .offset((page - 1) * CONFERENCES_PER_PAGE),
    db().select({ total: count() }).from(schema.conference).where(where),
  ]);
  const answers = await answersByReference(
    input.organisationId,
    rows.map((row) => row.reference),
  );
  return {
    conferences: rows.map((row) => ({ ...row, answers: answers.get(row.reference) ?? 0 })),
    total: total?.total ?? 0,
    page,
    pages: Math.max(1, Math.ceil((total?.total ?? 0) / CONFERENCES_PER_PAGE)),
  };
}

/**
 * One conference with its forms' links and codes (unsealed for its chair, and for a manager),
 * how many answers each form has had and how many were flagged. Undefined when it is not in this
 * council or not theirs.
 */
export async function getConference(input: {
  organisationId: string;
  staff: StaffActor;
  conferenceId: string;
  clientAddress?: string;
}) {
  if (!isUuid(input.conferenceId)) return undefined;
  const [row] = await db()
    .select({
      ...summaryColumns,
      chairedBy: schema.conference.chairedBy,
      referrerName: schema.conference.referrerName,
      aims: schema.conference.aims,
      lookedAfterAtReferral: schema.conference.lookedAfterAtReferral,
    })
    .from(schema.conference)
    .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.conference.chairedBy))
    .where(
      and(scopeOf(input.organisationId, input.staff), eq(schema.conference.id, input.conferenceId)),
    );
  if (!row) return undefined;
  const invitations = await db()
    .select({
      id: schema.invitation.id,
      formId: schema.invitation.formId,
      secretsSealed: schema.invitation.secretsSealed,
    })
    .from(schema.invitation)
    .where(
      and(
        eq(schema.invitation.organisationId, input.organisationId),
        eq(schema.invitation.conferenceId, row.id),
      ),
    );
  const answered = await db()
    .select({
      formId: schema.submission.formId,
      answers: count(),
      flagged: sql<number>`count(*) filter (where ${schema.submission.urgent})`.mapWith(Number),
    })
    .from(schema.submission)
    .where(
      and(
        eq(schema.submission.organisationId, input.organisationId),
        eq(schema.submission.eventReference, row.reference),
      ),
    )
    .groupBy(schema.submission.formId);
  const flagged = await urgentWordsWhere(
    and(
      eq(schema.submission.organisationId, input.organisationId),
      eq(schema.submission.eventReference, row.reference),
    )!,
  );
  await recordAudit({
    organisationId: input.organisationId,
    action: "conference.viewed",
    actorStaffUserId: input.staff.id,
    subjectType: "conference",
    subjectId: row.id,
    clientAddress: input.clientAddress,
  });
  const kind = row.kind as ConferenceKind;
  return {
    ...row,
    kind,
    open: row.acceptsUntil.getTime() > Date.now(),
    flagged,
    forms: CONFERENCE_FORMS[kind].map(({ form, handedRound }) => {
      const invitation = invitations.find((i) => i.formId === form.id);
      const secrets = invitation?.secretsSealed
        ? (JSON.parse(unseal(invitation.secretsSealed)) as SealedSecrets)
        : null;
      const counted = answered.find((a) => a.formId === form.id);
      return {
        formId: form.id,
        handedRound,
        invitationId: invitation?.id ?? null,
        secrets,
        answers: counted?.answers ?? 0,
        flagged: counted?.flagged ?? 0,
      };
    }),
  };
}

export type ConferenceView = NonNullable<Awaited<ReturnType<typeof getConference>>>;

/**
 * A conference still taking answers, for a device handed round its room: the forms offered there
 * and their invitations. Undefined once it has stopped, or for a form not handed round.
 */
export async function conferenceForHandOver(organisationId: string, conferenceId: string) {
  if (!isUuid(conferenceId)) return undefined;
  const [row] = await db()
    .select({
      id: schema.conference.id,
      kind: schema.conference.kind,
      reference: schema.conference.reference,
      acceptsUntil: schema.conference.acceptsUntil,
    })
    .from(schema.conference)
    .where(
      and(
        eq(schema.conference.organisationId, organisationId),
        eq(schema.conference.id, conferenceId),
      ),
    );
  if (!row || row.acceptsUntil.getTime() <= Date.now()) return undefined;
  const invitations = await db()
    .select({ id: schema.invitation.id, formId: schema.invitation.formId })
    .from(schema.invitation)
    .where(
      and(
        eq(schema.invitation.organisationId, organisationId),
        eq(schema.invitation.conferenceId, row.id),
      ),
    );
  const kind = row.kind as ConferenceKind;
  return {
    ...row,
    kind,
    forms: CONFERENCE_FORMS[kind]
      .filter((entry) => entry.handedRound)
      .flatMap(({ form }) => {
        const invitation = invitations.find((i) => i.formId === form.id);
        return invitation ? [{ formId: form.id, invitationId: invitation.id }] : [];
      }),
  };
}
