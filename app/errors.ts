/** The kinds of error page a visitor can see; each has a title and body in common:errors. */
const ERROR_KINDS = [
  "badRequest",
  "forbidden",
  "notFound",
  "notAllowed",
  "tooLarge",
  "tooMany",
  "tooManyForms",
  "unavailable",
  "notSetUp",
  "unexpected",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

const KINDS: Record<number, ErrorKind> = {
  400: "badRequest",
  403: "forbidden",
  404: "notFound",
  405: "notAllowed",
  413: "tooLarge",
  429: "tooMany",
  503: "unavailable",
};

export function errorKindForStatus(status: number): ErrorKind {
  return KINDS[status] ?? "unexpected";
}

/** A refusal may name its own kind of page (e.g. too many forms, not too many requests). */
export function errorKindOf(status: number, data: unknown): ErrorKind {
  const named = (data as { errorKind?: unknown } | null)?.errorKind;
  return ERROR_KINDS.find((kind) => kind === named) ?? errorKindForStatus(status);
}
