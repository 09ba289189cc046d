/**
 * Loads the demo district into the local D1 database through wrangler's platform proxy
 * (the same SQLite files `wrangler dev` serves).
 *
 *   node scripts/demo/load.ts [--size small|district|city] [--if-empty] [--persist-to DIR] [--as-of YYYY-MM-DD]
 *
 * DIR defaults to .wrangler/state, where `wrangler dev` and `astro build` look.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { getPlatformProxy } from "wrangler";
import cliProgress from "cli-progress";
import { generate, type Size } from "./generate.ts";
import { InsertWriter } from "./sql.ts";
import { REBUILD_ROLLUPS_SQL } from "../../src/lib/db/rollups.ts";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const size = (arg("--size") ?? "district") as Size;
if (!["small", "district", "city"].includes(size)) throw new Error(`unknown size: ${size}`);
/** Like wrangler's --persist-to: the folder that holds v3/. */
const persistTo = arg("--persist-to") ?? ".wrangler/state";

const proxyOptions = { configPath: "wrangler.toml", persist: { path: `${persistTo}/v3` } };
let { env, dispose } = await getPlatformProxy<{ DB: D1Database }>(proxyOptions);
let db = env.DB;

try {
  const existing = await db.prepare("SELECT count(*) AS n FROM districts").first<{ n: number }>();
  if (existing && existing.n > 0) {
    if (args.includes("--if-empty")) {
      console.log("Demo data already loaded; skipping.");
      process.exit(0);
    }
    throw new Error(`The database in ${persistTo} already has data. Delete that folder (or use another --persist-to) first.`);
  }

  // Bulk-load trick: drop the secondary indexes of the big tables and rebuild them afterwards
  // from the migrations' own CREATE INDEX statements (one sorted build beats 250,000 inserts).
  const deferred = deferredIndexes(["cases", "case_events"]);
  await db.batch(deferred.map((d) => db.prepare(`DROP INDEX ${d.name}`)));
  // Inserting through the same local D1 instance after a schema change crashes workerd: reconnect.
  await dispose();
  ({ env, dispose } = await getPlatformProxy<{ DB: D1Database }>(proxyOptions));
  db = env.DB;

  // The generator is synchronous, so its statements are spooled to a temporary file first and
  // then sent one batch at a time: memory stays flat even for the city size (millions of rows).
  const t0 = Date.now();
  const spoolDir = mkdtempSync(join(tmpdir(), "wgt-demo-"));
  const spool = join(spoolDir, "statements.sql");
  const fd = openSync(spool, "w");
  let currentTable = "";
  const writer = new InsertWriter((sql, rows) => {
    // One statement per line: generated text never holds a newline (checked here).
    if (sql.includes("\n")) throw new Error(`newline in generated SQL for ${currentTable}`);
    writeSync(fd, `${rows}\t${currentTable}\t${sql}\n`);
  });
  process.stdout.write(`Generating the demo district (${size})… `);
  const counts = generate({ size, asOf: arg("--as-of") }, (table, row) => {
    currentTable = table;
    writer.add(table, row);
  });
  writer.end();
  closeSync(fd);
  const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`${totalRows.toLocaleString("en")} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

  const bar = new cliProgress.SingleBar(
    // Without a terminal (CI, a log file) a line every 10 s shows the load is moving.
    { format: "Loading into D1 [{bar}] {percentage}% | {value}/{total} rows | {table}", hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalRows, 0, { table: "" });
  let batch: D1PreparedStatement[] = [];
  let batchRows = 0;
  let loaded = 0;
  for await (const line of createInterface({ input: createReadStream(spool), crlfDelay: Infinity })) {
    const tab1 = line.indexOf("\t");
    const tab2 = line.indexOf("\t", tab1 + 1);
    batch.push(db.prepare(line.slice(tab2 + 1)));
    batchRows += Number(line.slice(0, tab1));
    if (batch.length >= 25) {
      await db.batch(batch);
      loaded += batchRows;
      bar.update(loaded, { table: line.slice(tab1 + 1, tab2) });
      batch = [];
      batchRows = 0;
    }
  }
  if (batch.length) await db.batch(batch);
  bar.update(totalRows, { table: "" });
  bar.stop();
  rmSync(spoolDir, { recursive: true, force: true });
  console.log(`Loaded ${totalRows.toLocaleString("en")} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s; indexing and building statistics rollups…`);
  await db.batch(deferred.map((d) => db.prepare(d.sql)));
  const t1 = Date.now();
  await db.batch(REBUILD_ROLLUPS_SQL.map((s) => db.prepare(s)));
  console.log(`Rollups built in ${((Date.now() - t1) / 1000).toFixed(1)} s.`);
} finally {
  await dispose();
}

/** The plain (non-unique) CREATE INDEX statements of the migrations for the given tables. */
function deferredIndexes(tables: string[]): { name: string; sql: string }[] {
  const byName = new Map<string, string>();
  for (const file of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) {
    const text = readFileSync(`migrations/${file}`, "utf8");
    // Later migrations win: a dropped index must not come back, a recreated one comes back as recreated.
    for (const m of text.matchAll(/^(?:CREATE INDEX (\w+) ON (\w+)\s*\([^;]*\)|DROP INDEX (?:IF EXISTS )?(\w+));/gm)) {
      if (m[3]) byName.delete(m[3]);
      else if (tables.includes(m[2]!)) byName.set(m[1]!, m[0]);
    }
  }
  return [...byName].map(([name, sql]) => ({ name, sql }));
}
