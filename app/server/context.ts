import type { Organisation } from "#app/models/organisation.server";

/** What the HTTP layer knows about a request, handed to every loader and action. */
export type PortalContext = {
  /** The double-submit token every form carries (also in an HttpOnly cookie): the browser's own. */
  csrfToken: string;
  /**
   * False when the page may be kept and sent to every new visitor alike: its forms then carry no
   * token, and the browser's Sec-Fetch-Site vouches for their posts instead.
   */
  tokenInPage?: boolean;
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
