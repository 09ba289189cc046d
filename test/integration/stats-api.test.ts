import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { REBUILD_ROLLUPS_SQL, rollupDeltaStatements, type CaseRollupFields } from "../../src/lib/db/rollups.ts";
import { localToUnix } from "../../src/lib/time.ts";
import { FIXTURE, seedFixture } from "./fixtures.ts";

const SECOND_COMMUNITY = "4101030902";
const SECOND_GRID = "410103090201";

/** A second community in the same street, so community figures have a neighbour to hide behind. */
async function seedSecondCommunity() {
  const db = env.DB;
  const sq = JSON.stringify({ type: "Polygon", coordinates: [[[113.6, 34.71], [113.62, 34.71], [113.62, 34.72], [113.6, 34.72], [113.6, 34.71]]] });
  await db.batch([
    db.prepare("INSERT INTO communities (id, street_id, name, households, population, lat, lng) VALUES (?1, ?2, '永安东街社区', 600, 1800, 34.715, 113.61)").bind(SECOND_COMMUNITY, FIXTURE.streetId),
    db.prepare(`INSERT INTO grids (id, level, parent_id, district_id, street_id, community_id, code, name, households, boundary, min_lat, min_lng, max_lat, max_lng, centroid_lat, centroid_lng)
                VALUES (?1, 2, ?2, ?3, ?2, ?1, ?1, '永安东街社区二级网格', 600, ?4, 34.71, 113.60, 34.72, 113.62, 34.715, 113.61)`).bind(SECOND_COMMUNITY, FIXTURE.streetId, FIXTURE.districtId, sq),
    db.prepare(`INSERT INTO grids (id, level, parent_id, district_id, street_id, community_id, code, name, households, boundary, min_lat, min_lng, max_lat, max_lng, centroid_lat, centroid_lng)
                VALUES (?1, 3, ?2, ?3, ?4, ?2, ?1, '永安东街社区第1网格', 600, ?5, 34.71, 113.60, 34.72, 113.62, 34.715, 113.61)`).bind(SECOND_GRID, SECOND_COMMUNITY, FIXTURE.districtId, FIXTURE.streetId, sq),
  ]);
}

type Row = CaseRollupFields & { id: number };
let nextId = 1;

/** Writes a case and its rollup deltas in one batch, as the intake and workflow do. */
async function writeCase(c: Omit<Row, "id">): Promise<Row> {
  const db = env.DB;
  const row = { ...c, id: nextId++ };
  await db.batch([
    db.prepare(`INSERT INTO cases (id, public_id, tracking_code, channel, category_id, district_id, street_id, community_id, grid_id, status, created_at, updated_at, due_at, disposed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)`)
      .bind(row.id, `Q${row.id}`, `T${row.id}`, row.channel, row.category_id, FIXTURE.districtId, row.street_id, row.community_id, row.grid_id, row.disposed_at ? "disposed" : "reported", row.created_at, row.due_at, row.disposed_at),
    ...rollupDeltaStatements(db, null, row),
  ]);
  return row;
}

async function summary(query: string) {
  const res = await exports.default.fetch(`https://portal.test/api/stats/summary${query}`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

let seed = 11;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const cases: Row[] = [];

beforeAll(async () => {
  await seedFixture();
  await seedSecondCommunity();
  // 2015: 300 cases over both communities; the first community disposes everything but 3.
  for (let i = 0; i < 300; i++) {
    const first = i < 200;
    const created = localToUnix(2015, 1 + (i % 12), 1 + (i % 27), 9 + (i % 8));
    const disposed = first ? (i < 3 ? null : created + 3600 * (1 + (i % 40))) : rand() < 0.8 ? created + 3600 * (2 + (i % 90)) : null;
    cases.push(await writeCase({
      created_at: created, street_id: FIXTURE.streetId, community_id: first ? FIXTURE.communityId : SECOND_COMMUNITY,
      category_id: i % 5 === 0 ? "elderly_service" : "manhole", channel: ["patrol", "web", "hotline", "wechat"][i % 4]!,
      grid_id: first ? (i % 2 ? FIXTURE.westGridId : FIXTURE.eastGridId) : SECOND_GRID, disposed_at: disposed, due_at: created + 12 * 3600,
    }));
  }
});

describe("GET /api/stats/summary", () => {
  it("reports the same totals as a count over the raw cases", async () => {
    const { status, body } = await summary("?year=2015");
    expect(status).toBe(200);
    const raw = await env.DB.prepare("SELECT count(*) AS recorded, count(disposed_at) AS disposed FROM cases").first<{ recorded: number; disposed: number }>();
    expect(body.recorded).toBe(raw!.recorded);
    expect(body.disposed).toBe(raw!.disposed);
    expect(body.disposalRate).toBeCloseTo(raw!.disposed / raw!.recorded, 12);
    expect(body.byMonth).toHaveLength(12);
    expect(body.byMonth.reduce((a: number, m: any) => a + m.recorded, 0)).toBe(300);
    expect(body.byCategory.map((c: any) => c.id).sort()).toEqual(["elderly_service", "manhole"]);
    expect(body.byStreet).toEqual([expect.objectContaining({ id: FIXTURE.streetId, name: "福华街街道", recorded: 300 })]);
    // Median from the histogram agrees with the exact median within its bucket.
    const durations = cases.filter((c) => c.disposed_at).map((c) => (c.disposed_at! - c.created_at) / 3600).sort((a, b) => a - b);
    const exact = durations[Math.floor(durations.length / 2)]!;
    expect(Math.abs(body.medianHoursToDispose - exact)).toBeLessThan(6);
    const onTime = cases.filter((c) => c.disposed_at && c.disposed_at <= c.due_at).length;
    expect(body.onTimeRate).toBeCloseTo(onTime / raw!.disposed, 12);
  });

  it("keeps answering the raw counts after random disposals and reopenings (rollups = full recount)", async () => {
    // Only the second community changes, so the first keeps its 3 open cases for the next test.
    for (const c of cases.filter((x) => x.community_id === SECOND_COMMUNITY && rand() < 0.5)) {
      const after = { ...c, disposed_at: c.disposed_at === null ? c.created_at + 7200 : null };
      await env.DB.batch([
        env.DB.prepare("UPDATE cases SET disposed_at = ?2, status = ?3 WHERE id = ?1").bind(c.id, after.disposed_at, after.disposed_at ? "disposed" : "reopened"),
        ...rollupDeltaStatements(env.DB, c, after),
      ]);
      Object.assign(c, after);
    }
    const before = await summary("?year=2015&category=manhole");
    const raw = await env.DB.prepare("SELECT count(*) AS recorded, count(disposed_at) AS disposed FROM cases WHERE category_id = 'manhole'").first<{ recorded: number; disposed: number }>();
    expect([before.body.recorded, before.body.disposed]).toEqual([raw!.recorded, raw!.disposed]);
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((s) => env.DB.prepare(s)));
    const after = await summary("?year=2015&category=manhole");
    expect(after.body).toEqual(before.body);
  });

  it("withholds a community's small open count and anything that would give it away", async () => {
    // The first community disposed all of its 200 cases but 3.
    const { body } = await summary(`?year=2015&community=${FIXTURE.communityId}`);
    expect(body.recorded).toBe(200);
    expect(cases.filter((c) => c.community_id === FIXTURE.communityId && c.disposed_at === null)).toHaveLength(3);
    expect(body.open).toBe("<5");
    expect(body.disposed).toBeNull();
    expect(body.disposalRate).toBeNull();
    // The neighbour in the same street is withheld too, or street − neighbour = this community.
    const other = await summary(`?year=2015&community=${SECOND_COMMUNITY}`);
    expect(other.body.recorded).toBe(100);
    expect(other.body.disposed).toBeNull();
    const street = await summary("?year=2015");
    expect(typeof street.body.disposed).toBe("number");
    expect(body.withheld).toContain("byChannel");
    // No month of the community shows a count of 1–4.
    for (const m of body.byMonth) for (const v of [m.recorded, m.disposed, m.open]) if (typeof v === "number") expect(v === 0 || v >= 5).toBe(true);
  });

  it("answers 400 with the error shape for bad filters, and never exposes the naive route", async () => {
    for (const q of ["?year=15", "?street=nope", "?community=4101030999", `?street=41010301&community=${FIXTURE.communityId}`, "?category=x;drop"]) {
      const { status, body } = await summary(q);
      expect(status).toBe(400);
      expect(body.error.code).toMatch(/^(invalid_query|unknown_\w+|community_not_in_street)$/);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const naive = await exports.default.fetch("https://portal.test/api/stats/naive-summary?year=2015");
    expect(naive.status).toBe(404);
  });
});
