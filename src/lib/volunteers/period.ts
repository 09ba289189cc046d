/**
 * Ranking periods: a year `2015`, a quarter `2015-Q3`, a month `2015-07` or `all`.
 * A period is a half-open range of ledger days [from, to) as YYYY-MM-DD strings, so it
 * compares directly with point_ledger.day.
 */

/** A parsed ranking period. */
export type Period = {
  /** The canonical id as used in URLs and the API, e.g. `2015-Q3`. */
  id: string;
  kind: "all" | "year" | "quarter" | "month";
  /** First day in the period (inclusive), YYYY-MM-DD. */
  from: string;
  /** First day after the period (exclusive), YYYY-MM-DD. */
  to: string;
  /** Chinese label, e.g. 2015年第3季度. */
  label: string;
};

const pad2 = (n: number) => String(n).padStart(2, "0");
const day1 = (y: number, m: number) => (m > 12 ? `${y + 1}-${pad2(m - 12)}-01` : `${y}-${pad2(m)}-01`);

/** Parses a period id; returns null for anything malformed or out of range (years 2000–2099). */
export function parsePeriod(id: string): Period | null {
  if (id === "all") return { id, kind: "all", from: "0000-01-01", to: "9999-12-31", label: "累计" };
  let m = /^(20\d\d)$/.exec(id);
  if (m) {
    const y = +m[1]!;
    return { id, kind: "year", from: day1(y, 1), to: day1(y + 1, 1), label: `${y}年` };
  }
  m = /^(20\d\d)-Q([1-4])$/.exec(id);
  if (m) {
    const y = +m[1]!;
    const q = +m[2]!;
    return { id, kind: "quarter", from: day1(y, 3 * q - 2), to: day1(y, 3 * q + 1), label: `${y}年第${q}季度` };
  }
  m = /^(20\d\d)-(0[1-9]|1[0-2])$/.exec(id);
  if (m) {
    const y = +m[1]!;
    const mo = +m[2]!;
    return { id, kind: "month", from: day1(y, mo), to: day1(y, mo + 1), label: `${y}年${mo}月` };
  }
  return null;
}

/** The periods published as static pages for a reference day: all time, its year, quarter and month. */
export function currentPeriods(day: string): Period[] {
  const y = day.slice(0, 4);
  const mo = +day.slice(5, 7);
  const ids = ["all", y, `${y}-Q${Math.ceil(mo / 3)}`, day.slice(0, 7)];
  return ids.map((id) => parsePeriod(id)).filter((p): p is Period => p !== null);
}

/**
 * The periods a scope kind gets static pages for. Communities get all time and the year only:
 * their quarter and month lists are short, and 128 × 2 fewer pages keep the build fast.
 * The API serves every period for every scope.
 */
export function publishedPeriods<K extends string>(periods: Period[], scopeKind: K): Period[] {
  return scopeKind === "community" ? periods.filter((p) => p.kind === "all" || p.kind === "year") : periods;
}

/** The period to link to for a scope kind: `period` when it has a page, else the year (or the first published). */
export function linkPeriod<K extends string>(periods: Period[], scopeKind: K, period: Period): Period {
  const published = publishedPeriods(periods, scopeKind);
  return published.find((p) => p.id === period.id) ?? published.find((p) => p.kind === "year") ?? published[0] ?? period;
}
