// Every cookie the portal sets: the code that sets a cookie takes its name and lifetime from
// here, and the privacy notice lists this, so the two cannot drift. A test collects every
// Set-Cookie over real journeys and fails on a name that is not listed.

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export type CookieLifetime =
  /** Gone when the browser is closed. */
  | { kind: "browser" }
  | { kind: "seconds"; seconds: number }
  /** As long as a saved form can be carried on (the DRAFT_DAYS setting). */
  | { kind: "draftDays" };

export type SiteCookie = {
  /** The name outside production; in production `productionPrefix` is put before it. */
  name: string;
  /** True when the name is the start of several names, one per form ("draft-<form id>"). */
  perForm: boolean;
  /** Browsers only accept `__Host-` and `__Secure-` cookies sent over HTTPS. */
  productionPrefix: "__Host-" | "__Secure-" | null;
  lifetime: CookieLifetime;
  /** Who gets it (words in `legal:privacy.cookieFor.<key>`). */
  setFor: "everyone" | "formFillers" | "staff";
};

export const SITE_COOKIES = {
  language: {
    name: "lng",
    perForm: false,
    productionPrefix: null,
    lifetime: { kind: "seconds", seconds: 365 * 24 * HOUR },
    setFor: "everyone",
  },
  formSafety: {
    name: "csrf",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "browser" },
    setFor: "everyone",
  },
  draft: {
    name: "draft-",
    perForm: true,
    productionPrefix: "__Host-",
    lifetime: { kind: "draftDays" },
    setFor: "formFillers",
  },
  resumeCode: {
    name: "resume-code",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "seconds", seconds: 30 * MINUTE },
    setFor: "formFillers",
  },
  trackingSecret: {
    name: "tracking-secret",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "seconds", seconds: 30 * MINUTE },
    setFor: "formFillers",
  },
  staffSession: {
    name: "staff_session",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "seconds", seconds: 12 * HOUR },
    setFor: "staff",
  },
  singleSignOn: {
    name: "sso_attempt",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "seconds", seconds: 10 * MINUTE },
    setFor: "staff",
  },
  secondFactor: {
    name: "sign_in_pending",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "seconds", seconds: 10 * MINUTE },
    setFor: "staff",
  },
  invitationSecrets: {
    name: "invitation_secrets",
    perForm: false,
    productionPrefix: "__Secure-",
    lifetime: { kind: "seconds", seconds: HOUR },
    setFor: "staff",
  },
  handOver: {
    name: "hand_over",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "seconds", seconds: 12 * HOUR },
    setFor: "staff",
  },
  keptForm: {
    name: "kept_form",
    perForm: false,
    productionPrefix: "__Host-",
    lifetime: { kind: "seconds", seconds: 30 * MINUTE },
    setFor: "staff",
  },
} as const satisfies Record<string, SiteCookie>;

export type CookieId = keyof typeof SITE_COOKIES;

/** The cookies in the order the privacy notice lists them. */
export const COOKIE_IDS = Object.keys(SITE_COOKIES) as CookieId[];

/** How long a cookie with a fixed lifetime lasts, in seconds (for its Max-Age). */
export function maxAgeOf(id: CookieId): number {
  const lifetime: CookieLifetime = SITE_COOKIES[id].lifetime;
  if (lifetime.kind !== "seconds") throw new Error(`The ${id} cookie has no fixed lifetime`);
  return lifetime.seconds;
}

/** The name a browser sees, e.g. "__Host-csrf" in production. */
export function cookieNameOf(id: CookieId, production: boolean, formId = ""): string {
  const cookie: SiteCookie = SITE_COOKIES[id];
  const name = cookie.perForm ? `${cookie.name}${formId}` : cookie.name;
  return production && cookie.productionPrefix ? `${cookie.productionPrefix}${name}` : name;
}

/** Which listed cookie a name set by the server is, if any. */
export function listedCookieOf(setName: string): CookieId | undefined {
  const name = setName.replace(/^__(Host|Secure)-/, "");
  return COOKIE_IDS.find((id) => {
    const cookie: SiteCookie = SITE_COOKIES[id];
    return cookie.perForm
      ? name.startsWith(cookie.name) && name.length > cookie.name.length
      : name === cookie.name;
  });
}
