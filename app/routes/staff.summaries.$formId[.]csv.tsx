// A form's summary as a CSV file to open in a spreadsheet: the same numbers as the page (the same
// counting and rounding), and nothing at all for a group under the anonymity threshold.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { questionWords } from "#app/forms/question-words";
import type { Question } from "#app/forms/types";
import { translatorFor } from "#app/i18n.server";
import { OTHER_ANSWERS, summaryCsvRows, toCsv } from "#app/summaries/summarise";
import { loadSummary } from "#app/summaries/summary-page.server";
import { localised } from "#app/utils/localised";

/** Excel only reads a CSV file as UTF-8 (Welsh ŵ, Urdu, Polish ł) when it starts with a BOM. */
const BYTE_ORDER_MARK = "\uFEFF";

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
  const filename = `${form.id}-${startYear}-${String(startYear + 1).slice(-2)}.csv`;
  return new Response(BYTE_ORDER_MARK + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
