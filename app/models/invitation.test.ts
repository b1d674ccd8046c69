import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#db/client";
import {
  createInvitation,
  createLinkInvitation,
  findInvitationForVisitor,
  getInvitation,
  invitationExpiry,
  listInvitations,
  markInvitationOpened,
  markInvitationStarted,
  renewInvitationSecrets,
} from "./invitation.server";
import { issuedSecretsCookie, readIssuedSecrets } from "#app/web/own-invitation.server";
import { organisationForHost } from "./organisation.server";
import { findStaffByEmail } from "./staff.server";

async function councils() {
  const westmoor = (await organisationForHost("localhost"))!;
  const aberhaven = (await organisationForHost("aberhaven.localhost"))!;
  return { westmoor, aberhaven };
}

async function staffId(organisationId: string, email: string) {
  const found = await findStaffByEmail(organisationId, email);
  if (!found) throw new Error(`no ${email}`);
  return found.id;
}

async function invite(
  overrides: Partial<Parameters<typeof createInvitation>[0]> & { email?: string } = {},
) {
  const { westmoor } = await councils();
  const organisationId = overrides.organisationId ?? westmoor.id;
  const iro = await staffId(organisationId, overrides.email ?? "iro@westmoor.example");
  return createInvitation({
    organisationId,
    invitedBy: iro,
    childName: "Sam",
    formId: "listen-to-me-11-18",
    language: "en",
    eventDate: "2030-06-10",
    createdBy: iro,
    clientAddress: "10.20.0.1",
    ...overrides,
  });
}

let referenceCounter = 0;

async function submissionFor(
  invitation: { id: string; organisationId: string; invitedBy: string | null },
  values: Partial<typeof schema.submission.$inferInsert> = {},
) {
  const [row] = await db()
    .insert(schema.submission)
    .values({
      organisationId: invitation.organisationId,
      reference: `INV-${process.pid}-${++referenceCounter}`,
      formId: "listen-to-me-11-18",
      formVersion: 1,
      language: "en",
      answers: { "my-name": "Sam" },
      invitationId: invitation.id,
      queue: "iro",
      recipientStaffUserId: invitation.invitedBy,
      senderName: "Sam",
      ...values,
    })
    .returning();
  return row!;
}

describe("creating an invitation", () => {
  test("stores only keyed hashes of the link token and the code, audited in the same step", async () => {
    const { invitation, linkToken, code } = await invite();
    expect(linkToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const [row] = await db()
      .select()
      .from(schema.invitation)
      .where(eq(schema.invitation.id, invitation.id));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(linkToken);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace("-", ""));
    expect(row!.linkTokenHash).not.toBe(row!.codeHash);
    const audit = await db()
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.subjectId, invitation.id),
          eq(schema.auditEvent.action, "invitation.created"),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.clientAddress).toBe("10.20.0.1");
    expect(JSON.stringify(audit[0]!.detail)).not.toContain(linkToken);
  });

  test("an unknown language is refused", async () => {
    await expect(invite({ language: "fr" as "en" })).rejects.toThrow(RangeError);
  });
});

describe("when an invitation stops working", () => {
  test("the end of the review day in the UK, plus the grace days (summer and winter time)", () => {
    // Summer: the UK is an hour ahead of UTC, so its midnight is 23:00 UTC the day before.
    expect(invitationExpiry("2030-06-10", 7).toISOString()).toBe("2030-06-17T23:00:00.000Z");
    expect(invitationExpiry("2030-01-10", 7).toISOString()).toBe("2030-01-18T00:00:00.000Z");
    expect(invitationExpiry("2030-01-10", 0).toISOString()).toBe("2030-01-11T00:00:00.000Z");
    // The clocks go back on 27 October 2030: the 26th ends in summer time.
    expect(invitationExpiry("2030-10-26", 0).toISOString()).toBe("2030-10-26T23:00:00.000Z");
    expect(invitationExpiry("2030-10-27", 0).toISOString()).toBe("2030-10-28T00:00:00.000Z");
  });

  test("the link and code work until then, and say who to ask afterwards", async () => {
    const { westmoor } = await councils();
    const { invitation, linkToken, code } = await invite({ eventDate: "2030-01-10" });
    expect(invitation.expiresAt.toISOString()).toBe("2030-01-18T00:00:00.000Z");
    const justBefore = new Date("2030-01-17T23:59:59Z");
    const atTheEnd = new Date("2030-01-18T00:00:00Z");
    const ok = await findInvitationForVisitor(westmoor.id, { token: linkToken }, justBefore);
    expect(ok).toEqual({
      status: "ok",
      invitation: {
        id: invitation.id,
        formId: "listen-to-me-11-18",
        language: "en",
        childName: "Sam",
        eventDate: "2030-01-10",
        inviterName: "Priya Shah",
        conferenceId: null,
        eventFacts: [],
      },
    });
    expect((await findInvitationForVisitor(westmoor.id, { code }, justBefore)).status).toBe("ok");
    expect(await findInvitationForVisitor(westmoor.id, { token: linkToken }, atTheEnd)).toEqual({
      status: "expired",
      inviterName: "Priya Shah",
    });
    expect((await findInvitationForVisitor(westmoor.id, { code }, atTheEnd)).status).toBe(
      "expired",
    );
  });
});

describe("the portal's own one-shot link", () => {
  test("has no code and nobody who invited, opens until answered, then opens nothing", async () => {
    const { westmoor } = await councils();
    const made = await db().transaction((tx) =>
      createLinkInvitation(tx, {
        organisationId: westmoor.id,
        formId: "complaint-satisfaction",
        language: "cy",
        eventKind: "complaint-closed",
        eventDate: "2030-03-02",
        openDays: 60,
      }),
    );
    const [row] = await db()
      .select()
      .from(schema.invitation)
      .where(eq(schema.invitation.id, made!.id));
    expect(row).toMatchObject({ codeHash: null, invitedBy: null, childName: null, oneShot: true });
    expect(row!.linkTokenHash).not.toContain(made!.linkToken);
    const before = new Date("2030-04-01T12:00:00Z");
    expect(await findInvitationForVisitor(westmoor.id, { token: made!.linkToken }, before)).toEqual(
      {
        status: "ok",
        invitation: {
          id: made!.id,
          formId: "complaint-satisfaction",
          language: "cy",
          childName: null,
          eventDate: "2030-03-02",
          inviterName: null,
          conferenceId: null,
          eventFacts: [],
        },
      },
    );
    // The old questionnaire address hashes its token under another name: not this one.
    expect(
      await findInvitationForVisitor(westmoor.id, { token: made!.linkToken, kind: "satisfaction" }),
    ).toEqual({ status: "unknown" });
    await db()
      .update(schema.invitation)
      .set({ answeredAt: new Date() })
      .where(eq(schema.invitation.id, made!.id));
    expect(await findInvitationForVisitor(westmoor.id, { token: made!.linkToken }, before)).toEqual(
      { status: "answered" },
    );
  });
});

describe("finding an invitation from a child's visit", () => {
  test("a typed code is matched without regard to case, spaces or dashes", async () => {
    const { westmoor } = await councils();
    const { code } = await invite();
    const plain = code.replace("-", "");
    const typings = [
      code,
      code.toLowerCase(),
      plain,
      plain.toLowerCase(),
      ` ${plain.slice(0, 2)} ${plain.slice(2, 4)} ${plain.slice(4)} `,
      `${plain.slice(0, 4)}–${plain.slice(4)}`,
      `${plain.slice(0, 4)} - ${plain.slice(4).toLowerCase()}`,
    ];
    for (const typed of typings) {
      expect((await findInvitationForVisitor(westmoor.id, { code: typed })).status, typed).toBe(
        "ok",
      );
    }
  });

  test("a wrong token or code, an empty one, or another council's, finds nothing", async () => {
    const { westmoor, aberhaven } = await councils();
    const { linkToken, code } = await invite();
    for (const lookup of [
      { token: `${linkToken}x` },
      { token: "" },
      { code: "" },
      { code: "AAAA-AAAA" },
      { code: `${code}2` },
    ]) {
      expect(await findInvitationForVisitor(westmoor.id, lookup)).toEqual({ status: "unknown" });
    }
    expect(await findInvitationForVisitor(aberhaven.id, { token: linkToken })).toEqual({
      status: "unknown",
    });
    expect(await findInvitationForVisitor(aberhaven.id, { code })).toEqual({ status: "unknown" });
  });

  test("opened and started are kept the first time only", async () => {
    const { invitation } = await invite();
    await markInvitationOpened(invitation.id);
    const [first] = await db()
      .select()
      .from(schema.invitation)
      .where(eq(schema.invitation.id, invitation.id));
    expect(first!.openedAt).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await markInvitationOpened(invitation.id);
    await markInvitationStarted(invitation.id);
    await markInvitationStarted(invitation.id);
    const [second] = await db()
      .select()
      .from(schema.invitation)
      .where(eq(schema.invitation.id, invitation.id));
    expect(second!.openedAt).toEqual(first!.openedAt);
    expect(second!.startedAt).toBeInstanceOf(Date);
    // Not a UUID: nothing happens, nothing fails.
    await expect(markInvitationOpened("not-an-id")).resolves.toBeUndefined();
  });

  test("starting without opening first counts as opened too", async () => {
    const { invitation } = await invite();
    await markInvitationStarted(invitation.id);
    const [row] = await db()
      .select()
      .from(schema.invitation)
      .where(eq(schema.invitation.id, invitation.id));
    expect(row!.openedAt).toEqual(row!.startedAt);
  });
});

describe("making a new link and code", () => {
  test("replaces both: the old ones stop working at once, the new ones work", async () => {
    const { westmoor } = await councils();
    const { invitation, linkToken, code } = await invite();
    const renewed = await renewInvitationSecrets({
      organisationId: westmoor.id,
      invitedBy: invitation.invitedBy!,
      invitationId: invitation.id,
      clientAddress: "10.20.0.2",
    });
    expect(renewed).toBeDefined();
    expect(renewed!.linkToken).not.toBe(linkToken);
    expect(renewed!.code).not.toBe(code);
    expect(await findInvitationForVisitor(westmoor.id, { token: linkToken })).toEqual({
      status: "unknown",
    });
    expect(await findInvitationForVisitor(westmoor.id, { code })).toEqual({ status: "unknown" });
    const byToken = await findInvitationForVisitor(westmoor.id, { token: renewed!.linkToken });
    const byCode = await findInvitationForVisitor(westmoor.id, { code: renewed!.code });
    expect(byToken.status === "ok" && byToken.invitation.id).toBe(invitation.id);
    expect(byCode.status === "ok" && byCode.invitation.id).toBe(invitation.id);
    const audit = await db()
      .select()
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.subjectId, invitation.id));
    expect(audit.map((a) => a.detail)).toContainEqual({ renewed: true });
  });

  test("only the invitation's own IRO, in its own council, can", async () => {
    const { westmoor, aberhaven } = await councils();
    const { invitation, linkToken } = await invite();
    const iro2 = await staffId(westmoor.id, "iro2@westmoor.example");
    expect(
      await renewInvitationSecrets({
        organisationId: westmoor.id,
        invitedBy: iro2,
        invitationId: invitation.id,
      }),
    ).toBeUndefined();
    expect(
      await renewInvitationSecrets({
        organisationId: aberhaven.id,
        invitedBy: invitation.invitedBy!,
        invitationId: invitation.id,
      }),
    ).toBeUndefined();
    expect((await findInvitationForVisitor(westmoor.id, { token: linkToken })).status).toBe("ok");
  });
});

describe("showing the new link and code to the IRO for an hour", () => {
  const requestWith = (setCookie: string) =>
    new Request("http://localhost/staff/invitations/x", {
      headers: { Cookie: setCookie.split(";")[0]! },
    });

  test("a sealed, HttpOnly cookie on the invitation's own path, for its own IRO only", async () => {
    const { westmoor } = await councils();
    const { invitation, linkToken, code } = await invite();
    const now = new Date();
    const header = issuedSecretsCookie({
      production: false,
      invitationId: invitation.id,
      staffUserId: invitation.invitedBy!,
      secrets: { linkToken, code },
      now,
    });
    expect(header).toContain(`Path=/staff/invitations/${invitation.id}`);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("Max-Age=3600");
    expect(header).not.toContain(linkToken);
    expect(header).not.toContain(code);
    expect(issuedSecretsCookie({ ...sample(invitation), production: true })).toMatch(
      /^__Secure-.*; Secure$/,
    );
    const scope = {
      production: false,
      organisationId: westmoor.id,
      staffUserId: invitation.invitedBy!,
      invitationId: invitation.id,
    };
    const shown = await readIssuedSecrets(requestWith(header), scope);
    expect(shown).toMatchObject({ linkToken, code });
    const iro2 = await staffId(westmoor.id, "iro2@westmoor.example");
    expect(await readIssuedSecrets(requestWith(header), { ...scope, staffUserId: iro2 })).toBe(
      undefined,
    );
    const { invitation: other } = await invite();
    expect(
      await readIssuedSecrets(requestWith(header), { ...scope, invitationId: other.id }),
    ).toBeUndefined();
    const later = new Date(now.getTime() + 61 * 60_000);
    expect(await readIssuedSecrets(requestWith(header), { ...scope, now: later })).toBe(undefined);
    expect(await readIssuedSecrets(requestWith("invitation_secrets=v1.forged.x.y"), scope)).toBe(
      undefined,
    );
    // After a new link and code elsewhere, the old ones are not shown as if they worked.
    await renewInvitationSecrets({
      organisationId: westmoor.id,
      invitedBy: invitation.invitedBy!,
      invitationId: invitation.id,
    });
    expect(await readIssuedSecrets(requestWith(header), scope)).toBeUndefined();
  });

  function sample(invitation: { id: string; invitedBy: string | null }) {
    return {
      invitationId: invitation.id,
      staffUserId: invitation.invitedBy!,
      secrets: { linkToken: "t", code: "c" },
    };
  }
});

describe("an IRO's list of invitations", () => {
  test("each with where it has got to, newest review first, and nobody else's", async () => {
    const { westmoor, aberhaven } = await councils();
    const iro2 = await staffId(westmoor.id, "iro2@westmoor.example");
    const mine = { organisationId: westmoor.id, invitedBy: iro2 };
    const before = await listInvitations(mine);
    expect(before).toEqual([]);

    await invite({ email: "iro2@westmoor.example", eventDate: "2031-01-05" });
    const opened = await invite({ email: "iro2@westmoor.example", eventDate: "2031-01-04" });
    const started = await invite({ email: "iro2@westmoor.example", eventDate: "2031-01-03" });
    const submitted = await invite({ email: "iro2@westmoor.example", eventDate: "2031-01-02" });
    const read = await invite({ email: "iro2@westmoor.example", eventDate: "2031-01-01" });
    await markInvitationOpened(opened.invitation.id);
    await markInvitationStarted(started.invitation.id);
    await markInvitationStarted(submitted.invitation.id);
    const sentBooklet = await submissionFor(submitted.invitation);
    await markInvitationStarted(read.invitation.id);
    await submissionFor(read.invitation, { firstReadAt: new Date(), firstReadBy: iro2 });
    // Someone else's invitations never appear.
    await invite({ eventDate: "2031-02-01" });
    await invite({ organisationId: aberhaven.id, email: "iro@aberhaven.example" });

    const listed = await listInvitations(mine);
    expect(listed.map((i) => [i.eventDate, i.status])).toEqual([
      ["2031-01-05", "sent"],
      ["2031-01-04", "opened"],
      ["2031-01-03", "in-progress"],
      ["2031-01-02", "submitted"],
      ["2031-01-01", "read"],
    ]);
    expect(listed[3]!.submissionId).toBe(sentBooklet.id);
    expect(listed[0]!.submissionId).toBeNull();
    expect(listed.every((i) => !i.expired)).toBe(true);
    const afterTheEnd = await listInvitations({ ...mine, now: new Date("2031-03-01T00:00:00Z") });
    expect(afterTheEnd.every((i) => i.expired)).toBe(true);
    expect(await listInvitations({ organisationId: aberhaven.id, invitedBy: iro2 })).toEqual([]);
  });

  test("one invitation only for its own IRO in its own council", async () => {
    const { westmoor, aberhaven } = await councils();
    const { invitation } = await invite();
    const iro2 = await staffId(westmoor.id, "iro2@westmoor.example");
    const scope = {
      organisationId: westmoor.id,
      invitedBy: invitation.invitedBy!,
      invitationId: invitation.id,
    };
    expect((await getInvitation(scope))?.id).toBe(invitation.id);
    expect(await getInvitation({ ...scope, invitedBy: iro2 })).toBeUndefined();
    expect(await getInvitation({ ...scope, organisationId: aberhaven.id })).toBeUndefined();
    expect(await getInvitation({ ...scope, invitationId: "1; drop table invitation" })).toBe(
      undefined,
    );
  });
});
