import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ErrorMessage, PageShell, pageTitle } from "#app/components/page-shell";
import { errorKindForStatus } from "#app/errors";
import { createRequestI18n, getLanguage } from "#app/i18n.server";
import type { Organisation } from "#app/models/organisation.server";
import styles from "#app/styles/portal.css";
import { NEUTRAL_EXIT_URL } from "#db/schema/constants";

/**
 * The translated error page the HTTP layer answers with when it refuses a request before Remix
 * (body too large or unreadable, another site's form, the database unavailable). Same shell as
 * every other page; nothing here needs the database.
 */
export async function renderFallbackPage(options: {
  status: number;
  path: string;
  search: string;
  headers: Headers;
  nonce: string;
  organisation?: Organisation;
}): Promise<string> {
  const request = new Request(`http://localhost/${options.search}`, { headers: options.headers });
  const i18n = await createRequestI18n(await getLanguage(request));
  const kind = errorKindForStatus(options.status);
  const council = options.organisation;
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PageShell
        language={i18n.language}
        title={pageTitle(i18n.t, i18n.t(`common:errors.${kind}.title`), false)}
        head={<link rel="stylesheet" href={styles} />}
        area="public"
        council={council}
        exitUrl={council?.exitUrl ?? NEUTRAL_EXIT_URL}
        path={options.path}
        search={options.search}
        nonce={options.nonce}
      >
        <ErrorMessage kind={kind} />
      </PageShell>
    </I18nextProvider>,
  );
  return `<!DOCTYPE html>${html}`;
}
