// After signing in again: what the member of staff had typed when the idle sign-out caught them,
// to check and send with one press (the form goes to the page it was meant for, with a new
// anti-forgery token), or to copy. Shown once: the kept copy is cleared as the page is made.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { clearedKeptForm, keptFormOf } from "#app/web/kept-form.server";
import { requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "staff:kept.title", area: "staff" };

/** Words a person typed, as against the form's own choices and ids: they are shown to check. */
const isTyped = (value: string) => /\s/.test(value.trim()) || value.length > 40;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context);
  const kept = keptFormOf(request, context, staff.id);
  if (!kept) return null;
  // Shown once, and only to the person it was kept for: then it is gone.
  return data(
    { path: kept.path, fields: kept.fields, typed: kept.fields.filter(([, v]) => isTyped(v)) },
    { headers: { "Set-Cookie": clearedKeptForm(context) } },
  );
}

export default function KeptForm() {
  const { t } = useTranslation();
  const kept = useLoaderData<typeof loader>();
  if (!kept) {
    return (
      <>
        <PageHeading>{t("staff:kept.title")}</PageHeading>
        <p>{t("staff:kept.nothing")}</p>
        <p>
          <Link to="/staff">{t("staff:kept.home")}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t("staff:kept.title")}</PageHeading>
      <p className="body-l">{t("staff:kept.lead")}</p>
      {kept.typed.length > 0 ? (
        <>
          <h2 className="heading-m">{t("staff:kept.typed")}</h2>
          {kept.typed.map(([name, value], index) => (
            <blockquote key={`${name}-${index}`} className="kept-text">
              <p className="answer-text" dir="auto">
                {value}
              </p>
            </blockquote>
          ))}
        </>
      ) : null}
      <Form method="post" action={kept.path}>
        <CsrfField />
        {kept.fields.map(([name, value], index) => (
          <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="button">
          {t("staff:kept.send")}
        </button>
      </Form>
      <p>
        <Link to={kept.path.split("?")[0]!}>{t("staff:kept.back")}</Link>
      </p>
    </>
  );
}
