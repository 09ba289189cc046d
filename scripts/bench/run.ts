/**
 * npm run bench: API throughput at the `city` size, as a ratio to /api/health measured in the
 * same run (absolute req/s depend on the machine; the ratio says what a query costs).
 *
 *   node scripts/bench/run.ts [--duration 10] [--connections 10] [--only grids.search,…]
 *
 * 1. Loads the `city` demo data into its own state folder (.wrangler/bench-state) if empty.
 * 2. Starts `wrangler dev` on that state (server.ts). It serves the API Worker module
 *    (functions/index.ts), which needs no site build; BENCH_WORKER=site serves the built site
 *    instead (run `npm run build` first).
 * 3. Runs autocannon against /api/health (the baseline) and every benchmark of every module in
 *    scripts/bench/suites/ (`benchmarks`, `custom` and the server `vars` they need, see
 *    types.ts), printing one line per benchmark, then stops the server. Custom benchmarks
 *    marked `ownServer` run last, alone.
 */
import autocannon from "autocannon";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "../lib/sh.ts";
import { startDevServer } from "./server.ts";
import type { Benchmark, BenchSuite, CustomBenchmark } from "./types.ts";

const STATE = process.env.BENCH_STATE ?? ".wrangler/bench-state";
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const duration = Number(arg("--duration", "10"));
const connections = Number(arg("--connections", "10"));
const only = arg("--only", "").split(",").filter(Boolean);

async function loadSuites(): Promise<{ benchmarks: Benchmark[]; custom: CustomBenchmark[]; vars: Record<string, string> }> {
  const dir = join(import.meta.dirname, "suites");
  const out = { benchmarks: [] as Benchmark[], custom: [] as CustomBenchmark[], vars: {} as Record<string, string> };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchSuite;
    out.benchmarks.push(...(mod.benchmarks ?? []));
    out.custom.push(...(mod.custom ?? []));
    Object.assign(out.vars, mod.vars ?? {});
  }
  const wanted = (b: { name: string }) => only.length === 0 || only.includes(b.name);
  return { benchmarks: out.benchmarks.filter(wanted), custom: out.custom.filter(wanted), vars: out.vars };
}

type Measured = { rps: number; p50: number; p99: number; ok: number; bad: number };

/** Runs one autocannon load against a stream of paths and counts answers by status. */
async function measure(base: string, b: Benchmark, seconds: number): Promise<Measured> {
  const okStatus = new Set(b.okStatus ?? []);
  let ok = 0;
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections, duration: seconds, requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: b.nextPath() }) }] },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, status) => {
      if ((status >= 200 && status < 300) || okStatus.has(status)) ok++;
      else bad++;
    });
  });
  return { rps: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, ok, bad: bad + result.errors };
}

const health: Benchmark = { name: "health", nextPath: () => "/api/health", note: "baseline: one tiny query" };

const t0 = Date.now();
run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE]);
run("node", ["scripts/demo/load.ts", "--size", "city", "--if-empty", "--persist-to", STATE]);
const { benchmarks, custom, vars } = await loadSuites();
const site = process.env.BENCH_WORKER === "site";
const server = await startDevServer({ state: STATE, vars, site });
const base = server.base;
let failed = false;
try {
  console.log(`\nbench: city size, ${connections} connections, ${duration} s each, wrangler dev at ${base} (${site ? "built site" : "API Worker"}); ratio = req/s ÷ health req/s of this run`);
  // Warm up the isolate and SQLite's page cache before measuring anything.
  for (const b of [health, ...benchmarks]) await measure(base, b, 2);
  const baseline = await measure(base, health, duration);
  const line = (b: Benchmark, m: Measured) =>
    `${b.name.padEnd(16)} ${m.rps.toFixed(0).padStart(7)} req/s  ${(m.rps / baseline.rps).toFixed(2).padStart(5)}× health  p50 ${m.p50} ms  p99 ${m.p99} ms${m.bad ? `  ${m.bad} errors` : ""}${b.note ? `  (${b.note})` : ""}`;
  console.log(line(health, baseline));
  failed = baseline.bad > 0;
  for (const b of benchmarks) {
    const m = await measure(base, b, duration);
    failed ||= m.bad > 0;
    console.log(line(b, m));
  }
  for (const c of custom.filter((c) => !c.ownServer)) console.log(`${c.name.padEnd(16)} ${await c.run(base)}`);
} finally {
  await server.stop();
}
// Benchmarks that start their own servers (or none) run alone, with this one stopped.
for (const c of custom.filter((c) => c.ownServer)) console.log(`${c.name.padEnd(16)} ${await c.run(base)}`);
console.log(`bench finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
if (failed) process.exitCode = 1;
