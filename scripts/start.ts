/**
 * npm start: migrate the local D1, load the demo district when the database is empty,
 * build the site (skipped when nothing it depends on changed), and serve everything on
 * http://127.0.0.1:8787 with `wrangler dev` (the workerd runtime).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { run, runForever, since, sourceHash, STATE_DIR } from "./lib/sh.ts";

const t0 = Date.now();
const size = process.env.DEMO_SIZE ?? "district";
const port = process.env.PORT ?? "8787";
const step = (s: string) => console.log(`\n▶ ${s} (${since(t0)})`);

step("Applying D1 migrations to the local database");
run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR]);

step(`Loading the demo district (${size}) if the database is empty`);
run("node", ["scripts/demo/load.ts", "--size", size, "--if-empty", "--persist-to", STATE_DIR]);

const stampFile = "dist/.build-stamp";
const hash = sourceHash(["src", "functions", "public", "astro.config.mjs", "wrangler.toml", "package-lock.json", "migrations"]) + ":" + STATE_DIR + ":" + (process.env.SITE_URL ?? "");
const built = existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash && !process.env.FORCE_BUILD;
if (built) {
  step("Build is up to date (sources unchanged); skipping");
} else {
  step("Building the site (pages are prerendered from D1)");
  run("astro", ["build"]);
  writeFileSync(stampFile, hash);
}

step(`Serving on http://127.0.0.1:${port}`);
process.exitCode = await runForever("wrangler", ["dev", "--ip", "127.0.0.1", "--port", port, "--persist-to", STATE_DIR, "--show-interactive-dev-session=false"]);
