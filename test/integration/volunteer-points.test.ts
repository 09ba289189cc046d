import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE } from "./fixtures.ts";
import { api, post, seedVolunteers, VFIX, volunteer } from "./volunteer-fixtures.ts";

type Entry = { id: number; volunteerNo: string; kind: string; points: number; day: string; reversesId: number | null; recordedBy: number };
type WriteAnswer = { entry: Entry; balance: number; created?: boolean };
type ErrorAnswer = { error: { code: string; message: string } };

// One volunteer per test, so no test depends on another's writes.
const VOLS = Array.from({ length: 12 }, (_, i) => volunteer(i + 1));
const OTHER_STREET = volunteer(50, { communityId: VFIX.community2, teamId: "T2" });

const ledgerRows = async (volunteerId: number) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM point_ledger WHERE volunteer_id = ?1").bind(volunteerId).first<{ n: number }>())!.n;
const auditRows = async (action: string, volunteerId: number) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = ?1 AND json_extract(detail, '$.volunteerId') = ?2").bind(action, volunteerId).first<{ n: number }>())!.n;

const award = (no: string, activityRef: string, extra: Record<string, unknown> = {}, token: string = VFIX.adminToken) =>
  post("/api/volunteers/points/award", { volunteerNo: no, ruleId: "event", activityRef, day: "2015-07-01", ...extra }, token);
const redeem = (no: string, points: number, token: string = VFIX.adminToken) =>
  post("/api/volunteers/points/redeem", { volunteerNo: no, points, day: "2015-07-02", note: "兑换粮油" }, token);
const reverse = (id: number, token: string = VFIX.adminToken) => post(`/api/volunteers/points/${id}/reverse`, { note: "录入错误" }, token);

beforeAll(() => seedVolunteers([...VOLS, OTHER_STREET]));

describe("points writes (staff)", () => {
  it("awards points with the staff member, the activity and an audit row", async () => {
    const v = VOLS[0]!;
    const res = await award(v.no, "event:2015-07-01:park", { quantity: 2 });
    expect(res.status).toBe(201);
    const body = await res.json<WriteAnswer>();
    expect(body.entry).toMatchObject({ volunteerNo: v.no, kind: "award", points: 10, day: "2015-07-01", recordedBy: 1 });
    expect(body.balance).toBe(10);
    expect(await auditRows("points.award", v.id)).toBe(1);
    const audit = await env.DB.prepare("SELECT actor, entity, entity_id FROM audit_log WHERE action = 'points.award'").first<{ actor: string; entity: string; entity_id: string }>();
    expect(audit).toEqual({ actor: "staff:1", entity: "point_ledger", entity_id: String(body.entry.id) });
  });

  it("answers a repeated award with the existing entry (200) and writes nothing more", async () => {
    const v = VOLS[1]!;
    const first = await (await award(v.no, "event:2015-07-01:a")).json<WriteAnswer>();
    const again = await award(v.no, "event:2015-07-01:a");
    expect(again.status).toBe(200);
    const body = await again.json<WriteAnswer>();
    expect(body.created).toBe(false);
    expect(body.entry.id).toBe(first.entry.id);
    expect(body.balance).toBe(5);
    expect(await ledgerRows(v.id)).toBe(1);
    expect(await auditRows("points.award", v.id)).toBe(1);
  });

  it("refuses the same activity with different points (409), and the database refuses a double award outright", async () => {
    const v = VOLS[2]!;
    await award(v.no, "event:2015-07-01:b");
    const res = await award(v.no, "event:2015-07-01:b", { quantity: 3 });
    expect(res.status).toBe(409);
    expect((await res.json<ErrorAnswer>()).error.code).toBe("award_conflict");
    expect(await ledgerRows(v.id)).toBe(1);
    await expect(
      env.DB.prepare("INSERT INTO point_ledger (volunteer_id, kind, rule_id, activity_ref, points, day, created_at) VALUES (?1, 'award', 'event', 'event:2015-07-01:b', 5, '2015-07-01', 0)").bind(v.id).run(),
    ).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it("redeems within the balance and refuses beyond it with 409, changing nothing", async () => {
    const v = VOLS[3]!;
    await award(v.no, "mediation:1", { ruleId: "mediation" });
    const ok = await redeem(v.no, 4);
    expect(ok.status).toBe(201);
    expect(await ok.json<WriteAnswer>()).toMatchObject({ entry: { kind: "redeem", points: -4 }, balance: 6 });
    const tooMuch = await redeem(v.no, 7);
    expect(tooMuch.status).toBe(409);
    const err = await tooMuch.json<ErrorAnswer>();
    expect(err.error.code).toBe("insufficient_balance");
    expect(err.error.message).toContain("6");
    expect(await ledgerRows(v.id)).toBe(2);
    expect(await auditRows("points.redeem", v.id)).toBe(1);
    // Exactly the balance is fine.
    expect((await redeem(v.no, 6)).status).toBe(201);
  });

  it("spends once when a redemption is retried with the same Idempotency-Key", async () => {
    const v = VOLS[11]!;
    await award(v.no, "mediation:key", { ruleId: "mediation" });
    const body = { volunteerNo: v.no, points: 3, day: "2015-07-02", note: "兑换粮油" };
    const send = (key: string, over: Record<string, unknown> = {}) =>
      post("/api/volunteers/points/redeem", { ...body, ...over }, VFIX.adminToken, { "Idempotency-Key": key });
    const first = await send("redeem-0001");
    expect(first.status).toBe(201);
    const spent = await first.json<WriteAnswer>();
    expect(spent.balance).toBe(7);
    const retry = await send("redeem-0001");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await retry.json<WriteAnswer>()).toMatchObject({ entry: { id: spent.entry.id, points: -3 }, balance: 7 });
    // The same key for a different redemption is refused; a bad key is refused before anything is written.
    const reused = await send("redeem-0001", { points: 2 });
    expect(reused.status).toBe(422);
    expect((await reused.json<ErrorAnswer>()).error.code).toBe("idempotency_key_reused");
    expect((await send("short")).status).toBe(400);
    expect(await ledgerRows(v.id)).toBe(2);
    expect(await auditRows("points.redeem", v.id)).toBe(1);
    // A new key is a new redemption.
    expect(await (await send("redeem-0002")).json<WriteAnswer>()).toMatchObject({ balance: 4 });
  });

  it("refuses a redemption from an empty balance", async () => {
    const v = VOLS[4]!;
    const res = await redeem(v.no, 1);
    expect(res.status).toBe(409);
    expect(await ledgerRows(v.id)).toBe(0);
  });

  it("corrects with a reversing entry, never an edit; a second reversal is refused", async () => {
    const v = VOLS[5]!;
    const a = await (await award(v.no, "event:x")).json<WriteAnswer>();
    const r = await reverse(a.entry.id);
    expect(r.status).toBe(201);
    const body = await r.json<WriteAnswer>();
    expect(body.entry).toMatchObject({ kind: "reversal", points: -5, reversesId: a.entry.id });
    expect(body.balance).toBe(0);
    const original = await env.DB.prepare("SELECT points FROM point_ledger WHERE id = ?1").bind(a.entry.id).first<{ points: number }>();
    expect(original?.points).toBe(5);
    const again = await reverse(a.entry.id);
    expect(again.status).toBe(409);
    expect((await again.json<ErrorAnswer>()).error.code).toBe("already_reversed");
    const ofReversal = await reverse(body.entry.id);
    expect(ofReversal.status).toBe(409);
    expect((await ofReversal.json<ErrorAnswer>()).error.code).toBe("cannot_reverse_reversal");
    expect(await ledgerRows(v.id)).toBe(2);
    expect(await auditRows("points.reverse", v.id)).toBe(1);
  });

  it("refuses to reverse an award already spent (balance would go negative) until the redemption is reversed", async () => {
    const v = VOLS[6]!;
    const a = await (await award(v.no, "event:y")).json<WriteAnswer>();
    const spent = await (await redeem(v.no, 5)).json<WriteAnswer>();
    const res = await reverse(a.entry.id);
    expect(res.status).toBe(409);
    expect((await res.json<ErrorAnswer>()).error.code).toBe("insufficient_balance");
    expect((await reverse(spent.entry.id)).status).toBe(201);
    const ok = await reverse(a.entry.id);
    expect(ok.status).toBe(201);
    expect((await ok.json<WriteAnswer>()).balance).toBe(0);
  });

  it("a reversed award leaves the rankings", async () => {
    const v = VOLS[7]!;
    const a = await (await award(v.no, "event:z", { day: "2015-02-03" })).json<WriteAnswer>();
    const rank = async () =>
      (await (await api(`/api/volunteers/rankings?period=2015-02&scope=community&scopeId=${FIXTURE.communityId}`)).json<{ results: { points: number }[] }>()).results;
    expect(await rank()).toEqual([{ rank: 1, displayName: "测**号", points: 5, community: "福华南街社区" }]);
    await reverse(a.entry.id);
    expect(await rank()).toEqual([]);
  });

  it("needs a valid, unrevoked staff token", async () => {
    const v = VOLS[8]!;
    const variants: Record<string, string>[] = [{}, { authorization: "Bearer nope" }, { authorization: `Bearer ${VFIX.revokedToken}` }, { authorization: VFIX.adminToken }];
    for (const headers of variants) {
      const res = await api("/api/volunteers/points/award", {
        method: "POST", headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ volunteerNo: v.no, ruleId: "event", activityRef: "t", day: "2015-07-01" }),
      });
      expect(res.status).toBe(401);
      expect((await res.json<ErrorAnswer>()).error.code).toBe("unauthorized");
    }
    expect(await ledgerRows(v.id)).toBe(0);
  });

  it("limits a community leader to volunteers of their community", async () => {
    const own = VOLS[9]!;
    expect((await award(own.no, "event:leader", {}, VFIX.leaderToken)).status).toBe(201);
    const res = await award(OTHER_STREET.no, "event:leader", {}, VFIX.leaderToken);
    expect(res.status).toBe(403);
    expect((await res.json<ErrorAnswer>()).error.code).toBe("out_of_scope");
    expect(await ledgerRows(OTHER_STREET.id)).toBe(0);
  });

  it("refuses bad input with a 4xx and changes nothing", async () => {
    const v = VOLS[10]!;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ruleId: "old" }, 422, "invalid_rule"],
      [{ ruleId: "nope" }, 422, "invalid_rule"],
      [{ day: "2015-02-30" }, 400, "invalid_json"],
      [{ day: "2999-01-01" }, 422, "future_day"],
      [{ quantity: 0 }, 400, "invalid_json"],
      [{ activityRef: "" }, 400, "invalid_json"],
      [{ volunteerNo: "X1" }, 400, "invalid_json"],
      [{ volunteerNo: "V999999" }, 404, "volunteer_not_found"],
    ];
    for (const [extra, status, code] of cases) {
      const res = await award(v.no, "event:bad", extra);
      expect(res.status, JSON.stringify(extra)).toBe(status);
      expect((await res.json<ErrorAnswer>()).error.code).toBe(code);
    }
    const notJson = await api("/api/volunteers/points/redeem", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${VFIX.adminToken}` }, body: "{" });
    expect(notJson.status).toBe(400);
    expect((await redeem(v.no, -5)).status).toBe(400);
    expect((await reverse(999_999)).status).toBe(404);
    expect((await post("/api/volunteers/points/abc/reverse", { note: "x" }, VFIX.adminToken)).status).toBe(400);
    expect(await ledgerRows(v.id)).toBe(0);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE json_extract(detail, '$.volunteerId') = ?1").bind(v.id).first<{ n: number }>())!.n).toBe(0);
  });
});
