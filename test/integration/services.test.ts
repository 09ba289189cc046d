import { exports } from "cloudflare:workers";
import { env } from "cloudflare:workers";
import gcoord from "gcoord";
import { beforeAll, describe, expect, it } from "vitest";
import { listCircleCommunities, listFacilities, listFacilityCategories } from "../../src/lib/db/services.ts";
import { computeServiceCircles } from "../../src/lib/service-circle/index.ts";
import { FIXTURE } from "./fixtures.ts";
import { FAR_COMMUNITY_ID, ORIGIN, seedServices } from "./services-fixtures.ts";

const api = (path: string) => exports.default.fetch(new Request(`http://portal.test${path}`));
type Near = { results: { id: string; name: string; category: string; walkMinutes: number; address: string; phone: string }[] };
type ErrorBody = { error: { code: string; message: string } };

beforeAll(seedServices);

describe("GET /api/services/near", () => {
  it("lists the facilities within 15 minutes, nearest first, with walking minutes", async () => {
    const res = await api(`/api/services/near?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}`);
    expect(res.status).toBe(200);
    const body = await res.json<Near>();
    expect(body.results.map((r) => [r.id, r.category, r.walkMinutes])).toEqual([
      ["F-H1", "health", 3.6], ["F-M1", "market", 9], ["F-H2", "health", 12.6],
    ]);
    expect(body.results[0]).toMatchObject({ name: "福华社区卫生服务站", address: "福华社区卫生服务站门前路1号", phone: "0371-0000-5001" });
  });

  it("filters by category", async () => {
    const body = await (await api(`/api/services/near?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}&category=health`)).json<Near>();
    expect(body.results.map((r) => r.id)).toEqual(["F-H1", "F-H2"]);
    const none = await (await api(`/api/services/near?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}&category=elderly`)).json<Near>();
    expect(none.results).toEqual([]);
  });

  it("converts GCJ-02 coordinates from phones to WGS-84", async () => {
    const [gLng, gLat] = gcoord.transform([ORIGIN.lng, ORIGIN.lat], gcoord.WGS84, gcoord.GCJ02);
    const asGcj = await (await api(`/api/services/near?lat=${gLat.toFixed(8)}&lng=${gLng.toFixed(8)}&coordsys=gcj02`)).json<Near>();
    expect(asGcj.results.map((r) => [r.id, r.walkMinutes])).toEqual([["F-H1", 3.6], ["F-M1", 9], ["F-H2", 12.6]]);
    // The same numbers read as WGS-84 are a few hundred metres off: the conversion matters.
    const asWgs = await (await api(`/api/services/near?lat=${gLat.toFixed(8)}&lng=${gLng.toFixed(8)}`)).json<Near>();
    expect(asWgs.results.map((r) => [r.id, r.walkMinutes])).not.toEqual(asGcj.results.map((r) => [r.id, r.walkMinutes]));
  });

  it("answers an empty list far from every facility", async () => {
    const body = await (await api("/api/services/near?lat=34.75&lng=113.65")).json<Near>();
    expect(body.results).toEqual([]);
  });

  it.each([
    ["lat=abc&lng=113.61", "invalid_query"],
    ["lat=95&lng=113.61", "invalid_query"],
    ["lat=34.7", "invalid_query"],
    ["lat=&lng=", "invalid_query"],
    ["lat=34.7&lng=113.61&coordsys=bd09", "invalid_query"],
    ["lat=34.7&lng=113.61&category=DROP%20TABLE", "invalid_query"],
    ["lat=34.7&lng=113.61&category=cinema", "unknown_category"],
  ])("rejects %s with a 400 in the error shape", async (qs, code) => {
    const res = await api(`/api/services/near?${qs}`);
    expect(res.status).toBe(400);
    const body = await res.json<ErrorBody>();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

type Circle = {
  community: { id: string; name: string; street: string };
  score: number;
  missing: { category: string; name: string }[];
  categories: { category: string; name: string; weight: number; withinCircle: boolean; nearest: { id: string; walkMinutes: number; phone: string } | null }[];
};

describe("GET /api/service-circle/<community-id>", () => {
  it("gives the score, the nearest facility per category and what is missing", async () => {
    const res = await api(`/api/service-circle/${FIXTURE.communityId}`);
    expect(res.status).toBe(200);
    const body = await res.json<Circle>();
    expect(body.community).toEqual({ id: FIXTURE.communityId, name: "福华南街社区", street: "福华街街道" });
    // health 3 × 1 + market 3 × (15 − 9.035) / 10 + park 2 × 0 + elderly 2 × 0 = 4.7895 of 10
    expect(body.score).toBe(47.9);
    expect(body.missing).toEqual([{ category: "park", name: "公园与运动场" }, { category: "elderly", name: "养老服务" }]);
    expect(body.categories.map((k) => [k.category, k.nearest?.id ?? null, k.nearest?.walkMinutes ?? null, k.withinCircle])).toEqual([
      ["health", "F-H1", 3.6, true], ["market", "F-M1", 9, true], ["park", "F-P1", 21.7, false], ["elderly", null, null, false],
    ]);
  });

  it("finds the nearest facility even far outside the circle", async () => {
    const body = await (await api(`/api/service-circle/${FAR_COMMUNITY_ID}`)).json<Circle>();
    expect(body.score).toBe(0);
    expect(body.missing.map((m) => m.category)).toEqual(["health", "market", "park", "elderly"]);
    // F-P1 is the closest facility of all to the far village, about 5.6 km away.
    const park = body.categories.find((k) => k.category === "park")!;
    expect(park.nearest?.id).toBe("F-P1");
    expect(park.nearest!.walkMinutes).toBeGreaterThan(60);
  });

  it("agrees with the index computed from every facility (the pages' computation)", async () => {
    const [categories, communities, facilities] = await Promise.all([listFacilityCategories(env.DB), listCircleCommunities(env.DB), listFacilities(env.DB)]);
    const all = computeServiceCircles(communities, facilities, categories);
    for (const c of all) {
      const body = await (await api(`/api/service-circle/${c.communityId}`)).json<Circle>();
      expect(body.score).toBe(c.score);
      expect(body.categories.map((k) => k.nearest?.id ?? null)).toEqual(c.nearest.map((n) => n.facilityId));
    }
  });

  it("answers 404 for an unknown community and 400 for a malformed id", async () => {
    const missing = await api("/api/service-circle/9999999999");
    expect(missing.status).toBe(404);
    expect((await missing.json<ErrorBody>()).error.code).toBe("community_not_found");
    const bad = await api("/api/service-circle/%27%3B--");
    expect(bad.status).toBe(400);
    expect((await bad.json<ErrorBody>()).error.code).toBe("invalid_param");
  });
});
