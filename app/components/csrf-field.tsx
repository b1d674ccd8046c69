import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "#app/root";

/** The hidden anti-forgery token every staff form posts. */
export function CsrfField() {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />;
}
