/** Presentation helpers of the service circle shared by pages and components (pure). */
import type { CommunityCircle } from "./types.ts";
import { CIRCLE_MINUTES } from "./walk-time.ts";

/**
 * Walking time for people: "约 4 分钟", "不到 1 分钟". Never rounds across the 15-minute
 * line: 15.3 minutes (outside the circle) shows as "约 16 分钟", not 15.
 */
export function formatWalk(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return "—";
  if (minutes < 1) return "不到 1 分钟";
  return `约 ${minutes > CIRCLE_MINUTES ? Math.ceil(minutes) : Math.round(minutes)} 分钟`;
}

/** A score as shown: one decimal at most ("47.9", "100"). */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/**
 * Ranks communities by score, best first; equal scores share a rank ("1, 2, 2, 4").
 * Ties are listed by `name` so the order is stable. Returns indexes into `circles` with ranks.
 */
export function rankCircles(circles: readonly CommunityCircle[], name: (i: number) => string): { index: number; rank: number }[] {
  const order = circles.map((_, i) => i).sort((a, b) => circles[b]!.score - circles[a]!.score || name(a).localeCompare(name(b), "zh-CN"));
  const out: { index: number; rank: number }[] = [];
  order.forEach((index, k) => {
    const prev = out[k - 1];
    const rank = prev && circles[prev.index]!.score === circles[index]!.score ? prev.rank : k + 1;
    out.push({ index, rank });
  });
  return out;
}

/** Marker colours of the facility categories on the map, by category order (contrast ≥ 3:1 on white). */
export const CATEGORY_COLORS = [
  "#b3121d", "#c92a2a", "#7b2cbf", "#c2185b", "#1864ab", "#0b7285", "#2b8a3e", "#5c7f0d", "#a05a00", "#343a40", "#5f3dc4",
];
