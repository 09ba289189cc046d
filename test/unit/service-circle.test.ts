import { describe, expect, it } from "vitest";
import { Prng } from "../../src/lib/prng.ts";
import { computeServiceCirclesAllPairs } from "../../src/lib/service-circle/all-pairs.ts";
import {
  computeServiceCircles, distanceDecay, FacilityIndex, reachMeters, scoreCommunity, walkMinutes,
  type CategoryWeight, type CommunityPoint, type FacilityPoint,
} from "../../src/lib/service-circle/index.ts";
import { haversineMeters } from "../../src/lib/service-circle/walk-time.ts";

// Along a meridian the haversine distance is exactly R·Δφ: 0.01° = 6371000 × 0.01 × π/180 = 1111.949 m.
const origin = { lat: 34.7, lng: 113.6 };
const north = (deg: number) => ({ lat: 34.7 + deg, lng: 113.6 });

describe("walking time", () => {
  it("is the straight line × 1.3 at 80 m/min", () => {
    expect(haversineMeters(origin, north(0.01))).toBeCloseTo(1111.949, 2);
    // 1111.949 m × 1.3 ÷ 80 = 18.069 min
    expect(walkMinutes(origin, north(0.01))).toBeCloseTo(18.069, 3);
    // 0.004° = 444.780 m → 7.228 min
    expect(walkMinutes(origin, north(0.004))).toBeCloseTo(7.228, 3);
    expect(walkMinutes(origin, origin)).toBe(0);
  });

  it("measures east–west distance shrunk by the cosine of the latitude", () => {
    // 0.01° of longitude at 34.7° N ≈ 1111.949 × cos(34.7°) = 914.14 m → 14.855 min
    expect(walkMinutes(origin, { lat: 34.7, lng: 113.61 })).toBeCloseTo(14.855, 2);
  });

  it("reaches 923 m of straight line in 15 minutes", () => {
    expect(reachMeters(15)).toBeCloseTo(923.077, 3); // 15 × 80 ÷ 1.3
    expect(reachMeters(5)).toBeCloseTo(307.692, 3);
  });
});

describe("score", () => {
  it("gives full credit within 5 minutes, falling linearly to none at 15", () => {
    expect(distanceDecay(0)).toBe(1);
    expect(distanceDecay(5)).toBe(1);
    expect(distanceDecay(10)).toBe(0.5);
    expect(distanceDecay(12.5)).toBe(0.25);
    expect(distanceDecay(15)).toBe(0);
    expect(distanceDecay(40)).toBe(0);
    expect(distanceDecay(null)).toBe(0);
  });

  it("is the weighted mean of the credits, with a category that has no facility at all", () => {
    // weights 3, 3, 2, 2 = 10; credits 1, 0.5, 0, 0 → (3 + 1.5) / 10 = 45.0
    const r = scoreCommunity([
      { categoryId: "service_centre", weight: 3, minutes: 4 },
      { categoryId: "health", weight: 3, minutes: 10 },
      { categoryId: "elderly", weight: 2, minutes: null },
      { categoryId: "park", weight: 2, minutes: 20 },
    ]);
    expect(r).toEqual({ score: 45, missing: ["elderly", "park"] });
  });

  it("counts a facility at exactly 15 minutes as within reach but worth nothing", () => {
    expect(scoreCommunity([{ categoryId: "a", weight: 1, minutes: 15 }])).toEqual({ score: 0, missing: [] });
    expect(scoreCommunity([{ categoryId: "a", weight: 2, minutes: 3 }, { categoryId: "b", weight: 1, minutes: 7 }])).toEqual({ score: 93.3, missing: [] });
    expect(scoreCommunity([])).toEqual({ score: 0, missing: [] });
  });
});

describe("index of a hand-made community", () => {
  const categories: CategoryWeight[] = [{ id: "health", weight: 1 }, { id: "market", weight: 1 }, { id: "park", weight: 2 }];
  const facilities: FacilityPoint[] = [
    { id: "B", categoryId: "health", ...north(0.006) }, // 667.17 m → 10.842 min
    { id: "A", categoryId: "health", ...north(0.002) }, // 222.39 m → 3.614 min
    { id: "C", categoryId: "market", ...north(0.01) }, //  18.069 min: beyond the circle
  ];
  const [circle] = computeServiceCircles([{ id: "X", ...origin }], facilities, categories);

  it("finds the nearest facility of every category, and none for a category without facilities", () => {
    expect(circle!.nearest.map((n) => [n.categoryId, n.facilityId, n.minutes && Math.round(n.minutes * 1000) / 1000])).toEqual([
      ["health", "A", 3.614], ["market", "C", 18.069], ["park", null, null],
    ]);
  });

  it("scores 25 and lists the market and the park as missing", () => {
    // health 1 × 1 + market 1 × 0 + park 2 × 0 over 4
    expect(circle!.score).toBe(25);
    expect(circle!.missing).toEqual(["market", "park"]);
  });

  it("lists what is within 15 minutes, nearest first", () => {
    expect(circle!.within.map((w) => w.facilityId)).toEqual(["A", "B"]);
    expect(new FacilityIndex(facilities).within(origin, "market")).toEqual([]);
  });

  it("handles a district with no facilities", () => {
    const [empty] = computeServiceCircles([{ id: "X", ...origin }], [], categories);
    expect(empty).toEqual({ communityId: "X", score: 0, missing: ["health", "market", "park"], nearest: categories.map((c) => ({ categoryId: c.id, facilityId: null, minutes: null })), within: [] });
  });
});

describe("indexed computation against the all-pairs oracle", () => {
  it("gives the same nearest facilities, scores, gaps and reach lists", () => {
    const rng = new Prng("service-circle-oracle");
    const categories: CategoryWeight[] = ["a", "b", "c", "d", "e", "none"].map((id, i) => ({ id, weight: 1 + (i % 3) }));
    const facilities: FacilityPoint[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `F${String(i).padStart(5, "0")}`,
      // Category "e" is rare, "none" never occurs: far nearest facilities and a total gap.
      categoryId: i % 97 === 0 ? "e" : rng.pick(["a", "b", "c", "d"]),
      lat: rng.range(34.6, 34.8), lng: rng.range(113.5, 113.75),
    }));
    const communities: CommunityPoint[] = Array.from({ length: 300 }, (_, i) => ({ id: `C${i}`, lat: rng.range(34.58, 34.82), lng: rng.range(113.48, 113.77) }));
    const indexed = computeServiceCircles(communities, facilities, categories);
    const naive = computeServiceCirclesAllPairs(communities, facilities, categories);
    expect(indexed).toEqual(naive);
    // The comparison is not vacuous: there are gaps, full reach lists and a spread of scores.
    expect(naive.every((c) => c.missing.includes("none"))).toBe(true);
    expect(naive.some((c) => c.within.length > 5)).toBe(true);
    expect(new Set(naive.map((c) => c.score)).size).toBeGreaterThan(50);
  });
});

describe("presentation", async () => {
  const { formatWalk, rankCircles, formatScore } = await import("../../src/lib/service-circle/present.ts");
  it("rounds walking times for people", () => {
    expect(formatWalk(0.4)).toBe("不到 1 分钟");
    expect(formatWalk(3.614)).toBe("约 4 分钟");
    expect(formatWalk(null)).toBe("—");
    expect(formatWalk(14.6)).toBe("约 15 分钟");
    expect(formatWalk(15.2)).toBe("约 16 分钟"); // outside the circle never reads as 15
    expect(formatScore(47.9)).toBe("47.9");
    expect(formatScore(100)).toBe("100");
  });
  it("ranks by score with shared ranks for ties", () => {
    const c = (score: number) => ({ communityId: "", score, missing: [], nearest: [], within: [] });
    const names = ["乙", "甲", "丙", "丁"];
    const ranked = rankCircles([c(50), c(80), c(50), c(10)], (i) => names[i]!);
    expect(ranked.map((r) => [names[r.index], r.rank])).toEqual([["甲", 1], ["丙", 2], ["乙", 2], ["丁", 4]]);
  });
});
