import { localised } from "#app/utils/localised";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "./components/csrf-field";
import { ErrorMessage, PageShell, pageTitle } from "./components/page-shell";
import { errorKindOf, type ErrorKind } from "./errors";
import type { PortalHandle } from "./handle";
import { getLanguage } from "./i18n.server";
import styles from "./styles/portal.css";
import { NEUTRAL_EXIT_URL } from "#db/schema/constants";
import { getStaffSession } from "./web/staff-auth.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const session = await getStaffSession(request, context);
  const council = context.organisation;
  return {
    language,
    csrfToken: context.tokenInPage === false ? "" : context.csrfToken,
    formHasErrors: context.formHasErrors,
    council: {
      name: council.name,
      outOfHoursPhone: council.outOfHoursPhone,
      exitUrl: council.exitUrl,
      serviceAreas: council.serviceAreas.map((area) => ({
        key: area.key,
        name: localised(area.name, language),
        // Still named on answers given before; offered no more.
        retired: Boolean(area.retiredOn),
      })),
    },
    staff:
      session.status === "valid"
        ? {
            name: session.staff.name,
            idleSecondsLeft: Math.round((session.idleExpiresAt.getTime() - Date.now()) / 1000),
          }
        : null,
  };
}

function errorKindOfError(error: unknown): ErrorKind {
  return isRouteErrorResponse(error) ? errorKindOf(error.status, error.data) : "unexpected";
}

function usePageTitle(error: unknown, formHasErrors: boolean): string {
  const { t } = useTranslation();
  const matches = useMatches();
  let title: string | undefined;
  if (error) {
    title = t(`common:errors.${errorKindOfError(error)}.title`);
  } else {
    for (const match of matches) {
      const key = (match.handle as PortalHandle | undefined)?.titleKey;
      if (key) title = t(key);
      // a page whose title depends on its data (a form's question) gives it already translated
      const data = match.data as { pageTitle?: unknown; pageTitleKey?: unknown } | undefined;
      if (typeof data?.pageTitle === "string") title = data.pageTitle;
      // …or the key of its title, when one route shows several pages (a settings topic)
      if (typeof data?.pageTitleKey === "string") title = t(data.pageTitleKey);
    }
  }
  return pageTitle(t, title, formHasErrors);
}

function useArea(): "public" | "staff" {
  const matches = useMatches();
  const location = useLocation();
  const declared = matches
    .map((m) => (m.handle as PortalHandle | undefined)?.area)
    .filter(Boolean)
    .pop();
  return declared ?? (location.pathname.startsWith("/staff") ? "staff" : "public");
}

function StaffTimeoutWarning({ secondsLeft }: { secondsLeft: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <dialog
      className="timeout-warning"
      aria-labelledby="timeout-warning-title"
      aria-describedby="timeout-warning-text"
      data-timeout-warning
      data-idle-seconds-left={secondsLeft}
    >
      <h2 className="heading-m" id="timeout-warning-title">
        {t("staff:timeout.title")}
      </h2>
      <p id="timeout-warning-text">{t("staff:timeout.text")}</p>
      <Form method="post" action="/staff/session" className="button-group">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
        <button type="submit" className="button" data-timeout-extend>
          {t("staff:timeout.stay")}
        </button>
        <button type="submit" formAction="/staff/sign-out" className="button button--secondary">
          {t("staff:timeout.signOut")}
        </button>
      </Form>
    </dialog>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const error = useRouteError();
  const location = useLocation();
  const { t, i18n } = useTranslation();
  const area = useArea();
  const title = usePageTitle(error, Boolean(root?.formHasErrors));
  const staff = area === "staff" ? root?.staff : undefined;
  return (
    <PageShell
      language={root?.language ?? i18n.language}
      title={title}
      head={
        <>
          <Meta />
          <Links />
        </>
      }
      area={area}
      council={root?.council}
      exitUrl={root?.council.exitUrl ?? NEUTRAL_EXIT_URL}
      path={location.pathname}
      search={location.search}
      staffBar={
        staff ? (
          <div className="width-container staff-bar">
            <span>{t("staff:signedInAs", { name: staff.name })}</span>
            <a href="/staff/password">{t("account:change.link")}</a>
            <Form method="post" action="/staff/sign-out" className="staff-bar__form">
              <CsrfField />
              <button type="submit" className="link-button">
                {t("staff:signOut")}
              </button>
            </Form>
          </div>
        ) : null
      }
      afterFooter={staff ? <StaffTimeoutWarning secondsLeft={staff.idleSecondsLeft} /> : null}
    >
      {children}
    </PageShell>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorMessage kind={errorKindOfError(useRouteError())} />;
}
