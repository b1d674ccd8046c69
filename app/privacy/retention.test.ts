// The retention schedule and the cookie list as data: a council's own days are used only where
// they are sensible, and every kind of record and every cookie has words in every language.
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { LANGUAGES } from "#db/schema/constants";
import { ABSOLUTE_LIMIT_SECONDS } from "#app/models/staff-session.server";
import { ATTEMPT_MINUTES } from "#app/models/single-sign-on.server";
import { PENDING_MINUTES } from "#app/models/second-factor.server";
import { ISSUED_SECRETS_SECONDS } from "#app/web/own-invitation.server";
import { COOKIE_IDS, cookieNameOf, listedCookieOf, maxAgeOf, SITE_COOKIES } from "./cookies";
import { periodOf, RECORD_KINDS, RETENTION_SCHEDULE, retentionDaysFor } from "./retention";

describe("retention schedule", () => {
  test("has one rule for every kind of record, with the defaults chosen for a council", () => {
    expect(RETENTION_SCHEDULE.map((rule) => rule.kind)).toEqual([...RECORD_KINDS]);
    expect(retentionDaysFor({})).toMatchObject({
      emailBodies: 30,
      emailRecords: 365,
      closedCases: 6 * 365,
      auditEntries: 6 * 365,
    });
  });

  test("a council's own days are used; nonsense and kinds it may not change are ignored", () => {
    const days = retentionDaysFor({
      emailBodies: 7,
      auditEntries: 0,
      closedCases: 2.5,
      drafts: "10",
      formsSent: 99_999,
      rateLimits: 30,
      somethingElse: 3,
    });
    expect(days.emailBodies).toBe(7);
    expect(days.auditEntries).toBe(6 * 365);
    expect(days.closedCases).toBe(6 * 365);
    expect(days.drafts).toBe(30);
    expect(days.formsSent).toBe(2 * 365);
    expect(days.rateLimits).toBe(0);
    expect(retentionDaysFor(null)).toEqual(retentionDaysFor({}));
    expect(retentionDaysFor([1, 2])).toEqual(retentionDaysFor({}));
  });

  test("periods read in whole years where they can", () => {
    expect(periodOf(730)).toEqual({ unit: "years", count: 2 });
    expect(periodOf(30)).toEqual({ unit: "days", count: 30 });
  });
});

describe("cookie list", () => {
  test("names the production and development names the code sets", () => {
    expect(cookieNameOf("formSafety", true)).toBe("__Host-csrf");
    expect(cookieNameOf("draft", true, "listen-to-me-5-11")).toBe("__Host-draft-listen-to-me-5-11");
    expect(cookieNameOf("invitationSecrets", true)).toBe("__Secure-invitation_secrets");
    expect(cookieNameOf("language", true)).toBe("lng");
    expect(listedCookieOf("__Host-draft-have-your-say")).toBe("draft");
    expect(listedCookieOf("draft-")).toBeUndefined();
    expect(listedCookieOf("tracking")).toBeUndefined();
    for (const id of COOKIE_IDS) {
      expect(listedCookieOf(cookieNameOf(id, true, "a-form"))).toBe(id);
      expect(listedCookieOf(cookieNameOf(id, false, "a-form"))).toBe(id);
    }
  });

  test("lifetimes are the ones the sessions and invitation pages keep to", () => {
    expect(maxAgeOf("staffSession")).toBe(ABSOLUTE_LIMIT_SECONDS);
    expect(maxAgeOf("singleSignOn")).toBe(ATTEMPT_MINUTES * 60);
    expect(maxAgeOf("secondFactor")).toBe(PENDING_MINUTES * 60);
    expect(maxAgeOf("invitationSecrets")).toBe(ISSUED_SECRETS_SECONDS);
    expect(SITE_COOKIES.draft.lifetime.kind).toBe("draftDays");
  });
});

type Json = { [key: string]: string | Json };
const legal = (language: string) =>
  (JSON.parse(fs.readFileSync(`locales/${language}/legal.json`, "utf8")) as { privacy: Json })
    .privacy;
const text = (object: Json, path: string) =>
  path.split(".").reduce<Json | string | undefined>((at, key) => {
    return typeof at === "object" ? at[key] : undefined;
  }, object);

describe.each([...LANGUAGES])("the privacy notice in %s", (language) => {
  test("has words for every kind of record, when it goes, who sees it, and every cookie", () => {
    const words = legal(language);
    for (const rule of RETENTION_SCHEDULE) {
      expect(typeof text(words, `kept.${rule.kind}.name`), rule.kind).toBe("string");
      expect(typeof text(words, `kept.${rule.kind}.holds`), rule.kind).toBe("string");
      const from = text(words, `from.${rule.countsFrom}`);
      if (rule.defaultDays > 0) expect(from, rule.countsFrom).toContain("{{period}}");
      else expect(typeof from, rule.countsFrom).toBe("string");
      expect(typeof text(words, `seenBy.${rule.seenBy}`), rule.seenBy).toBe("string");
    }
    for (const id of COOKIE_IDS) {
      expect(typeof text(words, `cookieList.${id}`), id).toBe("string");
    }
  });
});
