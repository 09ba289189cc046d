/**
 * Coordinate systems. The database stores WGS-84; phones, WeChat and domestic map apps give
 * GCJ-02 ("Mars coordinates"), which is offset by a few hundred metres inside China.
 */
import gcoord from "gcoord";

/** The coordinate systems the API accepts. */
export const COORD_SYSTEMS = ["wgs84", "gcj02"] as const;
export type CoordSystem = (typeof COORD_SYSTEMS)[number];

/** A point as latitude and longitude in decimal degrees. */
export type LatLng = { lat: number; lng: number };

/** Converts a point from the given system to WGS-84 (identity for WGS-84 input). */
export function toWgs84(point: LatLng, from: CoordSystem): LatLng {
  if (from === "wgs84") return point;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat, lng };
}

/** Converts a WGS-84 point to GCJ-02 (for domestic map apps and tests). */
export function wgs84ToGcj02(point: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lat, lng };
}
