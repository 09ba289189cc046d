/** Anonymised case records of a year as CSV (UTF-8 with BOM), prerendered from D1. */
import type { APIRoute } from "astro";
import { env } from "cloudflare:workers";
import { getOpenDataYears, getOpenRecords, toCsv } from "../../lib/db/open-data.ts";

export async function getStaticPaths() {
  const { env } = await import("cloudflare:workers");
  return (await getOpenDataYears(env.DB)).map(({ year }) => ({ params: { year } }));
}

export const GET: APIRoute = async ({ params }) =>
  new Response(toCsv(await getOpenRecords(env.DB, params.year!)), { headers: { "Content-Type": "text/csv; charset=utf-8" } });
