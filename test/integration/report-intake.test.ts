import { env } from "cloudflare:workers";
import gcoord from "gcoord";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture } from "./fixtures.ts";
import { EAST, FIXTURE, WEST, api, fileCase, freshIp, postReport, validReport, writeCounts } from "./reports-helpers.ts";
import { newTrackingCode, normaliseTrackingCode } from "../../src/lib/tracking-code.ts";
import { REBUILD_ROLLUPS_SQL } from "../../src/lib/db/rollups.ts";

beforeAll(seedFixture);

type Created = { trackingCode: string; status: string; category: string; grid: { id: string; name: string }; createdAt: string };

describe("POST /api/reports", () => {
  it("files a report: 201 with a valid tracking code, the grid from the point, and everything stored together", async () => {
    const before = await writeCounts();
    const res = await postReport(validReport());
    expect(res.status).toBe(201);
    const body = await res.json<Created>();
    expect(body).toMatchObject({ status: "reported", category: "manhole", grid: { id: FIXTURE.westGridId, name: "福华南街社区第1网格" } });
    expect(normaliseTrackingCode(body.trackingCode)).toBe(body.trackingCode);
    expect(body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(res.headers.get("Location")).toBe(`/api/reports/${body.trackingCode}`);

    const row = await env.DB.prepare("SELECT * FROM cases WHERE tracking_code = ?1").bind(body.trackingCode).first<Record<string, unknown>>();
    expect(row).toMatchObject({ channel: "web", status: "reported", grid_id: FIXTURE.westGridId, street_id: FIXTURE.streetId, community_id: FIXTURE.communityId, lat: WEST.lat, lng: WEST.lng });
    expect(row!.due_at).toBe((row!.created_at as number) + 12 * 3600); // manhole: 12 hours
    const contact = await env.DB.prepare("SELECT name, phone FROM case_contacts WHERE case_id = ?1").bind(row!.id).first();
    expect(contact).toEqual({ name: "王女士", phone: "13800138000" });
    const after = await writeCounts();
    expect(after.cases - before.cases).toBe(1);
    expect(after.case_events - before.case_events).toBe(1);
    expect(after.audit_log - before.audit_log).toBe(1);
    expect(after.recorded - before.recorded).toBe(1);
  });

  it("keeps the statistics rollups equal to a full rebuild", async () => {
    for (let i = 0; i < 3; i++) await fileCase({ category: i % 2 ? "manhole" : "elderly_service", ...(i === 2 ? EAST : WEST) });
    const snap = () => env.DB.prepare("SELECT * FROM stat_case_month ORDER BY month, community_id, category_id, channel").all().then((r) => r.results);
    const incremental = await snap();
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((s) => env.DB.prepare(s)));
    expect(await snap()).toEqual(incremental);
  });

  it("gives a point on the shared edge of two grids exactly one grid", async () => {
    const res = await postReport(validReport({ lat: 34.705, lng: 113.61 }));
    expect(res.status).toBe(201);
    expect((await res.json<Created>()).grid.id).toBe(FIXTURE.eastGridId);
    const south = await postReport(validReport({ lat: 34.7, lng: 113.605 }));
    expect((await south.json<Created>()).grid.id).toBe(FIXTURE.westGridId);
  });

  it("converts GCJ-02 coordinates from phones to WGS-84 before finding the grid", async () => {
    // A WGS-84 point 150 m west of the shared edge; in GCJ-02 it reads ~500 m further east.
    const wgs = { lat: 34.705, lng: 113.6085 };
    const [gLng, gLat] = gcoord.transform([wgs.lng, wgs.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(gLng).toBeGreaterThan(113.61); // as raw WGS-84 it would land in the east grid
    const res = await postReport(validReport({ lat: gLat, lng: gLng, coordsys: "gcj02" }));
    const body = await res.json<Created>();
    expect(body.grid.id).toBe(FIXTURE.westGridId);
    const row = await env.DB.prepare("SELECT lat, lng FROM cases WHERE tracking_code = ?1").bind(body.trackingCode).first<{ lat: number; lng: number }>();
    expect(Math.abs(row!.lat - wgs.lat)).toBeLessThan(1e-5);
    expect(Math.abs(row!.lng - wgs.lng)).toBeLessThan(1e-5);
  });

  it("accepts the same fields form-encoded (the form with JavaScript off)", async () => {
    const form = new URLSearchParams({ category: "elderly_service", description: "独居老人需要助餐服务", lat: String(EAST.lat), lng: String(EAST.lng), "contact.name": "李先生", "contact.phone": "0371-6888 1234" });
    const res = await api("/api/reports", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": freshIp() }, body: form });
    expect(res.status).toBe(201);
    const body = await res.json<Created>();
    expect(body).toMatchObject({ category: "elderly_service", grid: { id: FIXTURE.eastGridId } });
  });

  it("locates a report without a point from a compound or road named in the address", async () => {
    await env.DB.prepare("INSERT INTO grid_places (grid_id, kind, name) VALUES (?1, 'compound', '幸福里小区'), (?2, 'compound', '福华南街小区'), (?1, 'road', '福华街'), (?2, 'road', '福华街'), (?2, 'road', '大学路')")
      .bind(FIXTURE.westGridId, FIXTURE.eastGridId).run();
    const post = (address: string) => postReport({ category: "manhole", description: "井盖破损，请尽快处理", address });
    expect((await (await post("幸福里小区3号楼东侧")).json<Created>()).grid.id).toBe(FIXTURE.westGridId);
    expect((await (await post("福华街福华南街小区门口")).json<Created>()).grid.id).toBe(FIXTURE.eastGridId);
    expect((await (await post("大学路88号")).json<Created>()).grid.id).toBe(FIXTURE.eastGridId);
    const before = await writeCounts();
    const ambiguous = await post("福华街100号"); // the road runs through both grids
    expect(ambiguous.status).toBe(422);
    expect((await ambiguous.json<{ error: { code: string } }>()).error.code).toBe("address_not_located");
    expect(await writeCounts()).toEqual(before);
  });

  it("writes nothing when a later statement of the batch fails: the report and its first event land together", async () => {
    await env.DB.exec("CREATE TRIGGER fail_events BEFORE INSERT ON case_events BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    try {
      const before = await writeCounts();
      const res = await postReport(validReport(), { key: "atomic-key-0001" });
      expect(res.status).toBe(500);
      const after = await writeCounts();
      expect({ ...after, rate_limits: 0 }).toEqual({ ...before, rate_limits: 0 }); // only the rate-limit counter moved
    } finally {
      await env.DB.exec("DROP TRIGGER fail_events");
    }
  });
});

describe("GET /api/reports/<trackingCode>", () => {
  it("shows category, grid, status and the public timeline, never the contact or the description", async () => {
    const { code } = await fileCase();
    const res = await api(`/api/reports/${code}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ trackingCode: code, status: "reported", statusLabel: "已上报", category: "manhole", categoryName: "窨井盖破损塌陷", grid: { id: FIXTURE.westGridId } });
    expect(body.timeline).toHaveLength(1);
    expect(body.timeline[0]).toMatchObject({ kind: "transition", status: "reported", statusLabel: "已上报", actor: "居民" });
    for (const secret of ["王女士", "13800138000", "塌陷了，很危险", "福华街12号", String(WEST.lng)]) expect(text).not.toContain(secret);
  });

  it("forgives how a code is typed (lower case, spaces, O for 0) and refuses malformed or unknown codes", async () => {
    const { code } = await fileCase();
    const typed = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    expect((await api(`/api/reports/${encodeURIComponent(typed)}`)).status).toBe(200);
    const bad = await api("/api/reports/not-a-code");
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { code: string } }>()).error.code).toBe("invalid_tracking_code");
    // A well-formed code (valid check symbol) that was never issued.
    let unknown = code;
    while (unknown === code) unknown = (await import("../../src/lib/tracking-code.ts")).newTrackingCode();
    const missing = await api(`/api/reports/${unknown}`);
    expect(missing.status).toBe(404);
    expect((await missing.json<{ error: { code: string } }>()).error.code).toBe("report_not_found");
  });

  it("stops a client after 20 unknown codes in 15 minutes, and only that client", async () => {
    const { code } = await fileCase();
    const ip = freshIp();
    const asClient = (path: string, from = ip) => api(path, { headers: { "CF-Connecting-IP": from } });
    // Malformed codes never reach the database and do not count.
    for (let i = 0; i < 25; i++) expect((await asClient("/api/reports/not-a-code")).status).toBe(400);
    for (let i = 0; i < 20; i++) {
      let unknown = code;
      while (unknown === code) unknown = newTrackingCode();
      expect((await asClient(`/api/reports/${unknown}`)).status).toBe(404);
    }
    const limited = await asClient(`/api/reports/${code}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited.json<{ error: { code: string } }>()).error.code).toBe("rate_limited");
    // Another client still follows its report.
    expect((await asClient(`/api/reports/${code}`, freshIp())).status).toBe(200);
  });
});

describe("Idempotency-Key", () => {
  it("answers a repeated key with the same tracking code and stores one case", async () => {
    const before = await writeCounts();
    const first = await postReport(validReport(), { key: "7f0c1d9e-aaaa-bbbb-cccc-000000000001" });
    const second = await postReport(validReport(), { key: "7f0c1d9e-aaaa-bbbb-cccc-000000000001", ip: "10.9.9.9" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    const a = await first.json<Created>();
    expect(await second.json<Created>()).toEqual(a);
    expect((await writeCounts()).cases - before.cases).toBe(1);
  });

  it("stores one case when two requests with the same key race", async () => {
    const before = await writeCounts();
    const key = "race-key-000000000002";
    const [r1, r2, r3] = await Promise.all([postReport(validReport(), { key }), postReport(validReport(), { key }), postReport(validReport(), { key })]);
    const codes = await Promise.all([r1, r2, r3].map(async (r) => (expect(r.status).toBe(201), (await r.json<Created>()).trackingCode)));
    expect(new Set(codes).size).toBe(1);
    expect((await writeCounts()).cases - before.cases).toBe(1);
  });

  it("refuses a key reused for a different report, writing nothing", async () => {
    const key = "reuse-key-000000000003";
    expect((await postReport(validReport(), { key })).status).toBe(201);
    const before = await writeCounts();
    const res = await postReport(validReport({ description: "另一件完全不同的事情" }), { key });
    expect(res.status).toBe(422);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("idempotency_key_reused");
    expect(await writeCounts()).toEqual(before);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After after 20 reports from one client in 10 minutes, and only for that client", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 20; i++) expect((await postReport(validReport(), { ip })).status).toBe(201);
    const before = await writeCounts();
    const limited = await postReport(validReport(), { ip });
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(600);
    const body = await limited.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/频繁/);
    const after = await writeCounts();
    expect(after.cases).toBe(before.cases);
    expect((await postReport(validReport(), { ip: "203.0.113.78" })).status).toBe(201);
  });

  it("replays an idempotent retry even when the client is over its limit", async () => {
    const ip = "203.0.113.90";
    const key = "limit-replay-key-0004";
    const first = await postReport(validReport(), { ip, key });
    for (let i = 0; i < 19; i++) await postReport(validReport(), { ip });
    expect((await postReport(validReport(), { ip })).status).toBe(429);
    const retry = await postReport(validReport(), { ip, key });
    expect(retry.status).toBe(201);
    expect((await retry.json<Created>()).trackingCode).toBe((await first.json<Created>()).trackingCode);
  });
});

describe("GET /api/reports/nearby", () => {
  it("lists open cases of the same category within 250 m, coarsened, nearest first", async () => {
    // Around a spot of the east grid no other test in this file uses.
    const at = { lat: 34.7025, lng: 113.6175 };
    const near = await fileCase({ lat: at.lat + 0.0001, lng: at.lng + 0.0001 }); // ~15 m
    const mid = await fileCase({ lat: at.lat + 0.0015, lng: at.lng }); // ~170 m
    await fileCase({ lat: at.lat + 0.0035, lng: at.lng }); // ~390 m: too far
    await fileCase({ category: "elderly_service", lat: at.lat, lng: at.lng }); // other category
    const closed = await fileCase({ lat: at.lat, lng: at.lng + 0.0002 });
    await env.DB.prepare("UPDATE cases SET status = 'rejected' WHERE id = ?1").bind(closed.id).run();
    const res = await api(`/api/reports/nearby?category=manhole&lat=${at.lat}&lng=${at.lng}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { grid: { id: string }; results: { publicId: string; distanceM: number; reportedDay: string }[] };
    expect(body.grid.id).toBe(FIXTURE.eastGridId);
    const ids = body.results.map((r) => r.publicId);
    expect(ids).toEqual([near.publicId, mid.publicId]);
    expect(ids).not.toContain(closed.publicId);
    expect(body.results.every((r) => r.distanceM % 50 === 0 && r.distanceM <= 250)).toBe(true);
    expect(text).not.toMatch(/塌陷了|13800138000|王女士|trackingCode|"lat"/);
  });
});
