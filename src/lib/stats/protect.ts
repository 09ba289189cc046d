/**
 * Which published statistics are protected, and how. Breakdowns finer than street × month
 * (anything by community or grid, and street × category) show counts 1–4 as "<5" with
 * complementary suppression (src/lib/privacy/suppress.ts); district- and street-level figures
 * are coarse enough to publish as they are.
 */
import { protectGraph, publish, type CellStatus, type PublishedCount, type SuppressionEdge } from "../privacy/suppress.ts";

/** Counts of one unit (community or grid): recorded = disposed + open = patrol + resident. */
export type UnitCounts = { id: string; parent: string; recorded: number; disposed: number; patrol: number; resident: number };

/** Published counts of one unit. */
export type PublishedUnit = {
  id: string;
  recorded: PublishedCount;
  disposed: PublishedCount;
  open: PublishedCount;
  patrol: PublishedCount;
  resident: PublishedCount;
  /** False when any of the unit's counts is withheld (rates derived from them are withheld too). */
  complete: boolean;
};

/**
 * Protects units grouped in blocks whose totals are published (communities within a street,
 * grids within a community). Each unit publishes recorded, disposed and patrol/resident, so
 * also open = recorded − disposed; the equations per unit (patrol + resident = recorded =
 * disposed + open) and per block column make a graph (two vertices per unit), which
 * protectGraph handles exactly. Blocks listed in `hiddenBlocks` (their totals are withheld
 * elsewhere) are withheld entirely.
 */
export function protectUnits(units: readonly UnitCounts[], hiddenBlocks: ReadonlySet<string> = new Set()): Map<string, PublishedUnit> {
  const out = new Map<string, PublishedUnit>();
  const blocks = new Map<string, UnitCounts[]>();
  for (const u of units) (blocks.get(u.parent) ?? blocks.set(u.parent, []).get(u.parent)!).push(u);
  for (const [block, list] of blocks) {
    const edges: SuppressionEdge[] = [];
    for (const u of list) {
      const open = u.recorded - u.disposed;
      edges.push(
        { u: `a:${u.id}`, v: "P", value: u.patrol },
        { u: `a:${u.id}`, v: "R", value: u.resident },
        { u: `a:${u.id}`, v: `b:${u.id}`, value: u.recorded, cost: 4 },
        { u: `b:${u.id}`, v: "D", value: u.disposed },
        { u: `b:${u.id}`, v: "O", value: open },
      );
    }
    const status: CellStatus[] = hiddenBlocks.has(block)
      ? edges.map((e) => (e.value > 0 && e.value < 5 ? "primary" : "secondary"))
      : protectGraph(edges);
    list.forEach((u, k) => {
      const s = status.slice(k * 5, k * 5 + 5);
      const [pS, rS, recS, dS, oS] = s as [CellStatus, CellStatus, CellStatus, CellStatus, CellStatus];
      out.set(u.id, {
        id: u.id,
        recorded: publish(u.recorded, recS),
        disposed: publish(u.disposed, dS),
        open: publish(u.recorded - u.disposed, oS),
        patrol: publish(u.patrol, pS),
        resident: publish(u.resident, rS),
        complete: [pS, rS, recS, dS, oS].every((x) => x === "shown"),
      });
    });
  }
  return out;
}

/** Recorded and disposed counts of one row of a breakdown. */
export type RowCounts = { recorded: number; disposed: number };

/** A protected breakdown row: counts as published and the rate when both are shown. */
export type PublishedRow = { recorded: PublishedCount; disposed: PublishedCount; open?: PublishedCount; disposalRate: number | null };

/** Totals of a breakdown that are withheld at the scope's own level. */
export type HiddenTotals = { recorded?: boolean; disposed?: boolean };

/**
 * Protects the rows of a breakdown against the scope's totals: each row publishes recorded and
 * disposed (so also open). Totals withheld at the scope's level stay withheld; with the
 * recorded total withheld every row is withheld.
 */
export function protectRows(rows: readonly RowCounts[], hiddenTotals: HiddenTotals = {}): PublishedRow[] {
  if (hiddenTotals.recorded) {
    return rows.map((r) => ({ recorded: r.recorded > 0 && r.recorded < 5 ? "<5" : null, disposed: r.disposed > 0 && r.disposed < 5 ? "<5" : null, disposalRate: null }));
  }
  const edges: SuppressionEdge[] = [];
  rows.forEach((r, i) => {
    edges.push(
      { u: `r${i}`, v: "D", value: r.disposed },
      { u: `r${i}`, v: "O", value: r.recorded - r.disposed },
      { u: `r${i}`, v: "T", value: r.recorded, cost: 4 },
    );
  });
  // The totals: disposed + open = recorded, published unless withheld at the scope's level.
  const sum = (k: (r: RowCounts) => number) => rows.reduce((a, r) => a + k(r), 0);
  const n = edges.length;
  edges.push(
    { u: "D", v: "X", value: sum((r) => r.disposed), fixed: !hiddenTotals.disposed },
    { u: "O", v: "X", value: sum((r) => r.recorded - r.disposed), fixed: !hiddenTotals.disposed },
    { u: "T", v: "X", value: sum((r) => r.recorded), fixed: true },
  );
  const status = protectGraph(edges, { forceHidden: hiddenTotals.disposed ? [n, n + 1] : [] });
  return rows.map((r, i) => {
    const [dS, oS, tS] = [status[i * 3]!, status[i * 3 + 1]!, status[i * 3 + 2]!];
    const shown = dS === "shown" && oS === "shown" && tS === "shown";
    return {
      recorded: publish(r.recorded, tS),
      disposed: publish(r.disposed, dS),
      open: publish(r.recorded - r.disposed, oS),
      disposalRate: shown && r.recorded > 0 ? r.disposed / r.recorded : null,
    };
  });
}

/** Rows as published without protection (coarse breakdowns). */
export function openRows(rows: readonly RowCounts[]): PublishedRow[] {
  return rows.map((r) => ({ recorded: r.recorded, disposed: r.disposed, open: r.recorded - r.disposed, disposalRate: r.recorded > 0 ? r.disposed / r.recorded : null }));
}
