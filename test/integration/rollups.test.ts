import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { REBUILD_ROLLUPS_SQL, rollupDeltaStatements, type CaseRollupFields } from "../../src/lib/db/rollups.ts";
import { FIXTURE, seedFixture } from "./fixtures.ts";

beforeAll(seedFixture);

const snapshot = async () => {
  const q = (sql: string) => env.DB.prepare(sql).all().then((r) => r.results);
  return {
    month: await q("SELECT * FROM stat_case_month WHERE recorded <> 0 OR disposed <> 0 ORDER BY month, community_id, category_id, channel"),
    street: await q("SELECT * FROM stat_street_month WHERE recorded <> 0 OR disposed <> 0 ORDER BY street_id, month, category_id, channel"),
    hours: await q("SELECT * FROM stat_dispose_hours WHERE count <> 0 ORDER BY month, street_id, category_id, bucket"),
    grid: await q("SELECT * FROM stat_grid_year WHERE recorded <> 0 ORDER BY year, grid_id"),
  };
};

describe("incremental rollups", () => {
  it("agree with a full rebuild after random inserts and updates", async () => {
    const db = env.DB;
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const cases: (CaseRollupFields & { id: number })[] = [];
    for (let i = 1; i <= 60; i++) {
      const created = 1_420_070_400 + Math.floor(rand() * 400 * 86400);
      const c = {
        id: i, created_at: created, street_id: FIXTURE.streetId, community_id: FIXTURE.communityId,
        category_id: rand() < 0.5 ? "manhole" : "elderly_service", channel: ["web", "patrol", "hotline", "wechat"][Math.floor(rand() * 4)]!,
        grid_id: rand() < 0.5 ? FIXTURE.westGridId : FIXTURE.eastGridId, disposed_at: rand() < 0.6 ? created + Math.floor(rand() * 200 * 3600) : null,
        due_at: created + 72 * 3600,
      };
      cases.push(c);
      await db.batch([
        db.prepare(`INSERT INTO cases (id, public_id, tracking_code, channel, category_id, district_id, street_id, community_id, grid_id, status, created_at, updated_at, due_at, disposed_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)`)
          .bind(i, `Q${i}`, `T${i}`, c.channel, c.category_id, FIXTURE.districtId, c.street_id, c.community_id, c.grid_id, c.disposed_at ? "disposed" : "reported", c.created_at, c.due_at, c.disposed_at),
        ...rollupDeltaStatements(db, null, c),
      ]);
    }
    // Dispose some open cases, reopen some disposed ones.
    for (const c of cases.filter(() => rand() < 0.5)) {
      const after = { ...c, disposed_at: c.disposed_at === null ? c.created_at + 3600 * Math.ceil(rand() * 100) : null };
      await db.batch([
        db.prepare("UPDATE cases SET disposed_at = ?2, status = ?3 WHERE id = ?1").bind(c.id, after.disposed_at, after.disposed_at ? "disposed" : "reopened"),
        ...rollupDeltaStatements(db, c, after),
      ]);
    }
    const incremental = await snapshot();
    await db.batch(REBUILD_ROLLUPS_SQL.map((s) => db.prepare(s)));
    const rebuilt = await snapshot();
    expect(incremental).toEqual(rebuilt);
    expect(rebuilt.month.length).toBeGreaterThan(5);
  });
});
