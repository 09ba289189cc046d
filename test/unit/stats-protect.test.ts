import { describe, expect, it } from "vitest";
import { Prng } from "../../src/lib/prng.ts";
import { protectRows, protectUnits, type UnitCounts } from "../../src/lib/stats/protect.ts";
import { determinedCells, type Equation } from "./suppress-linear-check.ts";

const small = (v: number) => v > 0 && v < 5;

describe("protection of community and grid figures", () => {
  it("no withheld unit figure follows from the others and the block totals (random blocks)", () => {
    const rng = new Prng("units");
    let withheld = 0;
    for (let t = 0; t < 200; t++) {
      const units: UnitCounts[] = Array.from({ length: rng.int(2, 8) }, (_, i) => {
        const recorded = rng.chance(0.2) ? rng.int(0, 6) : rng.int(5, 80);
        const disposed = Math.max(0, recorded - (rng.chance(0.5) ? rng.int(0, 4) : rng.int(0, recorded)));
        const patrol = rng.int(0, recorded);
        return { id: `u${i}`, parent: "b", recorded, disposed, patrol, resident: recorded - patrol };
      });
      const out = protectUnits(units);
      // Cells: per unit p, r, rec, d, o; then the four block totals (published).
      const values: number[] = [];
      const hidden: boolean[] = [];
      const eqs: Equation[] = [];
      const cols: number[][] = [[], [], [], []];
      for (const u of units) {
        const pub = out.get(u.id)!;
        const base = values.length;
        const vals = [u.patrol, u.resident, u.recorded, u.disposed, u.recorded - u.disposed];
        const shown = [pub.patrol, pub.resident, pub.recorded, pub.disposed, pub.open].map((v) => typeof v === "number");
        vals.forEach((v, k) => {
          values.push(v);
          hidden.push(!shown[k]);
          if (small(v)) expect(shown[k], `unit ${u.id} field ${k} = ${v}`).toBe(false);
        });
        eqs.push([[base, 1], [base + 1, 1], [base + 2, -1]], [[base + 3, 1], [base + 4, 1], [base + 2, -1]]);
        cols[0]!.push(base);
        cols[1]!.push(base + 1);
        cols[2]!.push(base + 3);
        cols[3]!.push(base + 4);
        withheld += shown.filter((s) => !s).length;
      }
      for (const c of cols) {
        const total = values.length;
        values.push(c.reduce((a, i) => a + values[i]!, 0));
        hidden.push(false);
        eqs.push([...c.map((i) => [i, 1] as [number, number]), [total, -1]]);
      }
      expect(determinedCells(eqs, hidden)).toEqual([]);
    }
    expect(withheld).toBeGreaterThan(100);
  });

  it("withholds a whole block whose totals are withheld elsewhere", () => {
    const out = protectUnits([{ id: "g1", parent: "c", recorded: 40, disposed: 38, patrol: 20, resident: 20 }, { id: "g2", parent: "c", recorded: 3, disposed: 3, patrol: 1, resident: 2 }], new Set(["c"]));
    expect(out.get("g1")!.recorded).toBeNull();
    expect(out.get("g2")!.recorded).toBe("<5");
  });

  it("protects breakdown rows against the published totals", () => {
    const rows = [{ recorded: 30, disposed: 27 }, { recorded: 2, disposed: 2 }, { recorded: 50, disposed: 49 }, { recorded: 12, disposed: 12 }];
    const out = protectRows(rows);
    expect(out[1]!.recorded).toBe("<5");
    // Rows 0 and 2 have 3 and 1 open: their open counts are withheld, and so is enough else.
    expect(out[0]!.open).toBe("<5");
    expect(out[2]!.open).toBe("<5");
    const hiddenRecorded = out.filter((r) => typeof r.recorded !== "number").length;
    expect(hiddenRecorded).toBeGreaterThanOrEqual(2);
    expect(out.every((r) => r.disposalRate === null || (typeof r.recorded === "number" && typeof r.disposed === "number"))).toBe(true);
  });
});
