/**
 * Grid locate and search. Locate gets random points over the 二七区 outline (an L shape; a few
 * fall between grids and answer 404, which counts as an answer). Search cycles through the
 * kinds of query residents type: Chinese prefixes and infixes, pinyin, initials, grid ids.
 */
import { Prng } from "../../../src/lib/prng.ts";
import type { Benchmark } from "../types.ts";

const rng = new Prng("bench-grids");
/** The district outline of the demo generator as two boxes: [west, south, east, north]. */
const BOXES = [[113.52, 34.6, 113.69, 34.68], [113.6, 34.68, 113.69, 34.762]] as const;
const QUERIES = ["福华", "福华南街", "南街", "社区", "花园", "建中", "fuhua", "fhnj", "jianzhong", "hh", "huaihe", "xq", "41010308", "淮河路", "小区", "ml"];

let q = 0;
export const benchmarks: Benchmark[] = [
  {
    name: "grids.locate",
    note: "random points in 二七区",
    okStatus: [200, 404],
    nextPath: () => {
      const b = BOXES[rng.next() < 0.6 ? 0 : 1]!;
      const lng = b[0] + rng.next() * (b[2] - b[0]);
      const lat = b[1] + rng.next() * (b[3] - b[1]);
      return `/api/grids/locate?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}`;
    },
  },
  {
    name: "grids.search",
    note: `${QUERIES.length} queries, Chinese/pinyin/initials/id`,
    nextPath: () => `/api/grids/search?q=${encodeURIComponent(QUERIES[q++ % QUERIES.length]!)}`,
  },
];
