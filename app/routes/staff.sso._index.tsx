// "Sign in with your council account": off to the council's sign-in service, with the attempt
// kept (sealed) in a cookie for the way back. A link, not a form: the site's policy lets forms
// go to this site only, and starting a sign-in changes nothing until the person comes back with
// the attempt's own state. A service that cannot be reached is said so on the sign-in page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ssoReady, startSingleSignOn } from "#app/models/single-sign-on.server";
import { safeRedirect } from "#app/utils/redirects";
import { attemptCookie } from "#app/web/single-sign-on.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const council = context.organisation;
  if (!ssoReady(council)) throw redirect("/staff/sign-in");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  const started = await startSingleSignOn(council, redirectTo);
  if (!started) throw redirect("/staff/sign-in?reason=sso-unreachable");
  throw redirect(started.authorizationUrl, {
    headers: {
      "Set-Cookie": attemptCookie(context, started.attempt),
      "Cache-Control": "no-store",
    },
  });
}
