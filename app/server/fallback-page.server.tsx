import type { TFunction } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ErrorMessage, PageShell, pageTitle } from "#app/components/page-shell";
import { errorKindForStatus, type ErrorKind } from "#app/errors";
import { i18nFor, getLanguage } from "#app/i18n.server";
import type { Organisation } from "#app/models/organisation.server";
import styles from "#app/styles/portal.css";
import { NEUTRAL_EXIT_URL } from "#db/schema/constants";

/** Nothing the visitor typed is lost: the same form, posted again when they are ready. */
function TryAgain(props: { action: string; fields: [string, string][]; t: TFunction }) {
  return (
    <form method="post" action={props.action}>
      {props.fields.map(([name, value], index) => (
        <input key={index} type="hidden" name={name} value={value} />
      ))}
      <p>{props.t("common:errors.unavailable.kept")}</p>
      <button type="submit" className="button">
        {props.t("common:errors.unavailable.tryAgain")}
      </button>
    </form>
  );
}

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
  organisation?: Organisation;
  /** What the visitor posted, offered again with "Try again" (only when the database was down). */
  typed?: { action: string; fields: [string, string][] };
  /** A page other than the status's own (e.g. "not set up yet" rather than "not working"). */
  kind?: ErrorKind;
}): Promise<string> {
  const request = new Request(`http://localhost/${options.search}`, { headers: options.headers });
  const i18n = await i18nFor(await getLanguage(request));
  const kind = options.kind ?? errorKindForStatus(options.status);
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
      >
        <ErrorMessage kind={kind} />
        {options.typed ? <TryAgain {...options.typed} t={i18n.t} /> : null}
      </PageShell>
    </I18nextProvider>,
  );
  return `<!DOCTYPE html>${html}`;
}
