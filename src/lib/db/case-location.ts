/**
 * Which level-3 grid a reported place lies in. A bbox prefilter in SQL (grids_level_min_lat_idx)
 * narrows the grids to a few candidates; an exact point-in-polygon test in TypeScript decides.
 * Kept small on purpose: the grid finder (GET /api/grids/locate) may later replace it.
 */
import gcoord from "gcoord";

/** The grid a case is filed in, with the tree above it. */
export type CaseGrid = { id: string; name: string; streetId: string; communityId: string; districtId: string };

type Ring = [number, number][];

/**
 * Level-3 grids (blocks of 300–500 households) are far smaller than this in latitude; the
 * bound turns the index range on min_lat into a narrow one instead of half the table.
 */
const MAX_GRID_LAT_SPAN = 0.5;

/**
 * Crossing-number test over all rings (even–odd, so holes work). Edges are half-open: a point
 * on an edge shared by two grids is inside exactly one of them (the one to its east/north),
 * because each edge is evaluated from its lower end, identically for both neighbours.
 */
function insideRings(rings: Ring[], lng: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      let a = ring[j]!;
      let b = ring[i]!;
      if (a[1] > b[1]) [a, b] = [b, a];
      // Half-open in latitude: the edge covers [a.lat, b.lat).
      if (lat < a[1] || lat >= b[1]) continue;
      const x = a[0] + ((lat - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (lng < x) inside = !inside;
    }
  }
  return inside;
}

/** True when a GeoJSON Polygon or MultiPolygon geometry contains the point (lng, lat). */
export function geometryContains(geometry: { type: string; coordinates: unknown }, lng: number, lat: number): boolean {
  if (geometry.type === "Polygon") return insideRings(geometry.coordinates as Ring[], lng, lat);
  if (geometry.type === "MultiPolygon") return (geometry.coordinates as Ring[][]).some((poly) => insideRings(poly, lng, lat));
  return false;
}

/** Converts GCJ-02 (what Chinese phones and map apps give) to WGS-84 (what is stored). */
export function gcj02ToWgs84(lat: number, lng: number): { lat: number; lng: number } {
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat: Math.round(y * 1e6) / 1e6, lng: Math.round(x * 1e6) / 1e6 };
}

type GridRow = { id: string; name: string; street_id: string; community_id: string; district_id: string; boundary: string };

const toCaseGrid = (r: GridRow): CaseGrid => ({ id: r.id, name: r.name, streetId: r.street_id, communityId: r.community_id, districtId: r.district_id });

/**
 * The level-3 grid containing the WGS-84 point, or null when it lies in none (outside the
 * district). A point on a shared edge gets exactly one grid.
 */
export async function findGridForPoint(db: D1Database, lat: number, lng: number): Promise<CaseGrid | null> {
  const { results } = await db
    .prepare(
      `SELECT id, name, street_id, community_id, district_id, boundary FROM grids
       WHERE level = 3 AND min_lat BETWEEN ?1 - ${MAX_GRID_LAT_SPAN} AND ?1 AND max_lat >= ?1 AND min_lng <= ?2 AND max_lng >= ?2
       ORDER BY id`,
    )
    .bind(lat, lng)
    .all<GridRow>();
  for (const row of results) {
    let geometry: { type: string; coordinates: unknown };
    try {
      geometry = JSON.parse(row.boundary);
    } catch {
      continue; // a broken boundary cannot contain anything
    }
    if (geometryContains(geometry, lng, lat)) return toCaseGrid(row);
  }
  return null;
}

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
      `SELECT p.kind, length(p.name) AS len, g.id, g.name, g.street_id, g.community_id, g.district_id, '' AS boundary
       FROM grid_places p JOIN grids g ON g.id = p.grid_id
       WHERE length(p.name) >= 2 AND instr(?1, p.name) > 0
       ORDER BY p.kind = 'compound' DESC, len DESC, g.id
       LIMIT 50`,
    )
    .bind(text)
    .all<GridRow & { kind: string; len: number }>();
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
