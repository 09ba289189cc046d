/**
 * Open311 parameters: the filters of GET requests and the form of POST requests, checked
 * here and turned into our types (a RequestFilter, the shared intake's report input).
 * Problems throw ApiError 400, which the Open311 router answers in the standard's shape.
 */
import { z } from "zod";
import { ApiError } from "../../../functions/errors.ts";
import type { RequestFilter } from "../db/open311.ts";
import { caseStatusesFor, type Open311Status } from "./mapping.ts";
import { TZ_OFFSET_SECONDS } from "../time.ts";
import { MAX_DESCRIPTION } from "../cases/intake.ts";

/** The standard's widest date range for GET requests. */
export const MAX_RANGE_SECONDS = 90 * 86400;
/** The standard's largest answer to GET requests. */
export const MAX_RECORDS = 1000;
/** How many ids a service_request_id list may name. */
export const MAX_IDS = 100;

const bad = (message: string, code = "invalid_parameter"): never => {
  throw new ApiError(400, code, message);
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Unix seconds of an ISO 8601 date or date-time; a value without an offset is read as
 * Asia/Shanghai (+08:00), a bare date as its midnight. Null when it is not a valid date.
 */
export function parseIsoDateTime(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [Y, M, D, H, MI, S] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || MI > 59 || S > 59) return null;
  const utc = Date.UTC(Y, M - 1, D, H, MI, S) / 1000;
  if (new Date(utc * 1000).getUTCDate() !== D) return null; // 2015-02-30
  const zone = m[7];
  let offset = TZ_OFFSET_SECONDS;
  if (zone && zone.toUpperCase() === "Z") offset = 0;
  else if (zone) {
    const z2 = zone.replace(":", "");
    offset = (z2[0] === "-" ? -1 : 1) * (Number(z2.slice(1, 3)) * 3600 + Number(z2.slice(3, 5)) * 60);
  }
  return utc - offset;
}

/** A comma-separated list parameter (empty items dropped). */
function list(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
}

const PUBLIC_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** Query parameters of GET requests, as strings. */
export type RequestsQuery = Partial<Record<"service_request_id" | "service_code" | "start_date" | "end_date" | "status" | "page" | "page_size", string>>;

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  if (!/^\d{1,7}$/.test(value.trim())) bad(`${name} 应为正整数`);
  const n = Number(value);
  if (n < 1 || n > max) bad(`${name} 应在 1 到 ${max} 之间`);
  return n;
}

/**
 * The filter of GET requests. service_request_id (a comma list) overrides every other
 * parameter. Otherwise: service_code (comma list), status (open, closed), start_date and
 * end_date (ISO 8601, at most 90 days apart; the last 90 days when neither is given; the
 * other end is 90 days away when one is given), page and page_size (extension, ≤ 1000).
 */
export function parseRequestsQuery(q: RequestsQuery, now: number): RequestFilter {
  const ids = list(q.service_request_id);
  if (ids.length > 0) {
    if (ids.length > MAX_IDS) bad(`service_request_id 最多 ${MAX_IDS} 个`);
    for (const id of ids) if (!PUBLIC_ID.test(id)) bad("service_request_id 格式不正确（应为逗号分隔的编号）");
    return { kind: "ids", publicIds: [...new Set(ids)] };
  }
  const serviceCodes = list(q.service_code);
  for (const code of serviceCodes) if (code.length > 64) bad("service_code 无效");
  const statuses = list(q.status).map((s) => s.toLowerCase());
  for (const s of statuses) if (s !== "open" && s !== "closed") bad("status 只能是 open 或 closed（可用逗号分隔）");
  const date = (name: string, v: string | undefined) => {
    if (v === undefined || v.trim() === "") return null;
    return parseIsoDateTime(v) ?? bad(`${name} 应为 ISO 8601 日期时间，如 2015-03-02T09:00:00+08:00`);
  };
  let from = date("start_date", q.start_date);
  let to = date("end_date", q.end_date);
  if (from === null && to === null) to = now;
  if (from === null) from = to! - MAX_RANGE_SECONDS;
  if (to === null) to = from + MAX_RANGE_SECONDS;
  if (to < from) bad("end_date 不能早于 start_date");
  if (to - from > MAX_RANGE_SECONDS) bad("start_date 与 end_date 相隔不能超过 90 天");
  const page = positiveInt("page", q.page, 1, 1_000_000);
  const pageSize = positiveInt("page_size", q.page_size, MAX_RECORDS, MAX_RECORDS);
  const wanted = new Set((statuses as Open311Status[]).flatMap(caseStatusesFor));
  return { kind: "search", serviceCodes: [...new Set(serviceCodes)], statuses: [...wanted], from, to, limit: pageSize, offset: (page - 1) * pageSize };
}

const text = (name: string, max: number) => z.string().max(max, `${name} 不能超过 ${max} 个字符`).optional();

/** The form fields of POST requests the portal reads (others, e.g. device_id, are ignored). */
const postSchema = z.object({
  service_code: z.string({ error: "缺少 service_code" }).trim().min(1, "缺少 service_code").max(64, "service_code 无效"),
  lat: text("lat", 40),
  long: text("long", 40),
  address_string: text("address_string", 200),
  description: z.string().max(MAX_DESCRIPTION, `description 不能超过 ${MAX_DESCRIPTION} 个字符`).optional(),
  email: z.union([z.literal(""), z.email("email 格式不正确").max(254, "email 格式不正确")]).optional(),
  first_name: text("first_name", 50),
  last_name: text("last_name", 50),
  phone: text("phone", 30),
  "attribute[coordsys]": z.enum(["wgs84", "gcj02"], { error: "attribute[coordsys] 只能是 wgs84 或 gcj02" }).optional(),
});

/** A checked POST: the shared intake's input. */
export type Open311Post = {
  serviceCode: string;
  /** The report in the shape of POST /api/reports (validated again by the intake). */
  report: Record<string, unknown>;
};

const CJK = /[\u3400-\u9fff]/;

/** Full name from Open311's parts: Chinese order (姓 then 名, no space) for Chinese names. */
export function fullName(first: string, last: string): string {
  if (!first || !last) return first || last;
  return CJK.test(first + last) ? `${last}${first}` : `${first} ${last}`;
}

/**
 * Checks POST requests form fields: service_code and a location (lat and long, or
 * address_string) are required. Throws ApiError 400.
 */
export function parseRequestPost(form: Record<string, string>): Open311Post {
  const r = postSchema.safeParse(form);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    bad(issue.message, `invalid_${String(issue.path[0] ?? "body").replace(/\W+/g, "_")}`);
  }
  const f = r.data!;
  const lat = f.lat?.trim() ?? "";
  const lng = f.long?.trim() ?? "";
  const address = f.address_string?.trim() ?? "";
  if ((lat === "") !== (lng === "")) bad("lat 和 long 需要同时提供", "invalid_location");
  if (lat === "" && address === "") bad("需要位置：lat 和 long，或 address_string", "missing_location");
  const num = (v: string, name: string) => (/^-?\d{1,3}(\.\d+)?$/.test(v) ? Number(v) : bad(`${name} 应为十进制度数`, "invalid_location"));
  const name = fullName(f.first_name?.trim() ?? "", f.last_name?.trim() ?? "");
  const phone = f.phone?.trim() ?? "";
  const email = f.email?.trim() ?? "";

  const report: Record<string, unknown> = { category: f.service_code, description: f.description ?? "" };
  if (lat !== "") {
    report.lat = num(lat, "lat");
    report.lng = num(lng, "long");
    if (f["attribute[coordsys]"]) report.coordsys = f["attribute[coordsys]"];
  }
  if (address !== "") report.address = address;
  if (name !== "" || phone !== "" || email !== "") report.contact = { name: name || undefined, phone: phone || undefined, email: email || undefined };
  return { serviceCode: f.service_code, report };
}
