import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture } from "./fixtures.ts";

const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://portal.test${path}`, init));

beforeAll(seedFixture);

describe("API basics", () => {
  it("GET /api/health answers ok after asking the database", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("every API answer carries the security headers, errors included", async () => {
    for (const path of ["/api/health", "/api/no-such-thing"]) {
      const res = await api(path);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("permissions-policy")).toContain("geolocation=(self)");
    }
  });

  it("unknown /api paths answer a JSON 404 in the error shape", async () => {
    const res = await api("/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message for people
  });

  it("GET /api/categories lists only the categories residents may choose, in order", async () => {
    const res = await api("/api/categories");
    expect(res.status).toBe(200);
    const body = await res.json<{ results: { id: string; name: string; kind: string }[] }>();
    expect(body.results.map((c) => c.id)).toEqual(["manhole", "elderly_service"]);
    expect(body.results[0]).toMatchObject({ name: "窨井盖破损塌陷", kind: "problem", group: "城市管理提升", dueHours: 12 });
  });

  it("wrong methods on known resources are 404s in the error shape, never 5xx", async () => {
    const res = await api("/api/health", { method: "DELETE" });
    expect(res.status).toBe(404);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("not_found");
  });
});
