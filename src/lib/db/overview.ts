/** Queries for the home page and site chrome: headline figures and data-set facts. */

/** Facts about the loaded data set shown on every page. */
export type SiteInfo = { demo: boolean; asOf: string | null; districtName: string };

/** Headline figures of a year, from the rollups. */
export type YearHeadline = { year: string; recorded: number; disposed: number; disposalRate: number | null };

/** The district's size and people, for the home page. */
export type DistrictCounts = { streets: number; communities: number; grids: number; staff: number; facilities: number; volunteers: number };

/** Reads whether demo data is loaded, the as-of day and the district name. */
export async function getSiteInfo(db: D1Database): Promise<SiteInfo> {
  const { results } = await db.prepare("SELECT key, value FROM site_meta WHERE key IN ('demo', 'as_of', 'district_id')").all<{ key: string; value: string }>();
  const meta = new Map(results.map((r) => [r.key, r.value]));
  const district = await db
    .prepare("SELECT name FROM districts WHERE id = ?1 OR ?1 IS NULL ORDER BY id LIMIT 1")
    .bind(meta.get("district_id") ?? null)
    .first<{ name: string }>();
  return { demo: meta.get("demo") === "1", asOf: meta.get("as_of") ?? null, districtName: district?.name ?? "" };
}

/** Recorded and disposed cases per year, newest first, computed from the monthly rollup. */
export async function getYearHeadlines(db: D1Database): Promise<YearHeadline[]> {
  const { results } = await db
    .prepare(
      `SELECT substr(month, 1, 4) AS year, sum(recorded) AS recorded, sum(disposed) AS disposed
       FROM stat_street_month GROUP BY 1 ORDER BY 1 DESC`,
    )
    .all<{ year: string; recorded: number; disposed: number }>();
  return results.map(toHeadline);
}

/** Maps a rollup row to a headline with the rate computed from the counts. */
export function toHeadline(r: { year: string; recorded: number; disposed: number }): YearHeadline {
  return { year: r.year, recorded: r.recorded, disposed: r.disposed, disposalRate: r.recorded > 0 ? r.disposed / r.recorded : null };
}

/** Counts of the administrative tree, staff, facilities and volunteers. */
export async function getDistrictCounts(db: D1Database): Promise<DistrictCounts> {
  const row = await db
    .prepare(
      `SELECT (SELECT count(*) FROM streets) AS streets, (SELECT count(*) FROM communities) AS communities,
              (SELECT count(*) FROM grids WHERE level = 3) AS grids, (SELECT count(*) FROM positions) AS staff,
              (SELECT count(*) FROM facilities) AS facilities, (SELECT count(*) FROM volunteers) AS volunteers`,
    )
    .first<DistrictCounts>();
  return row ?? { streets: 0, communities: 0, grids: 0, staff: 0, facilities: 0, volunteers: 0 };
}

/** Checks that the database answers and the schema is migrated. */
export async function checkDatabase(db: D1Database): Promise<boolean> {
  const row = await db.prepare("SELECT count(*) AS n FROM site_meta").first<{ n: number }>();
  return row !== null && typeof row.n === "number";
}
