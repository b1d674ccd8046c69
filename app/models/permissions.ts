import type { SecondFactorFor, StaffRole } from "#db/schema/constants";

/**
 * What each role may do. Loaders and actions check a permission, never a role name, so a council
 * can later change who does what in one place.
 */
export const PERMISSIONS = {
  "staff:manage": ["admin"],
  /** The council's own settings: contact details, service areas, teams, Pledge, words, limits. */
  "settings:manage": ["admin"],
  "booklet:read-own": ["iro"],
  "booklet:read-shared-inbox": ["manager"],
  "invitation:create": ["iro"],
  "booklet:allocate": ["manager"],
  /** Record a child protection conference and see its feedback (their own conferences). */
  "conference:chair": ["cp_chair"],
  /** Record a Family Group Conference and see its evaluations (their own FGCs). */
  "fgc:coordinate": ["fgc_coordinator"],
  /** Feedback from every conference and FGC in the council, and every review's. */
  "feedback:read-all": ["manager"],
  /** Record the reviews they chair, with the child's participation. */
  "review:record": ["iro"],
  /** The council's review participation figures, by period and by IRO. */
  "participation:read": ["manager"],
  "representation:triage": ["complaints_officer"],
  "advocacy-referral:handle": ["advocacy_provider"],
  /** The council's advocacy figures: referrals, contact within 1 working day, outcomes. */
  "advocacy:figures": ["advocacy_provider", "manager"],
  "report:read": ["manager", "complaints_officer"],
  /** Accounts refused again and again (not theirs, not allowed, a form without its token). */
  "refusals:read": ["manager", "admin"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function permissionsOf(roles: readonly StaffRole[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) =>
    (PERMISSIONS[permission] as readonly StaffRole[]).some((role) => roles.includes(role)),
  );
}

export function can(roles: readonly StaffRole[], permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).some((role) => roles.includes(role));
}

/** Roles that always give a code from an authenticator app after their password. */
const SECOND_FACTOR_ROLES: readonly StaffRole[] = ["admin", "manager"];

/** Whether this person must give a second factor after their password, at this council. */
export function secondFactorNeeded(roles: readonly StaffRole[], policy: SecondFactorFor): boolean {
  return policy === "everyone" || roles.some((role) => SECOND_FACTOR_ROLES.includes(role));
}
