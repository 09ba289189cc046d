import { describe, expect, it } from "vitest";
import { Prng } from "../../src/lib/prng.ts";
import { currentPeriods, parsePeriod } from "../../src/lib/volunteers/period.ts";
import { rankByPoints } from "../../src/lib/volunteers/ranking.ts";

describe("ranking with shared ranks", () => {
  it("gives ties the same rank and skips the places they take", () => {
    const ranked = rankByPoints([{ id: "a", points: 90 }, { id: "b", points: 100 }, { id: "c", points: 100 }, { id: "d", points: 5 }], (x, y) => x.id.localeCompare(y.id));
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([["b", 1], ["c", 1], ["a", 3], ["d", 4]]);
  });

  it("matches a brute-force rank (1 + number of strictly higher scores) on random inputs", () => {
    const rng = new Prng("ranking");
    for (let round = 0; round < 200; round++) {
      const rows = Array.from({ length: rng.int(0, 40) }, (_, i) => ({ id: i, points: rng.int(1, 8) * 5 }));
      const ranked = rankByPoints(rows, (a, b) => a.id - b.id);
      expect(ranked).toHaveLength(rows.length);
      for (const r of ranked) expect(r.rank).toBe(1 + rows.filter((x) => x.points > r.points).length);
      for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.points).toBeLessThanOrEqual(ranked[i - 1]!.points);
    }
  });
});

describe("ranking periods", () => {
  it("parses years, quarters, months and all time into half-open day ranges", () => {
    expect(parsePeriod("2015")).toMatchObject({ kind: "year", from: "2015-01-01", to: "2016-01-01", label: "2015年" });
    expect(parsePeriod("2015-Q3")).toMatchObject({ kind: "quarter", from: "2015-07-01", to: "2015-10-01", label: "2015年第3季度" });
    expect(parsePeriod("2015-Q4")).toMatchObject({ from: "2015-10-01", to: "2016-01-01" });
    expect(parsePeriod("2015-07")).toMatchObject({ kind: "month", from: "2015-07-01", to: "2015-08-01", label: "2015年7月" });
    expect(parsePeriod("2015-12")).toMatchObject({ from: "2015-12-01", to: "2016-01-01" });
    expect(parsePeriod("all")).toMatchObject({ kind: "all" });
    const all = parsePeriod("all")!;
    expect("2015-03-01" >= all.from && "2015-03-01" < all.to).toBe(true);
  });

  it("refuses malformed periods", () => {
    for (const bad of ["", "15", "2015-Q5", "2015-Q0", "2015-13", "2015-00", "2015-7", "1999", "ALL", "2015-q3", "2015-07-01"]) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });

  it("lists all time, the year, the quarter and the month of a reference day", () => {
    expect(currentPeriods("2026-11-27").map((p) => p.id)).toEqual(["all", "2026", "2026-Q4", "2026-11"]);
    expect(currentPeriods("2015-01-01").map((p) => p.id)).toEqual(["all", "2015", "2015-Q1", "2015-01"]);
  });
});

describe("published periods", () => {
  it("publishes all four periods for the district and streets, all time and the year for communities, and links to pages that exist", async () => {
    const { publishedPeriods, linkPeriod } = await import("../../src/lib/volunteers/period.ts");
    const periods = currentPeriods("2026-11-27");
    expect(publishedPeriods(periods, "street").map((p) => p.id)).toEqual(["all", "2026", "2026-Q4", "2026-11"]);
    expect(publishedPeriods(periods, "community").map((p) => p.id)).toEqual(["all", "2026"]);
    expect(linkPeriod(periods, "community", periods[3]!).id).toBe("2026");
    expect(linkPeriod(periods, "community", periods[0]!).id).toBe("all");
    expect(linkPeriod(periods, "district", periods[2]!).id).toBe("2026-Q4");
  });
});
