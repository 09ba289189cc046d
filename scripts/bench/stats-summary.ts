/**
 * Benchmark of GET /api/stats/summary (rollups) at the `district` and `city` sizes in one run,
 * against a naive GROUP BY over the raw cases (GET /api/stats/naive-summary, enabled only here
 * through the STATS_BENCH_NAIVE var; production answers 404).
 *
 *   node scripts/bench/stats-summary.ts [--requests 20]
 *
 * 1. Loads `district` into .wrangler/bench-district and `city` into .wrangler/bench-state when
 *    they are empty (BENCH_DISTRICT_STATE / BENCH_STATE override; the city load takes minutes).
 * 2. Starts one `wrangler dev` of the API Worker per size (detached process groups, ports
 *    8870–8879, inspector on port + 100) and times sequential requests (median and p90 after a warm-up).
 * 3. Prints one line per query with both sizes and both methods, and the ratios; stops the
 *    process groups.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { OFFLINE_ENV, run } from "../lib/sh.ts";

const DISTRICT_STATE = process.env.BENCH_DISTRICT_STATE ?? ".wrangler/bench-district";
const CITY_STATE = process.env.BENCH_STATE ?? ".wrangler/bench-state";

/** The queries timed: the article's year, all years, one street, one category. */
const QUERIES = ["year=2015", "", "year=2015&street=41010308", "year=2015&category=manhole", "year=2024&community=4101030801"];

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function pickPort(taken: number[]): Promise<number> {
  for (let p = 8870; p <= 8879; p++) if (!taken.includes(p) && (await portFree(p))) return p;
  throw new Error("no free port in 8870–8879");
}

function startServer(state: string, port: number): ChildProcess {
  return spawn(
    "node_modules/.bin/wrangler",
    ["dev", "functions/index.ts", "--config", "wrangler.toml", "--var", "STATS_BENCH_NAIVE:1", "--ip", "127.0.0.1", "--port", String(port),
      "--inspector-port", String(port + 100), "--persist-to", state, "--show-interactive-dev-session=false", "--log-level", "error"],
    { detached: true, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...OFFLINE_ENV } },
  );
}

async function stopServer(child: ChildProcess): Promise<void> {
  const kill = (sig: NodeJS.Signals | 0) => {
    try {
      process.kill(-child.pid!, sig);
      return true;
    } catch {
      return false;
    }
  };
  if (!kill("SIGTERM")) return;
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!kill(0)) return;
  }
  kill("SIGKILL");
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${base} did not answer within 180 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

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
  const servers: { size: string; child: ChildProcess; base: string }[] = [];
  const lines: string[] = [];
  try {
    const taken: number[] = [];
    for (const [size, state] of [["district", DISTRICT_STATE], ["city", CITY_STATE]] as const) {
      const port = await pickPort(taken);
      taken.push(port);
      // One at a time: two wrangler dev starting together can race for the same local sockets.
      const child = startServer(state, port);
      servers.push({ size, child, base: `http://127.0.0.1:${port}` });
      await waitForHealth(`http://127.0.0.1:${port}`, child);
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
    for (const s of servers) await stopServer(s.child);
  }
  return lines;
}

if (process.argv[1]?.endsWith("stats-summary.ts")) {
  const i = process.argv.indexOf("--requests");
  for (const line of await benchStatsSummary({ requests: i >= 0 ? Number(process.argv[i + 1]) : undefined })) console.log(line);
}
