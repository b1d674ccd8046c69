// A form's summary as a CSV file to open in a spreadsheet: the same numbers as the page (the same
// counting and rounding), and nothing at all for a group under the anonymity threshold.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { questionWords } from "#app/forms/question-words";
import type { Question } from "#app/forms/types";
import { translatorFor } from "#app/i18n.server";
import { OTHER_ANSWERS, summaryCsvRows, toCsv } from "#app/summaries/summarise";
import { loadSummary } from "#app/summaries/summary-page.server";
import { localised } from "#app/utils/localised";
import { csvDownload } from "#app/web/csv-download.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { form, startYear, shown } = await loadSummary(request, context, params.formId);
  const { language, t } = await translatorFor(request);
  const areas = context.organisation.serviceAreas.map((area) => ({
    key: area.key,
    name: localised(area.name, language),
  }));
  const words = questionWords(form, t, areas);
  const questions = new Map<string, Question>(
    form.pages.flatMap((page) => page.questions.map((q) => [q.id, q] as const)),
  );
  const csv =
    shown.status === "shown"
      ? toCsv(
          summaryCsvRows(shown.summary, {
            question: (id) => words.label(questions.get(id)!),
            option: (id, value) =>
              value === OTHER_ANSWERS
                ? t("summaries:page.otherAnswers")
                : words.option(questions.get(id)!, value),
            heading: (id) => t(`summaries:csv.${id}`),
          }),
        )
      : toCsv([
          [t("summaries:page.tooFew", { count: shown.responses, threshold: shown.threshold })],
        ]);
  return csvDownload(csv, form.id, startYear);
}
