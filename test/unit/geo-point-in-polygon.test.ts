import { describe, expect, it } from "vitest";
import { pickContaining, pointInGeometry, pointInRing, type PolygonGeometry, type Ring } from "../../src/lib/geo/point-in-polygon.ts";
import { Prng } from "../../src/lib/prng.ts";

const square = (w: number, s: number, e: number, n: number): Ring => [[w, s], [e, s], [e, n], [w, n], [w, s]];
const poly = (...rings: Ring[]): PolygonGeometry => ({ type: "Polygon", coordinates: rings });

describe("pointInGeometry", () => {
  const sq = poly(square(113.6, 34.7, 113.61, 34.71));

  it("finds points inside and outside a square", () => {
    expect(pointInGeometry(113.605, 34.705, sq)).toBe(true);
    expect(pointInGeometry(113.615, 34.705, sq)).toBe(false);
    expect(pointInGeometry(113.605, 34.69, sq)).toBe(false);
  });

  it("treats edges half-open: west and south borders belong to the polygon, east and north do not", () => {
    expect(pointInGeometry(113.6, 34.705, sq)).toBe(true); // west edge
    expect(pointInGeometry(113.605, 34.7, sq)).toBe(true); // south edge
    expect(pointInGeometry(113.61, 34.705, sq)).toBe(false); // east edge
    expect(pointInGeometry(113.605, 34.71, sq)).toBe(false); // north edge
    expect(pointInGeometry(113.6, 34.7, sq)).toBe(true); // south-west corner
    expect(pointInGeometry(113.61, 34.71, sq)).toBe(false); // north-east corner
  });

  it("works the same whichever way a ring winds", () => {
    const cw = poly([...square(113.6, 34.7, 113.61, 34.71)].reverse());
    for (const [x, y] of [[113.605, 34.705], [113.6, 34.705], [113.61, 34.705], [113.605, 34.7], [113.605, 34.71]] as const) {
      expect(pointInGeometry(x, y, cw)).toBe(pointInGeometry(x, y, sq));
    }
  });

  it("excludes holes, and a polygon filling the hole gets the points there", () => {
    const withHole = poly(square(0, 0, 10, 10), square(4, 4, 6, 6));
    const filler = poly(square(4, 4, 6, 6));
    expect(pointInGeometry(2, 2, withHole)).toBe(true);
    expect(pointInGeometry(5, 5, withHole)).toBe(false);
    expect(pointInGeometry(5, 5, filler)).toBe(true);
    // On the hole's border: exactly one of the ring and its filler.
    for (const [x, y] of [[4, 5], [6, 5], [5, 4], [5, 6], [4, 4], [6, 6], [4, 6], [6, 4]] as const) {
      expect(Number(pointInGeometry(x, y, withHole)) + Number(pointInGeometry(x, y, filler)), `(${x}, ${y})`).toBe(1);
    }
  });

  it("handles a concave polygon (an L shape, like the district outline)", () => {
    const l = poly([[0, 0], [2, 0], [2, 2], [1, 2], [1, 1], [0, 1], [0, 0]]);
    expect(pointInGeometry(0.5, 0.5, l)).toBe(true);
    expect(pointInGeometry(1.5, 1.5, l)).toBe(true);
    expect(pointInGeometry(0.5, 1.5, l)).toBe(false); // the notch
  });

  it("handles MultiPolygons", () => {
    const m: PolygonGeometry = { type: "MultiPolygon", coordinates: [[square(0, 0, 1, 1)], [square(2, 0, 3, 1)]] };
    expect(pointInGeometry(0.5, 0.5, m)).toBe(true);
    expect(pointInGeometry(2.5, 0.5, m)).toBe(true);
    expect(pointInGeometry(1.5, 0.5, m)).toBe(false);
  });

  it("pointInRing agrees with a one-ring polygon", () => {
    expect(pointInRing(113.605, 34.705, square(113.6, 34.7, 113.61, 34.71))).toBe(true);
    expect(pointInRing(113.7, 34.705, square(113.6, 34.7, 113.61, 34.71))).toBe(false);
  });
});

describe("shared borders get exactly one grid", () => {
  /** A jittered lattice of quads like the demo generator's, tiling [w,e]×[s,n] exactly. */
  function lattice(rng: Prng, cols: number, rows: number): { points: number[][][]; cells: { id: string; geometry: PolygonGeometry }[] } {
    const points: number[][][] = [];
    for (let j = 0; j <= rows; j++) {
      const line: number[][] = [];
      for (let i = 0; i <= cols; i++) {
        const jx = i > 0 && i < cols ? rng.range(-0.22, 0.22) : 0;
        const jy = j > 0 && j < rows ? rng.range(-0.22, 0.22) : 0;
        line.push([Math.round((113.6 + ((i + jx) * 0.01) / cols) * 1e6) / 1e6, Math.round((34.7 + ((j + jy) * 0.01) / rows) * 1e6) / 1e6]);
      }
      points.push(line);
    }
    const cells = [];
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        const ring = [points[j]![i]!, points[j]![i + 1]!, points[j + 1]![i + 1]!, points[j + 1]![i]!, points[j]![i]!];
        cells.push({ id: `${j}-${i}`, geometry: poly(ring) });
      }
    }
    return { points, cells };
  }

  const count = (cells: { geometry: PolygonGeometry }[], x: number, y: number) => cells.filter((c) => pointInGeometry(x, y, c.geometry)).length;

  it("every interior lattice vertex (where four grids meet) is in exactly one grid", () => {
    for (let seed = 0; seed < 20; seed++) {
      const { points, cells } = lattice(new Prng(`vertices-${seed}`), 4, 3);
      for (let j = 1; j < 3; j++) for (let i = 1; i < 4; i++) expect(count(cells, points[j]![i]![0]!, points[j]![i]![1]!)).toBe(1);
    }
  });

  it("points along every interior edge, and just either side of it, are each in exactly one grid", () => {
    const rng = new Prng("edges");
    for (let seed = 0; seed < 10; seed++) {
      const { points, cells } = lattice(new Prng(`edges-${seed}`), 3, 3);
      const edges: [number[], number[]][] = [];
      for (let j = 0; j <= 3; j++) for (let i = 0; i < 3; i++) if (j > 0 && j < 3) edges.push([points[j]![i]!, points[j]![i + 1]!]);
      for (let j = 0; j < 3; j++) for (let i = 1; i < 3; i++) edges.push([points[j]![i]!, points[j + 1]![i]!]);
      for (const [a, b] of edges) {
        for (let k = 0; k < 25; k++) {
          const t = rng.next();
          const x = a[0]! + (b[0]! - a[0]!) * t;
          const y = a[1]! + (b[1]! - a[1]!) * t;
          expect(count(cells, x, y), `point ${x},${y}`).toBe(1);
          expect(count(cells, x + 1e-9, y)).toBe(1);
          expect(count(cells, x - 1e-9, y)).toBe(1);
        }
      }
    }
  });

  it("axis-aligned neighbours: the shared border goes to the east / north grid", () => {
    const west = { id: "a", geometry: poly(square(113.6, 34.7, 113.61, 34.71)) };
    const east = { id: "b", geometry: poly(square(113.61, 34.7, 113.62, 34.71)) };
    expect(pickContaining(113.61, 34.705, [west, east])?.id).toBe("b");
    expect(pickContaining(113.61, 34.705, [east, west])?.id).toBe("b");
    const south = { id: "c", geometry: poly(square(113.6, 34.69, 113.61, 34.7)) };
    expect(pickContaining(113.605, 34.7, [west, south])?.id).toBe("a");
  });

  it("pickContaining is deterministic for overlapping data (lowest id) and null outside", () => {
    const a = { id: "2", geometry: poly(square(0, 0, 2, 2)) };
    const b = { id: "1", geometry: poly(square(1, 1, 3, 3)) };
    expect(pickContaining(1.5, 1.5, [a, b])?.id).toBe("1");
    expect(pickContaining(1.5, 1.5, [b, a])?.id).toBe("1");
    expect(pickContaining(5, 5, [a, b])).toBeNull();
  });
});
