// A code or secret an email carries is sealed in the outbox: the stored row and the mailbox
// never hold it readable; only delivery puts it into the words.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db, schema } from "#db/client";
import { findForm } from "#app/forms/registry";
import { saveAnswers, startDraft } from "./draft.server";
import { organisationForHost } from "./organisation.server";
import { submitDraft } from "./submission.server";
import {
  deliverableBody,
  enqueueEmail,
  listMailbox,
  SECRET_MASK,
  SECRET_PLACE,
} from "./outbox.server";

const CODE = "KX4M-7QPD";

test("the secret is stored sealed, shown masked, and put in place only for delivery", async () => {
  const westmoor = (await organisationForHost("localhost"))!;
  await enqueueEmail(db(), {
    organisationId: westmoor.id,
    template: "test.sealed",
    recipient: "child@example.org",
    subject: "Your code to carry on",
    bodyText: `Here is your code:\n\n${SECRET_PLACE}\n`,
    secret: CODE,
  });
  const [row] = await db()
    .select()
    .from(schema.outboxMessage)
    .where(eq(schema.outboxMessage.template, "test.sealed"));
  expect(JSON.stringify(row)).not.toContain(CODE);
  expect(JSON.stringify(row)).not.toContain(CODE.replace("-", ""));
  expect(row!.sealedSecret).toBeTruthy();
  expect(deliverableBody(row!)).toBe(`Here is your code:\n\n${CODE}\n`);

  const [shown] = (await listMailbox(westmoor.id)).filter((m) => m.template === "test.sealed");
  expect(shown!.bodyText).toBe(`Here is your code:\n\n${SECRET_MASK}\n`);
});

test("an email that would store its secret readable, or has no place for it, is refused", async () => {
  const westmoor = (await organisationForHost("localhost"))!;
  const message = {
    organisationId: westmoor.id,
    template: "test.refused",
    recipient: "child@example.org",
    subject: "Your code",
    secret: CODE,
  };
  await expect(
    enqueueEmail(db(), { ...message, bodyText: `Your code is ${CODE} (${SECRET_PLACE})` }),
  ).rejects.toThrow(/plain text/);
  await expect(
    enqueueEmail(db(), { ...message, subject: `Code ${CODE}`, bodyText: SECRET_PLACE }),
  ).rejects.toThrow(/plain text/);
  await expect(enqueueEmail(db(), { ...message, bodyText: "No place" })).rejects.toThrow(
    /no place/,
  );
});

test("a complainant's tracking secret is sealed in their receipt, and delivered in full", async () => {
  const organisation = (await organisationForHost("localhost"))!;
  const form = findForm("have-your-say-child")!;
  const { draft, token } = await startDraft({
    organisationId: organisation.id,
    form,
    language: "en",
  });
  await saveAnswers(draft, {
    kind: "complaint",
    whatHappened: "Nobody tells me who my worker is",
    putRight: "Tell me",
    advocate: "no",
    senderName: "Cerys",
    childInCare: "no",
    replyBy: "email",
    replyEmail: "cerys@example.com",
  });
  const result = await submitDraft({
    organisation,
    form,
    draftToken: token,
    portalUrl: "http://portal.test",
  });
  if (result.status !== "sent" || !result.trackingSecret) throw new Error("not sent");
  const secret = result.trackingSecret;
  const [receipt] = await db()
    .select()
    .from(schema.outboxMessage)
    .where(eq(schema.outboxMessage.template, "representation.received-public"));
  expect(JSON.stringify(receipt)).not.toContain(secret);
  expect(JSON.stringify(receipt)).not.toContain(secret.replace("-", ""));
  expect(receipt!.bodyText).toContain(SECRET_PLACE);
  expect(deliverableBody(receipt!)).toContain(secret);
});
