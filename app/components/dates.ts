import { useTranslation } from "react-i18next";
import { formatDay, formatMoment, type DateStyle } from "#app/utils/dates";

/** Date formatting in the page's language. */
export function useDates() {
  const { i18n } = useTranslation();
  return {
    day: (isoDate: string, style?: DateStyle) => formatDay(isoDate, i18n.language, style),
    moment: (instant: Date | string, style?: Exclude<DateStyle, "full">) =>
      formatMoment(instant, i18n.language, style),
  };
}
