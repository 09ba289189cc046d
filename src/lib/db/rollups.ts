import { disposeBucket, disposeBucketSql } from "../stats/histogram.ts";

/** Local (+08:00) month of a unix-seconds column, in SQL. */
const month = (col: string) => `strftime('%Y-%m', ${col} + 28800, 'unixepoch')`;
const year = (col: string) => `strftime('%Y', ${col} + 28800, 'unixepoch')`;

/** Channels that count as "reported by residents" in grid scorecards. */
export const RESIDENT_CHANNELS = ["web", "hotline", "wechat", "open311"] as const;

/**
 * Statements that rebuild every statistics rollup from the cases table. Used after a bulk
 * load and by the rebuild script; case writes keep the rollups current incrementally.
 */
export const REBUILD_ROLLUPS_SQL: string[] = [
  "DELETE FROM stat_case_month",
  "DELETE FROM stat_street_month",
  "DELETE FROM stat_dispose_hours",
  "DELETE FROM stat_grid_year",
  `INSERT INTO stat_case_month (month, street_id, community_id, category_id, channel, recorded, disposed, on_time)
   SELECT ${month("created_at")}, street_id, community_id, category_id, channel, count(*),
          count(disposed_at), sum(disposed_at IS NOT NULL AND disposed_at <= due_at)
   FROM cases GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO stat_street_month (street_id, month, category_id, channel, recorded, disposed, on_time)
   SELECT street_id, month, category_id, channel, sum(recorded), sum(disposed), sum(on_time)
   FROM stat_case_month GROUP BY 1, 2, 3, 4`,
  `INSERT INTO stat_dispose_hours (month, street_id, category_id, bucket, count)
   SELECT ${month("created_at")}, street_id, category_id, ${disposeBucketSql("(disposed_at - created_at)")}, count(*)
   FROM cases WHERE disposed_at IS NOT NULL GROUP BY 1, 2, 3, 4`,
  `INSERT INTO stat_grid_year (year, grid_id, recorded, disposed, by_patrol, by_resident)
   SELECT ${year("created_at")}, grid_id, count(*), count(disposed_at), sum(channel = 'patrol'),
          sum(channel IN (${RESIDENT_CHANNELS.map((c) => `'${c}'`).join(", ")}))
   FROM cases GROUP BY 1, 2`,
];

/** The fields of a case that its rollup contributions depend on. */
export type CaseRollupFields = {
  created_at: number;
  street_id: string;
  community_id: string;
  category_id: string;
  channel: string;
  grid_id: string;
  disposed_at: number | null;
  due_at: number;
};

const localMonth = (unix: number) => new Date((unix + 28_800) * 1000).toISOString().slice(0, 7);

/**
 * Statements that move the rollups from a case's old state to its new one. Put them in the
 * same `batch()` as the case write, so the rollups can never disagree with the cases.
 * `before` is null for a new case; `after` is null for a deleted one.
 */
export function rollupDeltaStatements(db: D1Database, before: CaseRollupFields | null, after: CaseRollupFields | null): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  const add = (c: CaseRollupFields, sign: 1 | -1) => {
    const month = localMonth(c.created_at);
    const disposed = c.disposed_at !== null ? 1 : 0;
    const onTime = c.disposed_at !== null && c.disposed_at <= c.due_at ? 1 : 0;
    out.push(
      db
        .prepare(
          `INSERT INTO stat_case_month (month, street_id, community_id, category_id, channel, recorded, disposed, on_time)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
           ON CONFLICT (month, community_id, category_id, channel) DO UPDATE SET
             recorded = recorded + excluded.recorded, disposed = disposed + excluded.disposed, on_time = on_time + excluded.on_time`,
        )
        .bind(month, c.street_id, c.community_id, c.category_id, c.channel, sign, sign * disposed, sign * onTime),
      db
        .prepare(
          `INSERT INTO stat_street_month (street_id, month, category_id, channel, recorded, disposed, on_time)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
           ON CONFLICT (street_id, month, category_id, channel) DO UPDATE SET
             recorded = recorded + excluded.recorded, disposed = disposed + excluded.disposed, on_time = on_time + excluded.on_time`,
        )
        .bind(c.street_id, month, c.category_id, c.channel, sign, sign * disposed, sign * onTime),
    );
    if (c.disposed_at !== null) {
      out.push(
        db
          .prepare(
            `INSERT INTO stat_dispose_hours (month, street_id, category_id, bucket, count) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (month, street_id, category_id, bucket) DO UPDATE SET count = count + excluded.count`,
          )
          .bind(month, c.street_id, c.category_id, disposeBucket((c.disposed_at - c.created_at) / 3600), sign),
      );
    }
    const resident = (RESIDENT_CHANNELS as readonly string[]).includes(c.channel) ? 1 : 0;
    out.push(
      db
        .prepare(
          `INSERT INTO stat_grid_year (year, grid_id, recorded, disposed, by_patrol, by_resident) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
           ON CONFLICT (year, grid_id) DO UPDATE SET recorded = recorded + excluded.recorded, disposed = disposed + excluded.disposed,
             by_patrol = by_patrol + excluded.by_patrol, by_resident = by_resident + excluded.by_resident`,
        )
        .bind(month.slice(0, 4), c.grid_id, sign, sign * disposed, sign * (c.channel === "patrol" ? 1 : 0), sign * resident),
    );
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return out;
}
