/**
 * The 15-minute service circle API:
 *   GET /api/services/near?lat=&lng=[&category=][&coordsys=wgs84|gcj02]
 *   GET /api/service-circle/<community-id>
 */
import { Hono } from "hono";
import gcoord from "gcoord";
import { z } from "zod";
import { facilityCategoryExists, findFacilitiesWithinCircle, getCommunityCircle } from "../../src/lib/db/services.ts";
import { CIRCLE_MINUTES, DETOUR_FACTOR, FULL_CREDIT_MINUTES, WALK_SPEED_M_PER_MIN } from "../../src/lib/service-circle/index.ts";
import { ApiError } from "../errors.ts";
import type { AppEnv } from "../types.ts";
import { validate } from "../validate.ts";

/** A decimal degree within [min, max], from a query string. */
const degree = (min: number, max: number, label: string) =>
  z.string().regex(/^-?\d{1,3}(\.\d{1,12})?$/, `${label}应为十进制度数`).transform(Number).pipe(z.number().min(min, `${label}超出范围`).max(max, `${label}超出范围`));

const nearQuery = z.object({
  /** Latitude of the point, decimal degrees. */
  lat: degree(-90, 90, "纬度"),
  /** Longitude of the point, decimal degrees. */
  lng: degree(-180, 180, "经度"),
  /** Only this facility category (an id of /services/facilities/). */
  category: z.string().regex(/^[a-z_]{1,40}$/, "类别编号格式不正确").optional(),
  /** Coordinate system of lat/lng: WGS-84 (default) or GCJ-02 (phones, WeChat, AMap). */
  coordsys: z.enum(["wgs84", "gcj02"], "坐标系只能是 wgs84 或 gcj02").optional(),
});

const communityParam = z.object({ id: z.string().regex(/^[0-9A-Za-z_-]{1,40}$/, "社区编号格式不正确") });

/** Walking minutes as published: one decimal. */
const minutes1 = (m: number) => Math.round(m * 10) / 10;

/** GET /api/services/near: facilities within 15 minutes' walk of a point, nearest first. */
export const services = new Hono<AppEnv>().get("/near", validate("query", nearQuery), async (c) => {
  const q = c.req.valid("query");
  let point = { lat: q.lat, lng: q.lng };
  if (q.coordsys === "gcj02") {
    const [lng, lat] = gcoord.transform([q.lng, q.lat], gcoord.GCJ02, gcoord.WGS84);
    point = { lat, lng };
  }
  if (q.category !== undefined && !(await facilityCategoryExists(c.env.DB, q.category))) {
    throw new ApiError(400, "unknown_category", `没有编号为 ${q.category} 的设施类别`);
  }
  const found = await findFacilitiesWithinCircle(c.env.DB, point, q.category);
  c.header("Cache-Control", "public, max-age=300");
  return c.json({
    results: found.map((f) => ({ id: f.id, name: f.name, category: f.categoryId, walkMinutes: minutes1(f.walkMinutes), address: f.address, phone: f.phone, hours: f.hours })),
  });
});

/** GET /api/service-circle/<community-id>: the community's score and nearest facility per category. */
export const serviceCircle = new Hono<AppEnv>().get("/:id", validate("param", communityParam), async (c) => {
  const { id } = c.req.valid("param");
  const found = await getCommunityCircle(c.env.DB, id);
  if (!found) throw new ApiError(404, "community_not_found", `没有编号为 ${id} 的社区`);
  const { community, categories, circle, facilities } = found;
  const nameOf = new Map(categories.map((k) => [k.id, k.name]));
  c.header("Cache-Control", "public, max-age=300");
  return c.json({
    community: { id: community.id, name: community.name, street: community.streetName },
    score: circle.score,
    missing: circle.missing.map((m) => ({ category: m, name: nameOf.get(m) ?? m })),
    categories: circle.nearest.map((n, i) => {
      const f = n.facilityId ? facilities.get(n.facilityId)! : null;
      return {
        category: n.categoryId, name: nameOf.get(n.categoryId) ?? n.categoryId, weight: categories[i]!.weight,
        withinCircle: n.minutes !== null && n.minutes <= CIRCLE_MINUTES,
        nearest: f && { id: f.id, name: f.name, walkMinutes: minutes1(n.minutes!), address: f.address, phone: f.phone, hours: f.hours },
      };
    }),
    method: { detourFactor: DETOUR_FACTOR, walkSpeedMetersPerMinute: WALK_SPEED_M_PER_MIN, fullCreditMinutes: FULL_CREDIT_MINUTES, circleMinutes: CIRCLE_MINUTES },
  });
});
