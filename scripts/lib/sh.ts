/** Runs project commands with the offline settings every tool here needs. */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Telemetry and network look-ups off: the machines reach no host but the registries. */
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  ASTRO_TELEMETRY_DISABLED: "1",
  NO_UPDATE_NOTIFIER: "1",
};

/** Where the local D1 lives. Tests use their own folder so `npm start` keeps the district data. */
export const STATE_DIR = process.env.WGT_STATE ?? ".wrangler/state";

/** Runs a command from node_modules/.bin (or PATH) and throws on a non-zero exit. */
export function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const bin = existsSync(join("node_modules", ".bin", cmd)) ? join("node_modules", ".bin", cmd) : cmd;
  const r = spawnSync(bin, args, { stdio: "inherit", env: { ...process.env, ...OFFLINE_ENV, ...extraEnv } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}`);
}

/** Starts a long-running command; resolves with its exit code. */
export function runForever(cmd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  const bin = existsSync(join("node_modules", ".bin", cmd)) ? join("node_modules", ".bin", cmd) : cmd;
  const child = spawn(bin, args, { stdio: "inherit", env: { ...process.env, ...OFFLINE_ENV, ...extraEnv } });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

/** A hash of the files a build depends on, to skip a build whose inputs have not changed. */
export function sourceHash(paths: string[]): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(join(p, name));
    } else {
      h.update(p).update(readFileSync(p));
    }
  };
  for (const p of paths) walk(p);
  return h.digest("hex");
}

/** Seconds since `t0` (ms), for progress lines. */
export function since(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}
