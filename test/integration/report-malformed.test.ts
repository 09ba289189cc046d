import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture } from "./fixtures.ts";
import { api, freshIp, postReport, validReport, writeCounts } from "./reports-helpers.ts";

beforeAll(seedFixture);

type Case = { name: string; status: number; code: string; send: () => Promise<Response> };

const json = (body: unknown, headers: Record<string, string> = {}) => () => postReport(body, { headers });
const raw = (body: string, contentType: string | null, headers: Record<string, string> = {}) => () =>
  api("/api/reports", { method: "POST", headers: { ...(contentType ? { "Content-Type": contentType } : {}), "CF-Connecting-IP": freshIp(), ...headers }, body });
const without = (key: string) => {
  const r: Record<string, unknown> = validReport();
  delete r[key];
  return r;
};

const CASES: Case[] = [
  { name: "broken JSON", status: 400, code: "invalid_json", send: raw('{"category": "manhole",', "application/json") },
  { name: "empty JSON body", status: 400, code: "invalid_json", send: raw("", "application/json") },
  { name: "JSON array", status: 400, code: "invalid_body", send: json([validReport()]) },
  { name: "JSON null", status: 400, code: "invalid_body", send: json(null) },
  { name: "JSON string", status: 400, code: "invalid_body", send: raw('"manhole"', "application/json") },
  { name: "JSON number", status: 400, code: "invalid_body", send: raw("42", "application/json") },
  { name: "missing category", status: 400, code: "invalid_category", send: json(without("category")) },
  { name: "missing description", status: 400, code: "invalid_description", send: json(without("description")) },
  { name: "description too short", status: 400, code: "invalid_description", send: json(validReport({ description: "井盖" })) },
  { name: "description only spaces", status: 400, code: "invalid_description", send: json(validReport({ description: "      \n  " })) },
  { name: "description 4001 characters", status: 400, code: "invalid_description", send: json(validReport({ description: "塌".repeat(4001) })) },
  { name: "contact e-mail malformed", status: 400, code: "invalid_contact_email", send: json(validReport({ contact: { phone: "13800138000", email: "not-an-email" } })) },
  { name: "description is a number", status: 400, code: "invalid_description", send: json(validReport({ description: 12345678 })) },
  { name: "description with a script tag", status: 400, code: "invalid_description", send: json(validReport({ description: "井盖坏了<script>alert(document.cookie)</script>" })) },
  { name: "category is a number", status: 400, code: "invalid_category", send: json(validReport({ category: 7 })) },
  { name: "category is an object", status: 400, code: "invalid_category", send: json(validReport({ category: { id: "manhole" } })) },
  { name: "unknown category", status: 422, code: "unknown_category", send: json(validReport({ category: "no_such_category" })) },
  { name: "category residents may not choose", status: 422, code: "unknown_category", send: json(validReport({ category: "internal_audit" })) },
  { name: "SQL in category", status: 422, code: "unknown_category", send: json(validReport({ category: "manhole' OR '1'='1" })) },
  { name: "SQL statement in category", status: 422, code: "unknown_category", send: json(validReport({ category: "manhole'; DROP TABLE cases; --" })) },
  { name: "category of 65 characters", status: 400, code: "invalid_category", send: json(validReport({ category: "m".repeat(65) })) },
  { name: "lat as a string", status: 400, code: "invalid_location", send: json(validReport({ lat: "34.705" })) },
  { name: "lat without lng", status: 400, code: "invalid_location", send: json(validReport({ lng: undefined })) },
  { name: "lat above 90", status: 400, code: "invalid_location", send: json(validReport({ lat: 91 })) },
  { name: "lng below -180", status: 400, code: "invalid_location", send: json(validReport({ lng: -181 })) },
  { name: "lat overflowing to Infinity", status: 400, code: "invalid_location", send: raw(JSON.stringify(validReport()).replace('"lat":34.705', '"lat":1e400'), "application/json") },
  { name: "lat as boolean", status: 400, code: "invalid_location", send: json(validReport({ lat: true })) },
  { name: "point in another city", status: 422, code: "outside_district", send: json(validReport({ lat: 39.9042, lng: 116.4074 })) },
  { name: "point just east of the district", status: 422, code: "outside_district", send: json(validReport({ lat: 34.705, lng: 113.6201 })) },
  { name: "point on the district's northern edge", status: 422, code: "outside_district", send: json(validReport({ lat: 34.71, lng: 113.605 })) },
  { name: "no place at all", status: 400, code: "missing_location", send: json(validReport({ lat: undefined, lng: undefined, address: undefined })) },
  { name: "address that names no grid", status: 422, code: "address_not_located", send: json(validReport({ lat: undefined, lng: undefined, address: "火星基地1号" })) },
  { name: "address of 201 characters", status: 400, code: "invalid_address", send: json(validReport({ address: "路".repeat(201) })) },
  { name: "markup in the address", status: 400, code: "invalid_address", send: json(validReport({ address: '<img src=x onerror="alert(1)">' })) },
  { name: "unknown coordinate system", status: 400, code: "invalid_coordsys", send: json(validReport({ coordsys: "bd09" })) },
  { name: "phone that is not a phone", status: 400, code: "invalid_contact_phone", send: json(validReport({ contact: { name: "王", phone: "abc" } })) },
  { name: "SQL in the phone", status: 400, code: "invalid_contact_phone", send: json(validReport({ contact: { phone: "'; DROP TABLE case_contacts; --" } })) },
  { name: "name without a phone", status: 400, code: "invalid_contact_phone", send: json(validReport({ contact: { name: "王女士" } })) },
  { name: "contact as a string", status: 400, code: "invalid_contact", send: json(validReport({ contact: "13800138000" })) },
  { name: "contact name of 51 characters", status: 400, code: "invalid_contact", send: json(validReport({ contact: { name: "王".repeat(51), phone: "13800138000" } })) },
  { name: "body over 64 KB", status: 413, code: "payload_too_large", send: json(validReport({ description: "x".repeat(70_000) })) },
  { name: "plain text body", status: 415, code: "unsupported_media_type", send: raw("manhole at the corner", "text/plain") },
  { name: "no content type", status: 415, code: "unsupported_media_type", send: raw(JSON.stringify(validReport()), null) },
  { name: "Idempotency-Key too short", status: 400, code: "invalid_idempotency_key", send: json(validReport(), { "Idempotency-Key": "abc" }) },
  { name: "Idempotency-Key too long", status: 400, code: "invalid_idempotency_key", send: json(validReport(), { "Idempotency-Key": "k".repeat(200) }) },
  { name: "form field lat not a number", status: 400, code: "invalid_location", send: raw(new URLSearchParams({ category: "manhole", description: "井盖塌陷很危险", lat: "abc", lng: "113.605" }).toString(), "application/x-www-form-urlencoded") },
  {
    name: "multipart with a file", status: 400, code: "invalid_body",
    send: () => {
      const fd = new FormData();
      fd.set("category", "manhole");
      fd.set("description", "井盖塌陷很危险");
      fd.set("photo", new File(["x"], "a.png", { type: "image/png" }));
      return api("/api/reports", { method: "POST", headers: { "CF-Connecting-IP": freshIp() }, body: fd });
    },
  },
];

describe("malformed reports", () => {
  it(`covers at least 30 kinds of bad input (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.status} ${c.code}, nothing written`, async () => {
      const before = await writeCounts();
      const res = await c.send();
      expect(res.status).toBe(c.status);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = await res.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe(c.code);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await writeCounts()).toEqual(before);
    });
  }

  for (const code of ["' OR 1=1 --", "<script>alert(1)</script>", "A".repeat(5000)]) {
    it(`tracking look-up of ${JSON.stringify(code.slice(0, 20))} is a 400, not a 5xx`, async () => {
      const res = await api(`/api/reports/${encodeURIComponent(code)}`);
      expect(res.status).toBe(400);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("invalid_tracking_code");
    });
  }

  it("stores SQL-looking text in a description verbatim and harmlessly (it is only text)", async () => {
    const description = "Robert'); DROP TABLE cases; -- 门口井盖没了";
    const res = await postReport(validReport({ description }));
    expect(res.status).toBe(201);
    const { trackingCode } = await res.json<{ trackingCode: string }>();
    const row = await env.DB.prepare("SELECT description FROM cases WHERE tracking_code = ?1").bind(trackingCode).first<{ description: string }>();
    expect(row!.description).toBe(description);
  });
});
