import { databaseAnswers } from "#app/models/health.server";

/** 200 only when the database answers; load balancers take an instance out otherwise. */
export async function loader() {
  const ok = await databaseAnswers();
  return new Response(ok ? "ok" : "database unavailable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
