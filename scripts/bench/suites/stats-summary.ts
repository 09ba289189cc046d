/**
 * The statistics summary from the rollups at district and city size, against a naive GROUP BY
 * over the raw cases (it starts its own servers; the city database is the one run.ts uses).
 */
import { benchStatsSummary } from "../stats-summary.ts";
import type { CustomBenchmark } from "../types.ts";

export const custom: CustomBenchmark[] = [
  { name: "stats-summary", ownServer: true, run: async () => "\n" + (await benchStatsSummary()).join("\n") },
];
