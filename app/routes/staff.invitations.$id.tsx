import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicUrlOf } from "#app/models/organisation.server";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useOutlet, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates";
import { CsrfField } from "#app/components/csrf-field";
import { Notice } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import { renewInvitationSecrets } from "#app/models/invitation.server";
import { textOf } from "#app/web/forms.server";
import { invitationPath, issuedSecretsCookie, ownInvitation } from "#app/web/own-invitation.server";
import { readStaffForm } from "#app/web/staff-auth.server";
import { badRequest } from "#app/web/refusals.server";
import { refusedItem } from "#app/web/refusal-audit.server";

export const handle: PortalHandle = { titleKey: "inbox:invitations.show.title", area: "staff" };

/** This invitation's page (the issued-secrets cookie is scoped to it). */
const pagePath = (invitationId: string) => `/staff/invitations/${invitationId}`;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { invitation, issued, lastDay } = await ownInvitation(request, context, params.id ?? "");
  const origin = publicUrlOf(context.organisation);
  return {
    invitation: {
      id: invitation.id,
      childName: invitation.childName,
      forParent: invitation.forParent,
      formId: invitation.formId,
      language: invitation.language,
      eventDate: invitation.eventDate,
      status: invitation.status,
      expired: invitation.expired,
      lastDay,
    },
    issued: issued
      ? {
          link: `${origin}/i/${issued.linkToken}`,
          code: issued.code,
          visibleUntil: issued.visibleUntil.toISOString(),
        }
      : null,
    codeAddress: `${origin}/code`,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const invitationId = params.id ?? "";
  if (textOf(form, "intent") !== "renew") {
    throw badRequest();
  }
  const { staff, invitation } = await ownInvitation(request, context, invitationId);
  // An invitation past its end stays ended: a new link would not open anything.
  if (invitation.expired) throw redirect(invitationPath(invitationId));
  const secrets = await renewInvitationSecrets({
    organisationId: context.organisation.id,
    invitedBy: staff.id,
    invitationId,
    clientAddress: context.clientAddress,
  });
  if (!secrets) {
    throw await refusedItem(request, context, staff, { type: "invitation", id: invitationId });
  }
  const next = textOf(form, "next") === "letter" ? "/letter" : "";
  throw redirect(`${invitationPath(invitationId)}${next}?renewed=1`, {
    headers: {
      "Set-Cookie": issuedSecretsCookie({
        production: context.production,
        invitationId,
        staffUserId: staff.id,
        secrets,
      }),
    },
  });
}

/** "Make a new link and code": the old ones stop working. */
function RenewForm({ invitationId }: { invitationId: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action={pagePath(invitationId)}>
      <CsrfField />
      <input type="hidden" name="intent" value="renew" />
      <button type="submit" className="button button--secondary">
        {t("inbox:invitations.show.renew")}
      </button>
    </Form>
  );
}

export default function InvitationPage() {
  // The letter (/letter) is a child route: it is its own page, not part of this one.
  const outlet = useOutlet();
  return outlet ?? <Invitation />;
}

function Invitation() {
  const { t } = useTranslation();
  const { invitation, issued, codeAddress } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const format = useDates();
  const name = invitation.forParent
    ? t("inbox:invitations.parentOf", { name: invitation.childName })
    : invitation.childName;
  return (
    <>
      {params.get("renewed") && issued ? (
        <Notice title={t("inbox:invitations.show.renewedTitle")}>
          <p>{t("inbox:invitations.show.renewedText")}</p>
        </Notice>
      ) : null}
      <PageHeading>{t("inbox:invitations.show.heading", { name })}</PageHeading>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:invitations.show.booklet")}</dt>
          <dd className="summary-list__value">
            {t(`inbox:invitations.booklets.${invitation.formId}.name`, {
              defaultValue: invitation.formId,
            })}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:invitations.show.language")}</dt>
          <dd className="summary-list__value" lang={invitation.language}>
            {t("common:language.nativeName", { lng: invitation.language })}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:invitations.show.reviewDate")}</dt>
          <dd className="summary-list__value">
            <time dateTime={invitation.eventDate}>{format.day(invitation.eventDate, "full")}</time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:invitations.show.status")}</dt>
          <dd className="summary-list__value">
            {t(`inbox:invitations.status.${invitation.status}`)}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("inbox:invitations.show.worksUntil")}</dt>
          <dd className="summary-list__value">
            <time dateTime={invitation.lastDay}>{format.day(invitation.lastDay, "full")}</time>
          </dd>
        </div>
      </dl>

      <h2 className="heading-m">{t("inbox:invitations.show.secretsTitle")}</h2>
      {invitation.expired ? (
        <>
          <p>{t("inbox:invitations.show.expired", { name })}</p>
          <p>
            <Link to="/staff/invitations/new">{t("inbox:invitations.list.create")}</Link>
          </p>
        </>
      ) : issued ? (
        <>
          <p>{t("inbox:invitations.show.giveThese", { name })}</p>
          <dl className="summary-list invitation-secrets">
            <div className="summary-list__row">
              <dt className="summary-list__key">{t("inbox:invitations.show.link")}</dt>
              <dd className="summary-list__value">
                <code className="invitation-secrets__link" dir="ltr" data-invitation-link>
                  {issued.link}
                </code>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">{t("inbox:invitations.show.code")}</dt>
              <dd className="summary-list__value">
                <code className="invitation-secrets__code" dir="ltr" data-invitation-code>
                  {issued.code}
                </code>
                <p className="hint">
                  {t("inbox:invitations.show.codeHint")}{" "}
                  <span dir="ltr" className="invitation-secrets__link">
                    {codeAddress}
                  </span>
                </p>
              </dd>
            </div>
          </dl>
          <p className="hint">
            {t("inbox:invitations.show.shownUntil", {
              time: format.moment(issued.visibleUntil, "long"),
            })}
          </p>
          <p>
            <Link to={`${pagePath(invitation.id)}/letter`} className="button">
              {t("inbox:invitations.show.printLetter")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>{t("inbox:invitations.show.hidden", { name })}</p>
          <RenewForm invitationId={invitation.id} />
          <p>
            <Link to={`${pagePath(invitation.id)}/letter`}>
              {t("inbox:invitations.show.printLetter")}
            </Link>
          </p>
        </>
      )}
      <p>
        <Link to="/staff/invitations">{t("inbox:invitations.show.back")}</Link>
      </p>
    </>
  );
}
