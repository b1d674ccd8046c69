// Finds safeguarding phrases in what someone wrote. Pure, so it is tested as a table.

/** Lower case, one kind of apostrophe and dash, punctuation and runs of space as one space. */
export function normaliseForMatching(text: string): string {
  return ` ${text
    .normalize("NFKC")
    .toLocaleLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[^\p{L}\p{M}\p{N}'-]+/gu, " ")
    .trim()} `;
}

/**
 * The phrases that occur in any of the texts as whole words ("hurt" matches "it hurt me" but
 * not "shurt"), in the order given, without repeats.
 */
export function findConcerns(texts: readonly string[], phrases: readonly string[]): string[] {
  const haystack = texts.map(normaliseForMatching).join("|");
  const found: string[] = [];
  for (const phrase of phrases) {
    const needle = normaliseForMatching(phrase);
    if (needle.trim() === "") continue;
    if (haystack.includes(needle) && !found.includes(phrase)) found.push(phrase);
  }
  return found;
}
