/** Inputs and results of the service-circle index, shared by the indexed and all-pairs versions. */

/** A facility as the index needs it (WGS-84). */
export type FacilityPoint = { id: string; categoryId: string; lat: number; lng: number };

/** A community as the index needs it: its centroid (WGS-84). */
export type CommunityPoint = { id: string; lat: number; lng: number };

/** A facility category and its weight in the score. */
export type CategoryWeight = { id: string; weight: number };

/** The nearest facility of one category; null id and minutes when the category has none. */
export type NearestInCategory = { categoryId: string; facilityId: string | null; minutes: number | null };

/** A facility within the circle and its walking time. */
export type FacilityInReach = { facilityId: string; categoryId: string; minutes: number };

/** The service circle of one community. */
export type CommunityCircle = {
  communityId: string;
  /** 0–100, see score.ts. */
  score: number;
  /** Category ids with nothing within 15 minutes, in category order. */
  missing: string[];
  /** One entry per category, in category order. */
  nearest: NearestInCategory[];
  /** Every facility within 15 minutes, nearest first (ties by id). */
  within: FacilityInReach[];
};
