/**
 * The service-circle index of every community, computed with spatial indexes (kdbush +
 * geokdbush): per community, one k-nearest query per category and one radius query for
 * everything within 15 minutes, instead of measuring every community–facility pair.
 * all-pairs.ts is the naive version: the benchmark baseline and the test oracle.
 */
import KDBush from "kdbush";
import { around } from "geokdbush";
import { scoreCommunity } from "./score.ts";
import type { CategoryWeight, CommunityCircle, CommunityPoint, FacilityInReach, FacilityPoint, NearestInCategory } from "./types.ts";
import { boxAround, CIRCLE_MINUTES, reachMeters, walkMinutes } from "./walk-time.ts";

export type * from "./types.ts";
export { boxAround, CIRCLE_MINUTES, DETOUR_FACTOR, WALK_SPEED_M_PER_MIN, reachMeters, walkMinutes } from "./walk-time.ts";
export { FULL_CREDIT_MINUTES, distanceDecay, scoreCommunity } from "./score.ts";

/** Orders facilities in reach: nearest first, then by id so the order is stable. */
export function byMinutesThenId(a: FacilityInReach, b: FacilityInReach): number {
  return a.minutes - b.minutes || (a.facilityId < b.facilityId ? -1 : a.facilityId > b.facilityId ? 1 : 0);
}

/** A spatial index over facilities, answering "nearest of a category" and "all within the circle". */
export class FacilityIndex {
  private readonly facilities: readonly FacilityPoint[];
  private readonly all: KDBush | null;
  private readonly byCategory = new Map<string, { index: KDBush; members: number[] }>();
  /** The straight-line radius of the circle, for the box prefilter of `within`. */
  private readonly radiusM = reachMeters(CIRCLE_MINUTES);

  /** Indexes the facilities (WGS-84). */
  constructor(facilities: readonly FacilityPoint[]) {
    this.facilities = facilities;
    this.all = facilities.length > 0 ? new KDBush(facilities.length) : null;
    const members = new Map<string, number[]>();
    facilities.forEach((f, i) => {
      this.all!.add(f.lng, f.lat);
      let list = members.get(f.categoryId);
      if (!list) members.set(f.categoryId, (list = []));
      list.push(i);
    });
    this.all?.finish();
    for (const [categoryId, list] of members) {
      const index = new KDBush(list.length, 16);
      for (const i of list) index.add(facilities[i]!.lng, facilities[i]!.lat);
      this.byCategory.set(categoryId, { index: index.finish(), members: list });
    }
  }

  /** The nearest facility of a category to a point, or nulls when the category has none. */
  nearest(point: { lat: number; lng: number }, categoryId: string): NearestInCategory {
    const entry = this.byCategory.get(categoryId);
    if (!entry) return { categoryId, facilityId: null, minutes: null };
    const [k] = around(entry.index, point.lng, point.lat, 1);
    const f = this.facilities[entry.members[k!]!]!;
    return { categoryId, facilityId: f.id, minutes: walkMinutes(point, f) };
  }

  /** Facilities within `CIRCLE_MINUTES` of a point (optionally of one category), nearest first. */
  within(point: { lat: number; lng: number }, categoryId?: string): FacilityInReach[] {
    if (!this.all) return [];
    const out: FacilityInReach[] = [];
    // A range query on the box, then the exact walking time: cheaper than a priority-queue
    // radius search when ~50 facilities are in reach.
    const b = boxAround(point, this.radiusM);
    for (const i of this.all.range(b.minLng, b.minLat, b.maxLng, b.maxLat)) {
      const f = this.facilities[i]!;
      if (categoryId !== undefined && f.categoryId !== categoryId) continue;
      const minutes = walkMinutes(point, f);
      if (minutes <= CIRCLE_MINUTES) out.push({ facilityId: f.id, categoryId: f.categoryId, minutes });
    }
    return out.sort(byMinutesThenId);
  }

  /** The service circle of one community. */
  circle(community: CommunityPoint, categories: readonly CategoryWeight[]): CommunityCircle {
    const within = this.within(community);
    // The first facility of a category in the sorted reach list is its nearest; only the
    // categories missing from the circle need a nearest-neighbour search further out.
    const firstInReach = new Map<string, FacilityInReach>();
    for (const w of within) if (!firstInReach.has(w.categoryId)) firstInReach.set(w.categoryId, w);
    const nearest = categories.map((c): NearestInCategory => {
      const w = firstInReach.get(c.id);
      return w ? { categoryId: c.id, facilityId: w.facilityId, minutes: w.minutes } : this.nearest(community, c.id);
    });
    const { score, missing } = scoreCommunity(nearest.map((n, i) => ({ categoryId: n.categoryId, weight: categories[i]!.weight, minutes: n.minutes })));
    return { communityId: community.id, score, missing, nearest, within };
  }
}

/**
 * The index of every community, in input order, using a spatial index.
 * `categories` fixes the category order of `nearest` and `missing`.
 */
export function computeServiceCircles(
  communities: readonly CommunityPoint[],
  facilities: readonly FacilityPoint[],
  categories: readonly CategoryWeight[],
): CommunityCircle[] {
  const index = new FacilityIndex(facilities);
  return communities.map((c) => index.circle(c, categories));
}
