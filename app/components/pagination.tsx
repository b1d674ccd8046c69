import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** "Previous" and "Next" for a list read a page at a time; the rest of the address is kept. */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pages <= 1) return null;
  const hrefFor = (to: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(to));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("common:pagination.label")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("common:pagination.previous")}
        </Link>
      ) : null}
      <p>{t("common:pagination.pageOf", { page, pages })}</p>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("common:pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
