/** What a benchmark suite module in scripts/bench/suites/ exports. */

/** One load test: a stream of GET paths against the Worker. */
export type Benchmark = {
  /** Short name printed at the start of the result line, e.g. "grids.locate". */
  name: string;
  /** Returns the next request path (called once per request; vary it to avoid one hot row). */
  nextPath: () => string;
  /** Status codes that count as answers (default 2xx); anything else is reported as an error. */
  okStatus?: number[];
  /** What the line should say about the workload, e.g. "random points in the district". */
  note?: string;
};

/**
 * A benchmark that does its own measuring and returns its result line(s). It gets the shared
 * server's URL, unless `ownServer` says it starts its own servers (or needs none): then it runs
 * after the shared server has stopped, so nothing else competes for the machine.
 */
export type CustomBenchmark = { name: string; ownServer?: boolean; run: (baseUrl: string) => Promise<string> };

/**
 * A suite module exports any of: `benchmarks` (measured by run.ts against the health
 * baseline), `custom` (benchmarks with their own measuring), and `vars` (wrangler vars the
 * server needs, passed as `--var KEY:VALUE`).
 */
export type BenchSuite = { benchmarks?: Benchmark[]; custom?: CustomBenchmark[]; vars?: Record<string, string> };
