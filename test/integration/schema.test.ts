import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE, seedFixture } from "./fixtures.ts";

beforeAll(seedFixture);

const insertCase = (overrides: Record<string, unknown> = {}) => {
  const row: Record<string, unknown> = {
    public_id: `Q${crypto.randomUUID().slice(0, 10)}`, tracking_code: crypto.randomUUID().slice(0, 14), channel: "web",
    category_id: "manhole", district_id: FIXTURE.districtId, street_id: FIXTURE.streetId, community_id: FIXTURE.communityId,
    grid_id: FIXTURE.westGridId, status: "reported", created_at: 1_420_070_400, updated_at: 1_420_070_400, due_at: 1_420_113_600,
    ...overrides,
  };
  const cols = Object.keys(row);
  return env.DB.prepare(`INSERT INTO cases (${cols.join(",")}) VALUES (${cols.map((_, i) => `?${i + 1}`).join(",")})`).bind(...cols.map((c) => row[c])).run();
};

describe("schema constraints", () => {
  it("accepts a well-formed case", async () => {
    const r = await insertCase();
    expect(r.success).toBe(true);
  });

  it("rejects a case status outside the state machine", async () => {
    await expect(insertCase({ status: "lost" })).rejects.toThrow(/CHECK constraint failed/);
  });

  it("rejects an unknown channel and a disposed case without a disposal time", async () => {
    await expect(insertCase({ channel: "fax" })).rejects.toThrow(/CHECK constraint failed/);
    await expect(insertCase({ status: "disposed" })).rejects.toThrow(/CHECK constraint failed/);
  });

  it("rejects a case in a grid that does not exist (foreign keys are on)", async () => {
    await expect(insertCase({ grid_id: "999999999999" })).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it("rejects a duplicate tracking code", async () => {
    await insertCase({ tracking_code: "ABCD-EFGH-JKMN" });
    await expect(insertCase({ tracking_code: "ABCD-EFGH-JKMN" })).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it("rejects a grid level other than 1, 2, 3", async () => {
    await expect(
      env.DB.prepare(`INSERT INTO grids (id, level, district_id, street_id, community_id, code, name, boundary, min_lat, min_lng, max_lat, max_lng, centroid_lat, centroid_lng)
                      VALUES ('x4', 4, ?1, ?2, ?3, 'x4', 'x', '{}', 0, 0, 1, 1, 0.5, 0.5)`).bind(FIXTURE.districtId, FIXTURE.streetId, FIXTURE.communityId).run(),
    ).rejects.toThrow(/CHECK constraint failed/);
  });

  it("keeps the point ledger append-only and one award per activity", async () => {
    await env.DB.batch([
      env.DB.prepare("INSERT INTO volunteer_teams (id, community_id, name) VALUES ('T1', ?1, '网格服务小队')").bind(FIXTURE.communityId),
      env.DB.prepare("INSERT INTO volunteers (id, volunteer_no, name, community_id, team_id, code_hash, joined_day) VALUES (1, 'V1', '张三华', ?1, 'T1', 'h', '2015-01-01')").bind(FIXTURE.communityId),
      env.DB.prepare("INSERT INTO point_rules (id, name, points) VALUES ('patrol', '网格巡查值守', 2)"),
    ]);
    const award = () => env.DB.prepare("INSERT INTO point_ledger (volunteer_id, kind, rule_id, activity_ref, points, day, created_at) VALUES (1, 'award', 'patrol', 'patrol:2015-03-01', 2, '2015-03-01', 0)").run();
    await award();
    await expect(award()).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(env.DB.prepare("UPDATE point_ledger SET points = 100").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM point_ledger").run()).rejects.toThrow(/append-only/);
    await expect(
      env.DB.prepare("INSERT INTO point_ledger (volunteer_id, kind, points, day, created_at) VALUES (1, 'redeem', 5, '2015-03-02', 0)").run(),
    ).rejects.toThrow(/CHECK constraint failed/);
  });
});
