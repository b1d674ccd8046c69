// A new council and its first admin, made by `npm run council -- create` on a new deployment
// (or to add a council to one). Everything else the admin sets on the settings pages.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db, schema } from "#db/client";
import type { LocalisedText } from "#db/schema/constants";
import { londonDateOf } from "#app/utils/dates";
import { slugOf } from "#app/utils/slug";
import { recordAudit } from "./audit.server";
import { forgetCachedOrganisations, normalisedPublicUrl } from "./organisation.server";
import { createSignInLink } from "./sign-in-link.server";
import { hashPassword, normaliseEmail } from "./staff.server";

/** What the log says while the database holds no council. */
export const NO_COUNCIL_YET =
  "No council is set up yet. Create one with `npm run council -- create` (README: Setting up a council)";

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the command needs: the rest has a sensible default the admin can change. */
export const NewCouncil = z
  .object({
    name: text(200),
    shortName: text(80),
    /** Made from the short name when not given. */
    slug: z.string().trim().optional(),
    publicUrl: z
      .string()
      .trim()
      .refine((value) => normalisedPublicUrl(value) !== undefined, "an http:// or https:// address")
      .transform((value) => normalisedPublicUrl(value)!),
    contactEmail: z.email(),
    contactPhone: text(40),
    outOfHoursPhone: text(40),
    postalAddress: z.string().trim().max(400).default(""),
    country: z.enum(["england", "wales"]).default("england"),
    adminName: text(200),
    adminEmail: z.email(),
  })
  .transform((council) => ({ ...council, slug: council.slug || slugOf(council.shortName) }))
  .refine((council) => /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(council.slug), {
    path: ["slug"],
    message: "lower-case letters, digits and hyphens",
  });
export type NewCouncil = z.input<typeof NewCouncil>;

export class CouncilExistsError extends Error {
  constructor(slug: string) {
    super(`A council called "${slug}" already exists.`);
    this.name = "CouncilExistsError";
  }
}

/** The booklet's name until the council chooses its own. */
const BOOKLET_TITLE: LocalisedText = {
  en: "Listen to Me",
  cy: "Gwrandewch arna i",
  pl: "Posłuchaj mnie",
  ur: "میری بات سنیں",
};

/**
 * Creates a council and its first admin, who has no password yet: they choose one through the
 * one-time link returned (its token is not stored). Audited as the council's first entry.
 */
export async function createCouncil(input: NewCouncil) {
  const council = NewCouncil.parse(input);
  const today = londonDateOf(new Date());
  // Nobody can sign in with this: the admin sets a password through the link.
  const unusable = await hashPassword(randomBytes(32).toString("base64url"));
  const created = await db().transaction(async (tx) => {
    const [organisation] = await tx
      .insert(schema.organisation)
      .values({
        slug: council.slug,
        name: council.name,
        shortName: council.shortName,
        publicUrl: council.publicUrl,
        contactEmail: normaliseEmail(council.contactEmail),
        contactPhone: council.contactPhone,
        outOfHoursPhone: council.outOfHoursPhone,
        postalAddress: council.postalAddress,
        ombudsman: council.country === "wales" ? "psow" : "lgsco",
        bookletTitle: BOOKLET_TITLE,
        pledge: { en: "" },
        accessibilityStatement: {
          en: `${council.name} runs this website. If you need information in another format, email ${council.contactEmail} or call ${council.contactPhone}.`,
        },
        accessibilityStatementPreparedOn: today,
        privacyNotice: {
          en: `${council.name} is the data controller for what you tell us here.`,
        },
        dataProtectionOfficerEmail: normaliseEmail(council.contactEmail),
      })
      .onConflictDoNothing()
      .returning();
    if (!organisation) throw new CouncilExistsError(council.slug);
    const [admin] = await tx
      .insert(schema.staffUser)
      .values({
        organisationId: organisation.id,
        email: normaliseEmail(council.adminEmail),
        name: council.adminName,
        passwordHash: unusable,
      })
      .returning();
    await tx
      .insert(schema.roleAssignment)
      .values({ organisationId: organisation.id, staffUserId: admin!.id, role: "admin" });
    await recordAudit(
      {
        organisationId: organisation.id,
        action: "council.created",
        subjectType: "organisation",
        subjectId: organisation.id,
        detail: { admin: admin!.id },
      },
      tx,
    );
    const token = await createSignInLink(
      { organisationId: organisation.id, staffUserId: admin!.id },
      tx,
    );
    return { organisation, admin: admin!, token };
  });
  forgetCachedOrganisations();
  return {
    organisation: created.organisation,
    admin: created.admin,
    signInLink: `${created.organisation.publicUrl}/staff/welcome/${created.token}`,
  };
}

/** Whether any council exists yet (start-up says how to make one when none does). */
export async function anyCouncil(): Promise<boolean> {
  const [row] = await db()
    .select({ id: schema.organisation.id })
    .from(schema.organisation)
    .limit(1);
  return row !== undefined;
}
