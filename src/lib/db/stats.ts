/**
 * Queries for case statistics. Everything the statistics pages and /api/stats read comes from
 * the rollup tables (stat_case_month, stat_street_month, stat_dispose_hours, stat_grid_year), which every case
 * write keeps current, so a summary costs the same whether the database holds one district's
 * cases or a whole city's. Three figures are read from the cases themselves, each through an
 * index and bounded to one community or one year: dispose-time histograms of a community and
 * of grids (the rollup histogram is per street), and campaign counts.
 */
import { disposeBucketSql } from "../stats/histogram.ts";
import { localToUnix } from "../time.ts";

/** Filters of a summary; every field optional. Years are "YYYY". */
export type StatsFilter = { year?: string; street?: string; community?: string; category?: string };

/** Recorded, disposed and on-time counts. */
export type Counts = { recorded: number; disposed: number; onTime: number };

/** A breakdown row keyed by id (category, street, community, channel) or month. */
export type KeyedCounts = Counts & { key: string; name: string };

/** Everything a summary needs, unprotected. */
export type RawSummary = {
  totals: Counts;
  byMonth: KeyedCounts[];
  byCategory: KeyedCounts[];
  byStreet: KeyedCounts[];
  byChannel: KeyedCounts[];
  /** Dispose-time histogram: bucket → count. */
  hours: Map<number, number>;
};

/** Community counts for protection and the community breakdown. */
export type CommunityCounts = {
  id: string; name: string; streetId: string; streetName: string; households: number;
  recorded: number; disposed: number; onTime: number; patrol: number; resident: number;
};

/** Grid counts for scorecards and the choropleth. */
export type GridCounts = {
  id: string; name: string; communityId: string; communityName: string; streetId: string; streetName: string;
  households: number; recorded: number; disposed: number; patrol: number; resident: number;
};

/** The district the portal publishes (site_meta district_id), or the first one. */
export async function getPortalDistrictId(db: D1Database): Promise<string> {
  const row = await db
    .prepare("SELECT coalesce((SELECT value FROM site_meta WHERE key = 'district_id'), (SELECT min(id) FROM districts)) AS id")
    .first<{ id: string | null }>();
  return row?.id ?? "";
}

/** Years that have cases, oldest first (from the monthly rollup's primary key). */
export async function getStatsYears(db: D1Database): Promise<string[]> {
  const row = await db.prepare("SELECT min(month) AS lo, max(month) AS hi FROM stat_case_month").first<{ lo: string | null; hi: string | null }>();
  if (!row?.lo || !row.hi) return [];
  const out: string[] = [];
  for (let y = +row.lo.slice(0, 4); y <= +row.hi.slice(0, 4); y++) out.push(String(y));
  return out;
}

/** WHERE clause over a rollup table with month and street_id (and optionally more columns). */
function rollupWhere(districtId: string, f: StatsFilter, cols: { community: boolean }): { sql: string; binds: (string | number)[] } {
  const parts = ["street_id IN (SELECT id FROM streets WHERE district_id = ?)"];
  const binds: (string | number)[] = [districtId];
  if (f.year) {
    parts.push("month BETWEEN ? AND ?");
    binds.push(`${f.year}-01`, `${f.year}-12`);
  }
  if (f.street) {
    parts.push("street_id = ?");
    binds.push(f.street);
  }
  if (f.community && cols.community) {
    parts.push("community_id = ?");
    binds.push(f.community);
  }
  if (f.category) {
    parts.push("category_id = ?");
    binds.push(f.category);
  }
  return { sql: parts.join(" AND "), binds };
}

type CountRow = { key: string; name: string | null; recorded: number; disposed: number; on_time: number };
const toCounts = (r: CountRow): KeyedCounts => ({ key: r.key, name: r.name ?? r.key, recorded: r.recorded, disposed: r.disposed, onTime: r.on_time });
const SUMS = "sum(recorded) AS recorded, sum(disposed) AS disposed, sum(on_time) AS on_time";

/**
 * Totals and breakdowns by month, category, street and channel for a filter, plus the
 * dispose-time histogram, in one round trip.
 */
export async function getRawSummary(db: D1Database, districtId: string, f: StatsFilter): Promise<RawSummary> {
  const w = rollupWhere(districtId, f, { community: true });
  const q = (sql: string) => db.prepare(sql).bind(...w.binds);
  // The street rollup has everything but the community, in far fewer rows.
  const table = f.community ? "stat_case_month" : "stat_street_month";
  const hoursStmt = f.community ? communityHoursStatement(db, f) : (() => {
    const h = rollupWhere(districtId, f, { community: false });
    return db.prepare(`SELECT bucket, sum(count) AS n FROM stat_dispose_hours WHERE ${h.sql} GROUP BY bucket`).bind(...h.binds);
  })();
  const [totals, byMonth, byCategory, byStreet, byChannel, hours] = await db.batch<unknown>([
    q(`SELECT 'all' AS key, NULL AS name, ${SUMS} FROM ${table} WHERE ${w.sql}`),
    q(`SELECT month AS key, NULL AS name, ${SUMS} FROM ${table} WHERE ${w.sql} GROUP BY month ORDER BY month`),
    q(`SELECT t.key, c.name, t.recorded, t.disposed, t.on_time FROM (SELECT category_id AS key, ${SUMS} FROM ${table} WHERE ${w.sql} GROUP BY category_id) t
       LEFT JOIN case_categories c ON c.id = t.key ORDER BY t.recorded DESC, t.key`),
    q(`SELECT t.key, s.name, t.recorded, t.disposed, t.on_time FROM (SELECT street_id AS key, ${SUMS} FROM ${table} WHERE ${w.sql} GROUP BY street_id) t
       LEFT JOIN streets s ON s.id = t.key ORDER BY t.key`),
    q(`SELECT channel AS key, NULL AS name, ${SUMS} FROM ${table} WHERE ${w.sql} GROUP BY channel ORDER BY recorded DESC`),
    hoursStmt,
  ]);
  const rows = <T>(r: unknown) => (r as D1Result<T>).results;
  const t = rows<CountRow>(totals)[0];
  return {
    totals: { recorded: t?.recorded ?? 0, disposed: t?.disposed ?? 0, onTime: t?.on_time ?? 0 },
    byMonth: rows<CountRow>(byMonth).map(toCounts),
    byCategory: rows<CountRow>(byCategory).map(toCounts),
    byStreet: rows<CountRow>(byStreet).map(toCounts),
    byChannel: rows<CountRow>(byChannel).map(toCounts),
    hours: new Map(rows<{ bucket: number; n: number }>(hours).map((r) => [r.bucket, r.n])),
  };
}

/** The rollup histogram is per street: a community's comes from its cases (community index). */
function communityHoursStatement(db: D1Database, f: StatsFilter): D1PreparedStatement {
  const [from, to] = f.year ? yearRange(f.year) : [0, 2 ** 40];
  return db
    .prepare(
      `SELECT ${disposeBucketSql("(disposed_at - created_at)")} AS bucket, count(*) AS n FROM cases
       WHERE community_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND disposed_at IS NOT NULL AND (?4 IS NULL OR category_id = ?4)
       GROUP BY 1`,
    )
    .bind(f.community!, from, to, f.category ?? null);
}

/** Unix-second bounds [from, to) of a local (+08:00) year. */
export function yearRange(year: string): [number, number] {
  return [localToUnix(+year, 1, 1), localToUnix(+year + 1, 1, 1)];
}

/**
 * Counts per community of the district (or of one street), with patrol and resident shares,
 * for the community breakdown and its protection.
 */
export async function getCommunityCounts(db: D1Database, districtId: string, f: { year?: string; street?: string }): Promise<CommunityCounts[]> {
  const w = rollupWhere(districtId, { year: f.year, street: f.street }, { community: false });
  const { results } = await db
    .prepare(
      `SELECT t.*, c.name, c.households, s.name AS street_name FROM (
         SELECT community_id AS id, street_id, ${SUMS}, sum(CASE WHEN channel = 'patrol' THEN recorded ELSE 0 END) AS patrol
         FROM stat_case_month WHERE ${w.sql} GROUP BY community_id, street_id) t
       JOIN communities c ON c.id = t.id JOIN streets s ON s.id = t.street_id ORDER BY t.street_id, t.id`,
    )
    .bind(...w.binds)
    .all<{ id: string; street_id: string; name: string; street_name: string; households: number; recorded: number; disposed: number; on_time: number; patrol: number }>();
  return results.map((r) => ({
    id: r.id, name: r.name, streetId: r.street_id, streetName: r.street_name, households: r.households,
    recorded: r.recorded, disposed: r.disposed, onTime: r.on_time, patrol: r.patrol, resident: r.recorded - r.patrol,
  }));
}

/** Counts per level-3 grid of the district for a year (every grid, zero when it had no case). */
export async function getGridCounts(db: D1Database, districtId: string, year: string): Promise<GridCounts[]> {
  const { results } = await db
    .prepare(
      `SELECT g.id, g.name, g.community_id, c.name AS community_name, g.street_id, s.name AS street_name, g.households,
              coalesce(y.recorded, 0) AS recorded, coalesce(y.disposed, 0) AS disposed,
              coalesce(y.by_patrol, 0) AS patrol, coalesce(y.by_resident, 0) AS resident
       FROM grids g JOIN communities c ON c.id = g.community_id JOIN streets s ON s.id = g.street_id
       LEFT JOIN stat_grid_year y ON y.grid_id = g.id AND y.year = ?2
       WHERE g.district_id = ?1 AND g.level = 3 ORDER BY g.id`,
    )
    .bind(districtId, year)
    .all<{ id: string; name: string; community_id: string; community_name: string; street_id: string; street_name: string; households: number; recorded: number; disposed: number; patrol: number; resident: number }>();
  return results.map((r) => ({
    id: r.id, name: r.name, communityId: r.community_id, communityName: r.community_name, streetId: r.street_id, streetName: r.street_name,
    households: r.households, recorded: r.recorded, disposed: r.disposed, patrol: r.patrol, resident: r.resident,
  }));
}

/** Dispose-time histograms per grid for a year (from the cases, created_at index). */
export async function getGridHourHistograms(db: D1Database, districtId: string, year: string): Promise<Map<string, Map<number, number>>> {
  const [from, to] = yearRange(year);
  const { results } = await db
    .prepare(
      `SELECT grid_id, ${disposeBucketSql("(disposed_at - created_at)")} AS bucket, count(*) AS n FROM cases
       WHERE created_at >= ?2 AND created_at < ?3 AND district_id = ?1 AND disposed_at IS NOT NULL GROUP BY 1, 2`,
    )
    .bind(districtId, from, to)
    .all<{ grid_id: string; bucket: number; n: number }>();
  const out = new Map<string, Map<number, number>>();
  for (const r of results) (out.get(r.grid_id) ?? out.set(r.grid_id, new Map()).get(r.grid_id)!).set(r.bucket, r.n);
  return out;
}

/** Level-3 grid outlines of the district (GeoJSON geometry text). */
export async function getGridShapes(db: D1Database, districtId: string): Promise<Map<string, string>> {
  const { results } = await db.prepare("SELECT id, boundary FROM grids WHERE district_id = ?1 AND level = 3").bind(districtId).all<{ id: string; boundary: string }>();
  return new Map(results.map((r) => [r.id, r.boundary]));
}

/** A special campaign with the cases recorded under it. */
export type CampaignCounts = { id: string; name: string; categoryName: string | null; startDay: string; endDay: string; recorded: number; disposed: number };

/** Special campaigns that ran in a year, with their case counts. */
export async function getCampaignCounts(db: D1Database, districtId: string, year: string): Promise<CampaignCounts[]> {
  const [from, to] = yearRange(year);
  const { results } = await db
    .prepare(
      `SELECT p.id, p.name, k.name AS category_name, p.start_day, p.end_day, coalesce(n.recorded, 0) AS recorded, coalesce(n.disposed, 0) AS disposed
       FROM campaigns p LEFT JOIN case_categories k ON k.id = p.category_id
       LEFT JOIN (SELECT campaign_id, count(*) AS recorded, count(disposed_at) AS disposed FROM cases
                  WHERE created_at >= ?2 AND created_at < ?3 AND campaign_id IS NOT NULL GROUP BY campaign_id) n ON n.campaign_id = p.id
       WHERE p.district_id = ?1 AND p.start_day <= ?5 AND p.end_day >= ?4 ORDER BY p.start_day, p.id`,
    )
    .bind(districtId, from, to, `${year}-01-01`, `${year}-12-31`)
    .all<{ id: string; name: string; category_name: string | null; start_day: string; end_day: string; recorded: number; disposed: number }>();
  return results.map((r) => ({ id: r.id, name: r.name, categoryName: r.category_name, startDay: r.start_day, endDay: r.end_day, recorded: r.recorded, disposed: r.disposed }));
}

/** Work activities of a year by kind: joint meetings, joint enforcement, inspections. */
export async function getActivityCounts(db: D1Database, districtId: string, year: string): Promise<Record<"joint_meeting" | "joint_enforcement" | "inspection", number>> {
  const { results } = await db
    .prepare("SELECT kind, count(*) AS n FROM work_activities WHERE district_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY kind")
    .bind(districtId, `${year}-01-01`, `${year}-12-31`)
    .all<{ kind: string; n: number }>();
  const out = { joint_meeting: 0, joint_enforcement: 0, inspection: 0 };
  for (const r of results) if (r.kind in out) out[r.kind as keyof typeof out] = r.n;
  return out;
}

/** Recorded counts of one street by month × category (for protecting street × category × month). */
export async function getStreetMonthCategoryCounts(db: D1Database, districtId: string, f: { year?: string; street: string }): Promise<{ month: string; category: string; recorded: number }[]> {
  const w = rollupWhere(districtId, f, { community: false });
  const { results } = await db
    .prepare(`SELECT month, category_id AS category, sum(recorded) AS recorded FROM stat_street_month WHERE ${w.sql} GROUP BY month, category_id`)
    .bind(...w.binds)
    .all<{ month: string; category: string; recorded: number }>();
  return results;
}

/** Streets, communities and categories, for filter menus and validation. */
export async function getStatsDimensions(db: D1Database, districtId: string): Promise<{
  streets: { id: string; name: string }[]; communities: { id: string; name: string; streetId: string }[]; categories: { id: string; name: string }[];
}> {
  const [s, c, k] = await db.batch<unknown>([
    db.prepare("SELECT id, name FROM streets WHERE district_id = ?1 ORDER BY id").bind(districtId),
    db.prepare("SELECT c.id, c.name, c.street_id FROM communities c JOIN streets s ON s.id = c.street_id WHERE s.district_id = ?1 ORDER BY c.id").bind(districtId),
    db.prepare("SELECT id, name FROM case_categories ORDER BY sort, id"),
  ]);
  return {
    streets: (s as D1Result<{ id: string; name: string }>).results,
    communities: (c as D1Result<{ id: string; name: string; street_id: string }>).results.map((r) => ({ id: r.id, name: r.name, streetId: r.street_id })),
    categories: (k as D1Result<{ id: string; name: string }>).results,
  };
}

/**
 * The naive way, for the benchmark only: the same totals and breakdowns by GROUP BY over the
 * raw cases. Never mounted in production (see functions/routes/stats.ts).
 */
export async function getNaiveSummary(db: D1Database, districtId: string, f: StatsFilter): Promise<{ recorded: number; disposed: number; groups: number }> {
  const parts = ["district_id = ?"];
  const binds: (string | number)[] = [districtId];
  if (f.year) {
    const [from, to] = yearRange(f.year);
    parts.push("created_at >= ? AND created_at < ?");
    binds.push(from, to);
  }
  if (f.street) (parts.push("street_id = ?"), binds.push(f.street));
  if (f.community) (parts.push("community_id = ?"), binds.push(f.community));
  if (f.category) (parts.push("category_id = ?"), binds.push(f.category));
  const where = parts.join(" AND ");
  const q = (sql: string) => db.prepare(sql).bind(...binds);
  const res = await db.batch<{ recorded: number; disposed: number }>([
    q(`SELECT count(*) AS recorded, count(disposed_at) AS disposed FROM cases WHERE ${where}`),
    q(`SELECT strftime('%Y-%m', created_at + 28800, 'unixepoch') AS k, count(*) AS recorded, count(disposed_at) AS disposed FROM cases WHERE ${where} GROUP BY 1`),
    q(`SELECT category_id AS k, count(*) AS recorded, count(disposed_at) AS disposed FROM cases WHERE ${where} GROUP BY 1`),
    q(`SELECT street_id AS k, count(*) AS recorded, count(disposed_at) AS disposed FROM cases WHERE ${where} GROUP BY 1`),
    q(`SELECT ${disposeBucketSql("(disposed_at - created_at)")} AS k, count(*) AS recorded, 0 AS disposed FROM cases WHERE ${where} AND disposed_at IS NOT NULL GROUP BY 1`),
  ]);
  const t = res[0]!.results[0]!;
  return { recorded: t.recorded, disposed: t.disposed, groups: res.slice(1).reduce((a, r) => a + r.results.length, 0) };
}
