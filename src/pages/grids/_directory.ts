/**
 * The grid directory for the prerendered pages: loaded from D1 once per build (a few
 * queries) and shared by getStaticPaths and every page render in the same build worker.
 */
import { env } from "cloudflare:workers";
import { loadGridDirectory, type GridDirectory, type GridEntry } from "../../lib/db/grids.ts";
import { getSiteInfo, type SiteInfo } from "../../lib/db/overview.ts";

/** A grid directory with the neighbours of every grid precomputed. */
export type Directory = GridDirectory & { neighbours: Map<string, string[]> };

let cached: Promise<Directory> | undefined;

/** The directory, loaded on first use. */
export function getDirectory(): Promise<Directory> {
  cached ??= loadGridDirectory(env.DB).then((d) => ({ ...d, neighbours: findNeighbours([...d.grids.values()]) }));
  return cached;
}

let site: Promise<SiteInfo> | undefined;

/** The site facts (demo flag, district name), read once per build for the posters. */
export function getSiteOnce(): Promise<SiteInfo> {
  site ??= getSiteInfo(env.DB);
  return site;
}

/** Same-level grids whose bounding boxes touch or overlap: the grids drawn around a grid on its map. */
function findNeighbours(grids: GridEntry[]): Map<string, string[]> {
  const eps = 1e-6;
  const out = new Map<string, string[]>(grids.map((g) => [g.id, []]));
  // Sweep by min_lng so each grid is compared only with grids overlapping it in longitude.
  const byLevel = new Map<number, GridEntry[]>();
  for (const g of grids) byLevel.set(g.level, [...(byLevel.get(g.level) ?? []), g]);
  for (const list of byLevel.values()) {
    list.sort((a, b) => a.bbox.minLng - b.bbox.minLng);
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length && list[j]!.bbox.minLng <= a.bbox.maxLng + eps; j++) {
        const b = list[j]!;
        if (b.bbox.minLat <= a.bbox.maxLat + eps && a.bbox.minLat <= b.bbox.maxLat + eps) {
          out.get(a.id)!.push(b.id);
          out.get(b.id)!.push(a.id);
        }
      }
    }
  }
  for (const ids of out.values()) ids.sort();
  return out;
}

/** The ancestors of a grid, from the street down to its parent. */
export function ancestorsOf(dir: GridDirectory, grid: GridEntry): GridEntry[] {
  const chain: GridEntry[] = [];
  for (let p = grid.parentId ? dir.grids.get(grid.parentId) : undefined; p; p = p.parentId ? dir.grids.get(p.parentId) : undefined) chain.unshift(p);
  return chain;
}
