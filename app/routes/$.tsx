// Any path no other route matches: a 404 inside the normal page shell (with Exit this page).
import { notFound } from "#app/web/refusals.server";
export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
