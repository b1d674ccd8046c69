import { describe, expect, test } from "vitest";
import { safeRedirect } from "./staff-auth.server";

describe("safeRedirect", () => {
  test.each([
    ["/staff/users", "/staff/users"],
    ["/staff?x=1", "/staff?x=1"],
    ["https://evil.example/", "/staff"],
    ["//evil.example/", "/staff"],
    ["/\\evil.example", "/staff"],
    ["", "/staff"],
    [null, "/staff"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});
