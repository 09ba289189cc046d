/**
 * "No input may cause a 5xx": seeded random requests against every public and staff endpoint,
 * built from values that have broken APIs before (empty, huge, NaN, SQL, markup, control
 * characters, full-width digits, wrong JSON types, repeated parameters). Every answer must be
 * below 500, and every 4xx must carry the error shape of its API.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Prng } from "../../src/lib/prng.ts";
import { api, seedVolunteers, VFIX, volunteer } from "./volunteer-fixtures.ts";
import { FIXTURE } from "./fixtures.ts";
import { fileCase, validReport } from "./reports-helpers.ts";

const V = volunteer(1);

beforeAll(async () => {
  await seedVolunteers([V]);
  // A few real cases, so lookups and listings have rows to work on.
  for (let i = 0; i < 3; i++) await fileCase();
});

const NASTY = [
  "", " ", "0", "-1", "-0", "1e309", "-1e309", "NaN", "Infinity", "0x1F", "34.705", "113.605", "90.0000001", "1,5",
  "2015", "2015-Q3", "2015-07", "2015-13", "2015-Q5", "all", "9999", "-2015",
  "district", "street", "community", "person", "team", "wgs84", "gcj02", "manhole", "json", "xml",
  FIXTURE.streetId, FIXTURE.communityId, FIXTURE.westGridId, "V000001",
  "福华", "福华南街", "fhnj", "ＡＢＣ", "１３８００１３８０００", "🙂", "\u0000", "\u202e", "%", "%25", "..", "../..", "/",
  "'; DROP TABLE cases;--", "\" OR 1=1 --", "<script>alert(1)</script>", "null", "true", "[]", "{}", "a[]",
  "9".repeat(400), "x".repeat(5000), "福".repeat(2001),
];

/**
 * Every GET endpoint with the parameters it reads and a valid value for each, so that one
 * bad parameter at a time gets past the others' validation and reaches the deep code.
 * `{seg}` in a path is replaced by a value too.
 */
const GETS: { path: string; params: Record<string, string>; staff?: boolean }[] = [
  { path: "/api/grids/locate", params: { lat: "34.705", lng: "113.605", coordsys: "wgs84" } },
  { path: "/api/grids/search", params: { q: "福华" } },
  { path: "/api/services/near", params: { lat: "34.705", lng: "113.605", category: "health", coordsys: "gcj02" } },
  { path: "/api/service-circle/{seg}", params: {} },
  { path: "/api/stats/summary", params: { year: "2015", street: FIXTURE.streetId, community: FIXTURE.communityId, category: "manhole" } },
  { path: "/api/volunteers/rankings", params: { period: "2015-Q3", scope: "community", scopeId: FIXTURE.communityId, kind: "team", limit: "10" } },
  { path: "/api/volunteers/rules", params: {} },
  { path: "/api/categories", params: {} },
  { path: "/api/reports/{seg}", params: {} },
  { path: "/api/reports/nearby", params: { category: "manhole", lat: "34.705", lng: "113.605", coordsys: "wgs84" } },
  { path: "/api/staff/cases", params: { status: "reported", grid: FIXTURE.westGridId, category: "manhole", escalated: "1", page: "1", limit: "10" }, staff: true },
  { path: "/api/staff/cases/{seg}", params: {}, staff: true },
  { path: "/open311/v2/requests.json", params: { service_request_id: "QABC", service_code: "manhole", start_date: "2015-07-01T00:00:00+08:00", end_date: "2015-08-01T00:00:00+08:00", status: "open", page: "1", page_size: "10" } },
  { path: "/open311/v2/requests.xml", params: { service_code: "manhole", status: "closed", start_date: "2015-07-01T00:00:00Z" } },
  { path: "/open311/v2/services/{seg}.xml", params: {} },
  { path: "/open311/v2/requests/{seg}.json", params: {} },
  { path: "/open311/v2/tokens/{seg}.xml", params: {} },
];

/** Every JSON write with a valid body; one field at a time gets a bad value. */
const POSTS: { path: string; valid: () => Record<string, unknown>; staff?: boolean }[] = [
  { path: "/api/reports", valid: () => validReport() },
  { path: "/api/volunteers/lookup", valid: () => ({ volunteerNo: V.no, code: V.code }) },
  { path: "/api/volunteers/points/award", valid: () => ({ volunteerNo: V.no, ruleId: "event", activityRef: "fuzz", day: "2015-07-01", quantity: 1, note: "" }), staff: true },
  { path: "/api/volunteers/points/redeem", valid: () => ({ volunteerNo: V.no, points: 1, day: "2015-07-02", note: "兑换" }), staff: true },
  { path: "/api/volunteers/points/1/reverse", valid: () => ({ note: "录入错误" }), staff: true },
];
/** Typed bad values for JSON fields, besides the strings. */
const NASTY_JSON: unknown[] = [null, true, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], [1], {}, { name: "<b>" }, ...NASTY];

const pick = <T,>(r: Prng, xs: readonly T[]): T => xs[r.int(0, xs.length - 1)]!;
/** A path segment: percent-encoded (a raw '/' would change the route), never empty. */
const seg = (v: string) => encodeURIComponent(v) || "x";
const url = (path: string, segment: string, params: Record<string, string>) => {
  const q = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return path.replace("{seg}", seg(segment)) + (q ? `?${q}` : "");
};

/** A JSON value of a random type: strings from the list, odd numbers, nesting, null. */
function jsonValue(r: Prng, depth = 0): unknown {
  switch (r.int(0, 6)) {
    case 0: return pick(r, NASTY);
    case 1: return pick(r, [0, -1, 1.5, 34.705, 113.605, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2015]);
    case 2: return null;
    case 3: return r.chance(0.5);
    case 4: return depth < 2 ? [jsonValue(r, depth + 1), jsonValue(r, depth + 1)] : [];
    case 5: return depth < 2 ? { name: jsonValue(r, depth + 1), phone: jsonValue(r, depth + 1) } : {};
    default: return pick(r, NASTY).slice(0, 20);
  }
}

function body(r: Prng, fields: readonly string[]): string {
  const kind = r.int(0, 9);
  if (kind === 0) return pick(r, ["", "{", "[1,2", "null", "42", "\"text\"", "[]", "{\"a\":}", "\u0000"]);
  if (kind === 1) return JSON.stringify(jsonValue(r));
  const o: Record<string, unknown> = {};
  for (const f of fields) if (r.chance(0.8)) o[f] = jsonValue(r);
  // An own "__proto__" key (plain assignment would set the prototype and never be sent).
  if (r.chance(0.1)) Object.defineProperty(o, "__proto__", { value: { polluted: true }, enumerable: true });
  return JSON.stringify(o);
}

async function expectClientError(res: Response, what: string): Promise<void> {
  expect(res.status, `${what} → ${res.status}`).toBeLessThan(500);
  if (res.status < 400) return;
  const text = await res.text();
  if (what.includes("/open311/")) {
    expect(text, what).toMatch(/"code"|<code>/);
  } else {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof parsed.error?.code, `${what}: ${text.slice(0, 200)}`).toBe("string");
    expect(typeof parsed.error?.message, what).toBe("string");
  }
}

const auth = { authorization: `Bearer ${VFIX.adminToken}` };

describe("no input causes a 5xx", () => {
  it("answers every bad value in every GET parameter and path, one at a time, below 500 with the error shape", async () => {
    let n = 0;
    const get = async (e: (typeof GETS)[number], u: string) => {
      const res = await api(u, { headers: { "CF-Connecting-IP": `10.9.${n >> 8 & 255}.${n++ & 255}`, ...(e.staff ? auth : {}) } });
      await expectClientError(res, `GET ${u.slice(0, 160)}`);
    };
    for (const e of GETS) {
      for (const v of NASTY) {
        if (e.path.includes("{seg}")) await get(e, url(e.path, v, e.params));
        for (const p of Object.keys(e.params)) await get(e, url(e.path, "x", { ...e.params, [p]: v }));
      }
    }
    expect(n).toBeGreaterThan(2000);
  }, 60_000);

  it("answers 600 random combinations of bad parameters below 500, with repeats and unknown names", async () => {
    const r = new Prng("fuzz-get");
    for (let i = 0; i < 600; i++) {
      const e = GETS[i % GETS.length]!;
      const parts: string[] = [];
      for (const p of Object.keys(e.params)) {
        if (r.chance(0.3)) continue;
        const repeats = r.chance(0.1) ? 2 : 1;
        for (let k = 0; k < repeats; k++) parts.push(`${p}=${encodeURIComponent(pick(r, NASTY))}`);
      }
      if (r.chance(0.1)) parts.push(`${pick(r, ["a[]", "__proto__", "constructor", "q%ZZ"])}=${encodeURIComponent(pick(r, NASTY))}`);
      const u = e.path.replace("{seg}", seg(pick(r, NASTY))) + (parts.length ? `?${parts.join("&")}` : "");
      const res = await api(u, { headers: { "CF-Connecting-IP": `10.7.${i >> 8}.${i & 255}`, ...(e.staff ? auth : {}) } });
      await expectClientError(res, `GET ${u.slice(0, 160)}`);
    }
  });

  it("answers every bad value in every JSON field, one at a time, below 500 with the error shape", async () => {
    let n = 0;
    for (const e of POSTS) {
      for (const field of [...Object.keys(e.valid()), "unknownField"]) {
        for (const v of NASTY_JSON) {
          const text = JSON.stringify({ ...e.valid(), [field]: v });
          const res = await api(e.path, {
            method: "POST",
            headers: { "content-type": "application/json", "CF-Connecting-IP": `10.6.${n >> 8 & 255}.${n++ & 255}`, ...(e.staff ? auth : {}) },
            body: text,
          });
          await expectClientError(res, `POST ${e.path} ${text.slice(0, 160)}`);
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
  }, 60_000);

  it("answers 400 random POST bodies below 500, with the error shape, and never stores a bad report", async () => {
    const r = new Prng("fuzz-post");
    const before = await env.DB.prepare("SELECT count(*) AS n FROM cases").first<{ n: number }>();
    let created = 0;
    for (let i = 0; i < 400; i++) {
      const e = POSTS[i % POSTS.length]!;
      const text = body(r, Object.keys(e.valid()));
      const res = await api(e.path, {
        method: "POST",
        headers: { "content-type": r.chance(0.9) ? "application/json" : pick(r, ["text/plain", "application/x-www-form-urlencoded", ""]), "CF-Connecting-IP": `10.8.${i >> 8}.${i & 255}`, ...(e.staff ? auth : {}) },
        body: text,
      });
      if (e.path === "/api/reports" && res.status === 201) created++;
      await expectClientError(res, `POST ${e.path} ${text.slice(0, 160)}`);
    }
    const after = await env.DB.prepare("SELECT count(*) AS n FROM cases").first<{ n: number }>();
    // Random bodies almost never make a valid report; whatever was accepted was answered 201.
    expect(after!.n - before!.n).toBe(created);
  });
});
