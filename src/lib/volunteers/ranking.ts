/** Ranking with shared ranks for ties (standard competition ranking: 1, 1, 3). */

/** A ranked row: the input row with its rank. */
export type Ranked<T> = T & { rank: number };

/**
 * Sorts rows by points, highest first, and gives tied rows the same rank; the next rank
 * skips the tied places (100, 100, 90 → 1, 1, 3). `tieBreak` orders tied rows for display
 * only; it never changes a rank.
 */
export function rankByPoints<T extends { points: number }>(rows: readonly T[], tieBreak: (a: T, b: T) => number = () => 0): Ranked<T>[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points || tieBreak(a, b));
  const out: Ranked<T>[] = [];
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    out.push({ ...row, rank: prev && prev.points === row.points ? prev.rank : i + 1 });
  });
  return out;
}
