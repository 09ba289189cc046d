/** Number and rate formatting for zh-CN pages. */

const intFormat = new Intl.NumberFormat("zh-CN");

/** 108372 → "108,372". */
export function formatInt(n: number): string {
  return intFormat.format(n);
}

/** A fraction as a percentage with fixed decimals: 0.97629 → "97.6%". */
export function formatRate(rate: number | null, digits = 1): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return `${(rate * 100).toFixed(digits)}%`;
}
