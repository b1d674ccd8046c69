// A new password from a form ("password", typed twice as "confirm"), held to the rules in
// app/accounts/password-rules.ts: the one reading of it for a welcome link, a reset link, a
// change of one's own password and an admin's new account.
import { passwordProblem } from "#app/models/password-strength.server";
import { textOf } from "./forms.server";

export type NewPassword =
  { ok: true; password: string } | { ok: false; errors: { password?: string; confirm?: string } };

/** `names`: what a guesser would try first (the person's name and email, the council's names). */
export async function readNewPassword(
  form: FormData,
  about: { names: readonly string[] },
): Promise<NewPassword> {
  const password = textOf(form, "password");
  const problem = await passwordProblem(password, about);
  if (problem) return { ok: false, errors: { password: `account:password.problems.${problem}` } };
  if (textOf(form, "confirm") !== password) {
    return { ok: false, errors: { confirm: "account:password.different" } };
  }
  return { ok: true, password };
}
