/**
 * Small-count suppression with complementary suppression.
 *
 * Counts 1–4 (primary cells) are not published ("<5"). Hiding them is not enough when the
 * table also publishes row and column totals: a single hidden cell in a row equals the row
 * total minus the shown cells. So further cells are hidden (secondary, "complementary") until
 * no hidden cell can be recomputed from the published figures.
 *
 * The model: every published relation is an equation "parts − total = 0", and every number
 * appears in exactly two equations (an interior cell in its row and its column; a row total in
 * its row and the column of totals; …). Such a system is the incidence matrix of a graph whose
 * vertices are the equations and whose edges are the numbers. Knowing the shown numbers, the
 * hidden ones can vary exactly along cycles of the graph of hidden edges, so a hidden number is
 * determined if and only if its edge is a bridge of that graph. We add complements until the
 * hidden graph has no bridge, preferring small positive cells (a zero complement would narrow
 * the feasible range of its neighbours).
 */

/** Counts below this and above zero are primary-suppressed. */
export const SUPPRESSION_THRESHOLD = 5;

/** One published number, as an edge between the two equations it takes part in. */
export type SuppressionEdge = {
  /** The two equations (vertices) the number takes part in. */
  u: string;
  v: string;
  value: number;
  /** Published in any case (a coarser figure such as a street total): never hidden. */
  fixed?: boolean;
  /** May be primary-suppressed (default true). */
  sensitive?: boolean;
  /** How much withholding this number costs readers, as a factor (default 1): complements prefer cheap numbers. */
  cost?: number;
};

/** How a number is published. */
export type CellStatus = "shown" | "primary" | "secondary";

/** True for a count that must not be published on its own. */
export function isSmallCount(n: number, threshold = SUPPRESSION_THRESHOLD): boolean {
  return n > 0 && n < threshold;
}

/** Bridges of the multigraph made of the edges with hidden[i] true (iterative Tarjan). */
export function findBridges(edges: readonly SuppressionEdge[], hidden: readonly boolean[]): number[] {
  const adj = new Map<string, [string, number][]>();
  const link = (a: string, b: string, i: number) => {
    let l = adj.get(a);
    if (!l) adj.set(a, (l = []));
    l.push([b, i]);
  };
  edges.forEach((e, i) => {
    if (!hidden[i]) return;
    link(e.u, e.v, i);
    link(e.v, e.u, i);
  });
  const disc = new Map<string, number>();
  const low = new Map<string, number>();
  const bridges: number[] = [];
  let time = 0;
  for (const root of adj.keys()) {
    if (disc.has(root)) continue;
    // Stack frames: vertex, the edge we came by, the next neighbour index.
    const stack: [string, number, number][] = [[root, -1, 0]];
    disc.set(root, time);
    low.set(root, time++);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const [v, via] = frame;
      const list = adj.get(v)!;
      if (frame[2] < list.length) {
        const [w, ei] = list[frame[2]++]!;
        if (ei === via) continue;
        if (disc.has(w)) {
          low.set(v, Math.min(low.get(v)!, disc.get(w)!));
        } else {
          disc.set(w, time);
          low.set(w, time++);
          stack.push([w, ei, 0]);
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          const p = parent[0];
          low.set(p, Math.min(low.get(p)!, low.get(v)!));
          if (low.get(v)! > disc.get(p)!) bridges.push(via);
        }
      }
    }
  }
  return bridges;
}

/** Vertices reachable from `start` through hidden edges, not crossing edge `skip`. */
function component(edges: readonly SuppressionEdge[], hidden: readonly boolean[], start: string, skip: number): Set<string> {
  const adj = new Map<string, string[]>();
  edges.forEach((e, i) => {
    if (!hidden[i] || i === skip) return;
    (adj.get(e.u) ?? adj.set(e.u, []).get(e.u)!).push(e.v);
    (adj.get(e.v) ?? adj.set(e.v, []).get(e.v)!).push(e.u);
  });
  const seen = new Set([start]);
  const todo = [start];
  while (todo.length) {
    for (const w of adj.get(todo.pop()!) ?? []) {
      if (!seen.has(w)) {
        seen.add(w);
        todo.push(w);
      }
    }
  }
  return seen;
}

/**
 * Decides which numbers to publish. Returns one status per edge: primary for counts 1–4 of
 * sensitive edges (and any edge listed in `forceHidden`), secondary for the complements that
 * keep every hidden number from being recomputed from the published ones.
 */
export function protectGraph(edges: readonly SuppressionEdge[], options: { threshold?: number; forceHidden?: readonly number[] } = {}): CellStatus[] {
  const threshold = options.threshold ?? SUPPRESSION_THRESHOLD;
  const status: CellStatus[] = edges.map((e) => (e.sensitive !== false && !e.fixed && isSmallCount(e.value, threshold) ? "primary" : "shown"));
  for (const i of options.forceHidden ?? []) status[i] = "primary";
  const hidden = status.map((s) => s !== "shown");
  // Each round hides one more edge, so this ends after at most edges.length rounds.
  for (let round = 0; round <= edges.length; round++) {
    const bridges = findBridges(edges, hidden);
    if (bridges.length === 0) break;
    const b = bridges[0]!;
    const sideU = component(edges, hidden, edges[b]!.u, b);
    const sideV = sideU.has(edges[b]!.v) ? sideU : component(edges, hidden, edges[b]!.v, b);
    let best = -1;
    let bestScore = Infinity;
    edges.forEach((e, i) => {
      if (hidden[i] || e.fixed) return;
      const uIn = sideU.has(e.u) || sideV.has(e.u);
      const vIn = sideU.has(e.v) || sideV.has(e.v);
      if (!uIn && !vIn) return;
      // Best: an edge across the cut, which closes a cycle through the bridge at once.
      const across = (sideU.has(e.u) && sideV.has(e.v)) || (sideV.has(e.u) && sideU.has(e.v));
      // Then an edge that reaches another hidden vertex (likely to close a cycle soon).
      const score = (across ? 0 : uIn && vIn ? 1e9 : 2e9) + (e.value > 0 ? e.value * (e.cost ?? 1) : 1e8);
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    });
    if (best < 0) break; // Only fixed figures left: the number equals a published coarser figure.
    hidden[best] = true;
    status[best] = "secondary";
  }
  return status;
}

/** Statuses of a two-way table with its totals. */
export type TableProtection = {
  cells: CellStatus[][];
  rowTotals: CellStatus[];
  columnTotals: CellStatus[];
  grandTotal: CellStatus;
};

/**
 * Protects a two-way table of counts whose row totals, column totals and grand total are
 * published too. Totals may be marked fixed (published elsewhere at a coarser level); rows
 * listed in `hiddenRows` have their total hidden from the start (e.g. hidden in another table).
 */
export function protectTable(
  cells: readonly (readonly number[])[],
  options: { fixedRowTotals?: boolean; fixedColumnTotals?: boolean; fixedGrandTotal?: boolean; hiddenRowTotals?: readonly number[]; threshold?: number } = {},
): TableProtection {
  const rows = cells.length;
  const cols = rows ? cells[0]!.length : 0;
  const edges: SuppressionEdge[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) edges.push({ u: `r${i}`, v: `c${j}`, value: cells[i]![j]! });
  const rowTotal = (i: number) => cells[i]!.reduce((a, b) => a + b, 0);
  const colTotal = (j: number) => cells.reduce((a, r) => a + r[j]!, 0);
  for (let i = 0; i < rows; i++) edges.push({ u: `r${i}`, v: "CT", value: rowTotal(i), fixed: options.fixedRowTotals });
  for (let j = 0; j < cols; j++) edges.push({ u: "RT", v: `c${j}`, value: colTotal(j), fixed: options.fixedColumnTotals });
  edges.push({ u: "RT", v: "CT", value: cells.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0), fixed: options.fixedGrandTotal ?? true });
  const status = protectGraph(edges, { threshold: options.threshold, forceHidden: (options.hiddenRowTotals ?? []).map((i) => rows * cols + i) });
  return {
    cells: Array.from({ length: rows }, (_, i) => status.slice(i * cols, (i + 1) * cols)),
    rowTotals: status.slice(rows * cols, rows * cols + rows),
    columnTotals: status.slice(rows * cols + rows, rows * cols + rows + cols),
    grandTotal: status[status.length - 1]!,
  };
}

/** A published count: the number, "<5" for a small count, or null for a complementary cell. */
export type PublishedCount = number | "<5" | null;

/** The published form of a count with its status. */
export function publish(value: number, status: CellStatus): PublishedCount {
  return status === "shown" ? value : status === "primary" ? "<5" : null;
}

/** How a published count reads on a page: the number, "<5", or "*" for a complementary cell. */
export function formatPublished(value: PublishedCount, format: (n: number) => string = String): string {
  return value === null ? "*" : value === "<5" ? "<5" : format(value);
}
