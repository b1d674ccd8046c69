import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorKind } from "#app/errors";
import { directionOf } from "#app/i18n";
import { ExitThisPage, Footer, HelpNow, LanguageSwitcher, PageHeading } from "./shell";

export type PageShellProps = {
  language: string;
  title: string;
  /** What goes in <head> after the basics: Remix's <Meta/><Links/>, or a stylesheet link. */
  head: ReactNode;
  area: "public" | "staff";
  /** The council, when known (an error before it is known still gets the page shell). */
  council?: { name: string; outOfHoursPhone: string };
  exitUrl: string;
  /** The page's own path and query, for the language links. */
  path: string;
  search: string;
  /** Signed-in staff: the "signed in as" bar and the timeout warning. */
  staffBar?: ReactNode;
  afterFooter?: ReactNode;
  children: ReactNode;
};

/**
 * The one page shell: every page, whether Remix renders it or the HTTP layer answers before Remix
 * (too large, unreadable, database unavailable), has the same skip link, Exit this page, language
 * links, help panel and footer.
 */
export function PageShell(props: PageShellProps) {
  const { t } = useTranslation();
  const { area, council } = props;
  return (
    <html lang={props.language} dir={directionOf(props.language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{props.title}</title>
        {props.head}
      </head>
      <body className={`area-${area}`}>
        <a href="#main-content" className="skip-link">
          {t("common:skipLink")}
        </a>
        <header className="header">
          {area === "public" ? <ExitThisPage href={props.exitUrl} /> : null}
          <div className="width-container header__inner">
            <div className="header__titles">
              <a href={area === "staff" ? "/staff" : "/"} className="header__service">
                {area === "staff" ? t("staff:serviceName") : t("common:serviceName")}
              </a>
              {council ? <span className="header__council">{council.name}</span> : null}
            </div>
            <LanguageSwitcher current={props.language} path={props.path} search={props.search} />
          </div>
          {props.staffBar}
        </header>
        <div className="width-container">
          <main id="main-content" className="main" tabIndex={-1}>
            {props.children}
          </main>
          {area === "public" ? (
            <HelpNow outOfHoursPhone={council?.outOfHoursPhone} council={council?.name} />
          ) : null}
        </div>
        <Footer council={council?.name} />
        {props.afterFooter}
        <script src="/js/portal.js" defer />
      </body>
    </html>
  );
}

/** "Error: Sign in – Have your say": the page's title, then the service. */
export function pageTitle(
  t: (key: string) => string,
  title: string | undefined,
  hasErrors: boolean,
): string {
  const parts = [title, t("common:serviceName")].filter(Boolean);
  return `${hasErrors ? `${t("common:form.errorTitlePrefix")} ` : ""}${parts.join(" – ")}`;
}

export function ErrorMessage({ kind }: { kind: ErrorKind }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t(`common:errors.${kind}.title`)}</PageHeading>
      <p className="body-l" data-error={kind}>
        {t(`common:errors.${kind}.body`)}
      </p>
      {kind === "notSetUp" ? null : (
        <p>
          <a href="/">{t("common:errors.home")}</a>
        </p>
      )}
    </>
  );
}
