import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * "Previous" and "Next" for a list read a page at a time. Either numbered pages (`page` of
 * `pages`, the rest of the address kept), or a list read from where the last page ended, which
 * gives the addresses of the pages either side (null: there is none).
 */
export function Pagination(
  props: { page: number; pages: number } | { previous: string | null; next: string | null },
) {
  const { t } = useTranslation();
  const location = useLocation();
  const hrefFor = (to: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(to));
    return `${location.pathname}?${params}`;
  };
  const numbered = "page" in props;
  const previous = numbered ? (props.page > 1 ? hrefFor(props.page - 1) : null) : props.previous;
  const next = numbered ? (props.page < props.pages ? hrefFor(props.page + 1) : null) : props.next;
  if (!previous && !next) return null;
  return (
    <nav className="pagination" aria-label={t("common:pagination.label")}>
      {previous ? (
        <Link to={previous} rel="prev">
          {t("common:pagination.previous")}
        </Link>
      ) : null}
      {numbered ? (
        <p>{t("common:pagination.pageOf", { page: props.page, pages: props.pages })}</p>
      ) : null}
      {next ? (
        <Link to={next} rel="next">
          {t("common:pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
