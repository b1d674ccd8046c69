// One staff account, for the council's admin: who, which roles, when last signed in, and the
// button for a leaver: disable the account (every session of it ends at once), or enable it again.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { useDates } from "#app/components/dates";
import { ErrorSummary, Notice, useTranslatedErrors } from "#app/components/fields";
import { PageHeading } from "#app/components/shell";
import type { PortalHandle } from "#app/handle";
import {
  changeSignIn,
  findAccount,
  setAccountActive,
  type SignInChange,
} from "#app/models/staff-accounts.server";
import { ssoReady, ssoRequired } from "#app/models/single-sign-on.server";
import { removeSecondFactor } from "#app/models/second-factor.server";
import { formErrors, textOf } from "#app/web/forms.server";
import { refusedItem } from "#app/web/refusal-audit.server";
import { badRequest } from "#app/web/refusals.server";
import { readStaffForm, requireStaff } from "#app/web/staff-auth.server";

export const handle: PortalHandle = { titleKey: "account:account.title", area: "staff" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request, context, "staff:manage");
  const account = await findAccount({
    organisationId: context.organisation.id,
    staff,
    id: params.id ?? "",
  });
  if (!account)
    throw await refusedItem(request, context, staff, { type: "staff_user", id: params.id });
  const council = context.organisation;
  return data({
    account,
    own: account.id === staff.id,
    sso: ssoReady(council),
    ssoRequired: ssoRequired(council),
  });
}

const SIGN_IN_CHANGES: readonly string[] = ["allow-password", "sso-only", "unlink"];

async function changeHowTheySignIn(
  request: Request,
  context: ActionFunctionArgs["context"],
  staff: Awaited<ReturnType<typeof requireStaff>>["staff"],
  id: string,
  change: SignInChange,
) {
  const result = await changeSignIn({
    council: context.organisation,
    staff,
    id,
    change,
    clientAddress: context.clientAddress,
  });
  if (result === "not-found") {
    throw await refusedItem(request, context, staff, { type: "staff_user", id });
  }
  if (result === "last-password-admin") {
    return formErrors(context, {
      errors: { intent: "account:account.sso.lastPasswordAdmin" },
      values: {},
    });
  }
  throw redirect(`/staff/users/${id}?done=${change}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readStaffForm(request, context);
  const { staff } = await requireStaff(request, context, "staff:manage");
  const id = params.id ?? "";
  const intent = textOf(form, "intent");
  if (intent === "remove-second-factor") {
    const removed = await removeSecondFactor({
      organisationId: context.organisation.id,
      staff,
      id,
      clientAddress: context.clientAddress,
    });
    if (removed === "not-found") {
      throw await refusedItem(request, context, staff, { type: "staff_user", id });
    }
    throw redirect(`/staff/users/${id}?done=${intent}`);
  }
  if (SIGN_IN_CHANGES.includes(intent)) {
    return changeHowTheySignIn(request, context, staff, id, intent as SignInChange);
  }
  // Only the page's own buttons say what to do: anything else is not read as either.
  if (intent !== "enable" && intent !== "disable") throw badRequest();
  const active = intent === "enable";
  const result = await setAccountActive({
    organisationId: context.organisation.id,
    staff,
    id,
    active,
    clientAddress: context.clientAddress,
  });
  if (result === "not-found") {
    throw await refusedItem(request, context, staff, { type: "staff_user", id });
  }
  if (result === "own-account") {
    return formErrors(context, { errors: { intent: "account:account.ownAccount" }, values: {} });
  }
  throw redirect(`/staff/users/${id}?done=${active ? "enabled" : "disabled"}`);
}

const DONE: readonly string[] = ["disabled", "enabled", "remove-second-factor", ...SIGN_IN_CHANGES];

/** Whether its owner has an authenticator app, and the admin's button for a lost phone. */
function SecondFactor({ since }: { since: Date | null }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  return (
    <Form method="post">
      <CsrfField />
      <h2>{t("account:account.secondFactor.heading")}</h2>
      {since ? (
        <>
          <p>{t("account:account.secondFactor.since", { when: moment(since) })}</p>
          <p className="hint">{t("account:account.secondFactor.removeHint")}</p>
          <button
            type="submit"
            name="intent"
            value="remove-second-factor"
            className="button button--secondary"
          >
            {t("account:account.secondFactor.remove")}
          </button>
        </>
      ) : (
        <p>{t("account:account.secondFactor.none")}</p>
      )}
    </Form>
  );
}

/** How this person signs in through the council's own service, and the admin's two buttons. */
function SingleSignOn({
  account,
  required,
}: {
  account: { ssoLinked: boolean; passwordWhenSsoRequired: boolean };
  required: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <CsrfField />
      <h2>{t("account:account.sso.heading")}</h2>
      <p>{t(account.ssoLinked ? "account:account.sso.linked" : "account:account.sso.notLinked")}</p>
      {account.ssoLinked ? (
        <>
          <p className="hint">{t("account:account.sso.unlinkHint")}</p>
          <button type="submit" name="intent" value="unlink" className="button button--secondary">
            {t("account:account.sso.unlink")}
          </button>
        </>
      ) : null}
      <p>
        {t(
          account.passwordWhenSsoRequired
            ? "account:account.sso.passwordAllowed"
            : "account:account.sso.passwordNotAllowed",
        )}{" "}
        {required ? null : t("account:account.sso.whenRequired")}
      </p>
      <button
        type="submit"
        name="intent"
        value={account.passwordWhenSsoRequired ? "sso-only" : "allow-password"}
        className="button button--secondary"
      >
        {t(
          account.passwordWhenSsoRequired
            ? "account:account.sso.stopPassword"
            : "account:account.sso.allowPassword",
        )}
      </button>
    </Form>
  );
}

export default function StaffAccount() {
  const { t } = useTranslation();
  const dates = useDates();
  const { account, own, sso, ssoRequired } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="narrow">
      {done && DONE.includes(done) ? (
        <Notice title={t(`account:account.done.${done}`, { name: account.name })} />
      ) : null}
      <ErrorSummary errors={errors} />
      <p>
        <Link to="/staff/users">{t("account:account.back")}</Link>
      </p>
      <PageHeading>{account.name}</PageHeading>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("staff:users.email")}</dt>
          <dd className="summary-list__value">{account.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("staff:users.roles")}</dt>
          <dd className="summary-list__value">
            {account.roles.map((role) => t(`staff:roles.${role}`)).join(", ")}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("account:accounts.lastSignedIn")}</dt>
          <dd className="summary-list__value">
            {account.lastSignedInAt
              ? dates.moment(account.lastSignedInAt)
              : t("account:accounts.never")}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t("account:accounts.status")}</dt>
          <dd className="summary-list__value">
            {account.active ? t("account:accounts.active") : t("account:accounts.disabled")}
          </dd>
        </div>
      </dl>
      <SecondFactor since={account.secondFactorSince} />
      {sso ? <SingleSignOn account={account} required={ssoRequired} /> : null}
      {own ? (
        <p>{t("account:account.ownAccount")}</p>
      ) : (
        <Form method="post">
          <CsrfField />
          {account.active ? (
            <>
              <h2>{t("account:account.disableHeading")}</h2>
              <p>{t("account:account.disableHint")}</p>
              <button
                type="submit"
                name="intent"
                value="disable"
                className="button button--warning"
              >
                {t("account:account.disable")}
              </button>
            </>
          ) : (
            <>
              <h2>{t("account:account.enableHeading")}</h2>
              <p>{t("account:account.enableHint")}</p>
              <button type="submit" name="intent" value="enable" className="button">
                {t("account:account.enable")}
              </button>
            </>
          )}
        </Form>
      )}
    </div>
  );
}
