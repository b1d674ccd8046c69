import { describe, expect, test } from "vitest";
import { hostnameOf, organisationForHost } from "./organisation.server";

describe("which council a request is for", () => {
  test.each([
    ["localhost:3000", "localhost"],
    ["Aberhaven.Localhost:8080", "aberhaven.localhost"],
    ["[::1]:3000", "[::1]"],
    ["", ""],
  ])("host name of %s is %s", (host, expected) => {
    expect(hostnameOf(host)).toBe(expected);
  });

  test("a configured host name picks its council; any other host gets the default", async () => {
    expect((await organisationForHost("aberhaven.localhost:3000"))?.slug).toBe("aberhaven");
    expect((await organisationForHost("localhost:3000"))?.slug).toBe("westmoor");
    expect((await organisationForHost("unknown.example"))?.slug).toBe("westmoor");
    expect((await organisationForHost("unknown.example", "aberhaven"))?.slug).toBe("aberhaven");
  });
});
