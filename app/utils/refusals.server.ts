// The answers a loader or action throws when it will not go on; the page shell turns each into a
// translated page (see app/root.tsx's error boundary).
export const badRequest = () => new Response(null, { status: 400, statusText: "Bad Request" });
export const forbidden = () => new Response(null, { status: 403, statusText: "Forbidden" });
/** Also for what exists but is not this person's to see: nobody learns that it exists. */
export const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });
