/**
 * Where a report is filed when it has no map point: the grid an address names. (A point is
 * located by findGridForPoint in grids.ts, the same lookup GET /api/grids/locate uses.)
 * Also the map data of the report form's place picker.
 */
import { toCaseGrid, type CaseGrid, type CaseGridRow } from "./grids.ts";

/**
 * The level-3 grid an address names, for reports without a map point (the form with
 * JavaScript off). A residential compound (小区) named in the address decides; otherwise a
 * road, when only one grid has it. Null when the address does not determine one grid.
 */
export async function findGridForAddress(db: D1Database, address: string): Promise<CaseGrid | null> {
  const text = address.trim();
  if (text.length < 2) return null;
  const { results } = await db
    .prepare(
      `SELECT p.kind, length(p.name) AS len, g.id, g.name, g.street_id, g.community_id, g.district_id
       FROM grid_places p JOIN grids g ON g.id = p.grid_id
       WHERE length(p.name) >= 2 AND instr(?1, p.name) > 0
       ORDER BY p.kind = 'compound' DESC, len DESC, g.id
       LIMIT 50`,
    )
    .bind(text)
    .all<CaseGridRow & { kind: string; len: number }>();
  for (const kind of ["compound", "road"]) {
    const hits = results.filter((r) => r.kind === kind);
    if (hits.length === 0) continue;
    // The longest matching name wins ("福华南街小区" over "福华街"); it must name one grid.
    const longest = hits.filter((r) => r.len === hits[0]!.len);
    const grids = new Set(longest.map((r) => r.id));
    if (grids.size === 1) return toCaseGrid(longest[0]!);
    return null;
  }
  return null;
}

/** What the report form's map draws without a tile server: the district and its streets. */
export type ReportMapData = {
  bbox: [number, number, number, number];
  outline: unknown;
  streets: { name: string; boundary: unknown }[];
};

/** The district outline and the level-1 grid (street) boundaries, for the place picker. */
export async function getReportMapData(db: D1Database): Promise<ReportMapData | null> {
  const d = await db
    .prepare(
      `SELECT id, min_lat, min_lng, max_lat, max_lng, outline FROM districts
       WHERE id = coalesce((SELECT value FROM site_meta WHERE key = 'district_id'), id) ORDER BY id LIMIT 1`,
    )
    .first<{ id: string; min_lat: number; min_lng: number; max_lat: number; max_lng: number; outline: string }>();
  if (!d) return null;
  const { results } = await db
    .prepare("SELECT name, boundary FROM grids WHERE level = 1 AND district_id = ?1 ORDER BY id")
    .bind(d.id)
    .all<{ name: string; boundary: string }>();
  return {
    bbox: [d.min_lng, d.min_lat, d.max_lng, d.max_lat],
    outline: JSON.parse(d.outline),
    streets: results.map((r) => ({ name: r.name, boundary: JSON.parse(r.boundary) })),
  };
}
