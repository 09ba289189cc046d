import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { getOpenRecords, toCsv, toJson } from "../../src/lib/db/open-data.ts";
import { rollupDeltaStatements } from "../../src/lib/db/rollups.ts";
import { localToUnix } from "../../src/lib/time.ts";
import { FIXTURE, seedFixture } from "./fixtures.ts";

const MARKERS = ["MKNAME7Q", "MKDESC7Q", "MKADDR7Q", "TRK7QMARKER", "13987650123", "139-8765-0123", "mk.marker.q7", "豫A7Q123", "410103199207071234", "34.7212345", "113.6312345"];

beforeAll(async () => {
  await seedFixture();
  const db = env.DB;
  // Twelve reports whose contact, description, address, tracking code, coordinates and raw summary carry markers.
  for (let i = 1; i <= 12; i++) {
    const created = localToUnix(2016, 1 + (i % 12), 3 + i, 10);
    const disposed = i % 3 ? created + 3600 * i : null;
    const row = { created_at: created, street_id: FIXTURE.streetId, community_id: FIXTURE.communityId, category_id: "manhole", channel: "web", grid_id: i % 2 ? FIXTURE.westGridId : FIXTURE.eastGridId, disposed_at: disposed, due_at: created + 12 * 3600 };
    await db.batch([
      db.prepare(`INSERT INTO cases (id, public_id, tracking_code, channel, category_id, district_id, street_id, community_id, grid_id, lat, lng, address, description, public_summary, status, created_at, updated_at, due_at, disposed_at)
                  VALUES (?1, ?2, ?3, 'web', 'manhole', ?4, ?5, ?6, ?7, 34.7212345, 113.6312345, '标记路MKADDR7Q号', ?8, ?9, ?10, ?11, ?11, ?12, ?13)`)
        .bind(i, `QPUB${i}`, `TRK7QMARKER${i}`, FIXTURE.districtId, FIXTURE.streetId, FIXTURE.communityId, row.grid_id,
          "居民原话MKDESC7Q，电话13987650123", `井盖已更换。联系人 139-8765-0123，ｍｋ.marker.q7＠example.org，车牌豫A7Q123，身份证410103199207071234`,
          disposed ? "disposed" : "in_progress", created, row.due_at, disposed),
      db.prepare("INSERT INTO case_contacts (case_id, name, phone, email) VALUES (?1, '王MKNAME7Q', '13987650123', 'mk.marker.q7@example.org')").bind(i),
      ...rollupDeltaStatements(db, null, row),
    ]);
  }
});

const leaks = (text: string) => MARKERS.filter((m) => text.includes(m) || text.normalize("NFKC").includes(m));

describe("privacy of published statistics and open data", () => {
  it("open data carries the records, scrubbed, and none of the private fields", async () => {
    const records = await getOpenRecords(env.DB, "2016");
    expect(records).toHaveLength(12);
    const csv = toCsv(records);
    const json = toJson("2016", records);
    expect(csv).toContain("QPUB1,");
    expect(csv).toContain("井盖已更换。联系人 [电话已隐去]，[邮箱已隐去]，车牌[车牌已隐去]，身份证[证件号已隐去]");
    expect(leaks(csv)).toEqual([]);
    expect(leaks(json)).toEqual([]);
    // Days, not times: every date field is YYYY-MM-DD.
    for (const r of records) {
      expect(r[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r[2] !== null) expect(r[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("no public API answer carries a marker", async () => {
    for (const q of ["", "?year=2016", `?year=2016&street=${FIXTURE.streetId}`, `?year=2016&community=${FIXTURE.communityId}`, `?year=2016&community=${FIXTURE.communityId}&category=manhole`, "?year=2016&category=manhole"]) {
      const res = await exports.default.fetch(`https://portal.test/api/stats/summary${q}`);
      expect(res.status).toBe(200);
      expect(leaks(await res.text())).toEqual([]);
    }
  });
});
