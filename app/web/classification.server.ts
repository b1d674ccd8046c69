// What the complaints officer decides about a case, checked one way whether the case is being
// logged from a letter or call or confirmed from the online form: the fields and the rules
// across them. Problems are keys under `triage:errors`.
import { z } from "zod";
import { choicesForOfficer } from "#app/models/representation/logged.server";
import type { Organisation } from "#app/models/organisation.server";
import {
  COMPLAINT_CATEGORIES,
  DISABILITIES,
  ETHNICITIES,
  MADE_BY,
  PROCEDURES,
  REPRESENTATION_KINDS,
} from "#db/schema/constants";
import { pickedFrom } from "./forms.server";

export const triageError = (name: string) => `triage:errors.${name}`;
export const YES_NO = ["yes", "no"] as const;

/**
 * The people (accounts, and team members without one), teams, IROs and service areas the officer
 * may choose from, and their ids. A retired service area stays a valid answer (old cases keep it).
 */
export async function officerChoices(organisation: Pick<Organisation, "id" | "serviceAreas">) {
  const choices = await choicesForOfficer(organisation.id);
  return {
    choices,
    ids: {
      areas: organisation.serviceAreas.map((area) => area.key),
      iros: choices.iros.map((iro) => iro.id),
      people: choices.people.map((person) => person.id),
      teams: choices.teams.map((team) => team.id),
      members: choices.members.map((member) => member.id),
    },
  };
}

export type OfficerIds = Awaited<ReturnType<typeof officerChoices>>["ids"];

/** The classification fields, each with its own problem. */
export function classificationFields(ids: OfficerIds) {
  return {
    kind: z.enum(REPRESENTATION_KINDS, triageError("kind")),
    procedure: z
      .enum(["", "undecided", ...PROCEDURES], triageError("procedure"))
      .transform((value) => (value === "" || value === "undecided" ? null : value)),
    category: z
      .enum(["", ...COMPLAINT_CATEGORIES], triageError("category"))
      .transform((value) => (value === "" ? null : value)),
    serviceArea: pickedFrom(ids.areas, triageError("serviceArea")),
    complimentStaffUserId: pickedFrom(ids.people, triageError("person")),
    complimentTeamId: pickedFrom(ids.teams, triageError("team")),
    complimentMemberId: pickedFrom(ids.members, triageError("member")),
    madeBy: z.enum(MADE_BY, triageError("madeBy")),
    lookedAfterChild: z.enum(YES_NO, triageError("lookedAfterChild")),
    iroStaffUserId: pickedFrom(ids.iros, triageError("iro")),
    ethnicity: z.enum(ETHNICITIES, triageError("ethnicity")),
    disability: z.enum(DISABILITIES, triageError("disability")),
  };
}

/**
 * Rules across the fields, on what was typed, so they show alongside every other problem: a
 * complaint's procedure sets its clock and its category how the annual report counts it; a
 * compliment goes to a person or a team, not both.
 */
export function classificationProblems(typed: Record<string, string | undefined>) {
  const problems: Record<string, string> = {};
  if (typed.kind === "complaint") {
    if (!typed.procedure || typed.procedure === "undecided")
      problems.procedure = triageError("procedureComplaint");
    if (!typed.category) problems.category = triageError("categoryComplaint");
  }
  const named = [typed.complimentStaffUserId, typed.complimentMemberId, typed.complimentTeamId];
  if (typed.kind === "compliment" && named.filter(Boolean).length > 1)
    problems.complimentTeamId = triageError("personOrTeam");
  return problems;
}
