// Tracking by the person who made it: their reference and secret, nothing else.
import { and, eq, inArray } from "drizzle-orm";
import { db, schema } from "#db/client";
import { type Outcome, type RepresentationKind } from "#db/schema/constants";
import { type IsoDate } from "#app/utils/dates";
import { keyedHashes } from "#app/utils/secrets.server";
import { answered, stagesOf } from "./common.server";
import { keyedHash, randomCharacters } from "#app/utils/secrets.server";

export function trackingSecret() {
  const characters = randomCharacters(8);
  return `${characters.slice(0, 4)}-${characters.slice(4)}`;
}

export const trackingText = (organisationId: string, reference: string, secret: string) =>
  `${organisationId}:${reference.toUpperCase()}:${secret.toUpperCase()}`;
export const trackingHash = (organisationId: string, reference: string, secret: string) =>
  keyedHash("tracking", trackingText(organisationId, reference, secret));

export type TrackedStatus = {
  reference: string;
  kind: RepresentationKind;
  receivedOn: IsoDate;
  stage: number;
  /** When the current stage must be answered, if it is open. */
  dueOn: IsoDate | null;
  acknowledged: boolean;
  closedOn: IsoDate | null;
  outcome: Outcome | null;
  ombudsman: boolean;
  advocacy: "none" | "waiting" | "in-touch";
};

/** Status for whoever holds both the reference and the secret; undefined for anything else. */
export async function trackRepresentation(
  organisationId: string,
  reference: string,
  secret: string,
): Promise<TrackedStatus | undefined> {
  const cleanReference = reference.trim().toUpperCase();
  const cleanSecret = secret.trim().toUpperCase().replace(/\s+/g, "");
  if (
    !/^[A-Z]{2,4}-[A-Z0-9]{6}$/.test(cleanReference) ||
    !/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/.test(cleanSecret)
  )
    return undefined;
  const withDash = cleanSecret.includes("-")
    ? cleanSecret
    : `${cleanSecret.slice(0, 4)}-${cleanSecret.slice(4)}`;
  const [row] = await db()
    .select()
    .from(schema.representation)
    .where(
      and(
        eq(schema.representation.organisationId, organisationId),
        eq(schema.representation.reference, cleanReference),
        inArray(
          schema.representation.trackingSecretHash,
          keyedHashes("tracking", trackingText(organisationId, cleanReference, withDash)),
        ),
      ),
    );
  if (!row) return undefined;
  const stages = await stagesOf(db(), row.id);
  const current = stages.find((s) => s.stage === row.stage);
  const [referral] = await db()
    .select({ firstContactOn: schema.advocacyReferral.firstContactOn })
    .from(schema.advocacyReferral)
    .where(eq(schema.advocacyReferral.representationId, row.id));
  return {
    reference: row.reference,
    kind: row.kind,
    receivedOn: row.receivedOn,
    stage: row.stage,
    dueOn: current && !answered(current) && !row.closedOn ? current.dueOn : null,
    acknowledged: row.acknowledgedOn !== null || row.confirmedAt !== null,
    closedOn: row.closedOn,
    outcome: row.outcome,
    ombudsman: row.ombudsmanOn !== null,
    advocacy: !referral ? "none" : referral.firstContactOn ? "in-touch" : "waiting",
  };
}
