// Words that may mean someone is not safe, from anonymous answers: shown to their readers at once,
// whatever the anonymity threshold, each in the language it was written in.
import type { ReactNode } from "react";

export function UrgentWords({
  title,
  children,
  words,
}: {
  title: string;
  /** What the words are and who has been told. */
  children: ReactNode;
  words: readonly { text: string; language: string }[];
}) {
  if (words.length === 0) return null;
  return (
    <section className="urgent-banner" aria-labelledby="urgent-title">
      <h2 className="heading-m urgent-banner__title" id="urgent-title">
        {title}
      </h2>
      {children}
      <ul className="list">
        {words.map((written, index) => (
          <li key={index}>
            <blockquote lang={written.language} dir="auto">
              <p className="answer-text">{written.text}</p>
            </blockquote>
          </li>
        ))}
      </ul>
    </section>
  );
}
