/**
 * Hours-to-dispose histogram bins used by the stat_dispose_hours rollup. Bucket i holds
 * durations in [EDGES[i], EDGES[i+1]) hours; the last bucket is open-ended.
 */
export const DISPOSE_HOUR_EDGES = [
  0, 1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 30, 36, 48, 60, 72, 96, 120, 144, 168, 240, 336, 504, 720, 1080, 1440, 2160,
] as const;

/** The bucket of a duration in hours. */
export function disposeBucket(hours: number): number {
  let lo = 0;
  let hi = DISPOSE_HOUR_EDGES.length - 1;
  if (hours >= DISPOSE_HOUR_EDGES[hi]!) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (DISPOSE_HOUR_EDGES[mid]! <= hours) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** SQL expression of the bucket of (disposed_at - created_at), kept beside the JS version. */
export function disposeBucketSql(seconds: string): string {
  const cases = DISPOSE_HOUR_EDGES.slice(1)
    .map((edge, i) => `WHEN ${seconds} < ${edge * 3600} THEN ${i}`)
    .join(" ");
  return `(CASE ${cases} ELSE ${DISPOSE_HOUR_EDGES.length - 1} END)`;
}

/**
 * A percentile (0–1) from bucket counts, interpolating linearly inside the bucket.
 * Returns null for an empty histogram.
 */
export function percentileFromHistogram(counts: ReadonlyMap<number, number>, p: number): number | null {
  let total = 0;
  for (const c of counts.values()) total += c;
  if (total === 0) return null;
  const target = p * total;
  let seen = 0;
  for (let b = 0; b < DISPOSE_HOUR_EDGES.length; b++) {
    const c = counts.get(b) ?? 0;
    if (c > 0 && seen + c >= target) {
      const lo = DISPOSE_HOUR_EDGES[b]!;
      const hi = DISPOSE_HOUR_EDGES[b + 1] ?? lo * 1.5;
      return lo + ((target - seen) / c) * (hi - lo);
    }
    seen += c;
  }
  return DISPOSE_HOUR_EDGES[DISPOSE_HOUR_EDGES.length - 1]!;
}
