/** Map data of /services/: facilities by category and community centroids, prerendered from D1. */
import type { APIRoute } from "astro";
import { env } from "cloudflare:workers";
import { listDistrictOutlines, loadServiceCircleIndex } from "../../lib/db/services.ts";
import { reachMeters } from "../../lib/service-circle/index.ts";
import { CATEGORY_COLORS } from "../../lib/service-circle/present.ts";
import type { ServiceMapData } from "../../components/service-map-client.ts";

export const GET: APIRoute = async () => {
  const [index, outlines] = await Promise.all([loadServiceCircleIndex(env.DB), listDistrictOutlines(env.DB)]);
  const catIndex = new Map(index.categories.map((c, i) => [c.id, i]));
  const data: ServiceMapData = {
    reachMeters: Math.round(reachMeters()),
    outlines: outlines.map((o) => o.outline),
    categories: index.categories.map((c, i) => ({ id: c.id, name: c.name, color: CATEGORY_COLORS[i % CATEGORY_COLORS.length]! })),
    facilities: index.facilities.filter((f) => catIndex.has(f.categoryId)).map((f) => [f.lat, f.lng, catIndex.get(f.categoryId)!, f.name]),
    communities: index.communities.map((c, i) => [c.lat, c.lng, c.name, c.id, index.circles[i]!.score]),
  };
  return new Response(JSON.stringify(data), { headers: { "Content-Type": "application/json; charset=utf-8" } });
};
