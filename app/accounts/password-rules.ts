// The rules every new staff password is held to, shared by the server's checks and the pages'
// hints: a length (no rules about kinds of character), and not easy to guess
// (app/models/password-strength.server.ts).
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** Why a password is refused: each one is a translated reason (`account:password.problems`). */
export type PasswordProblem = "tooShort" | "tooLong" | "yourName" | "common" | "guessable";
