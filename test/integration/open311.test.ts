import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture } from "./fixtures.ts";
import { api } from "./reports-helpers.ts";
import { FORMATS, errorsOf, listOf, names, o311, parseXml, seedCases } from "./open311-helpers.ts";
import { isoLocal, localToUnix, nowSeconds } from "../../src/lib/time.ts";

const DAY = 86400;
const now = nowSeconds();
/** Recent cases (inside the default 90 days), newest first by id order QA1 → QA6. */
const RECENT = [
  { id: 1, publicId: "QA1", category: "manhole", status: "reported", created: now - 1 * DAY },
  { id: 2, publicId: "QA2", category: "elderly_service", status: "in_progress", created: now - 2 * DAY, grid: "east", departmentId: "mzj", summary: "为独居老人安排助餐" },
  { id: 3, publicId: "QA3", category: "manhole", status: "disposed", created: now - 10 * DAY, summary: "井盖已更换" },
  { id: 4, publicId: "QA4", category: "manhole", status: "closed", created: now - 20 * DAY },
  { id: 5, publicId: "QA5", category: "elderly_service", status: "rejected", created: now - 30 * DAY, rejectReason: "不属于受理范围" },
  { id: 6, publicId: "QA6", category: "manhole", status: "duplicate", created: now - 40 * DAY, duplicateOf: 1 },
] as const;
/** Older cases: outside the default range. */
const OLD = [
  { id: 7, publicId: "QA7", category: "manhole", status: "reported", created: now - 100 * DAY },
  { id: 8, publicId: "QA8", category: "elderly_service", status: "closed", created: now - 200 * DAY },
] as const;
/** 2015 cases at known times, for start_date / end_date. */
const T = (m: number, d: number, h = 9) => localToUnix(2015, m, d, h, 15, 42);
const Y2015 = [
  { id: 11, publicId: "QB1", category: "manhole", status: "closed", created: T(3, 2) },
  { id: 12, publicId: "QB2", category: "manhole", status: "in_progress", created: T(3, 20) },
  { id: 13, publicId: "QB3", category: "elderly_service", status: "closed", created: T(5, 30) },
  { id: 14, publicId: "QB4", category: "manhole", status: "reported", created: T(7, 1) },
] as const;

const RECORD_FIELDS = [
  "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
  "requested_datetime", "updated_datetime", "expected_datetime", "address", "lat", "long", "media_url",
];
const ISO_MINUTE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00$/;

beforeAll(async () => {
  await seedFixture();
  await seedCases([...RECENT, ...OLD, ...Y2015] as never);
});

/** The service_request_ids of a GET requests answer. */
async function ids(format: (typeof FORMATS)[number], query: string): Promise<string[]> {
  const res = await o311("requests", format, query);
  expect(res.status).toBe(200);
  return (await listOf(res, format, "service_requests", "request")).map((r) => r.service_request_id as string);
}

describe.each(FORMATS)("Open311 reads (%s)", (format) => {
  it("discovery: the standard's document with this endpoint, both formats and the spec", async () => {
    const res = await o311("discovery", format);
    expect(res.status).toBe(200);
    const text = await res.text();
    let d: Record<string, unknown>;
    let endpoint: Record<string, unknown>;
    let formats: unknown;
    if (format === "json") {
      d = JSON.parse(text);
      endpoint = (d.endpoints as Record<string, unknown>[])[0]!;
      formats = endpoint.formats;
    } else {
      const doc = parseXml(text);
      expect(names(doc)).toEqual(["discovery"]);
      d = doc.discovery as Record<string, unknown>;
      expect(names(d.endpoints)).toEqual(["endpoint"]);
      endpoint = (d.endpoints as { endpoint: Record<string, unknown>[] }).endpoint[0]!;
      expect(names(endpoint.formats)).toEqual(["format"]);
      formats = (endpoint.formats as { format: string[] }).format;
    }
    expect(names(d)).toEqual(["changeset", "contact", "key_service", "endpoints"]);
    expect(names(endpoint)).toEqual(["specification", "url", "changeset", "type", "formats"]);
    expect(endpoint).toMatchObject({ specification: "http://wiki.open311.org/GeoReport_v2", url: "http://portal.test/open311/v2/", type: "production" });
    expect(formats).toEqual(["text/xml", "application/json"]);
    expect(String(d.changeset)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  });

  it("services: the resident categories with the standard's fields, not the internal ones", async () => {
    const res = await o311("services", format);
    expect(res.status).toBe(200);
    const services = await listOf(res, format, "services", "service");
    expect(services.map((s) => s.service_code)).toEqual(["manhole", "elderly_service"]);
    for (const s of services) expect(names(s)).toEqual(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]);
    expect(services[0]).toMatchObject({ service_name: "窨井盖破损塌陷", type: "realtime", group: "城市管理提升", keywords: "问题,城市管理提升" });
    expect(String(services[0]!.metadata)).toBe("true");
  });

  it("services/<code>: the definition with the coordsys attribute; 404 for unknown and internal codes", async () => {
    const res = await o311("services/manhole", format);
    expect(res.status).toBe(200);
    const text = await res.text();
    let def: Record<string, unknown>;
    let attrs: Record<string, unknown>[];
    let values: unknown[];
    if (format === "json") {
      def = JSON.parse(text);
      attrs = def.attributes as Record<string, unknown>[];
      values = attrs[0]!.values as unknown[];
    } else {
      const doc = parseXml(text);
      expect(names(doc)).toEqual(["service_definition"]);
      def = doc.service_definition as Record<string, unknown>;
      expect(names(def.attributes)).toEqual(["attribute"]);
      attrs = (def.attributes as { attribute: Record<string, unknown>[] }).attribute;
      expect(names(attrs[0]!.values)).toEqual(["value"]);
      values = (attrs[0]!.values as { value: unknown[] }).value;
    }
    expect(names(def)).toEqual(["service_code", "attributes"]);
    expect(def.service_code).toBe("manhole");
    expect(names(attrs[0])).toEqual(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"]);
    expect(attrs[0]).toMatchObject({ code: "coordsys", datatype: "singlevaluelist" });
    expect(String(attrs[0]!.required)).toBe("false");
    expect(values).toEqual([{ key: "wgs84", name: "WGS-84" }, { key: "gcj02", name: "GCJ-02" }]);

    for (const code of ["nope", "internal_audit"]) {
      const missing = await o311(`services/${code}`, format);
      expect(missing.status).toBe(404);
      await errorsOf(missing, format);
    }
  });

  it("requests: the last 90 days, newest first, each record with the standard's fields", async () => {
    const res = await o311("requests", format);
    expect(res.status).toBe(200);
    const records = await listOf(res, format, "service_requests", "request");
    expect(records.map((r) => r.service_request_id)).toEqual(["QA1", "QA2", "QA3", "QA4", "QA5", "QA6"]);
    for (const r of records) {
      expect(names(r)).toEqual(RECORD_FIELDS);
      for (const k of ["requested_datetime", "updated_datetime", "expected_datetime"]) expect(r[k]).toMatch(ISO_MINUTE);
      expect(r.media_url).toBe("");
    }
    const [qa1, qa2, qa3, qa4, qa5, qa6] = records as Record<string, unknown>[];
    expect(qa1).toMatchObject({ status: "open", status_notes: "已上报（reported）", service_code: "manhole", service_name: "窨井盖破损塌陷", description: "",
      agency_responsible: "区城市管理局", service_notice: "处置时限 12 小时", address: "福华南街社区 福华南街社区第1网格" });
    expect(Number(qa1!.lat)).toBe(34.705);
    expect(Number(qa1!.long)).toBe(113.605);
    expect(qa1!.requested_datetime).toBe(isoLocal(RECENT[0].created - (RECENT[0].created % 60)));
    expect(qa1!.expected_datetime).toBe(isoLocal(RECENT[0].created + 12 * 3600 - ((RECENT[0].created + 12 * 3600) % 60)));
    expect(qa2).toMatchObject({ status: "open", status_notes: "处置中（in_progress）", description: "为独居老人安排助餐", agency_responsible: "区民政局",
      address: "福华南街社区 福华南街社区第2网格" });
    expect(Number(qa2!.long)).toBe(113.615);
    expect(qa3).toMatchObject({ status: "closed", status_notes: "已处置（disposed）", description: "井盖已更换", service_notice: "" });
    expect(qa4).toMatchObject({ status: "closed", status_notes: "已办结（closed）" });
    expect(qa5).toMatchObject({ status: "closed", status_notes: "退回（rejected）：不属于受理范围" });
    expect(qa6).toMatchObject({ status: "closed", status_notes: "重复（duplicate）：同 QA1" });
  });

  it("requests: service_code and status filters (comma lists)", async () => {
    expect(await ids(format, "service_code=elderly_service")).toEqual(["QA2", "QA5"]);
    expect(await ids(format, "service_code=elderly_service,manhole")).toEqual(["QA1", "QA2", "QA3", "QA4", "QA5", "QA6"]);
    expect(await ids(format, "service_code=nope")).toEqual([]);
    expect(await ids(format, "status=open")).toEqual(["QA1", "QA2"]);
    expect(await ids(format, "status=closed")).toEqual(["QA3", "QA4", "QA5", "QA6"]);
    expect(await ids(format, "status=open,closed")).toEqual(["QA1", "QA2", "QA3", "QA4", "QA5", "QA6"]);
    expect(await ids(format, "status=closed&service_code=manhole")).toEqual(["QA3", "QA4", "QA6"]);
    expect(await ids(format, "service_code=elderly_service&service_code=manhole&status=open")).toEqual(["QA1", "QA2"]); // repeated, not comma-separated
  });

  it("requests: start_date and end_date (ISO 8601, +08:00 when no offset is given)", async () => {
    expect(await ids(format, "start_date=2015-03-01T00:00:00%2B08:00&end_date=2015-04-01T00:00:00%2B08:00")).toEqual(["QB2", "QB1"]);
    // The bounds are inclusive, at the second; Z and other offsets are understood.
    expect(await ids(format, `start_date=2015-03-02T01:15:42Z&end_date=2015-03-20T09:15:42`)).toEqual(["QB2", "QB1"]);
    expect(await ids(format, `start_date=2015-03-02T01:15:43Z&end_date=2015-03-20T09:15:41`)).toEqual([]);
    // One end only: the other is 90 days away.
    expect(await ids(format, "start_date=2015-03-02")).toEqual(["QB3", "QB2", "QB1"]); // to 2015-05-31
    expect(await ids(format, "end_date=2015-07-01T12:00:00%2B08:00")).toEqual(["QB4", "QB3"]); // from 2015-04-02
  });

  it("requests: service_request_id (comma list) overrides every other filter", async () => {
    expect(await ids(format, "service_request_id=QA8,QB1,QA1&status=open&service_code=manhole&start_date=2015-01-01&end_date=2015-01-02")).toEqual(["QA1", "QA8", "QB1"]);
    expect(await ids(format, "service_request_id=QNOPE")).toEqual([]);
  });

  it("requests: page and page_size (extension)", async () => {
    expect(await ids(format, "page_size=2")).toEqual(["QA1", "QA2"]);
    expect(await ids(format, "page_size=2&page=2")).toEqual(["QA3", "QA4"]);
    expect(await ids(format, "page_size=4&page=2")).toEqual(["QA5", "QA6"]);
    expect(await ids(format, "page_size=4&page=3")).toEqual([]);
  });

  it("requests: bad filters are 400 in the standard's error shape", async () => {
    for (const q of [
      "start_date=2015-03-01&end_date=2015-07-01", "start_date=2015-05-01&end_date=2015-03-01", "start_date=yesterday", "end_date=2015-02-30",
      "status=pending", "page_size=1001", "page_size=0", "page=0", "page=x", "service_request_id=QA1,bad%20id",
      `service_request_id=${Array.from({ length: 101 }, (_, i) => `Q${i}`).join(",")}`,
    ]) {
      const res = await o311("requests", format, q);
      expect(res.status, q).toBe(400);
      const [e] = await errorsOf(res, format);
      expect(e!.description.length).toBeGreaterThan(0);
    }
  });

  it("requests/<id>: one record; 404 for an unknown id", async () => {
    const res = await o311("requests/QA3", format);
    expect(res.status).toBe(200);
    const records = await listOf(res, format, "service_requests", "request");
    expect(records).toHaveLength(1);
    expect(names(records[0])).toEqual(RECORD_FIELDS);
    expect(records[0]).toMatchObject({ service_request_id: "QA3", status: "closed" });
    const missing = await o311("requests/QNOPE", format);
    expect(missing.status).toBe(404);
    await errorsOf(missing, format);
  });

  it("tokens/<token>: the request id of a token; 404 for an unknown token", async () => {
    const res = await o311("tokens/QA2", format);
    expect(res.status).toBe(200);
    const records = await listOf(res, format, "service_requests", "request");
    expect(records).toEqual([{ service_request_id: "QA2", token: "QA2" }]);
    const missing = await o311("tokens/QNOPE", format);
    expect(missing.status).toBe(404);
    await errorsOf(missing, format);
  });

  it("unknown resources are 404 in the standard's shape", async () => {
    for (const path of [`/open311/v2/nothing.${format}`, `/open311/v2/services/manhole/more.${format}`, `/open311/v3/services.${format}`]) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      await errorsOf(res, format);
    }
  });
});

describe("Open311 limits and the /api error shape", () => {
  it("answers at most 1,000 records; page 2 has the rest", async () => {
    // 1,005 cases on one day of 2014 (one INSERT … SELECT; these carry no rollups: the read does not use them).
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1005)
       INSERT INTO cases (id, public_id, tracking_code, channel, category_id, district_id, street_id, community_id, grid_id, status, created_at, updated_at, due_at)
       SELECT 100000 + i, 'QM' || i, 'TRKM' || i, 'web', 'manhole', '410103', '41010309', '4101030901', '410103090101', 'reported', ?1 + i, ?1 + i, ?1 + i + 43200 FROM n`,
    ).bind(localToUnix(2014, 6, 1)).run();
    const q = "start_date=2014-06-01&end_date=2014-06-02";
    const first = await ids("json", q);
    expect(first).toHaveLength(1000);
    expect(first[0]).toBe("QM1005");
    expect(first[999]).toBe("QM6");
    expect(await ids("json", `${q}&page=2`)).toEqual(["QM5", "QM4", "QM3", "QM2", "QM1"]);
    expect(await ids("json", `${q}&page=2&page_size=500`)).toHaveLength(500);
  });

  it("paths outside v2 get the Open311 shape; /api keeps its own", async () => {
    const res = await api("/open311/whatever");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    const apiRes = await api("/api/nothing-here");
    expect(apiRes.status).toBe(404);
    expect(await apiRes.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
