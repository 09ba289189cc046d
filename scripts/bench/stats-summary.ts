/**
 * Benchmark of GET /api/stats/summary (rollups) at the `district` and `city` sizes in one run,
 * against a naive GROUP BY over the raw cases (GET /api/stats/naive-summary, enabled only here
 * through the STATS_BENCH_NAIVE var; production answers 404).
 *
 *   node scripts/bench/stats-summary.ts [--requests 20]
 *
 * 1. Loads `district` into .wrangler/bench-district and `city` into .wrangler/bench-state when
 *    they are empty (BENCH_DISTRICT_STATE / BENCH_STATE override; the city load takes minutes).
 * 2. Starts one `wrangler dev` of the API Worker per size (server.ts) and times sequential
 *    requests (median and p90 after a warm-up).
 * 3. Prints one line per query with both sizes and both methods, and the ratios; stops the
 *    servers.
 */
import { run } from "../lib/sh.ts";
import { startDevServer, type DevServer } from "./server.ts";

const DISTRICT_STATE = process.env.BENCH_DISTRICT_STATE ?? ".wrangler/bench-district";
const CITY_STATE = process.env.BENCH_STATE ?? ".wrangler/bench-state";

/** The queries timed: the article's year, all years, one street, one category. */
const QUERIES = ["year=2015", "", "year=2015&street=41010308", "year=2015&category=manhole", "year=2024&community=4101030801"];

/** Median and p90 latency (ms) of `n` sequential requests after `warm` warm-up requests. */
async function time(url: string, n: number, warm = 3): Promise<{ median: number; p90: number; recorded: unknown }> {
  let recorded: unknown;
  for (let i = 0; i < warm; i++) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    recorded = ((await res.json()) as { recorded: unknown }).recorded;
  }
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(n / 2)]!, p90: ms[Math.floor(n * 0.9)]!, recorded };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/**
 * Runs the benchmark and returns its result lines (also used by `npm run bench`). Loads the
 * data sets when their folders are empty.
 */
export async function benchStatsSummary(options: { requests?: number } = {}): Promise<string[]> {
  const n = options.requests ?? 20;
  for (const [size, state] of [["district", DISTRICT_STATE], ["city", CITY_STATE]] as const) {
    run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
    run("node", ["scripts/demo/load.ts", "--size", size, "--if-empty", "--persist-to", state]);
  }
  const servers: (DevServer & { size: string })[] = [];
  const lines: string[] = [];
  try {
    for (const [size, state] of [["district", DISTRICT_STATE], ["city", CITY_STATE]] as const) {
      // One at a time: two wrangler dev starting together can race for the same local sockets.
      servers.push({ size, ...(await startDevServer({ state, vars: { STATS_BENCH_NAIVE: "1" } })) });
    }
    lines.push(`stats.summary: median (p90) of ${n} sequential requests in ms (naive: ${Math.max(3, Math.ceil(n / 5))}); rollups vs naive GROUP BY over the raw cases`);
    for (const q of QUERIES) {
      const r: Record<string, { median: number; p90: number; recorded: unknown }> = {};
      for (const s of servers) {
        r[`${s.size}.rollup`] = await time(`${s.base}/api/stats/summary?${q}`, n);
        // The naive query scans the cases: a few requests are enough to time it.
        r[`${s.size}.naive`] = await time(`${s.base}/api/stats/naive-summary?${q}`, Math.max(3, Math.ceil(n / 5)), 1);
      }
      const d = r["district.rollup"]!, c = r["city.rollup"]!, dn = r["district.naive"]!, cn = r["city.naive"]!;
      lines.push(
        `stats.summary ${q || "(all years)"}: rollup district ${fmt(d.median)} (${fmt(d.p90)}), city ${fmt(c.median)} (${fmt(c.p90)}) → city/district ${(c.median / d.median).toFixed(2)}×; ` +
          `naive district ${fmt(dn.median)}, city ${fmt(cn.median)} → naive/rollup ${(dn.median / d.median).toFixed(1)}× district, ${(cn.median / c.median).toFixed(1)}× city` +
          (d.recorded === dn.recorded || typeof d.recorded !== "number" ? "" : ` [recorded differs: ${String(d.recorded)} vs ${String(dn.recorded)}]`),
      );
    }
  } finally {
    for (const s of servers) await s.stop();
  }
  return lines;
}

if (process.argv[1]?.endsWith("stats-summary.ts")) {
  const i = process.argv.indexOf("--requests");
  for (const line of await benchStatsSummary({ requests: i >= 0 ? Number(process.argv[i + 1]) : undefined })) console.log(line);
}
