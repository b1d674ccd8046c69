// After closing: how did it go? The complainant's short questionnaire.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import { keyedHash, keyedHashes, randomToken } from "#app/utils/secrets.server";
import { recordAudit } from "../audit.server";
import { emailWords } from "../email-text.server";
import { enqueueEmail, SECRET_PLACE } from "../outbox.server";
import type { Organisation } from "../organisation.server";
import type { Representation } from "./common.server";

/** After a complaint closes, the complainant is asked (by email, if they gave one) how it went. */
export async function inviteToSatisfactionQuestionnaire(
  tx: Transaction,
  organisation: Organisation,
  row: Representation,
  portalUrl: string,
) {
  if (row.replyMethod !== "email" || !row.replyTo) return;
  const token = randomToken();
  const [invited] = await tx
    .insert(schema.satisfactionResponse)
    .values({
      organisationId: organisation.id,
      representationId: row.id,
      tokenHash: keyedHash("satisfaction", token),
    })
    .onConflictDoNothing()
    .returning({ id: schema.satisfactionResponse.id });
  if (!invited) return;
  const words = await emailWords(row.language, "complaints:emails.public.satisfaction", {
    reference: row.reference,
    council: organisation.name,
    // The link's token is sealed in the outbox; put into the email only when it is sent.
    link: `${portalUrl}/satisfaction/${SECRET_PLACE}`,
  });
  await enqueueEmail(tx, {
    organisationId: organisation.id,
    template: "representation.satisfaction",
    recipient: row.replyTo,
    ...words,
    secret: token,
    subjectType: "representation",
    subjectId: row.id,
  });
}

/** The invitation behind a questionnaire link: open (not yet answered), answered, or unknown. */
export async function findSatisfactionInvite(organisationId: string, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db()
    .select({
      id: schema.satisfactionResponse.id,
      respondedAt: schema.satisfactionResponse.respondedAt,
      reference: schema.representation.reference,
    })
    .from(schema.satisfactionResponse)
    .innerJoin(
      schema.representation,
      eq(schema.representation.id, schema.satisfactionResponse.representationId),
    )
    .where(
      and(
        eq(schema.satisfactionResponse.organisationId, organisationId),
        inArray(schema.satisfactionResponse.tokenHash, keyedHashes("satisfaction", token)),
      ),
    );
  return row;
}

/** Stores the answers once; a second answer from the same link changes nothing. */
export async function answerSatisfaction(input: {
  organisationId: string;
  token: string;
  answers: { feltListened: string; satisfied: string; doBetter: string | null };
}): Promise<boolean> {
  const invite = await findSatisfactionInvite(input.organisationId, input.token);
  if (!invite) return false;
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.satisfactionResponse)
      .set({ ...input.answers, respondedAt: new Date() })
      .where(
        and(
          eq(schema.satisfactionResponse.id, invite.id),
          isNull(schema.satisfactionResponse.respondedAt),
        ),
      )
      .returning({ representationId: schema.satisfactionResponse.representationId });
    if (updated) {
      await recordAudit(
        {
          organisationId: input.organisationId,
          action: "satisfaction.answered",
          subjectType: "representation",
          subjectId: updated.representationId,
          // Anonymous: no address is kept with an answer.
        },
        tx,
      );
    }
    return true;
  });
}
