import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import {
  checkPublicAddresses,
  hostnameOf,
  normalisedPublicUrl,
  organisationForHost,
  publicUrlOf,
} from "./organisation.server";

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

describe("each council's own address, the start of every link", () => {
  test.each([
    ["https://haveyoursay.westmoor.gov.uk", "https://haveyoursay.westmoor.gov.uk"],
    ["https://haveyoursay.westmoor.gov.uk/", "https://haveyoursay.westmoor.gov.uk"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["HTTPS://Portal.Example/have-your-say/", "https://portal.example/have-your-say"],
    ["ftp://portal.example", undefined],
    ["https://user:secret@portal.example", undefined],
    ["https://portal.example/?next=/", undefined],
    ["portal.example", undefined],
    ["", undefined],
  ])("%s is taken as %s", (given, expected) => {
    expect(normalisedPublicUrl(given)).toBe(expected);
  });

  test("a council's own public_url wins; without one the fallback; with neither, no start", async () => {
    await checkPublicAddresses(undefined);
    const westmoor = (await organisationForHost("unknown.example"))!;
    // Whatever host a request named, the links are the council's own.
    expect(publicUrlOf(westmoor)).toBe(westmoor.publicUrl);

    await db()
      .update(schema.organisation)
      .set({ publicUrl: null })
      .where(eq(schema.organisation.slug, "aberhaven"));
    await expect(checkPublicAddresses(undefined)).rejects.toThrow(
      /Aberhaven County Council \(aberhaven\) has no public address/,
    );
    await checkPublicAddresses("https://portal.example/");
    const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
    expect(publicUrlOf(aberhaven)).toBe("https://portal.example");
    await expect(checkPublicAddresses("javascript:alert(1)")).rejects.toThrow(/PUBLIC_URL/);
  });
});
