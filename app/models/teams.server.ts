// A council's teams and who is in them: portal accounts, or just a name and an email address
// (a social worker without an account), and which of them manage the team. Compliments about a
// team or one of its people reach them through this. Only the council's admin changes it; each
// change is audited.
import { and, asc, count, eq, sql } from "drizzle-orm";
import { db, schema } from "#db/client";
import { recordAudit } from "./audit.server";
import { isUuid } from "./invitation.server";
import type { StaffActor } from "./inbox.server";
import { mayChangeSettings } from "./settings.server";
import { normaliseEmail } from "./staff.server";

export type TeamSummary = { id: string; name: string; members: number; managers: string[] };

/** Every team of the council, by name, with how many are in it and who manages it. */
export async function listTeams(organisationId: string): Promise<TeamSummary[]> {
  const { team, teamMember } = schema;
  return db()
    .select({
      id: team.id,
      name: team.name,
      members: count(teamMember.id),
      managers: sql<
        string[]
      >`coalesce(array_agg(${teamMember.name} order by ${teamMember.name}) filter (where ${teamMember.manager}), '{}')`,
    })
    .from(team)
    .leftJoin(teamMember, eq(teamMember.teamId, team.id))
    .where(eq(team.organisationId, organisationId))
    .groupBy(team.id)
    .orderBy(asc(team.name));
}

export type TeamMember = {
  id: string;
  name: string;
  email: string;
  manager: boolean;
  /** The portal account this is, or null for someone known only by name and address. */
  staffUserId: string | null;
};

/** One team of this council with its members (managers first), or undefined. */
export async function getTeam(organisationId: string, teamId: string) {
  const { team, teamMember } = schema;
  if (!isUuid(teamId)) return undefined;
  const [found] = await db()
    .select({ id: team.id, name: team.name })
    .from(team)
    .where(and(eq(team.id, teamId), eq(team.organisationId, organisationId)));
  if (!found) return undefined;
  const members: TeamMember[] = await db()
    .select({
      id: teamMember.id,
      name: teamMember.name,
      email: teamMember.email,
      manager: teamMember.manager,
      staffUserId: teamMember.staffUserId,
    })
    .from(teamMember)
    .where(eq(teamMember.teamId, found.id))
    .orderBy(sql`${teamMember.manager} desc`, asc(teamMember.name));
  return { ...found, members };
}

/** Everyone in any of the council's teams, by name: who a compliment can name. */
export async function listTeamMembers(organisationId: string) {
  const { team, teamMember } = schema;
  return db()
    .select({ id: teamMember.id, name: teamMember.name, team: team.name })
    .from(teamMember)
    .innerJoin(team, eq(team.id, teamMember.teamId))
    .where(eq(teamMember.organisationId, organisationId))
    .orderBy(asc(teamMember.name), asc(team.name));
}

export class TeamNameInUseError extends Error {
  constructor() {
    super("The council already has a team with that name.");
  }
}
export class MemberInTeamError extends Error {
  constructor() {
    super("Someone with that email address is already in the team.");
  }
}

export type TeamChange =
  | { kind: "create"; name: string }
  | { kind: "rename"; teamId: string; name: string }
  | {
      kind: "add-member";
      teamId: string;
      manager: boolean;
      /** An account of this council, or a name and an address. */
      person: { staffUserId: string } | { name: string; email: string };
    }
  | { kind: "remove-member"; teamId: string; memberId: string };

/**
 * Makes one change to the council's teams (the admin's own council only). Returns the team's id,
 * or undefined when the team, member or account is not this council's.
 */
export async function changeTeam(input: {
  organisationId: string;
  staff: StaffActor;
  change: TeamChange;
  clientAddress?: string;
}): Promise<string | undefined> {
  mayChangeSettings(input.organisationId, input.staff);
  const { organisationId, change } = input;
  const { team, teamMember, staffUser } = schema;
  // Ids come from a form: one that is not an id names nothing here.
  const ids = [
    "teamId" in change ? change.teamId : undefined,
    change.kind === "remove-member" ? change.memberId : undefined,
    change.kind === "add-member" && "staffUserId" in change.person
      ? change.person.staffUserId
      : undefined,
  ];
  if (ids.some((id) => id !== undefined && !isUuid(id))) return undefined;
  return db().transaction(async (tx) => {
    let teamId: string | undefined;
    if (change.kind === "create") {
      const [created] = await tx
        .insert(team)
        .values({ organisationId, name: change.name })
        .onConflictDoNothing()
        .returning({ id: team.id });
      if (!created) throw new TeamNameInUseError();
      teamId = created.id;
    } else {
      const [found] = await tx
        .select({ id: team.id })
        .from(team)
        .where(and(eq(team.id, change.teamId), eq(team.organisationId, organisationId)));
      if (!found) return undefined;
      teamId = found.id;
    }
    if (change.kind === "rename") {
      const [taken] = await tx
        .select({ id: team.id })
        .from(team)
        .where(and(eq(team.organisationId, organisationId), eq(team.name, change.name)));
      if (taken && taken.id !== teamId) throw new TeamNameInUseError();
      await tx.update(team).set({ name: change.name }).where(eq(team.id, teamId));
    }
    if (change.kind === "add-member") {
      let person: { staffUserId: string | null; name: string; email: string };
      if ("staffUserId" in change.person) {
        const [account] = await tx
          .select({ id: staffUser.id, name: staffUser.name, email: staffUser.email })
          .from(staffUser)
          .where(
            and(
              eq(staffUser.id, change.person.staffUserId),
              eq(staffUser.organisationId, organisationId),
              eq(staffUser.active, true),
            ),
          );
        if (!account) return undefined;
        person = { staffUserId: account.id, name: account.name, email: account.email };
      } else {
        person = {
          staffUserId: null,
          name: change.person.name,
          email: normaliseEmail(change.person.email),
        };
      }
      const [added] = await tx
        .insert(teamMember)
        .values({ organisationId, teamId, manager: change.manager, ...person })
        .onConflictDoNothing()
        .returning({ id: teamMember.id });
      if (!added) throw new MemberInTeamError();
    }
    if (change.kind === "remove-member") {
      const [removed] = await tx
        .delete(teamMember)
        .where(and(eq(teamMember.id, change.memberId), eq(teamMember.teamId, teamId)))
        .returning({ id: teamMember.id });
      if (!removed) return undefined;
    }
    await recordAudit(
      {
        organisationId,
        action: "team.changed",
        actorStaffUserId: input.staff.id,
        subjectType: "team",
        subjectId: teamId,
        clientAddress: input.clientAddress,
        detail: { change: change.kind },
      },
      tx,
    );
    return teamId;
  });
}
