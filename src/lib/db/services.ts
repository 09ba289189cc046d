/**
 * Queries of the 15-minute service circle: facility categories, facilities, communities.
 * All the SQL of the feature lives here; the index itself is computed in
 * src/lib/service-circle/ from what these functions return.
 */
import { boxAround, computeServiceCircles, FacilityIndex, reachMeters, type CategoryWeight, type CommunityCircle, type FacilityPoint } from "../service-circle/index.ts";

/** A facility category with its weight in the score. */
export type FacilityCategoryDto = { id: string; name: string; weight: number };

/** A facility as pages and the API show it. */
export type FacilityDto = {
  id: string; categoryId: string; name: string; level: "district" | "street" | "community" | null;
  address: string; lat: number; lng: number; hours: string; phone: string;
  communityId: string | null; communityName: string | null;
};

/** A community with its street, for the index and its pages. */
export type CircleCommunityDto = { id: string; name: string; kind: "community" | "village"; streetId: string; streetName: string; households: number; lat: number; lng: number };

type FacilityRow = {
  id: string; category_id: string; name: string; level: string | null; address: string; lat: number; lng: number;
  hours: string; phone: string; community_id: string | null; community_name: string | null;
};
type CommunityRow = { id: string; name: string; kind: string; street_id: string; street_name: string; households: number; lat: number; lng: number };

const FACILITY_COLUMNS = `f.id, f.category_id, f.name, f.level, f.address, f.lat, f.lng, f.hours, f.phone, f.community_id, c.name AS community_name`;

function toFacility(r: FacilityRow): FacilityDto {
  return {
    id: r.id, categoryId: r.category_id, name: r.name, level: r.level as FacilityDto["level"], address: r.address,
    lat: r.lat, lng: r.lng, hours: r.hours, phone: r.phone, communityId: r.community_id, communityName: r.community_name,
  };
}

function toCommunity(r: CommunityRow): CircleCommunityDto {
  return { id: r.id, name: r.name, kind: r.kind as CircleCommunityDto["kind"], streetId: r.street_id, streetName: r.street_name, households: r.households, lat: r.lat, lng: r.lng };
}

/** Facility categories in display order. */
export async function listFacilityCategories(db: D1Database): Promise<FacilityCategoryDto[]> {
  const { results } = await db.prepare("SELECT id, name, weight FROM facility_categories ORDER BY sort, id").all<FacilityCategoryDto>();
  return results;
}

/** Every facility, by category order then name (one query: the directory and the build index). */
export async function listFacilities(db: D1Database): Promise<FacilityDto[]> {
  const { results } = await db
    .prepare(
      `SELECT ${FACILITY_COLUMNS} FROM facilities f
       JOIN facility_categories fc ON fc.id = f.category_id
       LEFT JOIN communities c ON c.id = f.community_id
       ORDER BY fc.sort, f.category_id, f.name, f.id`,
    )
    .all<FacilityRow>();
  return results.map(toFacility);
}

/** Every community with its street, in id order. */
export async function listCircleCommunities(db: D1Database): Promise<CircleCommunityDto[]> {
  const { results } = await db
    .prepare("SELECT c.id, c.name, c.kind, c.street_id, s.name AS street_name, c.households, c.lat, c.lng FROM communities c JOIN streets s ON s.id = c.street_id ORDER BY c.id")
    .all<CommunityRow>();
  return results.map(toCommunity);
}

/** One community with its street, or null. */
export async function getCircleCommunity(db: D1Database, id: string): Promise<CircleCommunityDto | null> {
  const row = await db
    .prepare("SELECT c.id, c.name, c.kind, c.street_id, s.name AS street_name, c.households, c.lat, c.lng FROM communities c JOIN streets s ON s.id = c.street_id WHERE c.id = ?1")
    .bind(id)
    .first<CommunityRow>();
  return row ? toCommunity(row) : null;
}

/** Facilities in the box that can be within the 15-minute reach of a point (a superset). */
async function facilitiesNear(db: D1Database, lat: number, lng: number, categoryId?: string): Promise<FacilityDto[]> {
  const b = boxAround({ lat, lng }, reachMeters());
  const { results } = await db
    .prepare(
      `SELECT ${FACILITY_COLUMNS} FROM facilities f LEFT JOIN communities c ON c.id = f.community_id
       WHERE f.lat BETWEEN ?1 AND ?2 AND f.lng BETWEEN ?3 AND ?4 AND (?5 IS NULL OR f.category_id = ?5)`,
    )
    .bind(b.minLat, b.maxLat, b.minLng, b.maxLng, categoryId ?? null)
    .all<FacilityRow>();
  return results.map(toFacility);
}

/** Whether a facility category exists. */
export async function facilityCategoryExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS ok FROM facility_categories WHERE id = ?1").bind(id).first()) !== null;
}

/** A facility with its walking time from a point. */
export type FacilityWithMinutes = FacilityDto & { walkMinutes: number };

/** Facilities within 15 minutes' walk of a WGS-84 point, nearest first (optionally one category). */
export async function findFacilitiesWithinCircle(db: D1Database, point: { lat: number; lng: number }, categoryId?: string): Promise<FacilityWithMinutes[]> {
  const candidates = await facilitiesNear(db, point.lat, point.lng, categoryId);
  const byId = new Map(candidates.map((f) => [f.id, f]));
  return new FacilityIndex(candidates.map(toPoint)).within(point, categoryId).map((w) => ({ ...byId.get(w.facilityId)!, walkMinutes: w.minutes }));
}

const toPoint = (f: FacilityDto): FacilityPoint => ({ id: f.id, categoryId: f.categoryId, lat: f.lat, lng: f.lng });

/**
 * The service circle of one community for the API, without loading every facility: the
 * facilities in its 15-minute box plus, per category, the three nearest by a planar
 * approximation (exact re-ranking happens in the index). Null when the community is unknown.
 */
export async function getCommunityCircle(db: D1Database, communityId: string): Promise<{
  community: CircleCommunityDto; categories: FacilityCategoryDto[]; circle: CommunityCircle; facilities: Map<string, FacilityDto>;
} | null> {
  const community = await getCircleCommunity(db, communityId);
  if (!community) return null;
  const cosLat = Math.cos((community.lat * Math.PI) / 180);
  const [categories, near, nearestRows] = await Promise.all([
    listFacilityCategories(db),
    facilitiesNear(db, community.lat, community.lng),
    db
      .prepare(
        `SELECT ${FACILITY_COLUMNS} FROM (
           SELECT f.*, row_number() OVER (PARTITION BY f.category_id
             ORDER BY (f.lat - ?1) * (f.lat - ?1) + (f.lng - ?2) * ?3 * (f.lng - ?2) * ?3, f.id) AS rn
           FROM facilities f) f
         LEFT JOIN communities c ON c.id = f.community_id
         WHERE f.rn <= 3`,
      )
      .bind(community.lat, community.lng, cosLat)
      .all<FacilityRow>(),
  ]);
  const facilities = new Map<string, FacilityDto>();
  for (const f of [...near, ...nearestRows.results.map(toFacility)]) facilities.set(f.id, f);
  const circle = new FacilityIndex([...facilities.values()].map(toPoint)).circle(community, categories);
  return { community, categories, circle, facilities };
}

/** Everything the service-circle pages need, computed once per build. */
export type ServiceCircleIndex = {
  categories: FacilityCategoryDto[];
  communities: CircleCommunityDto[];
  facilities: FacilityDto[];
  facilityById: Map<string, FacilityDto>;
  /** One per community, in community order. */
  circles: CommunityCircle[];
};

/** Loads categories, communities and facilities in three queries and computes every community's circle. */
export async function loadServiceCircleIndex(db: D1Database): Promise<ServiceCircleIndex> {
  const [categories, communities, facilities] = await Promise.all([listFacilityCategories(db), listCircleCommunities(db), listFacilities(db)]);
  const weights: CategoryWeight[] = categories.map((c) => ({ id: c.id, weight: c.weight }));
  const circles = computeServiceCircles(communities, facilities.map(toPoint), weights);
  return { categories, communities, facilities, facilityById: new Map(facilities.map((f) => [f.id, f])), circles };
}

/** GeoJSON outlines of the districts, for the map without tiles. */
export async function listDistrictOutlines(db: D1Database): Promise<{ id: string; name: string; outline: unknown }[]> {
  const { results } = await db.prepare("SELECT id, name, outline FROM districts ORDER BY id").all<{ id: string; name: string; outline: string }>();
  return results.map((r) => ({ id: r.id, name: r.name, outline: JSON.parse(r.outline) as unknown }));
}
