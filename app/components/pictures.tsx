// Small flat pictures for the children's booklets, drawn inline so nothing is fetched.
// Decorative only: the question words carry the meaning, so screen readers skip them.
import type { ReactElement } from "react";
import type { PictureName } from "#app/forms/types";

const blue = "#1d70b8";
const green = "#00703c";
const orange = "#f47738";
const sky = "#5694ca";
const yellow = "#ffdd00";
const ink = "#0b0c0c";
const white = "#ffffff";

// Every shape inherits the dark outline from the <svg>; "none" turns it off.
const drawings: Record<PictureName, ReactElement> = {
  me: (
    <>
      <path d="M14 58a18 18 0 0 1 36 0z" fill={blue} />
      <circle cx="32" cy="22" r="11" fill={yellow} />
    </>
  ),
  home: (
    <>
      <rect x="14" y="30" width="36" height="26" fill={sky} />
      <path d="M8 32 32 10l24 22z" fill={orange} />
      <rect x="27" y="40" width="10" height="16" fill={yellow} />
    </>
  ),
  school: (
    <>
      <rect x="10" y="28" width="44" height="28" fill={sky} />
      <path d="M6 30 32 12l26 18z" fill={blue} />
      <rect x="27" y="40" width="10" height="16" fill={yellow} />
      <circle cx="32" cy="23" r="3" fill={yellow} />
    </>
  ),
  health: (
    <>
      <path d="M32 54C8 38 10 14 24 14c4 0 7 3 8 6 1-3 4-6 8-6 14 0 16 24-8 40z" fill={orange} />
      <path d="M29 24h6v6h6v6h-6v6h-6v-6h-6v-6h6z" fill={white} stroke="none" />
    </>
  ),
  family: (
    <>
      <path d="M2 58a12 12 0 0 1 24 0zM38 58a12 12 0 0 1 24 0z" fill={blue} />
      <circle cx="14" cy="32" r="7" fill={yellow} />
      <circle cx="50" cy="32" r="7" fill={yellow} />
      <path d="M23 58a9 9 0 0 1 18 0z" fill={green} />
      <circle cx="32" cy="42" r="5" fill={orange} />
    </>
  ),
  contact: (
    <>
      <path d="M4 58a14 14 0 0 1 28 0zM32 58a14 14 0 0 1 28 0z" fill={green} />
      <circle cx="18" cy="32" r="8" fill={yellow} />
      <circle cx="46" cy="32" r="8" fill={yellow} />
      <path d="M32 20c-7-5-8-11-4-12 2 0 3 1 4 3 1-2 2-3 4-3 4 1 3 7-4 12z" fill={orange} />
    </>
  ),
  talk: (
    <>
      <path
        d="M10 10h44a4 4 0 0 1 4 4v26a4 4 0 0 1-4 4H28L16 54V44h-6a4 4 0 0 1-4-4V14a4 4 0 0 1 4-4z"
        fill={sky}
      />
      <circle cx="20" cy="27" r="3" fill={ink} />
      <circle cx="32" cy="27" r="3" fill={ink} />
      <circle cx="44" cy="27" r="3" fill={ink} />
    </>
  ),
  people: (
    <>
      <path
        d="M2 58a12 12 0 0 1 24 0zM20 58a12 12 0 0 1 24 0zM38 58a12 12 0 0 1 24 0z"
        fill={sky}
      />
      <circle cx="14" cy="34" r="7" fill={yellow} />
      <circle cx="32" cy="34" r="7" fill={orange} />
      <circle cx="50" cy="34" r="7" fill={yellow} />
    </>
  ),
  place: (
    <>
      <rect x="14" y="54" width="36" height="6" rx="3" fill={green} />
      <path d="M32 56S14 38 14 26a18 18 0 0 1 36 0c0 12-18 30-18 30z" fill={orange} />
      <circle cx="32" cy="26" r="7" fill={white} />
    </>
  ),
  calendar: (
    <>
      <rect x="10" y="14" width="44" height="42" rx="4" fill={white} />
      <rect x="10" y="14" width="44" height="12" rx="4" fill={blue} />
      <path d="M18 33h8v7h-8zM30 33h8v7h-8zM18 45h8v7h-8z" fill={sky} stroke="none" />
      <circle cx="45" cy="48" r="5" fill={yellow} />
    </>
  ),
  lead: (
    <>
      <rect x="14" y="8" width="4" height="50" fill={ink} />
      <path d="M18 10h32l-8 10 8 10H18z" fill={orange} />
      <rect x="8" y="54" width="16" height="6" rx="2" fill={green} />
    </>
  ),
  iro: (
    <>
      <path d="M12 58a20 20 0 0 1 40 0z" fill={green} />
      <circle cx="32" cy="20" r="11" fill={yellow} />
      <rect x="36" y="46" width="10" height="8" rx="1" fill={white} />
    </>
  ),
  plan: (
    <>
      <rect x="12" y="10" width="40" height="48" rx="4" fill={sky} />
      <rect x="18" y="18" width="28" height="34" fill={white} />
      <rect x="24" y="6" width="16" height="8" rx="2" fill={ink} />
      <path d="M23 28h18M23 36h18M23 44h12" stroke={blue} strokeWidth="3" />
    </>
  ),
  decisions: (
    <>
      <circle cx="32" cy="32" r="24" fill={green} />
      <path d="M20 33l8 8 16-17" fill="none" stroke={white} strokeWidth="6" />
    </>
  ),
  advocate: (
    <>
      <path d="M6 58a16 16 0 0 1 32 0z" fill={blue} />
      <circle cx="22" cy="30" r="9" fill={yellow} />
      <path
        d="M34 8h22a4 4 0 0 1 4 4v12a4 4 0 0 1-4 4H44l-8 6v-6h-2a4 4 0 0 1-4-4V12a4 4 0 0 1 4-4z"
        fill={orange}
      />
    </>
  ),
  anything: (
    <>
      <rect x="10" y="8" width="34" height="46" rx="3" fill={white} />
      <path d="M16 20h22M16 28h22M16 36h14" stroke={sky} strokeWidth="3" />
      <path d="M48 22l8 8-18 18-10 2 2-10z" fill={yellow} />
    </>
  ),
  privacy: (
    <>
      <path d="M22 30v-8a10 10 0 0 1 20 0v8" fill="none" strokeWidth="5" />
      <rect x="14" y="28" width="36" height="28" rx="4" fill={blue} />
      <circle cx="32" cy="41" r="5" fill={yellow} />
    </>
  ),
};

/** A decorative picture for a page of a children's booklet. */
export function Picture({ name }: { name: PictureName }) {
  return (
    <svg
      className="picture"
      viewBox="0 0 64 64"
      width="64"
      height="64"
      aria-hidden="true"
      focusable="false"
      stroke={ink}
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {drawings[name]}
    </svg>
  );
}
