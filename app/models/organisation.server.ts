import { asc } from "drizzle-orm";
import { db, schema } from "#db/client";

export type Organisation = typeof schema.organisation.$inferSelect;

let cache: { at: number; organisations: Organisation[] } | undefined;
const CACHE_MS = 30_000;

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
