/**
 * A tiny, hand-made district for integration tests: one street, one community, two level-3
 * grids side by side, categories and departments. Small enough to read, real enough to
 * exercise the schema's constraints.
 */
import { env } from "cloudflare:workers";

/** The two level-3 grids: west [113.60, 113.61] and east [113.61, 113.62] × [34.70, 34.71]. */
export const FIXTURE = {
  districtId: "410103",
  streetId: "41010309",
  communityId: "4101030901",
  westGridId: "410103090101",
  eastGridId: "410103090102",
} as const;

const square = (w: number, s: number, e: number, n: number) =>
  JSON.stringify({ type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });

/** Inserts the fixture district into the test's D1. */
export async function seedFixture(): Promise<void> {
  const db = env.DB;
  const f = FIXTURE;
  await db.batch([
    db.prepare("INSERT INTO site_meta (key, value) VALUES ('demo', '1'), ('district_id', ?1)").bind(f.districtId),
    db.prepare("INSERT INTO districts (id, name, city, min_lat, min_lng, max_lat, max_lng, outline) VALUES (?1, '二七区', '郑州市', 34.70, 113.60, 34.71, 113.62, ?2)")
      .bind(f.districtId, square(113.6, 34.7, 113.62, 34.71)),
    db.prepare("INSERT INTO streets (id, district_id, name, pinyin, initials) VALUES (?1, ?2, '福华街街道', 'fuhuajiejiedao', 'fhjjd')").bind(f.streetId, f.districtId),
    db.prepare("INSERT INTO communities (id, street_id, name, households, population, lat, lng, pinyin, initials) VALUES (?1, ?2, '福华南街社区', 800, 2300, 34.705, 113.61, 'fuhuananjieshequ', 'fhnjsq')").bind(f.communityId, f.streetId),
    db.prepare(`INSERT INTO grids (id, level, parent_id, district_id, street_id, community_id, code, name, households, boundary, min_lat, min_lng, max_lat, max_lng, centroid_lat, centroid_lng)
                VALUES (?1, 1, NULL, ?2, ?1, NULL, ?1, '福华街街道一级网格', 0, ?3, 34.70, 113.60, 34.71, 113.62, 34.705, 113.61)`).bind(f.streetId, f.districtId, square(113.6, 34.7, 113.62, 34.71)),
    db.prepare(`INSERT INTO grids (id, level, parent_id, district_id, street_id, community_id, code, name, households, boundary, min_lat, min_lng, max_lat, max_lng, centroid_lat, centroid_lng)
                VALUES (?1, 2, ?2, ?3, ?2, ?1, ?1, '福华南街社区二级网格', 800, ?4, 34.70, 113.60, 34.71, 113.62, 34.705, 113.61)`).bind(f.communityId, f.streetId, f.districtId, square(113.6, 34.7, 113.62, 34.71)),
    db.prepare(`INSERT INTO grids (id, level, parent_id, district_id, street_id, community_id, code, name, households, boundary, min_lat, min_lng, max_lat, max_lng, centroid_lat, centroid_lng)
                VALUES (?1, 3, ?2, ?3, ?4, ?2, ?1, '福华南街社区第1网格', 400, ?5, 34.70, 113.60, 34.71, 113.61, 34.705, 113.605)`).bind(f.westGridId, f.communityId, f.districtId, f.streetId, square(113.6, 34.7, 113.61, 34.71)),
    db.prepare(`INSERT INTO grids (id, level, parent_id, district_id, street_id, community_id, code, name, households, boundary, min_lat, min_lng, max_lat, max_lng, centroid_lat, centroid_lng)
                VALUES (?1, 3, ?2, ?3, ?4, ?2, ?1, '福华南街社区第2网格', 400, ?5, 34.70, 113.61, 34.71, 113.62, 34.705, 113.615)`).bind(f.eastGridId, f.communityId, f.districtId, f.streetId, square(113.61, 34.7, 113.62, 34.71)),
    db.prepare("INSERT INTO departments (id, district_id, name) VALUES ('cgj', ?1, '区城市管理局'), ('mzj', ?1, '区民政局')").bind(f.districtId),
    db.prepare(`INSERT INTO case_categories (id, name, kind, grp, department_id, resident, due_hours, sort) VALUES
                ('manhole', '窨井盖破损塌陷', 'problem', '城市管理提升', 'cgj', 1, 12, 0),
                ('elderly_service', '助老服务', 'service', '按需点菜', 'mzj', 1, 72, 1),
                ('internal_audit', '内部稽查', 'problem', '内部', 'cgj', 0, 72, 2)`),
  ]);
}
