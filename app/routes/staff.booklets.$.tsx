import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destinationOf } from "#app/destinations/registry";

// The IRO's booklets were at /staff/booklets before every destination shared one inbox. Addresses
// bookmarked or sent by email then (`/staff/booklets/<id>`, `?box=shared`) still open, at the
// same place in the inbox.
export function loader({ request, params }: LoaderFunctionArgs) {
  const { search } = new URL(request.url);
  const rest = params["*"];
  const item = rest ? `/${encodeURIComponent(rest)}` : "";
  return redirect(`${destinationOf("iro").staffPath}${item}${search}`, 301);
}
