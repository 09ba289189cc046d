/**
 * The naive service-circle index: every community against every facility. O(communities ×
 * facilities). Used only as the benchmark baseline and as the oracle the indexed version is
 * tested against; never on a page or in the API.
 */
import { byMinutesThenId } from "./index.ts";
import { scoreCommunity } from "./score.ts";
import type { CategoryWeight, CommunityCircle, CommunityPoint, FacilityInReach, FacilityPoint, NearestInCategory } from "./types.ts";
import { CIRCLE_MINUTES, walkMinutes } from "./walk-time.ts";

/** The index of every community, in input order, by measuring every pair. */
export function computeServiceCirclesAllPairs(
  communities: readonly CommunityPoint[],
  facilities: readonly FacilityPoint[],
  categories: readonly CategoryWeight[],
): CommunityCircle[] {
  return communities.map((community) => {
    const best = new Map<string, NearestInCategory>();
    const within: FacilityInReach[] = [];
    for (const f of facilities) {
      const minutes = walkMinutes(community, f);
      const cur = best.get(f.categoryId);
      if (!cur || minutes < cur.minutes! || (minutes === cur.minutes && f.id < cur.facilityId!)) {
        best.set(f.categoryId, { categoryId: f.categoryId, facilityId: f.id, minutes });
      }
      if (minutes <= CIRCLE_MINUTES) within.push({ facilityId: f.id, categoryId: f.categoryId, minutes });
    }
    const nearest = categories.map((c) => best.get(c.id) ?? { categoryId: c.id, facilityId: null, minutes: null });
    const { score, missing } = scoreCommunity(nearest.map((n, i) => ({ categoryId: n.categoryId, weight: categories[i]!.weight, minutes: n.minutes })));
    return { communityId: community.id, score, missing, nearest, within: within.sort(byMinutesThenId) };
  });
}
