/**
 * Possible duplicates: open cases of the same category within 250 m of a place, shown while a
 * resident picks the place. Coarsened like every published case record: the grid and the
 * day, a distance rounded to 50 m, the public summary; never a point, a description or a contact.
 */
import { listOpenCasesInBox } from "../db/cases.ts";
import { localDay } from "../time.ts";
import { STATUS_LABELS, type CaseStatus } from "./states.ts";

/** How far a possible duplicate may be, in metres. */
export const DUPLICATE_RADIUS_M = 250;

/** A possible duplicate as the public sees it. */
export type NearbyCaseDto = {
  publicId: string;
  status: CaseStatus;
  statusLabel: string;
  categoryName: string;
  grid: { id: string; name: string };
  /** YYYY-MM-DD (Asia/Shanghai). */
  reportedDay: string;
  /** Rounded up to a multiple of 50 m. */
  distanceM: number;
  publicSummary: string;
};

const EARTH_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Open cases of `categoryId` within DUPLICATE_RADIUS_M of a WGS-84 point, nearest first. */
export async function findPossibleDuplicates(db: D1Database, categoryId: string, lat: number, lng: number): Promise<NearbyCaseDto[]> {
  const dLat = DUPLICATE_RADIUS_M / 111_320;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  const rows = await listOpenCasesInBox(db, categoryId, { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng }, 50);
  return rows
    .map((r) => ({ r, d: distanceMetres(lat, lng, r.lat!, r.lng!) }))
    .filter((x) => x.d <= DUPLICATE_RADIUS_M)
    .sort((a, b) => a.d - b.d)
    .slice(0, 10)
    .map(({ r, d }) => ({
      publicId: r.public_id, status: r.status, statusLabel: STATUS_LABELS[r.status], categoryName: r.category_name,
      grid: { id: r.grid_id, name: r.grid_name }, reportedDay: localDay(r.created_at),
      distanceM: Math.max(50, Math.ceil(d / 50) * 50), publicSummary: r.public_summary,
    }));
}
