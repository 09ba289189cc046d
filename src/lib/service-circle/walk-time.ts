/**
 * Walking time between two points: the one place that decides how far "15 minutes" is.
 *
 * Method: great-circle (haversine) distance × a detour factor, at a walking speed.
 * Streets rarely run straight to the door, so the straight line is stretched by
 * DETOUR_FACTOR (1.3 is the usual ratio of network to straight-line distance in Chinese
 * urban grids); 80 m/min (4.8 km/h) is a typical adult walking pace. A road-network router
 * can replace this module: keep `walkMinutes` and `reachMeters` (the straight-line radius
 * that can possibly be reached in a given time, used to bound spatial searches).
 */

/** Mean Earth radius in metres (the same radius geokdbush uses, so index and oracle agree). */
export const EARTH_RADIUS_M = 6_371_000;
/** Network distance ÷ straight-line distance. */
export const DETOUR_FACTOR = 1.3;
/** Walking speed in metres per minute. */
export const WALK_SPEED_M_PER_MIN = 80;
/** The promise of the service circle: everything within this many minutes on foot. */
export const CIRCLE_MINUTES = 15;

const RAD = Math.PI / 180;

/** A WGS-84 point in decimal degrees. */
export type LatLng = { lat: number; lng: number };

/** Great-circle distance in metres between two WGS-84 points (haversine formula). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Walking time in minutes from `a` to `b`: straight line × detour factor ÷ walking speed. */
export function walkMinutes(a: LatLng, b: LatLng): number {
  return (haversineMeters(a, b) * DETOUR_FACTOR) / WALK_SPEED_M_PER_MIN;
}

/**
 * The straight-line radius in metres that a walk of `minutes` can reach at most
 * (15 minutes → 923 m). Spatial searches use it as their bound.
 */
export function reachMeters(minutes: number = CIRCLE_MINUTES): number {
  return (minutes * WALK_SPEED_M_PER_MIN) / DETOUR_FACTOR;
}

/** A lat/lng box in degrees. */
export type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };

/**
 * A box around a point holding every point within `meters` of great-circle distance, with a
 * 1% margin (the exact longitude bound is a hair wider than meters ÷ R ÷ cos φ). Used as the
 * cheap prefilter of radius searches, in SQL and in the kd-tree.
 */
export function boxAround(point: LatLng, meters: number): Box {
  const dLat = ((meters * 1.01) / EARTH_RADIUS_M) / RAD;
  const dLng = dLat / Math.max(0.01, Math.cos(point.lat * RAD));
  return { minLat: point.lat - dLat, maxLat: point.lat + dLat, minLng: point.lng - dLng, maxLng: point.lng + dLng };
}
