import { PassThrough } from "node:stream";
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isDatabaseUnavailable } from "#db/client";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nFor, getLanguage, languageCookie } from "./i18n.server";

export { createHttpApp } from "./server/http.server";
export {
  runCreateCouncilProcess,
  runOutboxWorkerProcess,
  runResealProcess,
  startPortal,
} from "./server/startup.server";
export { env } from "./config.server";

const RENDER_TIMEOUT_MS = 5_000;

/**
 * Every page is rendered completely on the server (onAllReady) and sent as plain HTML: public pages
 * need no JavaScript, and none of React's runtime is sent to the browser.
 */
export default async function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
) {
  const i18n = await i18nFor(await getLanguage(request));
  const languageChoice = new URL(request.url).searchParams.get("lng");
  if (languageChoice && i18n.language === languageChoice) {
    headers.append("Set-Cookie", await languageCookie.serialize(languageChoice));
  }
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={RENDER_TIMEOUT_MS} />
      </I18nextProvider>,
      {
        onAllReady() {
          const body = new PassThrough();
          headers.set("Content-Type", "text/html; charset=utf-8");
          headers.set("Content-Language", i18n.language);
          headers.append("Vary", "Cookie, Accept-Language");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers,
              status: failed ? 500 : status,
            }),
          );
          pipe(body);
        },
        onShellError: reject,
        onError(error) {
          failed = true;
          if (!request.signal.aborted) console.error(error);
        },
      },
    );
    setTimeout(abort, RENDER_TIMEOUT_MS + 1000);
  });
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  // The HTTP layer answers "try again shortly" instead of the error page (one line in the log).
  if (isDatabaseUnavailable(error)) {
    context.databaseUnavailable = true;
    return;
  }
  if (!request.signal.aborted) console.error(error);
}
