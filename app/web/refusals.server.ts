// The answers a loader or action throws when it will not go on; the page shell turns each into a
// translated page (see app/root.tsx's error boundary).
import { data } from "@remix-run/node";
export const badRequest = () => new Response(null, { status: 400, statusText: "Bad Request" });
export const forbidden = () => new Response(null, { status: 403, statusText: "Forbidden" });
/** Too many forms from one place: the page says the answers are kept and when to try again. */
export const tooManyForms = () => data({ errorKind: "tooManyForms" }, { status: 429 });
/** Also for what exists but is not this person's to see: nobody learns that it exists. */
export const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });
