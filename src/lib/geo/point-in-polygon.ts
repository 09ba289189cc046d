/**
 * Point-in-polygon for GeoJSON Polygon and MultiPolygon geometries (WGS-84 [lng, lat]).
 *
 * The test is the even-odd crossing rule over every ring (outer rings and holes alike), with
 * half-open edges: an edge counts when exactly one endpoint lies strictly north of the point,
 * and the crossing counts only when the edge passes strictly east of it. For polygons that
 * tile an area with identical shared edges, this puts every point of a shared border (vertices
 * included) in exactly one polygon: borders belong to the polygon on their east / north side.
 * Each edge is evaluated with its endpoints in a canonical order (south endpoint first), so the
 * two neighbours sharing an edge compute the very same floating-point value for it.
 */

/** A GeoJSON position: [longitude, latitude]. */
export type Position = [number, number] | number[];
/** A closed or open ring of positions. */
export type Ring = Position[];
/** The geometries grids use for their boundaries. */
export type PolygonGeometry =
  | { type: "Polygon"; coordinates: Ring[] }
  | { type: "MultiPolygon"; coordinates: Ring[][] };

/** Counts half-open crossings of the ray from (x, y) towards +x with the ring's edges. */
function crossings(x: number, y: number, ring: Ring): number {
  let count = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const ay = a[1]!;
    const by = b[1]!;
    // Half-open in latitude: the south endpoint belongs to the edge, the north one does not.
    if (ay > y === by > y) continue;
    // Canonical order (south endpoint first) so neighbours sharing this edge agree bit for bit.
    const [sx, sy, nx, ny] = ay < by ? [a[0]!, ay, b[0]!, by] : [b[0]!, by, a[0]!, ay];
    // Sign of the cross product: > 0 means the edge passes strictly east of the point.
    const side = (nx - sx) * (y - sy) - (x - sx) * (ny - sy);
    if (side > 0) count++;
  }
  return count;
}

/**
 * Whether the point lies inside the geometry (even-odd over all rings, so holes are
 * excluded). Points on a border shared with a neighbour belong to exactly one of the two.
 */
export function pointInGeometry(lng: number, lat: number, geometry: PolygonGeometry): boolean {
  let count = 0;
  if (geometry.type === "Polygon") {
    for (const ring of geometry.coordinates) count += crossings(lng, lat, ring);
  } else {
    for (const polygon of geometry.coordinates) for (const ring of polygon) count += crossings(lng, lat, ring);
  }
  return count % 2 === 1;
}

/** Whether the point lies inside one ring (no holes). */
export function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  return crossings(lng, lat, ring) % 2 === 1;
}

/**
 * Among candidate areas, the one containing the point: the first in id order, so the answer
 * is deterministic even if overlapping data ever put a point in two areas.
 */
export function pickContaining<T extends { id: string; geometry: PolygonGeometry }>(lng: number, lat: number, candidates: readonly T[]): T | null {
  let best: T | null = null;
  for (const c of candidates) {
    if ((best === null || c.id < best.id) && pointInGeometry(lng, lat, c.geometry)) best = c;
  }
  return best;
}

/** Parses a stored GeoJSON boundary; throws on anything but a Polygon or MultiPolygon. */
export function parseBoundary(json: string): PolygonGeometry {
  const g = JSON.parse(json) as { type?: string; coordinates?: unknown };
  if ((g.type === "Polygon" || g.type === "MultiPolygon") && Array.isArray(g.coordinates)) return g as PolygonGeometry;
  throw new Error(`not a polygon geometry: ${String(g.type)}`);
}
