/**
 * npm run rollups [-- --persist-to DIR]: rebuilds every statistics rollup from the cases table
 * (the incremental updates made by case writes must always agree with this).
 */
import { getPlatformProxy } from "wrangler";
import { REBUILD_ROLLUPS_SQL } from "../src/lib/db/rollups.ts";

const i = process.argv.indexOf("--persist-to");
const persistTo = i >= 0 ? process.argv[i + 1]! : ".wrangler/state";
const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: "wrangler.toml", persist: { path: `${persistTo}/v3` } });
try {
  const t0 = Date.now();
  await env.DB.batch(REBUILD_ROLLUPS_SQL.map((s) => env.DB.prepare(s)));
  console.log(`Rollups rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
} finally {
  await dispose();
}
