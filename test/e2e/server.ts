/**
 * Starts the built site with `wrangler dev` (workerd) on the test database for the browser
 * suite, and stops the whole process group afterwards (workerd children outlive a plain kill).
 * Used as the e2e project's globalSetup; `npm test` builds the site first.
 */
import { spawn } from "node:child_process";
import type { TestProject } from "vitest/node";

export const E2E_PORT = 8799;
export const E2E_STATE = ".wrangler/test-state";

export default async function setup(project: TestProject) {
  const child = spawn(
    "node_modules/.bin/wrangler",
    ["dev", "--ip", "127.0.0.1", "--port", String(E2E_PORT), "--persist-to", E2E_STATE, "--show-interactive-dev-session=false", "--log-level", "warn"],
    { detached: true, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } },
  );
  const base = `http://127.0.0.1:${E2E_PORT}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error("wrangler dev did not answer /api/health within 90 s");
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide("baseUrl", base);
  return () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
