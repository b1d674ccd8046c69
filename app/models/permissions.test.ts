import { describe, expect, test } from "vitest";
import { STAFF_ROLES } from "#db/schema/constants";
import { can, PERMISSIONS, permissionsOf } from "./permissions";

describe("permissions", () => {
  test.each([
    ["admin", "staff:manage", true],
    ["iro", "staff:manage", false],
    ["iro", "booklet:read-own", true],
    ["iro", "booklet:read-shared-inbox", false],
    ["manager", "booklet:read-shared-inbox", true],
    ["complaints_officer", "representation:triage", true],
    ["advocacy_provider", "representation:triage", false],
    ["advocacy_provider", "advocacy-referral:handle", true],
    ["cp_chair", "conference:chair", true],
    ["fgc_coordinator", "fgc:coordinate", true],
    ["fgc_coordinator", "conference:chair", false],
    ["cp_chair", "feedback:read-all", false],
    ["manager", "feedback:read-all", true],
    ["iro", "review:record", true],
    ["manager", "participation:read", true],
    ["iro", "participation:read", false],
    ["manager", "refusals:read", true],
    ["admin", "refusals:read", true],
    ["iro", "refusals:read", false],
    ["complaints_officer", "refusals:read", false],
    ["advocacy_provider", "refusals:read", false],
  ] as const)("%s may %s: %s", (role, permission, expected) => {
    expect(can([role], permission)).toBe(expected);
  });

  test("every role can do something, and every permission belongs to a role", () => {
    for (const role of STAFF_ROLES) expect(permissionsOf([role]).length).toBeGreaterThan(0);
    for (const roles of Object.values(PERMISSIONS)) expect(roles.length).toBeGreaterThan(0);
  });

  test("no roles, no permissions", () => {
    expect(permissionsOf([])).toEqual([]);
  });
});
