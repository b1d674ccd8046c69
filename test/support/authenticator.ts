// Codes from an authenticator app, computed in the test as a phone would (RFC 6238). The portal
// takes each time-step's code once per account, so a process never gives the same one twice and
// waits for the next step when it has used the three the portal accepts now.
import { Secret, TOTP } from "otpauth";
import { DEMO_AUTHENTICATOR_KEY } from "../../db/seed";

const PERIOD_MS = 30_000;
const totpOf = (key: string) =>
  new TOTP({ secret: Secret.fromBase32(key), algorithm: "SHA1", digits: 6, period: 30 });

/** The code an app holding `key` shows at `time`. */
export const codeAt = (key: string, time = Date.now()) => totpOf(key).generate({ timestamp: time });

const used = new Map<string, Set<number>>();

/**
 * A code for `account` (any name that tells apart an account on one server) that this process
 * has not given before: this step's, the next's or the last's; or, when all three are spent, the
 * next step's once it comes.
 */
export async function freshCode(account: string, key = DEMO_AUTHENTICATOR_KEY): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / PERIOD_MS);
    const spent = used.get(account) ?? new Set<number>();
    used.set(account, spent);
    const step = [now, now + 1, now - 1].find((candidate) => !spent.has(candidate));
    if (step !== undefined) {
      spent.add(step);
      return codeAt(key, step * PERIOD_MS);
    }
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * PERIOD_MS - Date.now() + 50));
  }
}
