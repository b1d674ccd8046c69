import { describe, expect, test } from "vitest";
import { isSameSitePath, safeRedirect } from "./redirects";

const HERE = "http://portal.example";

/** Where a browser on this site would go, reading the value as a `Location`. */
const followed = (location: string) => new URL(location, HERE);

describe("safeRedirect keeps a visitor on this site", () => {
  test.each([
    "/staff",
    "/staff/users",
    "/staff/booklets?box=shared",
    "/staff/representations/0b3c7c9e-8f1a-4a9e-9d1c-2f8f7a2b6c1d?done=logged",
    "/staff/reports/complaints?year=2026",
    "/staff/invitations/new#child",
    "/forms/listen-to-me-11-18/check?return=check",
  ])("a path on this site is kept: %s", (path) => {
    expect(safeRedirect(path)).toBe(path);
  });

  const hostile = [
    // the report's own case: a tab between the slashes, which browsers drop
    "%2F%09%2Fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d/evil.example",
    "/%2509/evil.example",
    "//evil.example",
    "//evil.example/staff",
    "///evil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "/%252F/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "https://evil.example/",
    "http://evil.example",
    "HTTPS://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "//evil.example@portal.example",
    "/staff@evil.example/../..//evil.example",
    " /staff",
    "/staff ",
    " //evil.example",
    "/staff\u0000",
    "/staff%00",
    "/staff\u0001",
    "/staff\u007f",
    "/staff\u0085",
    "/staff\u00a0",
    "/staff\u2028",
    "/staff\u200b",
    "/staff\ufeff",
    "/staff%E2%80%A8",
    "/staff/%",
    "/staff/%E0%A4%A",
    "/staff/../../evil",
    "/./evil.example",
    "/staff\r\nSet-Cookie: x=1",
    `/${"a".repeat(2001)}`,
    "",
  ];

  test(`refuses ${hostile.length} hostile targets, each one giving the fallback`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
    for (const target of hostile) {
      expect(isSameSitePath(target), JSON.stringify(target)).toBe(false);
      expect(safeRedirect(target), JSON.stringify(target)).toBe("/staff");
    }
  });

  test("whatever it answers, a browser following it stays here", () => {
    for (const target of hostile) {
      const location = safeRedirect(target, "/staff/booklets");
      expect(followed(location).origin, JSON.stringify(target)).toBe(HERE);
    }
  });

  test("nothing that is not text is followed", () => {
    expect(safeRedirect(null)).toBe("/staff");
    expect(safeRedirect(undefined, "/")).toBe("/");
  });
});

describe("safeRedirect: the cases the sign-in page always had", () => {
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
