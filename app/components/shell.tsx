import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "#app/i18n";

/** Plain links, so switching language works without script; the choice is kept in a cookie. */
export function LanguageSwitcher({
  current,
  path,
  search,
}: {
  current: string;
  path: string;
  search: string;
}) {
  const { t } = useTranslation();
  return (
    <nav className="language-switcher" aria-label={t("common:language.switcherLabel")}>
      <ul className="language-switcher__list">
        {supportedLanguages.map((language) => {
          const name = t("common:language.nativeName", { lng: language });
          if (language === current) {
            return (
              <li key={language} className="language-switcher__item">
                <span aria-current="true" lang={language}>
                  {name}
                </span>
              </li>
            );
          }
          const params = new URLSearchParams(search);
          params.set("lng", language);
          return (
            <li key={language} className="language-switcher__item">
              <a href={`${path}?${params}`} hrefLang={language} lang={language}>
                {name}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * Leaves at once for a neutral site. Script makes it replace this page in the history and adds
 * the Shift-three-times shortcut; without script it is an ordinary link.
 */
export function ExitThisPage({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <div className="exit-this-page">
      <a href={href} className="exit-this-page__button" rel="noreferrer" data-exit-this-page>
        <span className="visually-hidden">{t("common:exit.emergency")} </span>
        {t("common:exit.label")}
      </a>
      <p className="exit-this-page__hint" hidden data-exit-hint>
        {t("common:exit.shortcut")}
      </p>
    </div>
  );
}

/**
 * Numbers and addresses are always left-to-right, even on an Urdu page; otherwise the bidi
 * algorithm turns "0300 123 4000" into "4000 123 0300".
 */
export function PhoneLink({ number }: { number: string }) {
  return (
    <a href={`tel:${number.replace(/\s+/g, "")}`} dir="ltr" className="nowrap">
      {number}
    </a>
  );
}

export function EmailLink({ address }: { address: string }) {
  return (
    <a href={`mailto:${address}`} dir="ltr">
      {address}
    </a>
  );
}

export function ContactList({ email, phone }: { email: string; phone: string }) {
  const { t } = useTranslation();
  return (
    <ul className="list">
      <li>
        {t("common:contact.email")} <EmailLink address={email} />
      </li>
      <li>
        {t("common:contact.phone")} <PhoneLink number={phone} />
      </li>
    </ul>
  );
}

/** Help now: 999 and Childline always; the council's out-of-hours line when it is known. */
export function HelpNow({
  outOfHoursPhone,
  council,
}: {
  outOfHoursPhone?: string;
  council?: string;
}) {
  const { t } = useTranslation();
  return (
    <aside className="help-now" aria-labelledby="help-now-title">
      <h2 className="help-now__title" id="help-now-title">
        {t("common:helpNow.title")}
      </h2>
      <ul className="help-now__list">
        <li>
          {t("common:helpNow.emergency")} <PhoneLink number="999" />
        </li>
        <li>
          {t("common:helpNow.childline")} <PhoneLink number="0800 1111" />
        </li>
        {outOfHoursPhone && council ? (
          <li>
            {t("common:helpNow.outOfHours", { council })} <PhoneLink number={outOfHoursPhone} />
          </li>
        ) : null}
      </ul>
    </aside>
  );
}

export function Footer({ council }: { council?: string }) {
  const { t } = useTranslation();
  return (
    <footer className="footer">
      <div className="width-container">
        <h2 className="visually-hidden">{t("common:footer.title")}</h2>
        <ul className="footer__links">
          <li>
            <a href="/accessibility">{t("common:footer.accessibility")}</a>
          </li>
          <li>
            <a href="/privacy">{t("common:footer.privacy")}</a>
          </li>
          <li>
            <a href="/staff">{t("common:footer.staff")}</a>
          </li>
        </ul>
        {council ? <p className="footer__meta">{t("common:footer.runBy", { council })}</p> : null}
      </div>
    </footer>
  );
}

export function PageHeading({ children }: { children: ReactNode }) {
  return <h1 className="heading-xl">{children}</h1>;
}
