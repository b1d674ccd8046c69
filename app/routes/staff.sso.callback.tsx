// The way back from the council's sign-in service: signed in and on to the page they wanted, or
// a page that says plainly why not and what to do.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { finishSingleSignOn, type SsoRefusal } from "#app/models/single-sign-on.server";
import { safeRedirect } from "#app/utils/redirects";
import { clearedAttemptCookie, readAttemptCookie } from "#app/web/single-sign-on.server";
import { sessionCookie } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { area: "staff" };

const STATUS: Record<SsoRefusal, number> = {
  "not-set-up": 404,
  expired: 400,
  "wrong-state": 400,
  cancelled: 400,
  unreachable: 503,
  "code-refused": 400,
  "token-not-valid": 400,
  "no-email": 403,
  "no-account": 403,
  "linked-elsewhere": 403,
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const outcome = await finishSingleSignOn({
    council: context.organisation,
    query: new URL(request.url).search,
    sealedAttempt: readAttemptCookie(request, context),
    clientAddress: context.clientAddress,
  });
  const headers = new Headers({ "Set-Cookie": clearedAttemptCookie(context) });
  if (outcome.ok) {
    headers.append("Set-Cookie", sessionCookie(context, outcome.token));
    throw redirect(safeRedirect(outcome.redirectTo), { headers });
  }
  // The address holds a code from the provider: never kept, never sent on.
  headers.set("Cache-Control", "no-store");
  headers.set("Referrer-Policy", "no-referrer");
  return data(
    {
      reason: outcome.reason,
      email: outcome.email ?? "",
      pageTitleKey: `account:sso.refused.${outcome.reason}.title`,
    },
    { status: STATUS[outcome.reason], headers },
  );
}

export default function SingleSignOnRefused() {
  const { t } = useTranslation();
  const { reason, email, pageTitleKey } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <PageHeading>{t(pageTitleKey)}</PageHeading>
      <p>{t(`account:sso.refused.${reason}.body`, { email })}</p>
      <p>
        <Link to="/staff/sign-in">{t("account:sso.tryAgain")}</Link>
      </p>
    </div>
  );
}
