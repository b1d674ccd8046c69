// Pieces the staff pages share: tabs between the views of one list, and the banner that says a
// child may not be safe and why.
import { Link } from "@remix-run/react";

/** Views of one list (mine / shared, open / closed) as links; the current one is marked. */
export function Tabs(props: {
  label: string;
  tabs: readonly { to: string; text: string; current: boolean }[];
}) {
  return (
    <nav className="inbox-tabs" aria-label={props.label}>
      <ul className="inbox-tabs__list">
        {props.tabs.map((tab) => (
          <li className="inbox-tabs__item" key={tab.to}>
            <Link to={tab.to} aria-current={tab.current ? "page" : undefined}>
              {tab.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Words that may mean a child is not safe: shown first, with the phrases that were found. */
export function UrgentBanner(props: {
  title: string;
  text: string;
  matchesIntro: string;
  matches: readonly string[];
  /** The language the child wrote in, so the phrases are read in it. */
  language: string;
}) {
  return (
    <section className="urgent-banner" aria-labelledby="urgent-title">
      <h2 className="heading-m urgent-banner__title" id="urgent-title">
        {props.title}
      </h2>
      <p>{props.text}</p>
      {props.matches.length > 0 ? (
        <>
          <p>{props.matchesIntro}</p>
          <ul className="list list--bullet">
            {props.matches.map((phrase) => (
              <li key={phrase}>
                <q lang={props.language}>{phrase}</q>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
