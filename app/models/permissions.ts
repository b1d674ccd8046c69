import type { StaffRole } from "#db/schema/constants";

/**
 * What each role may do. Loaders and actions check a permission, never a role name, so a council
 * can later change who does what in one place.
 */
export const PERMISSIONS = {
  "staff:manage": ["admin"],
  "booklet:read-own": ["iro"],
  "booklet:read-shared-inbox": ["manager"],
  "invitation:create": ["iro"],
  "booklet:allocate": ["manager"],
  "conference-feedback:read": ["cp_chair", "manager"],
  "fgc-evaluation:read": ["fgc_coordinator", "manager"],
  "representation:triage": ["complaints_officer"],
  "advocacy-referral:handle": ["advocacy_provider"],
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
