/**
 * /api/volunteers: community points (社区积分制). Public rankings and rules, the volunteer's
 * own lookup, and the staff writes (award, redeem, reverse) on the append-only ledger.
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { z } from "zod";
import {
  findAward, findRedemptionByKey, findStaffByTokenHash, findVolunteerRef, getBalance, getLedgerEntry, getPointRule, insertAward, insertRedemption,
  insertReversal, isReversed, listPointRules, resolveScope, type StaffActor, type VolunteerRef,
} from "../../src/lib/db/volunteers.ts";
import { lookupOwnPoints, sha256Hex } from "../../src/lib/volunteers/lookup.ts";
import { parsePeriod } from "../../src/lib/volunteers/period.ts";
import { getRanking } from "../../src/lib/volunteers/rankings.ts";
import { localDay, nowSeconds } from "../../src/lib/time.ts";
import { ApiError, rateLimited } from "../errors.ts";
import { parseIdempotencyKey } from "../../src/lib/idempotency-key.ts";
import { validate } from "../validate.ts";
import type { AppEnv } from "../types.ts";

type VolunteersEnv = AppEnv & { Variables: { staff: StaffActor } };

/**
 * Bearer-token check for the points writes: the token's SHA-256 hex must match a non-revoked
 * staff_accounts row. Kept to this one function so it can be swapped for the shared staff
 * middleware once that lands.
 */
export const requireStaff: MiddlewareHandler<VolunteersEnv> = async (c, next) => {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "");
  if (!m) throw new ApiError(401, "unauthorized", "需要工作人员令牌", { "WWW-Authenticate": "Bearer" });
  const staff = await findStaffByTokenHash(c.env.DB, await sha256Hex(m[1]!));
  if (!staff) throw new ApiError(401, "unauthorized", "令牌无效或已停用", { "WWW-Authenticate": "Bearer" });
  c.set("staff", staff);
  await next();
};

/** Grid staff and community/street leaders bound to a subtree may only write for volunteers in it. */
function assertInScope(staff: StaffActor, v: VolunteerRef): void {
  if (staff.role === "admin") return;
  if (staff.scopeCommunityId && staff.scopeCommunityId !== v.communityId) throw new ApiError(403, "out_of_scope", "该志愿者不在您负责的网格范围内");
  if (staff.scopeStreetId && staff.scopeStreetId !== v.streetId) throw new ApiError(403, "out_of_scope", "该志愿者不在您负责的网格范围内");
}

const isRealDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD").refine(isRealDay, "日期不存在");
const volunteerNo = z.string().trim().toUpperCase().regex(/^V\d{6,9}$/, "志愿者编号格式应为 V 加数字");
const note = z.string().trim().max(200, "备注最多 200 字");

const rankingsQuery = z.object({
  period: z.string().default("all").refine((p) => parsePeriod(p) !== null, "期间应为 all、年份（2015）、季度（2015-Q3）或月份（2015-07）"),
  scope: z.enum(["district", "street", "community"]).default("district"),
  scopeId: z.string().regex(/^\d{6,12}$/, "范围编号格式不正确").optional(),
  kind: z.enum(["person", "team"]).default("person"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const lookupBody = z.object({ volunteerNo: z.string().trim().min(1).max(20), code: z.string().trim().min(1).max(20) });

const awardBody = z.object({
  volunteerNo,
  ruleId: z.string().min(1).max(40),
  activityRef: z.string().trim().min(1, "活动编号不能为空").max(120),
  quantity: z.number().int().min(1).max(24).default(1),
  day,
  note: note.default(""),
});

const redeemBody = z.object({ volunteerNo, points: z.number().int().min(1).max(100_000), day, note: note.min(1, "请注明兑换内容") });

const reverseBody = z.object({ note: note.min(1, "请注明冲正原因") });

const entryParam = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** Refuses service days in the future (Asia/Shanghai). */
function assertNotFuture(d: string): void {
  if (d > localDay(nowSeconds())) throw new ApiError(422, "future_day", "服务日期不能晚于今天");
}

async function volunteerFor(c: Context<VolunteersEnv>, no: string): Promise<VolunteerRef> {
  const v = await findVolunteerRef(c.env.DB, no);
  if (!v) throw new ApiError(404, "volunteer_not_found", "未找到该志愿者编号");
  assertInScope(c.get("staff"), v);
  return v;
}

/** The router mounted at /api/volunteers. */
export const volunteers = new Hono<VolunteersEnv>()
  /** GET /rankings: ranked people or teams for a period and scope; masked names only. */
  .get("/rankings", validate("query", rankingsQuery), async (c) => {
    const q = c.req.valid("query");
    const period = parsePeriod(q.period)!;
    if (q.scope !== "district" && !q.scopeId) throw new ApiError(400, "invalid_query", "参数 scopeId 无效：街道和社区范围需要 scopeId");
    const scope = await resolveScope(c.env.DB, q.scope, q.scopeId ?? null);
    if (!scope) throw new ApiError(404, "scope_not_found", "未找到该街道或社区");
    const ranking = await getRanking(c.env.DB, q.kind, period, scope);
    c.header("Cache-Control", "public, max-age=300");
    return c.json({
      period: period.id, scope: q.scope, scopeId: scope.id, scopeName: scope.name, kind: q.kind, total: ranking.length,
      results: ranking.slice(0, q.limit),
    });
  })
  /** GET /rules: the active point rules. */
  .get("/rules", async (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json({ results: await listPointRules(c.env.DB) });
  })
  /** POST /lookup: a volunteer's own balance and history, after the right personal code. */
  .post("/lookup", validate("json", lookupBody), async (c) => {
    const body = c.req.valid("json");
    const r = await lookupOwnPoints(c.env.DB, { ...body, client: c.req.header("CF-Connecting-IP") ?? null, now: nowSeconds() });
    if (!r.ok && r.reason === "rate_limited") throw rateLimited("尝试次数过多", r.retryAfter);
    if (!r.ok) throw new ApiError(403, "wrong_code", "志愿者编号或个人查询码不正确");
    return c.json(r.statement);
  })
  /** POST /points/award: awards points for an activity; a repeat of the same activity returns the existing entry. */
  .post("/points/award", requireStaff, validate("json", awardBody), async (c) => {
    const b = c.req.valid("json");
    assertNotFuture(b.day);
    const v = await volunteerFor(c, b.volunteerNo);
    const rule = await getPointRule(c.env.DB, b.ruleId);
    if (!rule || !rule.active) throw new ApiError(422, "invalid_rule", "积分规则不存在或已停用");
    const points = rule.points * b.quantity;
    const staff = c.get("staff");
    const r = await insertAward(c.env.DB, {
      volunteerId: v.id, ruleId: rule.id, activityRef: b.activityRef, points, day: b.day, note: b.note, staffId: staff.id, at: nowSeconds(),
    });
    if (r.entry) return c.json({ entry: r.entry, balance: r.balance, created: true }, 201);
    const existing = await findAward(c.env.DB, v.id, b.activityRef);
    if (!existing) throw new Error("award neither inserted nor found");
    if (existing.points !== points || existing.ruleId !== rule.id || existing.day !== b.day) {
      throw new ApiError(409, "award_conflict", "该活动已为此志愿者记过积分，且积分或日期不同；如需更正请先冲正");
    }
    return c.json({ entry: existing, balance: r.balance, created: false }, 200);
  })
  /**
   * POST /points/redeem: spends points (积分兑换); 409 beyond the balance. With an
   * Idempotency-Key header, a retry of the same redemption answers with the entry already
   * written (Idempotent-Replayed: true) instead of spending twice.
   */
  .post("/points/redeem", requireStaff, validate("json", redeemBody), async (c) => {
    const b = c.req.valid("json");
    const key = parseIdempotencyKey(c.req.header("Idempotency-Key"));
    assertNotFuture(b.day);
    const v = await volunteerFor(c, b.volunteerNo);
    const staffId = c.get("staff").id;
    const r = await insertRedemption(c.env.DB, { volunteerId: v.id, points: b.points, day: b.day, note: b.note, staffId, at: nowSeconds(), requestKey: key });
    if (r.entry) return c.json({ entry: r.entry, balance: r.balance }, 201);
    const earlier = key === null ? null : await findRedemptionByKey(c.env.DB, staffId, key);
    if (earlier) {
      if (earlier.volunteerId !== v.id || earlier.points !== -b.points || earlier.day !== b.day || earlier.note !== b.note) {
        throw new ApiError(422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一笔不同的兑换，请换一个新的键");
      }
      c.header("Idempotent-Replayed", "true");
      return c.json({ entry: earlier, balance: r.balance }, 201);
    }
    throw new ApiError(409, "insufficient_balance", `积分余额不足：当前余额 ${r.balance} 分`);
  })
  /** POST /points/:id/reverse: a correction as a new reversing entry; the original stays. */
  .post("/points/:id/reverse", requireStaff, validate("param", entryParam), validate("json", reverseBody), async (c) => {
    const { id } = c.req.valid("param");
    const b = c.req.valid("json");
    const original = await getLedgerEntry(c.env.DB, id);
    if (!original) throw new ApiError(404, "entry_not_found", "未找到该积分记录");
    if (original.kind === "reversal") throw new ApiError(409, "cannot_reverse_reversal", "冲正记录不能再次冲正");
    const v = await findVolunteerRef(c.env.DB, original.volunteerNo);
    if (v) assertInScope(c.get("staff"), v);
    const r = await insertReversal(c.env.DB, {
      original: { id: original.id, volunteerId: original.volunteerId, ruleId: original.ruleId, points: original.points },
      day: localDay(nowSeconds()), note: b.note, staffId: c.get("staff").id, at: nowSeconds(),
    });
    if (r.entry) return c.json({ entry: r.entry, balance: r.balance }, 201);
    if (await isReversed(c.env.DB, id)) throw new ApiError(409, "already_reversed", "该积分记录已冲正");
    throw new ApiError(409, "insufficient_balance", `冲正后积分余额将为负数：当前余额 ${await getBalance(c.env.DB, original.volunteerId)} 分，请先冲正兑换记录`);
  });
