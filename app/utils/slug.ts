/**
 * Lower-case letters, digits and single hyphens from a name ("Fostering & Adoption" →
 * "fostering-adoption"), at most `max` characters: for keys and slugs made from what people named.
 */
export function slugOf(name: string, max = 40): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}
