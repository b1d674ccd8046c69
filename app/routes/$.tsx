// Any path no other route matches: a 404 inside the normal page shell (with Exit this page).
export function loader() {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export function action() {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
