import { env } from "cloudflare:workers";
import gcoord from "gcoord";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture } from "./fixtures.ts";
import { FIXTURE, WEST, api, writeCounts } from "./reports-helpers.ts";
import { FORMATS, apiKey, errorsOf, listOf, names, o311, postRequest } from "./open311-helpers.ts";
import { normaliseTrackingCode } from "../../src/lib/tracking-code.ts";

beforeAll(seedFixture);

const valid = (key: string, over: Record<string, string> = {}) => ({
  api_key: key, service_code: "manhole", lat: String(WEST.lat), long: String(WEST.lng), description: "福华街口的窨井盖塌陷了，很危险", ...over,
});

type Created = { service_request_id: string; token: string; service_notice: string; account_id: string; tracking_code: string };

async function created(res: Response, format: (typeof FORMATS)[number]): Promise<Created> {
  expect(res.status).toBe(200);
  const items = await listOf(res, format, "service_requests", "request");
  expect(items).toHaveLength(1);
  expect(names(items[0])).toEqual(["service_request_id", "token", "service_notice", "account_id", "tracking_code"]);
  return items[0] as unknown as Created;
}

const caseRow = (publicId: string) => env.DB.prepare("SELECT * FROM cases WHERE public_id = ?1").bind(publicId).first<Record<string, unknown>>();

describe.each(FORMATS)("POST requests (%s)", (format) => {
  it("files a case through the shared intake: the id, a token and the reporter's tracking code", async () => {
    const { key } = await apiKey();
    const before = await writeCounts();
    const body = await created(await postRequest(format, valid(key, { first_name: "女士", last_name: "王", phone: "13800138000", email: "wang@example.org" })), format);
    expect(body.service_request_id).toMatch(/^Q[0-9A-Z]{10}$/);
    expect(body.token).toBe(body.service_request_id);
    expect(body.service_notice).toBe("已收到您的反映，处置时限 12 小时");
    expect(body.account_id).toBe("");
    expect(normaliseTrackingCode(body.tracking_code)).toBe(body.tracking_code);

    const row = await caseRow(body.service_request_id);
    expect(row).toMatchObject({ channel: "open311", status: "reported", category_id: "manhole", grid_id: FIXTURE.westGridId, lat: WEST.lat, lng: WEST.lng,
      tracking_code: body.tracking_code, description: "福华街口的窨井盖塌陷了，很危险" });
    const contact = await env.DB.prepare("SELECT name, phone, email FROM case_contacts WHERE case_id = ?1").bind(row!.id).first();
    expect(contact).toEqual({ name: "王女士", phone: "13800138000", email: "wang@example.org" });
    const after = await writeCounts();
    expect(after.cases - before.cases).toBe(1);
    expect(after.case_events - before.case_events).toBe(1);
    expect(after.recorded - before.recorded).toBe(1);

    // The poster is the reporter: the tracking code finds the case through /api/reports.
    const tracked = await api(`/api/reports/${body.tracking_code}`);
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ trackingCode: body.tracking_code, status: "reported", category: "manhole", grid: { id: FIXTURE.westGridId } });

    // …and GET answers show the case without the tracking code.
    for (const path of [`requests/${body.service_request_id}`, "requests"]) {
      const res = await o311(path, format);
      const text = await res.clone().text();
      expect(text).not.toContain(body.tracking_code);
      expect(text).not.toContain("tracking_code");
      const records = await listOf(res, format, "service_requests", "request");
      expect(records.find((r) => r.service_request_id === body.service_request_id)).toMatchObject({ status: "open", service_code: "manhole" });
    }
  });

  it("is counted in the statistics rollups under the open311 channel", async () => {
    const { key } = await apiKey();
    const month = () => env.DB.prepare("SELECT coalesce(sum(recorded), 0) AS n FROM stat_case_month WHERE channel = 'open311' AND category_id = 'elderly_service'").first<{ n: number }>();
    const grid = () => env.DB.prepare("SELECT coalesce(sum(by_resident), 0) AS n FROM stat_grid_year WHERE grid_id = ?1").bind(FIXTURE.eastGridId).first<{ n: number }>();
    const [m0, g0] = [(await month())!.n, (await grid())!.n];
    await created(await postRequest(format, valid(key, { service_code: "elderly_service", lat: "34.705", long: "113.615", description: "独居老人需要助餐服务" })), format);
    expect((await month())!.n).toBe(m0 + 1);
    expect((await grid())!.n).toBe(g0 + 1);
  });

  it("locates by address_string alone, and converts GCJ-02 with attribute[coordsys]", async () => {
    const { key } = await apiKey();
    await env.DB.prepare("INSERT INTO grid_places (grid_id, kind, name) SELECT ?1, 'compound', '幸福里小区' WHERE NOT EXISTS (SELECT 1 FROM grid_places WHERE name = '幸福里小区')")
      .bind(FIXTURE.eastGridId).run();
    const byAddress = await created(await postRequest(format, { api_key: key, service_code: "manhole", address_string: "幸福里小区3号楼东侧", description: "井盖破损，请尽快处理" }), format);
    expect(await caseRow(byAddress.service_request_id)).toMatchObject({ grid_id: FIXTURE.eastGridId, lat: null, address: "幸福里小区3号楼东侧" });

    const wgs = { lat: 34.705, lng: 113.6085 }; // west grid; as GCJ-02 it reads east of the shared edge
    const [gLng, gLat] = gcoord.transform([wgs.lng, wgs.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const gcj = await created(await postRequest(format, valid(key, { lat: gLat.toFixed(7), long: gLng.toFixed(7), "attribute[coordsys]": "gcj02" })), format);
    expect(await caseRow(gcj.service_request_id)).toMatchObject({ grid_id: FIXTURE.westGridId });
  });

  it("keeps a name with an e-mail and no phone as private contact", async () => {
    const { key } = await apiKey();
    const body = await created(await postRequest(format, valid(key, { first_name: "John", last_name: "Smith", email: "john@example.org" })), format);
    const row = await caseRow(body.service_request_id);
    expect(await env.DB.prepare("SELECT name, phone, email FROM case_contacts WHERE case_id = ?1").bind(row!.id).first()).toEqual({ name: "John Smith", phone: "", email: "john@example.org" });
  });

  it("403 without an api_key, with a wrong one or a revoked one; nothing is written", async () => {
    const revoked = await apiKey(true);
    const before = await writeCounts();
    const { api_key: _, ...noKey } = valid("x");
    for (const fields of [noKey, valid(""), valid("o311_wrong_key"), valid(revoked.key)]) {
      const res = await postRequest(format, fields);
      expect(res.status).toBe(403);
      await errorsOf(res, format);
    }
    expect(await writeCounts()).toEqual(before);
  });

  it("400 for bad input, in the standard's error shape; nothing is written", async () => {
    const { key } = await apiKey();
    const before = await writeCounts();
    const cases: [string, Record<string, string>][] = [
      ["no service_code", { api_key: key, lat: "34.705", long: "113.605", description: "井盖塌陷了很危险" }],
      ["unknown service_code", valid(key, { service_code: "nope" })],
      ["internal category", valid(key, { service_code: "internal_audit" })],
      ["no location", { api_key: key, service_code: "manhole", description: "井盖塌陷了很危险" }],
      ["lat without long", { api_key: key, service_code: "manhole", lat: "34.705", description: "井盖塌陷了很危险" }],
      ["lat not a number", valid(key, { lat: "north" })],
      ["outside the district", valid(key, { lat: "39.9", long: "116.4" })],
      ["address not located", { api_key: key, service_code: "manhole", address_string: "无名之地", description: "井盖塌陷了很危险" }],
      ["no description", valid(key, { description: "" })],
      ["description too long", valid(key, { description: "井".repeat(4001) })],
      ["markup", valid(key, { description: "<script>alert(1)</script>井盖" })],
      ["bad email", valid(key, { email: "not-an-email" })],
      ["bad phone", valid(key, { phone: "12345" })],
      ["name without a way to call back", valid(key, { first_name: "女士", last_name: "王" })],
      ["bad coordsys", valid(key, { "attribute[coordsys]": "bd09" })],
    ];
    for (const [label, fields] of cases) {
      const res = await postRequest(format, fields);
      expect(res.status, label).toBe(400);
      await errorsOf(res, format);
    }
    const json = await api(`/open311/v2/requests.${format}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(valid(key)) });
    expect(json.status).toBe(400);
    await errorsOf(json, format);
    expect(await writeCounts()).toEqual(before);
  });

  it("413 for a body over 64 KB", async () => {
    const { key } = await apiKey();
    const res = await postRequest(format, valid(key, { description: "x".repeat(70_000) }));
    expect(res.status).toBe(413);
    await errorsOf(res, format);
  });

  it("Idempotency-Key: a repeat answers the same request and stores one case; other content is refused", async () => {
    const { key } = await apiKey();
    const headers = { "Idempotency-Key": `o311-idem-${format}-${crypto.randomUUID()}` };
    const before = await writeCounts();
    const first = await created(await postRequest(format, valid(key), headers), format);
    const againRes = await postRequest(format, valid(key), headers);
    expect(againRes.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await created(againRes, format)).toEqual(first);
    expect((await writeCounts()).cases - before.cases).toBe(1);
    const other = await postRequest(format, valid(key, { description: "另一处的井盖也塌陷了" }), headers);
    expect(other.status).toBe(400);
    const [e] = await errorsOf(other, format);
    expect(e!.description).toContain("idempotency_key_reused");
  });

  it("rate limit per api client: the 21st report in 10 minutes is 429 with Retry-After", async () => {
    const a = await apiKey();
    const b = await apiKey();
    for (let i = 0; i < 20; i++) expect((await postRequest(format, valid(a.key))).status).toBe(200);
    const limited = await postRequest(format, valid(a.key));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    await errorsOf(limited, format);
    // Another client is not held back.
    expect((await postRequest(format, valid(b.key))).status).toBe(200);
  });
});
