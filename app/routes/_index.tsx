import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContactList, PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { getLanguage } from "#app/i18n.server";
import { localised } from "#app/utils/localised";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";

export const handle: PortalHandle = { titleKey: "home:title" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const council = context.organisation;
  return {
    bookletTitle: localised(council.bookletTitle, language),
    contactEmail: council.contactEmail,
    contactPhone: council.contactPhone,
  };
}

/** Where each way in starts: the ways that need a code start where a code is typed. */
const LINKS: Record<string, string> = {
  booklet: "/listen-to-me",
  conference: "/code",
  fgc: "/code",
  afterReview: "/code",
  haveYourSay: "/have-your-say",
  advocate: "/forms/advocacy-request",
};

export default function Home() {
  const { t } = useTranslation();
  const { bookletTitle, contactEmail, contactPhone } = useLoaderData<typeof loader>();
  const ways = [
    { key: "booklet", text: t("home:ways.booklet", { bookletTitle }) },
    { key: "conference", text: t("home:ways.conference") },
    { key: "fgc", text: t("home:ways.fgc") },
    { key: "afterReview", text: t("home:ways.afterReview") },
    { key: "haveYourSay", text: t("home:ways.haveYourSay") },
    { key: "advocate", text: t("home:ways.advocate") },
  ];
  return (
    <>
      <PageHeading>{t("home:heading")}</PageHeading>
      <p className="body-l">{t("home:lead")}</p>
      <h2 className="heading-m">{t("home:waysTitle")}</h2>
      <ul className="list list--bullet">
        {ways.map((way) => (
          <li key={way.key}>
            <a href={LINKS[way.key]}>{way.text}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/code" className="button button--secondary">
          {t("home:haveCode")}
        </a>
      </p>
      <h2 className="heading-m">{t("home:contactTitle")}</h2>
      <p>{t("home:contactText")}</p>
      <ContactList email={contactEmail} phone={contactPhone} />
    </>
  );
}
