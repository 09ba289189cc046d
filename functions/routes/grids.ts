import { Hono } from "hono";
import { z } from "zod";
import { locateGrid, parseSearchQuery, searchGrids, SEARCH_MAX_LENGTH } from "../../src/lib/db/grids.ts";
import { COORD_SYSTEMS, toWgs84 } from "../../src/lib/geo/coords.ts";
import { ApiError } from "../errors.ts";
import { validate } from "../validate.ts";
import type { AppEnv } from "../types.ts";

/** A decimal-degree coordinate given as a query string, within ±limit. */
const degrees = (label: string, limit: number) =>
  z
    .string({ error: `缺少${label}` })
    .trim()
    .regex(/^[-+]?\d{1,3}(\.\d{1,17})?$/, { error: `${label}应为十进制度数` })
    .transform(Number)
    .pipe(z.number().min(-limit, { error: `${label}超出范围` }).max(limit, { error: `${label}超出范围` }));

const locateQuery = z.object({
  lat: degrees("纬度", 90),
  lng: degrees("经度", 180),
  coordsys: z.enum(COORD_SYSTEMS, { error: "坐标系只能是 wgs84 或 gcj02" }).default("wgs84"),
});

const searchQuery = z.object({
  q: z
    .string({ error: "缺少搜索内容" })
    .trim()
    .min(1, { error: "请输入要搜索的街道、社区、网格、道路或小区名称" })
    .max(SEARCH_MAX_LENGTH, { error: `搜索内容不能超过 ${SEARCH_MAX_LENGTH} 个字` }),
});

/**
 * /api/grids: find the grid responsible for a place.
 * - GET /locate?lat=&lng=[&coordsys=wgs84|gcj02]: the level-3 grid containing the point and its leaders.
 * - GET /search?q=: grids by street, community, grid, road or compound name, pinyin or initials.
 */
export const grids = new Hono<AppEnv>()
  .get("/locate", validate("query", locateQuery), async (c) => {
    const { lat, lng, coordsys } = c.req.valid("query");
    const point = toWgs84({ lat, lng }, coordsys);
    const grid = await locateGrid(c.env.DB, point.lat, point.lng);
    if (!grid) throw new ApiError(404, "outside_district", "该位置不在本区任何网格内，请确认定位或改用搜索");
    c.header("Cache-Control", "public, max-age=300");
    return c.json({ grid });
  })
  .get("/search", validate("query", searchQuery), async (c) => {
    const query = parseSearchQuery(c.req.valid("query").q);
    if (!query) throw new ApiError(400, "invalid_query", "请输入要搜索的街道、社区、网格、道路或小区名称");
    c.header("Cache-Control", "public, max-age=300");
    return c.json({ results: await searchGrids(c.env.DB, query) });
  });
