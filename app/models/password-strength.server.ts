// Whether a new staff password is good enough: long enough, and hard to guess as a password
// cracker would guess it. zxcvbn's estimate does the guessing,
// with its lists of the passwords most often used and leaked, common English words and names,
// and the words this person and council are known by. Its dictionaries take about half a second
// and 60 MB to load, so they are loaded the first time a password is set, not at start.
import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type PasswordProblem,
} from "#app/accounts/password-rules";

/** zxcvbn's 0–4 score; 3 is "safely unguessable" for a slowly hashed password like ours. */
const ENOUGH = 3;

let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
      }),
  );
  return estimator;
}

/** The words a guesser would try first for this person: their name, email and council. */
function wordsAbout(about: { names: readonly string[] }): string[] {
  const words = new Set<string>();
  for (const name of about.names) {
    const trimmed = name.trim().toLowerCase();
    if (!trimmed) continue;
    words.add(trimmed);
    words.add(trimmed.replace(/[^\p{L}\p{N}]+/gu, ""));
    for (const part of trimmed.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

function reasonOf(result: ZxcvbnResult): PasswordProblem {
  const dictionaries = result.sequence.map((match) =>
    "dictionaryName" in match ? String(match.dictionaryName) : "",
  );
  if (dictionaries.includes("userInputs")) return "yourName";
  if (dictionaries.some((name) => name.startsWith("passwords"))) return "common";
  return "guessable";
}

/**
 * What is wrong with a new password, or undefined when it will do. `names` are the person's name
 * and email address and the council's names.
 */
export async function passwordProblem(
  password: string,
  about: { names: readonly string[] },
): Promise<PasswordProblem | undefined> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "tooLong";
  const result = (await loadEstimator()).check(password, wordsAbout(about));
  return result.score >= ENOUGH ? undefined : reasonOf(result);
}
