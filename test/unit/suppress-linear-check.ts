/**
 * An independent check for the suppression tests: which unknowns of a linear system are
 * determined by it (Gaussian elimination, not the graph argument the code under test uses).
 */

/** One published relation: Σ coef·x = 0 over cell indices. */
export type Equation = [cell: number, coef: number][];

/**
 * Indices of hidden cells whose value follows from the equations and the shown cells.
 * Shown cells are constants; only the hidden ones are unknowns.
 */
export function determinedCells(equations: Equation[], hidden: readonly boolean[]): number[] {
  const vars = hidden.flatMap((h, i) => (h ? [i] : []));
  const col = new Map(vars.map((v, k) => [v, k]));
  const m: number[][] = [];
  for (const eq of equations) {
    const row = new Array<number>(vars.length).fill(0);
    let any = false;
    for (const [cell, coef] of eq) {
      const k = col.get(cell);
      if (k !== undefined) {
        row[k]! += coef;
        any = true;
      }
    }
    if (any) m.push(row);
  }
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < vars.length && r < m.length; c++) {
    let p = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![c]!) > 1e-9) { p = i; break; }
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pv = m[r]![c]!;
    for (let k = 0; k < vars.length; k++) m[r]![k]! /= pv;
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]!;
      if (Math.abs(f) > 1e-12) for (let k = 0; k < vars.length; k++) m[i]![k]! -= f * m[r]![k]!;
    }
    pivots[r] = c;
    r++;
  }
  const out: number[] = [];
  for (let i = 0; i < r; i++) {
    const c = pivots[i]!;
    const onlyPivot = m[i]!.every((x, k) => k === c || Math.abs(x) < 1e-9);
    if (onlyPivot) out.push(vars[c]!);
  }
  return out;
}
