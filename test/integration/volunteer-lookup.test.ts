import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LOOKUP_MAX_FAILURES_PER_NUMBER } from "../../src/lib/volunteers/lookup.ts";
import { post, seedVolunteers, VFIX, volunteer } from "./volunteer-fixtures.ts";

type Statement = { volunteerNo: string; displayName: string; balance: number; earned: number; redeemed: number; lines: { kind: string; points: number; reversed: boolean }[] };

// One volunteer per test; each test also uses its own client address.
const VOLS = Array.from({ length: 5 }, (_, i) => volunteer(i + 1, { name: `刘晓${i}梅` }));
const lookup = (volunteerNo: string, code: string, ip: string) => post("/api/volunteers/lookup", { volunteerNo, code }, undefined, { "CF-Connecting-IP": ip });

beforeAll(async () => {
  await seedVolunteers(VOLS);
  const a = (v: number, ref: string, pts: number, day: string) =>
    post("/api/volunteers/points/award", { volunteerNo: VOLS[v]!.no, ruleId: "event", activityRef: ref, quantity: pts / 5, day }, VFIX.adminToken);
  await a(0, "e1", 10, "2015-03-01");
  await a(0, "e2", 5, "2015-04-01");
  await post("/api/volunteers/points/redeem", { volunteerNo: VOLS[0]!.no, points: 3, day: "2015-04-02", note: "兑换理发服务" }, VFIX.adminToken);
  await a(1, "e1", 5, "2015-03-01");
});

describe("self lookup", () => {
  it("shows the volunteer's own balance and full history after the right code", async () => {
    const v = VOLS[0]!;
    const res = await lookup(v.no.toLowerCase(), ` ${v.code} `, "10.0.0.1");
    expect(res.status).toBe(200);
    const s = await res.json<Statement>();
    expect(s).toMatchObject({ volunteerNo: v.no, balance: 12, earned: 15, redeemed: 3 });
    expect(s.lines.map((l) => [l.kind, l.points])).toEqual([["redeem", -3], ["award", 5], ["award", 10]]);
    const text = JSON.stringify(s);
    expect(text).not.toContain(v.phone);
    expect(text).not.toContain(v.name);
  });

  it("gives the same answer for a wrong code and an unknown number, and shows nothing", async () => {
    const v = VOLS[1]!;
    const wrong = await lookup(v.no, "000000", "10.0.0.2");
    const unknown = await lookup("V999999", "000000", "10.0.0.2");
    expect(wrong.status).toBe(403);
    expect(unknown.status).toBe(403);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toBe(b);
    expect(a).not.toContain("balance");
  });

  it("rate-limits wrong codes per volunteer number with 429 and Retry-After, even for the right code", async () => {
    const v = VOLS[2]!;
    for (let i = 0; i < LOOKUP_MAX_FAILURES_PER_NUMBER; i++) {
      // Different client addresses: the limit follows the card number, not only the client.
      expect((await lookup(v.no, `99999${i}`, `10.0.1.${i}`)).status).toBe(403);
    }
    const blocked = await lookup(v.no, v.code, "10.0.1.200");
    expect(blocked.status).toBe(429);
    const retry = Number(blocked.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect((await blocked.json<{ error: { code: string } }>()).error.code).toBe("rate_limited");
    // Another volunteer is not affected.
    expect((await lookup(VOLS[3]!.no, VOLS[3]!.code, "10.0.1.201")).status).toBe(200);
  });

  it("rate-limits one client guessing across many numbers", async () => {
    for (let i = 0; i < 30; i++) await lookup(`V${String(100 + i).padStart(6, "0")}`, "123456", "10.0.2.1");
    const res = await lookup(VOLS[4]!.no, VOLS[4]!.code, "10.0.2.1");
    expect(res.status).toBe(429);
    expect((await lookup(VOLS[4]!.no, VOLS[4]!.code, "10.0.2.2")).status).toBe(200);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM rate_limits WHERE bucket LIKE 'volunteer-lookup:ip:10.0.2.1'").first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it("refuses a malformed request with 400", async () => {
    expect((await post("/api/volunteers/lookup", { volunteerNo: "", code: "1" })).status).toBe(400);
    expect((await post("/api/volunteers/lookup", { code: "1" })).status).toBe(400);
  });
});
