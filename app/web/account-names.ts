import type { Organisation } from "#app/models/organisation.server";

/** What a guesser would try first for one person's password: their names and their council's. */
export const namesOf = (
  person: { name: string; email: string },
  council: Pick<Organisation, "name" | "shortName">,
): string[] => [person.name, person.email, council.name, council.shortName];
