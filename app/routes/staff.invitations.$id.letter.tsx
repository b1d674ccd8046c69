import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicUrlOf } from "#app/models/organisation.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { directionOf } from "#app/i18n";
import { i18nFor } from "#app/i18n.server";
import { formatReviewDate } from "#app/models/invitation.server";
import { localised } from "#app/utils/localised";
import { ownInvitation } from "#app/web/own-invitation.server";

export const handle: PortalHandle = { titleKey: "inbox:letter.page.title", area: "staff" };

const pagePath = (invitationId: string) => `/staff/invitations/${invitationId}`;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const {
    staff,
    invitation,
    issued: current,
    lastDay,
  } = await ownInvitation(request, context, params.id ?? "");
  const base = {
    id: invitation.id,
    childName: invitation.childName,
    forParent: invitation.forParent,
    expired: invitation.expired,
  };
  const issued = invitation.expired ? undefined : current;
  if (!issued) return { invitation: base, letter: null };

  // The letter is in the child's (or parent's) language, whatever language the IRO reads the
  // portal in; a parent's letter has words of its own.
  const language = invitation.language;
  const t = (await i18nFor(language)).getFixedT(language, "inbox");
  const origin = publicUrlOf(context.organisation);
  const link = `${origin}/i/${issued.linkToken}`;
  const council = context.organisation;
  const name = invitation.childName;
  const body = invitation.forParent ? "letter.bodyForParent" : "letter.body";
  const qrSvg = await QRCode.toString(link, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
  });
  return {
    invitation: base,
    letter: {
      language,
      dir: directionOf(language),
      council: council.name,
      link,
      code: issued.code,
      codeAddress: `${origin}/code`,
      qrSvg,
      words: {
        greeting: t(`${body}.greeting`, { name }),
        review: t(`${body}.review`, {
          name,
          date: formatReviewDate(invitation.eventDate, language),
        }),
        iro: t(`${body}.iro`, { iro: staff.name, name }),
        booklet: t(`${body}.booklet`, {
          booklet: localised(council.bookletTitle, language),
        }),
        howTitle: t(`${body}.howTitle`),
        scan: t(`${body}.scan`),
        typeLink: t(`${body}.typeLink`),
        typeCode: t(`${body}.typeCode`),
        codeLabel: t(`${body}.codeLabel`),
        qrLabel: t(`${body}.qrLabel`),
        private: t(`${body}.private`, { iro: staff.name }),
        until: t(`${body}.until`, { date: formatReviewDate(lastDay, language) }),
        helpTitle: t(`${body}.helpTitle`),
        emergency: t(`${body}.emergency`),
        childline: t(`${body}.childline`),
        signOff: t(`${body}.signOff`),
        role: t(`${body}.role`),
        pledgeTitle: t("letter.pledgeTitle", { council: council.shortName }),
      },
      // The council's promise to children in care, in the letter's language when it has one.
      pledge: localised(council.pledge, language),
      iroName: staff.name,
    },
  };
}

export default function InvitationLetter() {
  const { t } = useTranslation();
  const { invitation, letter } = useLoaderData<typeof loader>();
  const name = invitation.forParent
    ? t("inbox:invitations.parentOf", { name: invitation.childName })
    : invitation.childName;
  if (!letter) {
    return (
      <>
        <PageHeading>{t("inbox:letter.page.heading", { name })}</PageHeading>
        {invitation.expired ? (
          <p>{t("inbox:letter.page.expired", { name })}</p>
        ) : (
          <>
            <p>{t("inbox:letter.page.noSecrets", { name })}</p>
            <Form method="post" action={pagePath(invitation.id)}>
              <CsrfField />
              <input type="hidden" name="intent" value="renew" />
              <input type="hidden" name="next" value="letter" />
              <button type="submit" className="button">
                {t("inbox:letter.page.renew")}
              </button>
            </Form>
          </>
        )}
        <p>
          <Link to={pagePath(invitation.id)}>{t("inbox:letter.page.back")}</Link>
        </p>
      </>
    );
  }
  const { words } = letter;
  return (
    <>
      <div className="no-print">
        <PageHeading>{t("inbox:letter.page.heading", { name })}</PageHeading>
        <p>{t("inbox:letter.page.howToPrint")}</p>
        <p>
          <Link to={pagePath(invitation.id)}>{t("inbox:letter.page.back")}</Link>
        </p>
      </div>
      <article
        className="invitation-letter"
        lang={letter.language}
        dir={letter.dir}
        aria-labelledby="letter-greeting"
      >
        <p className="invitation-letter__council">{letter.council}</p>
        <h2 className="heading-xl invitation-letter__greeting" id="letter-greeting">
          {words.greeting}
        </h2>
        <p className="body-l">{words.review}</p>
        <p>{words.iro}</p>
        <p>{words.booklet}</p>
        <h3 className="heading-m">{words.howTitle}</h3>
        <div className="invitation-letter__ways">
          <div
            className="invitation-letter__qr"
            role="img"
            aria-label={words.qrLabel}
            // Made on the server by the qrcode package from the link alone: no markup from input.
            dangerouslySetInnerHTML={{ __html: letter.qrSvg }}
          />
          <ol className="list list--number invitation-letter__steps">
            <li>{words.scan}</li>
            <li>
              {words.typeLink}
              <br />
              <code className="invitation-letter__link" dir="ltr">
                {letter.link}
              </code>
            </li>
            <li>
              {words.typeCode}{" "}
              <span dir="ltr" className="invitation-letter__link">
                {letter.codeAddress}
              </span>
              <br />
              {words.codeLabel}{" "}
              <strong className="invitation-letter__code" dir="ltr">
                {letter.code}
              </strong>
            </li>
          </ol>
        </div>
        <p>{words.private}</p>
        <p>{words.until}</p>
        {letter.pledge ? (
          <>
            <h3 className="heading-m">{words.pledgeTitle}</h3>
            <p className="pledge">{letter.pledge}</p>
          </>
        ) : null}
        <aside className="invitation-letter__help" aria-labelledby="letter-help">
          <h3 className="heading-m" id="letter-help">
            {words.helpTitle}
          </h3>
          <p>
            {words.emergency}{" "}
            <strong dir="ltr" className="nowrap">
              999
            </strong>
          </p>
          <p>
            {words.childline}{" "}
            <strong dir="ltr" className="nowrap">
              0800 1111
            </strong>
          </p>
        </aside>
        <p className="invitation-letter__signature">
          {words.signOff}
          <br />
          {letter.iroName}
          <br />
          {words.role}
        </p>
      </article>
    </>
  );
}
