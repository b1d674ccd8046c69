// Reading the settings forms that are not a topic of the council's row: a service area's name in
// each language, a team's name, a member of a team.
import { z } from "zod";
import type { LocalisedText } from "#db/schema/constants";
import { checkSettings, formNamesOf } from "#app/settings/check";
import { SERVICE_AREA_NAME } from "#app/settings/topics";
import { plainText } from "#app/utils/plain-text";
import { fieldErrorsOf, textOf } from "./forms.server";

/** A service area's name in each language (English needed). */
export function readAreaName(form: FormData) {
  const [field] = SERVICE_AREA_NAME.fields;
  const typed = Object.fromEntries(formNamesOf(field).map((name) => [name, textOf(form, name)]));
  const checked = checkSettings(SERVICE_AREA_NAME, typed);
  return checked.ok
    ? { ok: true as const, name: checked.columns.areaName as LocalisedText, typed }
    : { ok: false as const, errors: checked.errors, typed };
}

const name = (key: string) =>
  plainText().trim().min(1, `settings:errors.${key}`).max(200, "settings:errors.tooLong");

const teamName = name("teamNameMissing");
/** A team's name, on its own ("name") or beside a member's name ("teamName"). */
const TEAM_NAME = {
  name: z.object({ name: teamName }),
  teamName: z.object({ teamName }),
};

/** A team's name, typed into the field of that name. */
export function readTeamName(form: FormData, field: keyof typeof TEAM_NAME = "name") {
  const typed = { [field]: textOf(form, field) };
  const parsed = TEAM_NAME[field].safeParse(typed);
  return parsed.success
    ? { ok: true as const, name: typed[field]!.trim(), typed }
    : { ok: false as const, errors: fieldErrorsOf(parsed.error), typed };
}

const NamedMember = z.object({
  name: name("memberNameMissing"),
  email: plainText()
    .trim()
    .min(1, "settings:errors.memberEmailMissing")
    .max(320, "settings:errors.email")
    .pipe(z.email("settings:errors.email")),
});

/**
 * Someone to add to a team: an account chosen from the list, or a name and an email address
 * (a social worker without an account).
 */
export function readNewMember(form: FormData) {
  const typed = {
    account: textOf(form, "account"),
    name: textOf(form, "name"),
    email: textOf(form, "email"),
    manager: textOf(form, "manager") === "yes",
  };
  if (typed.account) {
    return {
      ok: true as const,
      person: { staffUserId: typed.account },
      manager: typed.manager,
      typed,
    };
  }
  const parsed = NamedMember.safeParse(typed);
  return parsed.success
    ? {
        ok: true as const,
        person: { name: parsed.data.name, email: parsed.data.email },
        manager: typed.manager,
        typed,
      }
    : { ok: false as const, errors: fieldErrorsOf(parsed.error), typed };
}
