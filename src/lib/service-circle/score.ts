/**
 * The 0–100 service-circle score of a community.
 *
 * Each category earns credit for its nearest facility by walking time: full credit within
 * FULL_CREDIT_MINUTES (5), falling linearly to none at CIRCLE_MINUTES (15), none beyond or
 * when the category has no facility at all. The score is the weighted mean of the credits
 * × 100, with the category weights of facility_categories. The shape follows Walk Score
 * (full points close by, decaying to zero at a walk limit) and the 15-minute-city
 * accessibility work (Nature Cities, 2024), simplified to a straight line so anyone can
 * recompute it by hand.
 */
import { CIRCLE_MINUTES } from "./walk-time.ts";

/** Walking time up to which a facility earns full credit. */
export const FULL_CREDIT_MINUTES = 5;

/** Credit (0–1) of a facility reached in `minutes`; null (no facility) earns 0. */
export function distanceDecay(minutes: number | null): number {
  if (minutes === null || !Number.isFinite(minutes)) return 0;
  if (minutes <= FULL_CREDIT_MINUTES) return 1;
  if (minutes >= CIRCLE_MINUTES) return 0;
  return (CIRCLE_MINUTES - minutes) / (CIRCLE_MINUTES - FULL_CREDIT_MINUTES);
}

/** One category's input to the score: its weight and the minutes to its nearest facility. */
export type CategoryReach = { categoryId: string; weight: number; minutes: number | null };

/** The score and the categories not reachable within the circle. */
export type CircleScore = { score: number; missing: string[] };

/**
 * Weighted score 0–100 (rounded to one decimal) and the ids of categories with no facility
 * within CIRCLE_MINUTES, in input order. With no weight at all the score is 0.
 */
export function scoreCommunity(reach: readonly CategoryReach[]): CircleScore {
  let total = 0;
  let earned = 0;
  const missing: string[] = [];
  for (const r of reach) {
    total += r.weight;
    earned += r.weight * distanceDecay(r.minutes);
    if (r.minutes === null || r.minutes > CIRCLE_MINUTES) missing.push(r.categoryId);
  }
  const score = total > 0 ? Math.round((earned / total) * 1000) / 10 : 0;
  return { score, missing };
}
