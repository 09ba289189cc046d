/**
 * Benchmark of the 15-minute service-circle index at the `city` size: the spatially indexed
 * computation against the all-pairs baseline, on the same data in the same run.
 *
 *   npx node scripts/bench/service-circle.ts
 *
 * The data comes from the demo generator (communities, facilities, facility_categories
 * collected from its sink, in memory). Cases come after those tables, so generation stops
 * as soon as they begin.
 */
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { generate, type Row, type Size } from "../demo/generate.ts";
import { computeServiceCirclesAllPairs } from "../../src/lib/service-circle/all-pairs.ts";
import { computeServiceCircles, type CategoryWeight, type CommunityCircle, type CommunityPoint, type FacilityPoint } from "../../src/lib/service-circle/index.ts";

/** The generator's rows the index needs. */
export type CircleInput = { communities: CommunityPoint[]; facilities: FacilityPoint[]; categories: CategoryWeight[] };

const STOP = Symbol("enough rows");

/** Generates the demo data of a size and keeps communities, facilities and their categories. */
export function circleInput(size: Size = "city"): CircleInput {
  const input: CircleInput = { communities: [], facilities: [], categories: [] };
  const num = (r: Row, k: string) => Number(r[k]);
  let seenFacilities = false;
  try {
    generate({ size, asOf: "2025-12-31" }, (table, row) => {
      if (table === "communities") input.communities.push({ id: String(row.id), lat: num(row, "lat"), lng: num(row, "lng") });
      else if (table === "facility_categories") input.categories.push({ id: String(row.id), weight: num(row, "weight") });
      else if (table === "facilities") {
        seenFacilities = true;
        input.facilities.push({ id: String(row.id), categoryId: String(row.category_id), lat: num(row, "lat"), lng: num(row, "lng") });
      } else if (seenFacilities && (table === "case_categories" || table === "cases")) throw STOP;
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return input;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** Checks the two results agree, so the benchmark never times a wrong answer. */
function sameScores(a: CommunityCircle[], b: CommunityCircle[]): boolean {
  return a.length === b.length && a.every((c, i) => c.score === b[i]!.score && c.within.length === b[i]!.within.length && c.missing.join() === b[i]!.missing.join());
}

/**
 * Times the indexed and the all-pairs index at the `city` size and returns one line with
 * both times and the ratio.
 */
export async function benchServiceCircle(): Promise<string> {
  const input = circleInput("city");
  const { communities, facilities, categories } = input;
  computeServiceCircles(communities.slice(0, 50), facilities, categories); // warm-up (JIT)
  const indexed = time(() => computeServiceCircles(communities, facilities, categories));
  const naive = time(() => computeServiceCirclesAllPairs(communities, facilities, categories));
  if (!sameScores(indexed.value, naive.value)) throw new Error("service circle: indexed and all-pairs results differ");
  const ratio = naive.ms / indexed.ms;
  return `service-circle (city: ${communities.length} communities × ${facilities.length} facilities, ${categories.length} categories): kdbush ${indexed.ms.toFixed(0)} ms, all-pairs ${naive.ms.toFixed(0)} ms, ${ratio.toFixed(1)}× faster`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await benchServiceCircle());
}
