/** Anonymised case records of a year as compact JSON, prerendered from D1. */
import type { APIRoute } from "astro";
import { env } from "cloudflare:workers";
import { getOpenDataYears, getOpenRecords, toJson } from "../../lib/db/open-data.ts";

export async function getStaticPaths() {
  const { env } = await import("cloudflare:workers");
  return (await getOpenDataYears(env.DB)).map(({ year }) => ({ params: { year } }));
}

export const GET: APIRoute = async ({ params }) =>
  new Response(toJson(params.year!, await getOpenRecords(env.DB, params.year!)), { headers: { "Content-Type": "application/json; charset=utf-8" } });
