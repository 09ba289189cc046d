/** Helpers shared by the report, workflow and staff integration tests. */
import { env, exports } from "cloudflare:workers";
import { FIXTURE } from "./fixtures.ts";
import { hashStaffToken } from "../../src/lib/auth/tokens.ts";

/** Calls the Worker as a client would. */
export const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://portal.test${path}`, init));

/** A point inside the west grid and one inside the east grid. */
export const WEST = { lat: 34.705, lng: 113.605 } as const;
export const EAST = { lat: 34.705, lng: 113.615 } as const;

let ipCounter = 0;
/** A fresh client address, so tests do not share a rate-limit bucket. */
export const freshIp = () => {
  const n = ++ipCounter;
  return `10.0.${n >> 8}.${n & 255}`;
};

/** A valid report body. */
export const validReport = (over: Record<string, unknown> = {}) => ({
  category: "manhole", description: "福华街口的窨井盖塌陷了，很危险", ...WEST, address: "福华街12号", contact: { name: "王女士", phone: "13800138000" }, ...over,
});

/** POSTs a JSON report (string bodies are sent as they are). */
export function postReport(body: unknown, opts: { ip?: string; key?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json", "CF-Connecting-IP": opts.ip ?? freshIp(), ...opts.headers };
  if (opts.key) headers["Idempotency-Key"] = opts.key;
  return api("/api/reports", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

/** Files a valid report and returns its tracking code and public id. */
export async function fileCase(over: Record<string, unknown> = {}): Promise<{ code: string; publicId: string; id: number }> {
  const res = await postReport(validReport(over));
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${await res.text()}`);
  const { trackingCode } = await res.json<{ trackingCode: string }>();
  const row = await env.DB.prepare("SELECT id, public_id FROM cases WHERE tracking_code = ?1").bind(trackingCode).first<{ id: number; public_id: string }>();
  return { code: trackingCode, publicId: row!.public_id, id: row!.id };
}

/** Row counts of every table a report or a staff action writes. */
export async function writeCounts(): Promise<Record<string, number>> {
  const tables = ["cases", "case_events", "case_contacts", "audit_log", "idempotency_keys", "rate_limits", "stat_case_month", "stat_grid_year"];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await env.DB.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>())!.n;
  const sum = await env.DB.prepare("SELECT coalesce(sum(recorded), 0) AS n FROM stat_case_month").first<{ n: number }>();
  out.recorded = sum!.n;
  return out;
}

let tokenCounter = 0;
/** Creates a staff account directly in D1 and returns its bearer token. */
export async function staffToken(role: string, scopeGridId: string | null, departmentId: string | null = null, revoked = false): Promise<string> {
  const token = `wgt_test_${role}_${++tokenCounter}_${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO staff_accounts (label, role, scope_grid_id, department_id, token_hash, created_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)")
    .bind(`${role} ${tokenCounter}`, role, scopeGridId, departmentId, await hashStaffToken(token), revoked ? 1 : null)
    .run();
  return token;
}

/** Calls a staff endpoint with a token (JSON body when given). */
export function staffApi(token: string | null, path: string, method = "GET", body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return api(`/api/staff/cases${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export { FIXTURE };
