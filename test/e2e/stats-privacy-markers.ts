/**
 * Privacy markers: cases whose reporter contact, resident description, address, tracking code,
 * coordinates and (unscrubbed) summary carry unique marker strings. `seed` writes them (with
 * their rollup deltas, as a case write does) into a local D1 before the build; `scan` looks for
 * the markers in built files. The browser suite checks the built site, the open-data files and
 * the public API for them.
 *
 *   node test/e2e/stats-privacy-markers.ts seed .wrangler/test-state
 *   node test/e2e/stats-privacy-markers.ts scan dist/client
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Strings that must never appear in anything public. */
export const PRIVACY_MARKERS = [
  "MKNAME7Q", "MKDESC7Q", "MKADDR7Q", "TRK7QMARKER", "13987650123", "139-8765-0123", "139 8765 0123", "mk.marker.q7",
  "豫A7Q123", "410103199207071234", "34.7212345", "113.6312345",
] as const;

/** The marker cases: id, year, whether disposed. */
const CASES = [
  { id: 990_000_001, created: Date.UTC(2016, 5, 10, 2) / 1000, disposedAfter: 5 * 3600 },
  { id: 990_000_002, created: Date.UTC(2016, 10, 3, 6) / 1000, disposedAfter: null },
] as const;

/** Seeds the marker cases once (a second run finds them and does nothing). */
export async function seedPrivacyMarkers(persistTo: string): Promise<void> {
  const { getPlatformProxy } = await import("wrangler");
  const { rollupDeltaStatements } = await import("../../src/lib/db/rollups.ts");
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: "wrangler.toml", persist: { path: `${persistTo}/v3` } });
  const db = env.DB;
  try {
    const done = await db.prepare("SELECT count(*) AS n FROM cases WHERE id = ?1").bind(CASES[0].id).first<{ n: number }>();
    if (done && done.n > 0) return;
    const grid = await db
      .prepare("SELECT g.id, g.street_id, g.community_id, g.district_id FROM grids g WHERE g.level = 3 AND g.district_id = (SELECT value FROM site_meta WHERE key = 'district_id') ORDER BY g.id LIMIT 1")
      .first<{ id: string; street_id: string; community_id: string; district_id: string }>();
    if (!grid) throw new Error("no demo data to add privacy markers to");
    for (const c of CASES) {
      const disposedAt = c.disposedAfter === null ? null : c.created + c.disposedAfter;
      const row = { created_at: c.created, street_id: grid.street_id, community_id: grid.community_id, category_id: "parking", channel: "web", grid_id: grid.id, disposed_at: disposedAt, due_at: c.created + 24 * 3600 };
      await db.batch([
        db.prepare(`INSERT INTO cases (id, public_id, tracking_code, channel, category_id, district_id, street_id, community_id, grid_id, lat, lng, address, description, public_summary, status, created_at, updated_at, due_at, disposed_at)
                    VALUES (?1, ?2, ?3, 'web', 'parking', ?4, ?5, ?6, ?7, 34.7212345, 113.6312345, '标记路MKADDR7Q号', ?8, ?9, ?10, ?11, ?11, ?12, ?13)`)
          .bind(c.id, `QPRIV${c.id}`, `TRK7QMARKER${c.id % 10}`, grid.district_id, grid.street_id, grid.community_id, grid.id,
            "居民原话MKDESC7Q：车牌豫A7Q123堵住消防通道，我的电话13987650123，身份证410103199207071234",
            "车辆豫A7Q123占用消防通道，已劝离。联系人 139-8765-0123，139 8765 0123，mk.marker.q7@example.org，证件 410103199207071234",
            disposedAt === null ? "in_progress" : "disposed", c.created, row.due_at, disposedAt),
        db.prepare("INSERT INTO case_contacts (case_id, name, phone, email) VALUES (?1, '王MKNAME7Q', '13987650123', 'mk.marker.q7@example.org')").bind(c.id),
        db.prepare("INSERT INTO case_events (case_id, kind, to_status, actor_role, public_note, created_at) VALUES (?1, 'transition', 'reported', 'resident', '已上报', ?2)").bind(c.id, c.created),
        ...rollupDeltaStatements(db, null, row),
      ]);
    }
  } finally {
    await dispose();
  }
}

/** Files under `dir` (recursively) that contain a marker, with the markers found. */
export function scanForMarkers(dir: string): { file: string; markers: string[] }[] {
  const hits: { file: string; markers: string[] }[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p)) walk(join(p, name));
      return;
    }
    const text = readFileSync(p, "utf8");
    const found = PRIVACY_MARKERS.filter((m) => text.includes(m));
    if (found.length) hits.push({ file: p, markers: found });
  };
  walk(dir);
  return hits;
}

const [cmd, arg] = process.argv.slice(2);
if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith("stats-privacy-markers.ts")) {
  if (cmd === "seed") await seedPrivacyMarkers(arg ?? ".wrangler/test-state");
  else if (cmd === "scan") {
    const hits = scanForMarkers(arg ?? "dist/client");
    for (const h of hits) console.log(`${h.file}: ${h.markers.join(", ")}`);
    process.exitCode = hits.length ? 1 : 0;
  }
}
