import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { locateCandidatesSql } from "../../src/lib/db/grids.ts";
import { wgs84ToGcj02 } from "../../src/lib/geo/coords.ts";
import { FIXTURE } from "./fixtures.ts";
import { LEADERS, seedGridFixture } from "./grids-fixtures.ts";

const api = (path: string) => exports.default.fetch(new Request(`http://portal.test${path}`));
type Located = { grid: { id: string; name: string; level: number; community: string; street: string; url: string; leaders: { role: string; name: string; phone: string }[] } };
type ApiErrorBody = { error: { code: string; message: string } };

beforeAll(seedGridFixture);

describe("GET /api/grids/locate", () => {
  it("answers the grid containing the point with its community, street, page and leader chain", async () => {
    const res = await api("/api/grids/locate?lat=34.705&lng=113.605");
    expect(res.status).toBe(200);
    const { grid } = await res.json<Located>();
    expect(grid).toMatchObject({
      id: FIXTURE.westGridId, name: "福华南街社区第1网格", level: 3, community: "福华南街社区", street: "福华街街道",
      url: `/grids/${FIXTURE.westGridId}/`,
    });
    expect(grid.leaders.map((l) => [l.role, l.name, l.phone])).toEqual([
      ["street_leader", LEADERS.street.name, LEADERS.street.phone],
      ["community_leader", LEADERS.community.name, LEADERS.community.phone],
      ["grid_leader", LEADERS.west.name, LEADERS.west.phone],
    ]);
  });

  it("gives a point on the border between the two grids to exactly one of them (the east one)", async () => {
    for (const lat of ["34.7", "34.703", "34.7099"]) {
      const res = await api(`/api/grids/locate?lat=${lat}&lng=113.61`);
      expect(res.status).toBe(200);
      expect((await res.json<Located>()).grid.id).toBe(FIXTURE.eastGridId);
    }
  });

  it("converts GCJ-02 input (WeChat, domestic map apps) before the lookup", async () => {
    // A WGS-84 point 300 m west of the border; its GCJ-02 form lies east of the border.
    const wgs = { lat: 34.705, lng: 113.6067 };
    const gcj = wgs84ToGcj02(wgs);
    expect(gcj.lng).toBeGreaterThan(113.61);
    const asGcj = await api(`/api/grids/locate?lat=${gcj.lat}&lng=${gcj.lng}&coordsys=gcj02`);
    expect((await asGcj.json<Located>()).grid.id).toBe(FIXTURE.westGridId);
    const asWgs = await api(`/api/grids/locate?lat=${gcj.lat}&lng=${gcj.lng}&coordsys=wgs84`);
    expect((await asWgs.json<Located>()).grid.id).toBe(FIXTURE.eastGridId);
  });

  it("answers 404 in the error shape for a point outside the district", async () => {
    for (const q of ["lat=34.75&lng=113.65", "lat=34.705&lng=113.62", "lat=34.71&lng=113.605", "lat=-33.86&lng=151.2"]) {
      const res = await api(`/api/grids/locate?${q}`);
      expect(res.status, q).toBe(404);
      const body = await res.json<ApiErrorBody>();
      expect(body.error.code).toBe("outside_district");
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("answers 400 for missing or invalid coordinates and coordinate systems", async () => {
    for (const q of ["", "lat=34.705", "lng=113.605", "lat=&lng=113.605", "lat=abc&lng=113.605", "lat=91&lng=113.605", "lat=34.7&lng=181",
      "lat=1e2&lng=113.6", "lat=NaN&lng=113.6", "lat=34.705&lng=113.605&coordsys=bd09", "lat=Infinity&lng=0"]) {
      const res = await api(`/api/grids/locate?${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json<ApiErrorBody>();
      expect(body.error.code, q).toBe("invalid_query");
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("prefilters with the bbox index, never a scan of every grid", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${locateCandidatesSql}`).bind(34.705, 113.605).all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join("\n");
    expect(plan).toMatch(/SEARCH g USING (COVERING )?INDEX grids_level_min_lat\w*_idx \(level=\? AND min_lat>\? AND min_lat<\?\)/);
    expect(plan).not.toMatch(/SCAN g\b/);
    expect(plan).not.toMatch(/SCAN grids\b/);
  });
});
