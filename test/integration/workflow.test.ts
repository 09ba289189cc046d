import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../functions/index.ts";
import { seedFixture } from "./fixtures.ts";
import { FIXTURE, api, fileCase, staffApi, staffToken, writeCounts } from "./reports-helpers.ts";
import { CASE_STATUSES, isLegalTransition, legalTransitions, type CaseStatus } from "../../src/lib/cases/states.ts";
import { REBUILD_ROLLUPS_SQL } from "../../src/lib/db/rollups.ts";

let admin: string;
beforeAll(async () => {
  await seedFixture();
  admin = await staffToken("admin", null);
});

/** The legal path from a new case to each status. */
const PATH: Record<CaseStatus, CaseStatus[]> = {
  reported: [],
  accepted: ["accepted"],
  dispatched: ["accepted", "dispatched"],
  in_progress: ["accepted", "in_progress"],
  disposed: ["accepted", "in_progress", "disposed"],
  closed: ["accepted", "in_progress", "disposed", "closed"],
  rejected: ["rejected"],
  duplicate: ["duplicate"],
  reopened: ["accepted", "in_progress", "disposed", "reopened"],
};

/** What a transition needs besides the target. */
const extras = (to: CaseStatus, originalId: string) =>
  to === "rejected" ? { reason: "不属于网格事项，已告知 12345 热线" } : to === "duplicate" ? { duplicateOf: originalId } : {};

let original = "";
async function caseIn(status: CaseStatus): Promise<{ publicId: string; code: string; id: number }> {
  if (!original) original = (await fileCase()).publicId;
  const c = await fileCase();
  for (const to of PATH[status]) {
    const res = await staffApi(admin, `/${c.publicId}/transitions`, "POST", { to, ...extras(to, original) });
    if (res.status !== 200) throw new Error(`setting up ${status}: ${to} → ${res.status} ${await res.text()}`);
  }
  return c;
}

const caseRow = (id: number) => env.DB.prepare("SELECT * FROM cases WHERE id = ?1").bind(id).first<Record<string, unknown>>();
const countFor = async (id: number) => ({
  events: (await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE case_id = ?1").bind(id).first<{ n: number }>())!.n,
  audit: (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'case' AND entity_id = ?1 AND action = 'case.transition'").bind(String(id)).first<{ n: number }>())!.n,
});

describe("the state machine over the API", () => {
  it("has the documented edges", () => {
    expect(legalTransitions()).toHaveLength(18);
    expect(isLegalTransition("reported", "closed")).toBe(false);
    expect(isLegalTransition("duplicate", "reopened")).toBe(false);
  });

  for (const from of CASE_STATUSES) {
    for (const to of CASE_STATUSES) {
      const legal = isLegalTransition(from, to);
      it(`${from} → ${to}: ${legal ? "allowed, with one event and one audit row" : "409, nothing written"}`, async () => {
        const c = await caseIn(from);
        const before = await countFor(c.id);
        const rowBefore = await caseRow(c.id);
        const res = await staffApi(admin, `/${c.publicId}/transitions`, "POST", { to, ...extras(to, original) });
        if (legal) {
          expect(res.status).toBe(200);
          expect((await res.json<{ status: string }>()).status).toBe(to);
          const after = await countFor(c.id);
          expect(after).toEqual({ events: before.events + 1, audit: before.audit + 1 });
          const row = (await caseRow(c.id))!;
          expect(row.status).toBe(to);
          if (to === "disposed") expect(row.disposed_at).not.toBeNull();
          if (to === "reopened") expect(row.disposed_at).toBeNull();
          if (to === "duplicate") expect(row.duplicate_of).not.toBeNull();
          if (to === "dispatched") expect(row.department_id).toBe("cgj"); // the category's department by default
          // The resident sees the step on the public timeline, published as a role.
          const track = await (await api(`/api/reports/${c.code}`)).json<{ status: string; timeline: { status: string; actor: string }[] }>();
          expect(track.status).toBe(to);
          expect(track.timeline.at(-1)).toMatchObject({ status: to, actor: "平台管理员" });
        } else {
          expect(res.status).toBe(409);
          const body = await res.json<{ error: { code: string; message: string } }>();
          expect(body.error.code).toBe("illegal_transition");
          expect(body.error.message).toContain("不能变为");
          expect(await countFor(c.id)).toEqual(before);
          expect(await caseRow(c.id)).toEqual(rowBefore);
        }
      });
    }
  }

  it("keeps the statistics rollups equal to a full rebuild through every kind of transition", async () => {
    const snap = async () => ({
      month: (await env.DB.prepare("SELECT * FROM stat_case_month WHERE recorded <> 0 OR disposed <> 0 ORDER BY 1, 2, 3, 4, 5").all()).results,
      hours: (await env.DB.prepare("SELECT * FROM stat_dispose_hours WHERE count <> 0 ORDER BY 1, 2, 3, 4").all()).results,
      grid: (await env.DB.prepare("SELECT * FROM stat_grid_year WHERE recorded <> 0 ORDER BY 1, 2").all()).results,
    });
    await caseIn("closed");
    const reopened = await caseIn("reopened");
    expect((await staffApi(admin, `/${reopened.publicId}/transitions`, "POST", { to: "in_progress" })).status).toBe(200);
    expect((await staffApi(admin, `/${reopened.publicId}/transitions`, "POST", { to: "disposed" })).status).toBe(200);
    const incremental = await snap();
    expect(incremental.hours.length).toBeGreaterThan(0);
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((s) => env.DB.prepare(s)));
    expect(await snap()).toEqual(incremental);
  });

  it("requires a reason to reject, an existing original for a duplicate, and a real department", async () => {
    const c = await caseIn("reported");
    const before = await writeCounts();
    const noReason = await staffApi(admin, `/${c.publicId}/transitions`, "POST", { to: "rejected" });
    expect(noReason.status).toBe(400);
    expect((await noReason.json<{ error: { code: string } }>()).error.code).toBe("missing_reason");
    const self = await staffApi(admin, `/${c.publicId}/transitions`, "POST", { to: "duplicate", duplicateOf: c.publicId });
    expect(self.status).toBe(422);
    await staffApi(admin, `/${c.publicId}/transitions`, "POST", { to: "accepted" });
    const mid = await writeCounts();
    const badDept = await staffApi(admin, `/${c.publicId}/transitions`, "POST", { to: "dispatched", departmentId: "nope" });
    expect(badDept.status).toBe(422);
    expect(await writeCounts()).toEqual(mid);
    expect(mid.case_events).toBe(before.case_events + 1);
  });

  it("links a duplicate to the original and shows the original's status to its reporter", async () => {
    const orig = await caseIn("in_progress");
    const dup = await caseIn("reported");
    expect((await staffApi(admin, `/${dup.publicId}/transitions`, "POST", { to: "duplicate", duplicateOf: orig.publicId })).status).toBe(200);
    const track = await (await api(`/api/reports/${dup.code}`)).json<{ duplicateOf: { publicId: string; statusLabel: string } }>();
    expect(track.duplicateOf).toEqual({ publicId: orig.publicId, status: "in_progress", statusLabel: "处置中" });
  });

  it("refuses a stale transition when the case changed in between (guarded update, nothing written)", async () => {
    const c = await caseIn("reported");
    const [a, b] = await Promise.all([
      staffApi(admin, `/${c.publicId}/transitions`, "POST", { to: "accepted" }),
      staffApi(admin, `/${c.publicId}/transitions`, "POST", { to: "rejected", reason: "重复提交" }),
    ]);
    const statuses = [a.status, b.status].sort();
    // One wins; the other sees either the new status (409 illegal or conflict) or succeeds legally after it.
    expect(statuses[0]).toBe(200);
    const events = await countFor(c.id);
    const row = (await caseRow(c.id))!;
    expect(events.events).toBe(1 + (statuses[1] === 200 ? 2 : 1));
    expect(["accepted", "rejected"]).toContain(row.status);
  });
});

describe("public notes, summary and escalation", () => {
  it("scrubs the public summary, notes and reasons of phones, ID numbers, e-mails and plates", async () => {
    const c = await caseIn("in_progress");
    const summary = "经核实，车主（豫A·12345，电话 138 0013 8000，身份证 410103199001011234，邮箱 li@example.com）已将车移走";
    const res = await staffApi(admin, `/${c.publicId}/summary`, "PUT", { summary });
    expect(res.status).toBe(200);
    const note = await staffApi(admin, `/${c.publicId}/notes`, "POST", { note: "已联系居民，回访电话０３７１－６７８９１２３４" });
    expect(note.status).toBe(201);
    const text = await (await api(`/api/reports/${c.code}`)).text();
    for (const leaked of ["12345", "138 0013 8000", "410103199001011234", "li@example.com", "６７８９１２３４", "67891234"]) expect(text).not.toContain(leaked);
    const body = JSON.parse(text) as { publicSummary: string; timeline: { kind: string; note: string; actor: string }[] };
    expect(body.publicSummary).toContain("[车牌已隐去]");
    expect(body.publicSummary).toContain("[电话已隐去]");
    expect(body.publicSummary).toContain("[证件号已隐去]");
    expect(body.publicSummary).toContain("[邮箱已隐去]");
    expect(body.timeline.map((e) => e.kind)).toEqual(["transition", "transition", "transition", "summary", "note"]);
  });

  it("the cron escalates overdue open cases once, with a public event and an audit row", async () => {
    const overdue = await caseIn("dispatched");
    const fresh = await caseIn("accepted");
    const done = await caseIn("disposed");
    await env.DB.prepare("UPDATE cases SET due_at = created_at - 1 WHERE id IN (?1, ?2)").bind(overdue.id, done.id).run();
    const run = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/15 * * * *" }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run();
    await run(); // a second run must not escalate again
    const rows = await env.DB.prepare("SELECT id, escalated, escalation_due_at FROM cases WHERE id IN (?1, ?2, ?3) ORDER BY id").bind(overdue.id, fresh.id, done.id).all<{ id: number; escalated: number; escalation_due_at: number | null }>();
    const byId = new Map(rows.results.map((r) => [r.id, r]));
    expect(byId.get(overdue.id)!.escalated).toBe(1);
    expect(byId.get(overdue.id)!.escalation_due_at).toBeGreaterThan(Date.now() / 1000);
    expect(byId.get(fresh.id)!.escalated).toBe(0);
    expect(byId.get(done.id)!.escalated).toBe(0);
    const escalations = await env.DB.prepare("SELECT actor_role, public_note FROM case_events WHERE case_id = ?1 AND kind = 'escalation'").bind(overdue.id).all();
    expect(escalations.results).toEqual([{ actor_role: "system", public_note: "已超过办理时限，系统自动督办" }]);
    const audits = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_id = ?1 AND action = 'case.escalate' AND actor = 'system'").bind(String(overdue.id)).first<{ n: number }>();
    expect(audits!.n).toBe(1);
    const track = await (await api(`/api/reports/${overdue.code}`)).json<{ escalated: boolean; timeline: { actor: string }[] }>();
    expect(track.escalated).toBe(true);
    expect(track.timeline.at(-1)!.actor).toBe("系统");
    void FIXTURE;
  });
});
