import { describe, expect, it } from "vitest";
import { DISPOSE_HOUR_EDGES, disposeBucket, percentileFromHistogram } from "../../src/lib/stats/histogram.ts";

describe("dispose-hours histogram", () => {
  it("puts durations in the bucket whose edges hold them", () => {
    expect(disposeBucket(0)).toBe(0);
    expect(disposeBucket(0.99)).toBe(0);
    expect(disposeBucket(1)).toBe(1);
    expect(disposeBucket(23.9)).toBe(DISPOSE_HOUR_EDGES.indexOf(20));
    expect(disposeBucket(24)).toBe(DISPOSE_HOUR_EDGES.indexOf(24));
    expect(disposeBucket(1e6)).toBe(DISPOSE_HOUR_EDGES.length - 1);
  });

  it("interpolates percentiles inside a bucket", () => {
    // 10 cases in [4, 6) hours: the median is half way through the bucket.
    expect(percentileFromHistogram(new Map([[disposeBucket(4), 10]]), 0.5)).toBeCloseTo(5, 6);
    // 50 fast (0–1 h) and 50 slow (24–30 h): p90 lies in the slow bucket.
    const h = new Map([[0, 50], [disposeBucket(25), 50]]);
    expect(percentileFromHistogram(h, 0.9)).toBeCloseTo(24 + 0.8 * 6, 6);
    expect(percentileFromHistogram(new Map(), 0.5)).toBeNull();
  });
});
