import { Hono } from "hono";
import { z } from "zod";
import { getNaiveSummary, getPortalDistrictId, getStatsDimensions, type StatsFilter } from "../../src/lib/db/stats.ts";
import { getStatsSummary } from "../../src/lib/stats/summary.ts";
import { ApiError } from "../errors.ts";
import type { AppEnv } from "../types.ts";
import { validate } from "../validate.ts";

const id = z.string().regex(/^[A-Za-z0-9_]{1,40}$/, "编号格式不正确");
const summaryQuery = z.object({
  year: z.string().regex(/^(19|20)\d\d$/, "年份应为四位数字").optional(),
  street: id.optional(),
  community: id.optional(),
  category: id.optional(),
});

/** Checks that the ids exist (and that a community lies in the given street). */
async function checkFilter(db: D1Database, f: StatsFilter): Promise<void> {
  if (!f.street && !f.community && !f.category) return;
  const dims = await getStatsDimensions(db, await getPortalDistrictId(db));
  if (f.street && !dims.streets.some((s) => s.id === f.street)) throw new ApiError(400, "unknown_street", "没有这个街道");
  if (f.category && !dims.categories.some((c) => c.id === f.category)) throw new ApiError(400, "unknown_category", "没有这个问题类别");
  if (f.community) {
    const c = dims.communities.find((x) => x.id === f.community);
    if (!c) throw new ApiError(400, "unknown_community", "没有这个社区");
    if (f.street && c.streetId !== f.street) throw new ApiError(400, "community_not_in_street", "该社区不属于所选街道");
  }
}

/** Copies only the filter fields that were given. */
const filterOf = (q: z.infer<typeof summaryQuery>): StatsFilter => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ""));

/**
 * GET /api/stats/summary?year=&street=&community=&category=: recorded, disposed, disposal
 * rate, dispose-time percentiles and breakdowns, read from the rollups and protected by the
 * small-count rules. GET /api/stats/naive-summary exists only when STATS_BENCH_NAIVE is "1"
 * (the benchmark's comparison over raw cases); in production it is a 404.
 */
export const stats = new Hono<AppEnv>()
  .get("/summary", validate("query", summaryQuery), async (c) => {
    const f = filterOf(c.req.valid("query"));
    await checkFilter(c.env.DB, f);
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await getStatsSummary(c.env.DB, f));
  })
  .get("/naive-summary", validate("query", summaryQuery), async (c) => {
    if ((c.env as Env & { STATS_BENCH_NAIVE?: string }).STATS_BENCH_NAIVE !== "1") throw new ApiError(404, "not_found", "未找到该接口");
    const db = c.env.DB;
    return c.json(await getNaiveSummary(db, await getPortalDistrictId(db), filterOf(c.req.valid("query"))));
  });
