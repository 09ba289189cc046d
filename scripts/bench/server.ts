/**
 * `wrangler dev` for the benchmarks: started detached (its own process group, so the workerd
 * children stop with it) on free ports, ready once /api/health answers.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { OFFLINE_ENV } from "../lib/sh.ts";

/** A running server and how to stop it. */
export type DevServer = { base: string; stop: () => Promise<void> };

export type DevServerOptions = {
  /** The --persist-to folder holding the local D1 database. */
  state: string;
  /** wrangler vars, passed as --var KEY:VALUE. */
  vars?: Record<string, string>;
  /** Serve the built site (run `npm run build` first) instead of the API Worker module alone. */
  site?: boolean;
  /** A fixed port; a free one otherwise. */
  port?: number;
  /** How long to wait for /api/health (a first start on a large database takes a while). */
  timeoutMs?: number;
};

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts wrangler dev and waits until it answers; stops it again if it never does. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const port = opts.port ?? (await freePort());
  // Each server gets its own inspector port, so several can run side by side.
  const inspectorPort = await freePort();
  const args = ["dev", ...(opts.site ? [] : ["functions/index.ts", "--config", "wrangler.toml"]),
    ...Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", opts.state,
    "--show-interactive-dev-session=false", "--log-level", "error"];
  const child = spawn("node_modules/.bin/wrangler", args, { detached: true, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...OFFLINE_ENV } });

  const signal = (sig: NodeJS.Signals | 0) => {
    try {
      process.kill(-child.pid!, sig);
      return true;
    } catch {
      return false; // already gone
    }
  };
  const stop = async () => {
    if (!signal("SIGTERM")) return;
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (!signal(0)) return;
    }
    signal("SIGKILL");
  };

  const base = `http://127.0.0.1:${port}`;
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /api/health within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 300));
    }
  } catch (err) {
    await stop();
    throw err;
  }
}
