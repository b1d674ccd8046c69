// A case the officer logs from a letter, call, visit, email or text.
import { emailQueued } from "../outbox.server";
import { and, asc, eq, isNull } from "drizzle-orm";
import { db, schema } from "#db/client";
import { type ReplyMethod } from "#db/schema/constants";
import { stageDeadline } from "#app/complaints/clock";
import { type IsoDate } from "#app/utils/dates";
import { randomCharacters } from "#app/utils/secrets.server";
import { recordAudit } from "../audit.server";
import type { Organisation } from "../organisation.server";
import type { StaffActor } from "../inbox.server";
import { staffWithRole } from "../staff.server";
import { Classification } from "./change.server";
import { type Representation, calendarOf, isAnswered, mayTriage } from "./common.server";
import { notifyWhoMustKnow } from "./notify.server";

export type LoggedRepresentation = Classification & {
  receivedOn: IsoDate;
  senderName: string | null;
  childName: string | null;
  summary: string;
  replyMethod: ReplyMethod | null;
  replyTo: string | null;
  language: string;
  advocacyOffered: boolean;
  advocacyTaken: boolean;
};

/** A representation that came on paper or by phone, entered by the officer. */
export async function logRepresentation(input: {
  organisation: Organisation;
  staff: StaffActor;
  logged: LoggedRepresentation;
  portalUrl: string;
  clientAddress?: string;
}): Promise<{ id: string; reference: string } | null> {
  const { organisation, staff, logged } = input;
  if (!mayTriage(organisation.id, staff)) return null;
  const calendar = calendarOf(organisation);
  const created = await db().transaction(async (tx) => {
    let row: Representation | undefined;
    for (let attempt = 0; !row && attempt < 5; attempt++) {
      [row] = await tx
        .insert(schema.representation)
        .values({
          organisationId: organisation.id,
          reference: `HYS-${randomCharacters(6)}`,
          source: "logged",
          ...logged,
          confirmedAt: new Date(),
        })
        .onConflictDoNothing()
        .returning();
    }
    if (!row) throw new Error("Could not give the representation a unique reference");
    if (isAnswered(logged.kind)) {
      await tx.insert(schema.representationStage).values({
        organisationId: organisation.id,
        representationId: row.id,
        stage: 1,
        startedOn: logged.receivedOn,
        dueOn: stageDeadline(calendar, {
          procedure: logged.procedure,
          stage: 1,
          startedOn: logged.receivedOn,
        }),
      });
    }
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "representation.logged",
        actorStaffUserId: staff.id,
        subjectType: "representation",
        subjectId: row.id,
        clientAddress: input.clientAddress,
        detail: { reference: row.reference, contactMethod: logged.contactMethod },
      },
      tx,
    );
    // The officer is the one who logged it: only the others the rules name are told.
    await tx
      .update(schema.representation)
      .set({ notified: ["complaints-officers"] })
      .where(eq(schema.representation.id, row.id));
    await notifyWhoMustKnow(tx, organisation, row.id, input.portalUrl);
    return { id: row.id, reference: row.reference };
  });
  emailQueued();
  return created;
}

/** Staff and teams the officer can choose from (responders, IROs, compliment recipients). */
export async function choicesForOfficer(organisationId: string) {
  const [people, teams, iros] = await Promise.all([
    db()
      .select({ id: schema.staffUser.id, name: schema.staffUser.name })
      .from(schema.staffUser)
      .where(
        and(eq(schema.staffUser.organisationId, organisationId), eq(schema.staffUser.active, true)),
      )
      .orderBy(asc(schema.staffUser.name)),
    db()
      .select({ id: schema.team.id, name: schema.team.name })
      .from(schema.team)
      .where(eq(schema.team.organisationId, organisationId))
      .orderBy(asc(schema.team.name)),
    staffWithRole(organisationId, "iro"),
  ]);
  // People in a team with no account here (a compliment can still reach them), by name.
  const members = await db()
    .select({ id: schema.teamMember.id, name: schema.teamMember.name, team: schema.team.name })
    .from(schema.teamMember)
    .innerJoin(schema.team, eq(schema.team.id, schema.teamMember.teamId))
    .where(
      and(
        eq(schema.teamMember.organisationId, organisationId),
        isNull(schema.teamMember.staffUserId),
      ),
    )
    .orderBy(asc(schema.teamMember.name), asc(schema.team.name));
  return {
    people,
    teams,
    iros: iros.map(({ id, name }) => ({ id, name })),
    members: members.map((m) => ({ id: m.id, name: `${m.name} (${m.team})` })),
  };
}

/** Cases a member of staff has been asked to answer (Stage responders). */
export async function listAssignedToMe(organisationId: string, staff: StaffActor) {
  if (staff.organisationId !== organisationId) return [];
  return db()
    .select({
      id: schema.representation.id,
      reference: schema.representation.reference,
      stage: schema.representation.stage,
      receivedOn: schema.representation.receivedOn,
    })
    .from(schema.representation)
    .where(
      and(
        eq(schema.representation.organisationId, organisationId),
        eq(schema.representation.responderStaffUserId, staff.id),
        isNull(schema.representation.closedOn),
      ),
    )
    .orderBy(asc(schema.representation.receivedOn));
}
