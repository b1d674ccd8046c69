import type { Organisation } from "#app/models/organisation.server";

/** What the HTTP layer knows about a request, handed to every loader and action. */
export type PortalContext = {
  /** Nonce for this response's Content-Security-Policy. */
  nonce: string;
  /** The double-submit token every staff form carries (also in an HttpOnly cookie). */
  csrfToken: string;
  clientAddress: string;
  organisation: Organisation;
  production: boolean;
  signInAddressLimit: number;
  /** Set by an action that answers with form errors, so the page title starts "Error:". */
  formHasErrors: boolean;
  /** Set when a loader or action failed because the database is down: the answer becomes 503. */
  databaseUnavailable?: boolean;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends PortalContext {}
  interface Future {
    v3_singleFetch: true;
  }
}
