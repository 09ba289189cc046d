/**
 * npm test: type-check, the vitest suites (unit in Node; integration in workerd against the
 * migrated D1), then a production build prerendered from a small demo database of its own
 * (so a developer's `npm start` data is never touched).
 */
import { existsSync, writeFileSync } from "node:fs";
import { run, since } from "./lib/sh.ts";

/** The browser suite drives Debian's Chromium; install it when the machine lacks it. */
function ensureChromium(): void {
  if (process.env.CHROMIUM_PATH || existsSync("/usr/bin/chromium")) return;
  console.log("Chromium is missing: installing Debian's chromium package (needs root).");
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-noto-cjk"], { DEBIAN_FRONTEND: "noninteractive" });
}

const t0 = Date.now();
const TEST_STATE = ".wrangler/test-state";
const step = (s: string) => console.log(`\n▶ ${s} (${since(t0)})`);

step("Type-checking (astro check)");
run("astro", ["check"]);

step("Unit and integration tests (vitest)");
run("vitest", ["run", "--project", "unit", "--project", "integration"]);

step("Production build from a small demo database");
run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", TEST_STATE]);
run("node", ["scripts/demo/load.ts", "--size", "small", "--if-empty", "--persist-to", TEST_STATE]);
// Privacy markers (statistics and open data): cases whose private fields carry marker strings;
// the browser suite then scans the built site, the open-data files and the API for them.
run("node", ["test/e2e/stats-privacy-markers.ts", "seed", TEST_STATE]);
run("astro", ["build"], { WGT_STATE: TEST_STATE });
// dist/ now holds pages built from the test database: make the next `npm start` rebuild.
writeFileSync("dist/.build-stamp", "built by npm test from the small demo database");

step("Browser tests in real Chromium against the built site");
ensureChromium();
run("vitest", ["run", "--project", "e2e"]);

console.log(`\nAll checks passed in ${since(t0)}.`);
