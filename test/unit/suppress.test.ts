import { describe, expect, it } from "vitest";
import { Prng } from "../../src/lib/prng.ts";
import { formatPublished, protectTable, publish, type TableProtection } from "../../src/lib/privacy/suppress.ts";
import { determinedCells, type Equation } from "./suppress-linear-check.ts";

/** Flattens a table and its totals into cells and the equations a reader can form from them. */
function tableSystem(cells: number[][], p: TableProtection) {
  const rows = cells.length;
  const cols = cells[0]!.length;
  const values: number[] = [];
  const hidden: boolean[] = [];
  const add = (v: number, s: string) => (values.push(v), hidden.push(s !== "shown"), values.length - 1);
  const x = cells.map((r, i) => r.map((v, j) => add(v, p.cells[i]![j]!)));
  const rt = cells.map((r, i) => add(r.reduce((a, b) => a + b, 0), p.rowTotals[i]!));
  const ct = cells[0]!.map((_, j) => add(cells.reduce((a, r) => a + r[j]!, 0), p.columnTotals[j]!));
  const g = add(cells.flat().reduce((a, b) => a + b, 0), p.grandTotal);
  const eqs: Equation[] = [];
  for (let i = 0; i < rows; i++) eqs.push([...x[i]!.map((c) => [c, 1] as [number, number]), [rt[i]!, -1]]);
  for (let j = 0; j < cols; j++) eqs.push([...x.map((r) => [r[j]!, 1] as [number, number]), [ct[j]!, -1]]);
  eqs.push([...rt.map((c) => [c, 1] as [number, number]), [g, -1]]);
  eqs.push([...ct.map((c) => [c, 1] as [number, number]), [g, -1]]);
  return { values, hidden, eqs };
}

describe("small-count suppression", () => {
  it("hides 1–4 as <5, shows 0 and ≥5, and marks complements", () => {
    const cells = [
      [3, 20, 30],
      [12, 40, 9],
      [25, 8, 14],
    ];
    const p = protectTable(cells);
    expect(p.cells[0]![0]).toBe("primary");
    expect(formatPublished(publish(3, p.cells[0]![0]!))).toBe("<5");
    // The row and the column of the 3 each need a second hidden cell.
    expect(p.cells[0]!.filter((s) => s !== "shown").length).toBeGreaterThanOrEqual(2);
    expect(p.cells.map((r) => r[0]!).filter((s) => s !== "shown").length).toBeGreaterThanOrEqual(2);
    expect(p.cells.flat().filter((s) => s === "secondary").length).toBeGreaterThanOrEqual(3);
    expect(formatPublished(publish(9, "secondary"))).toBe("*");
    expect(protectTable([[0, 7], [5, 9]]).cells.flat()).toEqual(["shown", "shown", "shown", "shown"]);
  });

  it("leaves no suppressed cell recoverable from row and column totals (random tables)", () => {
    const rng = new Prng("suppress");
    let tables = 0;
    let hiddenTotal = 0;
    for (let t = 0; t < 300; t++) {
      const rows = rng.int(2, 9);
      const cols = rng.int(2, 6);
      // Skewed counts: many zeros and small counts, some large ones.
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (rng.chance(0.25) ? 0 : rng.chance(0.4) ? rng.int(1, 4) : rng.int(5, 60))),
      );
      const p = protectTable(cells, { fixedGrandTotal: rng.chance(0.5) });
      const sys = tableSystem(cells, p);
      // Every count 1–4 is hidden.
      sys.values.forEach((v, i) => {
        if (v > 0 && v < 5 && !(i === sys.values.length - 1 && p.grandTotal === "shown")) expect(sys.hidden[i]).toBe(true);
      });
      expect(determinedCells(sys.eqs, sys.hidden)).toEqual([]);
      tables++;
      hiddenTotal += sys.hidden.filter(Boolean).length;
    }
    expect(tables).toBe(300);
    expect(hiddenTotal).toBeGreaterThan(300);
  });

  it("the independent check does catch a naive suppression (only the small cells hidden)", () => {
    const cells = [[3, 20], [12, 40]];
    const naive: TableProtection = { cells: [["primary", "shown"], ["shown", "shown"]], rowTotals: ["shown", "shown"], columnTotals: ["shown", "shown"], grandTotal: "shown" };
    const sys = tableSystem(cells, naive);
    expect(determinedCells(sys.eqs, sys.hidden)).toEqual([0]);
  });

  it("hides a row whose total is hidden elsewhere without leaving it recoverable", () => {
    const cells = [[30, 20], [12, 40], [25, 8]];
    const p = protectTable(cells, { hiddenRowTotals: [1] });
    expect(p.rowTotals[1]).toBe("primary");
    expect(determinedCells(tableSystem(cells, p).eqs, tableSystem(cells, p).hidden)).toEqual([]);
  });
});
