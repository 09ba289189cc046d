/** Published grid figures of a year with outlines, for the choropleth (prerendered). */
import type { APIRoute } from "astro";
import { env } from "cloudflare:workers";
import { getGridShapes, getPortalDistrictId, getStatsYears } from "../../../lib/db/stats.ts";
import { getGridScorecards } from "../../../lib/stats/year-report.ts";

export async function getStaticPaths() {
  const { env } = await import("cloudflare:workers");
  return (await getStatsYears(env.DB)).map((year) => ({ params: { year } }));
}

export const GET: APIRoute = async ({ params }) => {
  const year = params.year!;
  const [grids, shapes] = await Promise.all([getGridScorecards(env.DB, year), getGridShapes(env.DB, await getPortalDistrictId(env.DB))]);
  const out = grids.map((g) => ({
    id: g.id, name: g.name, recorded: g.recorded, per1000: g.per1000 === null ? null : Math.round(g.per1000 * 10) / 10,
    disposalRate: g.disposalRate === null ? null : Math.round(g.disposalRate * 10000) / 10000, boundary: JSON.parse(shapes.get(g.id) ?? "null"),
  }));
  return new Response(JSON.stringify(out), { headers: { "Content-Type": "application/json; charset=utf-8" } });
};
