// "Check how it is going": the person who made a comment, compliment or complaint sees its status
// with its reference and the secret they were given. The reference alone is never enough.
import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "#app/components/csrf-field";
import { useDates } from "#app/components/dates";
import { ErrorSummary, TextInput, useTranslatedErrors } from "#app/components/fields";
import type { PortalHandle } from "#app/handle";
import { countGuess } from "#app/models/rate-limit.server";
import {
  trackRepresentation,
  type TrackedStatus,
} from "#app/models/representation/tracking.server";
import { unusualCharacterProblems } from "#app/utils/plain-text";
import { formErrors, readCheckedForm, textOf } from "#app/web/forms.server";
import { SummaryRow } from "#app/components/summary";
import { sameForEveryNewVisitor } from "#app/server/page-cache.server";

export const handle: PortalHandle = { titleKey: "complaints:track.title", area: "public" };

/** A first-time visitor sees this page as every other does: it can be kept ready-made. */
export const headers = sameForEveryNewVisitor;

export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readCheckedForm(request, context);
  const values = { reference: textOf(posted, "reference"), secret: textOf(posted, "secret") };
  const errors: Record<string, string> = unusualCharacterProblems(values);
  if (!values.reference.trim()) errors.reference = "complaints:track.errors.referenceMissing";
  if (!values.secret.trim()) errors.secret = "complaints:track.errors.secretMissing";
  if (Object.keys(errors).length > 0) return formErrors(context, { errors, values });
  // Short secrets: wrong guesses are counted per address.
  const guess = await countGuess("track", context.organisation.id, context.clientAddress);
  if (guess.tooMany) {
    return formErrors(
      context,
      { errors: { reference: "complaints:track.errors.tooMany" }, values },
      { status: 429 },
    );
  }
  const status = await trackRepresentation(
    context.organisation.id,
    values.reference,
    values.secret,
  );
  if (!status) {
    return formErrors(context, {
      errors: { reference: "complaints:track.errors.notFound" },
      values,
    });
  }
  await guess.wasRight();
  return { status, errors: undefined, values };
}

function StatusOf({ status }: { status: TrackedStatus }) {
  const { t } = useTranslation();
  const dates = useDates();
  const where = status.closedOn
    ? t("complaints:track.status.closed", { date: dates.day(status.closedOn) })
    : status.dueOn
      ? t("complaints:track.status.open", { stage: status.stage, date: dates.day(status.dueOn) })
      : t("complaints:track.status.received");
  return (
    <section aria-labelledby="status-title">
      <h2 className="heading-m" id="status-title">
        {t("complaints:track.resultTitle")}{" "}
        <span className="reference" dir="ltr">
          {status.reference}
        </span>
      </h2>
      <dl className="summary-list">
        <SummaryRow label={t("complaints:track.what")}>
          {t(`complaints:kinds.${status.kind}`)}
        </SummaryRow>
        <SummaryRow label={t("complaints:track.received")}>
          {dates.day(status.receivedOn)}
        </SummaryRow>
        <SummaryRow label={t("complaints:track.where")}>{where}</SummaryRow>
        {status.outcome ? (
          <SummaryRow label={t("complaints:track.outcome")}>
            {t(`complaints:outcomes.${status.outcome}`)}
          </SummaryRow>
        ) : null}
        {status.advocacy !== "none" ? (
          <SummaryRow label={t("complaints:track.advocate")}>
            {t(`complaints:track.advocacy.${status.advocacy}`)}
          </SummaryRow>
        ) : null}
        {status.ombudsman ? (
          <SummaryRow label={t("complaints:track.ombudsman")}>
            {t("complaints:track.ombudsmanText")}
          </SummaryRow>
        ) : null}
      </dl>
    </section>
  );
}

export default function Track() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1 className="heading-xl">{t("complaints:track.title")}</h1>
      {result && "status" in result && result.status ? <StatusOf status={result.status} /> : null}
      <p>{t("complaints:track.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <TextInput
          name="reference"
          label={t("complaints:track.referenceLabel")}
          hint={t("complaints:track.referenceHint")}
          defaultValue={result?.values.reference}
          error={errors?.reference}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          name="secret"
          label={t("complaints:track.secretLabel")}
          hint={t("complaints:track.secretHint")}
          defaultValue={result?.values.secret}
          error={errors?.secret}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button">
          {t("complaints:track.submit")}
        </button>
      </Form>
    </div>
  );
}
