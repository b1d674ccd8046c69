import { asc } from "drizzle-orm";
import { db, schema } from "#db/client";

export type Organisation = typeof schema.organisation.$inferSelect;

let cache: { at: number; organisations: Organisation[] } | undefined;
/**
 * How long a process keeps the councils it read. A change of settings is forgotten at once by the
 * process that made it; other processes (more than one web worker) see it within this time.
 */
const CACHE_MS = 5_000;

async function allOrganisations(): Promise<Organisation[]> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.organisations;
  const organisations = await db()
    .select()
    .from(schema.organisation)
    .orderBy(asc(schema.organisation.createdAt), asc(schema.organisation.slug));
  cache = { at: Date.now(), organisations };
  return organisations;
}

export function forgetCachedOrganisations(): void {
  cache = undefined;
}

/** The host name alone, lower-case, without port. */
export function hostnameOf(hostHeader: string | null | undefined): string {
  const host = (hostHeader ?? "").trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.split(":")[0] ?? "";
}

/**
 * The council a request is for: the one configured for its host name, otherwise the deployment's
 * default (DEFAULT_ORGANISATION, or the first council created). A single-council deployment
 * therefore needs no host configuration.
 */
export async function organisationForHost(
  hostHeader: string | null | undefined,
  defaultSlug?: string,
): Promise<Organisation | undefined> {
  const hostname = hostnameOf(hostHeader);
  const organisations = await allOrganisations();
  return (
    organisations.find((o) => o.hostnames.includes(hostname)) ??
    organisations.find((o) => o.slug === defaultSlug) ??
    organisations[0]
  );
}

/** The address every council without its own uses (PUBLIC_URL, or localhost in development). */
let fallbackPublicUrl: string | undefined;

/** An http(s) address without a query, fragment or trailing slash; undefined when not one. */
export function normalisedPublicUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    if (url.username || url.password || url.search || url.hash) return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
}

/**
 * Checks, at start-up, that every council has an address for its links: its own public_url, or
 * the fallback given (PUBLIC_URL, or http://localhost:<PORT> in development). Throws, naming the
 * council, when one has neither; keeps the fallback for publicUrlOf.
 */
export async function checkPublicAddresses(fallback: string | undefined): Promise<void> {
  forgetCachedOrganisations();
  const normalisedFallback = normalisedPublicUrl(fallback);
  if (fallback && !normalisedFallback) {
    throw new Error(`PUBLIC_URL must be an http:// or https:// address, not "${fallback}".`);
  }
  for (const organisation of await allOrganisations()) {
    if (organisation.publicUrl && !normalisedPublicUrl(organisation.publicUrl)) {
      throw new Error(
        `${organisation.name} (${organisation.slug}) has a public_url that is not an http:// or ` +
          `https:// address: "${organisation.publicUrl}".`,
      );
    }
    if (!organisation.publicUrl && !normalisedFallback) {
      throw new Error(
        `${organisation.name} (${organisation.slug}) has no public address for the links in its ` +
          `emails, letters and QR codes. Set its organisation.public_url (e.g. ` +
          `https://haveyoursay.example.gov.uk), or PUBLIC_URL for every council without one.`,
      );
    }
  }
  fallbackPublicUrl = normalisedFallback;
}

/**
 * The council's own address, the start of every absolute link (emails, letters, QR codes,
 * the invitation page). Never taken from a request.
 */
export function publicUrlOf(organisation: Pick<Organisation, "slug" | "name" | "publicUrl">) {
  const address = normalisedPublicUrl(organisation.publicUrl) ?? fallbackPublicUrl;
  if (!address) {
    throw new Error(`${organisation.name} (${organisation.slug}) has no public address.`);
  }
  return address;
}
