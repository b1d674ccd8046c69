// The managers' summary of one form's answers for a reporting year: a chart and a table for each
// choice question, and what people wrote. Nothing is shown for a group smaller than the council's
// anonymity threshold. The CSV file beside it holds the same numbers.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "#app/components/shell";
import { ChooseAndShow } from "#app/components/choose-and-show";
import { CommentsList, SummaryChart } from "#app/components/summary-chart";
import { UrgentWords } from "#app/components/urgent-words";
import { useQuestionWords } from "#app/components/form-question";
import { findForm } from "#app/forms/registry";
import type { Question } from "#app/forms/types";
import type { PortalHandle } from "#app/handle";
import { OTHER_ANSWERS } from "#app/summaries/summarise";
import { questionWithRole } from "#app/forms/answer-roles";
import { valuesOf } from "#app/forms/engine";
import { loadSummary } from "#app/summaries/summary-page.server";

export const handle: PortalHandle = { titleKey: "summaries:page.title", area: "staff" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { form, destination, scope, years, startYear, eventReference, invitedBy, ...rest } =
    await loadSummary(request, context, params.formId);
  const { relationship, shown, urgent } = rest;
  const kept: Record<string, string> = {};
  if (eventReference) kept.event = eventReference;
  if (invitedBy) kept.inviter = invitedBy;
  const query = new URLSearchParams({ year: String(startYear), ...kept });
  if (relationship) query.set("relationship", relationship);
  const relationshipQuestion = questionWithRole(form, "relationship");
  return {
    formId: form.id,
    words: destination.summary.words,
    own: scope === "own",
    years,
    startYear,
    eventReference,
    kept,
    relationship,
    relationshipQuestion: relationshipQuestion?.id ?? null,
    filtered: Boolean(eventReference || invitedBy),
    csvHref: `/staff/summaries/${form.id}.csv?${query}`,
    urgent,
    shown:
      shown.status === "shown"
        ? {
            status: "shown" as const,
            responses: shown.summary.responses,
            choices: shown.summary.choices,
            // No dates beside the comments: a day can point to a person in a small group.
            comments: shown.summary.comments.map((list) => ({
              questionId: list.questionId,
              comments: list.comments.map(({ text, relationship }) => ({ text, relationship })),
              total: list.total,
            })),
          }
        : shown,
  };
}

export default function FormSummary() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const form = findForm(data.formId)!;
  const words = useQuestionWords(form);
  const questions = new Map<string, Question>(
    form.pages.flatMap((page) => page.questions.map((q) => [q.id, q] as const)),
  );
  const relationshipQuestion = data.relationshipQuestion
    ? questions.get(data.relationshipQuestion)
    : undefined;
  const yearName = (year: number) =>
    t("summaries:page.yearOption", { startYear: year, endYear: year + 1 });
  const optionOf = (question: Question) => (value: string) =>
    value === OTHER_ANSWERS ? t("summaries:page.otherAnswers") : words.option(question, value);
  return (
    <>
      <PageHeading>{t(`${data.words}.title`)}</PageHeading>
      <p className="body-l">
        {data.eventReference
          ? t("summaries:page.oneEvent", { event: data.eventReference })
          : yearName(data.startYear)}
      </p>
      <p>{t(`${data.words}.lead`)}</p>
      {data.own ? <p>{t("summaries:page.yourOwn")}</p> : null}
      <p className="hint">{t("summaries:page.anonymous")}</p>

      {data.eventReference ? null : (
        <ChooseAndShow
          className="no-print"
          name="year"
          label={t("summaries:page.yearLabel")}
          value={String(data.startYear)}
          options={data.years.map((year) => ({ value: String(year), label: yearName(year) }))}
          submit={t("summaries:page.show")}
          keep={{
            ...data.kept,
            ...(data.relationship ? { relationship: data.relationship } : {}),
          }}
        />
      )}
      {relationshipQuestion ? (
        <ChooseAndShow
          className="no-print"
          name="relationship"
          label={t("summaries:page.relationshipLabel")}
          value={data.relationship ?? ""}
          options={[
            { value: "", label: t("summaries:page.everyRelationship") },
            ...valuesOf(relationshipQuestion).map((value) => ({
              value,
              label: words.option(relationshipQuestion, value),
            })),
          ]}
          submit={t("summaries:page.show")}
          keep={{ ...data.kept, year: String(data.startYear) }}
        />
      ) : null}
      {data.filtered ? (
        <p>
          {data.eventReference ? t("summaries:page.oneEventOnly") : t("summaries:page.oneInviter")}{" "}
          <a href={`/staff/summaries/${data.formId}?year=${data.startYear}`}>
            {t("summaries:page.everyone")}
          </a>
        </p>
      ) : null}

      <UrgentWords title={t("summaries:page.urgentTitle")} words={data.urgent}>
        <p>{t("summaries:page.urgent")}</p>
      </UrgentWords>

      {data.shown.status === "too-few" ? (
        <p className="body-l summary-too-few">
          {t("summaries:page.tooFew", {
            count: data.shown.responses,
            threshold: data.shown.threshold,
          })}
        </p>
      ) : (
        <>
          <p className="body-l">{t("summaries:page.responses", { count: data.shown.responses })}</p>
          <p className="no-print">
            <a href={data.csvHref} download>
              {t("summaries:page.csv")}
            </a>
          </p>
          {data.shown.choices.map((tally) => {
            const question = questions.get(tally.questionId)!;
            return (
              <section key={tally.questionId} className="summary-question">
                <SummaryChart
                  tally={tally}
                  caption={words.label(question)}
                  optionLabel={optionOf(question)}
                  answerLabel={t("summaries:page.answer")}
                  countLabel={t("summaries:page.count")}
                  percentLabel={t("summaries:page.percent")}
                  answeredLabel={t("summaries:page.answered")}
                />
              </section>
            );
          })}
          {data.shown.comments.map((list) => {
            const question = questions.get(list.questionId)!;
            const headingId = `comments-${list.questionId}`;
            return (
              <section key={list.questionId} className="summary-question">
                <h2 className="heading-m" id={headingId}>
                  {words.label(question)}
                </h2>
                {list.total > list.comments.length ? (
                  <p className="hint">
                    {t("summaries:page.newestComments", {
                      shown: list.comments.length,
                      total: list.total,
                    })}
                  </p>
                ) : null}
                <CommentsList
                  list={{
                    questionId: list.questionId,
                    total: list.total,
                    comments: list.comments.map((comment) => ({
                      ...comment,
                      relationship: comment.relationship ?? undefined,
                      submittedAt: new Date(0),
                    })),
                  }}
                  labelledBy={headingId}
                  speaker={
                    relationshipQuestion
                      ? (value) => words.option(relationshipQuestion, value)
                      : undefined
                  }
                  empty={t("summaries:page.noComments")}
                />
              </section>
            );
          })}
        </>
      )}
    </>
  );
}
