/**
 * Intake throughput benchmark. Measures POST /api/reports against a bare single-insert route
 * (/api/_bench/bare) in the same run on the same server, reports the ratio, and checks that
 * every accepted report (201) is in the database with its first event.
 *
 * As a module: `benchIntake(baseUrl)` needs a server started with the variables in BENCH_VARS
 * (the helper routes are off otherwise, and the default rate limit would stop the load).
 * Standalone: `node scripts/bench/intake.ts [--persist-to DIR] [--port N] [--seconds S]`
 * starts its own `wrangler dev` (API worker only) on a local `small` database
 * (.wrangler/bench-intake) it prepares if empty.
 */
import autocannon from "autocannon";
import { run } from "../lib/sh.ts";
import { startDevServer } from "./server.ts";

/** wrangler vars the server needs for the benchmark: helper routes on, rate limit out of the way. */
export const BENCH_VARS: Record<string, string> = { BENCH_ROUTES: "1", INTAKE_RATE_LIMIT: "100000000/60" };

type Point = { lat: number; lng: number; category: string };

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Runs the benchmark against `baseUrl` and returns one line: intake req/s, bare insert req/s,
 * their ratio, and the stored-report check. Throws when a report answered 201 is missing.
 */
export async function benchIntake(baseUrl: string, opts: { seconds?: number; connections?: number } = {}): Promise<string> {
  const seconds = opts.seconds ?? 8;
  const connections = opts.connections ?? 8;
  const probe = await fetch(`${baseUrl}/api/_bench/info`);
  if (probe.status === 404) {
    throw new Error(`the server at ${baseUrl} has no benchmark routes: start it with ${Object.entries(BENCH_VARS).map(([k, v]) => `--var ${k}:${v}`).join(" ")}`);
  }
  const info = (await probe.json()) as { cases: number; points: Point[] };
  if (info.points.length === 0) throw new Error("the benchmark database has no level-3 grids: load the demo data first");

  // Warm up both routes (isolate start, prepared statements).
  await getJson(`${baseUrl}/api/_bench/bare`, { method: "POST" });

  const bare = await autocannon({ url: `${baseUrl}/api/_bench/bare`, method: "POST", connections, duration: seconds });

  const codes: string[] = [];
  let n = 0;
  const intake = await autocannon({
    url: `${baseUrl}/api/reports`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/api/reports",
        headers: { "Content-Type": "application/json" },
        setupRequest: (req) => {
          const p = info.points[n++ % info.points.length]!;
          const body = {
            category: p.category,
            description: `基准测试：窨井盖塌陷 #${n}`,
            lat: p.lat + ((n % 7) - 3) * 1e-5,
            lng: p.lng + ((n % 5) - 2) * 1e-5,
            contact: { name: "测试", phone: "13800138000" },
          };
          return { ...req, body: JSON.stringify(body) };
        },
        onResponse: (status, body) => {
          if (status === 201) codes.push((JSON.parse(body) as { trackingCode: string }).trackingCode);
        },
      },
    ],
  });

  // Every 201 must be a stored case with its first event.
  let found = 0;
  for (let i = 0; i < codes.length; i += 2000) {
    const chunk = codes.slice(i, i + 2000);
    found += (await getJson<{ found: number }>(`${baseUrl}/api/_bench/verify`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(chunk) })).found;
  }
  const after = await getJson<{ cases: number }>(`${baseUrl}/api/_bench/info`);
  const accepted = intake["2xx"];
  const intakeRps = intake.requests.average;
  const bareRps = bare.requests.average;
  const ok = found === codes.length && codes.length === accepted && after.cases - info.cases >= accepted;
  const line =
    `intake ${intakeRps.toFixed(0)} req/s (p99 ${intake.latency.p99} ms, ${accepted} accepted, ${intake.non2xx} non-2xx, ${intake.errors} errors) · ` +
    `bare single insert ${bareRps.toFixed(0)} req/s · ratio ${(intakeRps / bareRps).toFixed(2)} · ` +
    `stored ${found}/${codes.length} accepted reports (cases +${after.cases - info.cases}) ${ok ? "✓" : "✗ MISSING REPORTS"}`;
  if (!ok) throw new Error(line);
  return line;
}

async function standalone(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1]! : dflt;
  };
  // Its own small database: loading `small` into the city folder would stop `npm run bench` loading the city.
  const state = arg("--persist-to", ".wrangler/bench-intake");
  const port = args.includes("--port") ? Number(arg("--port", "")) : undefined;
  const seconds = Number(arg("--seconds", "8"));
  run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  run("node", ["scripts/demo/load.ts", "--size", "small", "--if-empty", "--persist-to", state]);
  // The API worker alone: the benchmark measures the API, not the Astro build.
  const server = await startDevServer({ state, port, vars: BENCH_VARS });
  try {
    console.log(await benchIntake(server.base, { seconds }));
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  standalone().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
