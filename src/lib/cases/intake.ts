/**
 * Filing a report: validation, idempotency, the per-client rate limit, the grid from the
 * place, and the all-or-nothing write. Shared by POST /api/reports, the no-JS form on
 * /report/ and (later) POST /open311/v2/requests.
 */
import { z } from "zod";
import { ApiError, rateLimited } from "../../../functions/errors.ts";
import { getIdempotencyRecord, getIntakeCategory, insertReportedCase, type NewCase } from "../db/cases.ts";
import { countRateLimitHit, fixedWindow } from "../db/rate-limits.ts";
import { findGridForAddress } from "../db/case-location.ts";
import { findGridForPoint, type CaseGrid } from "../db/grids.ts";
import { toWgs84 } from "../geo/coords.ts";
import { CODE_ALPHABET, newTrackingCode } from "../tracking-code.ts";
import { isoLocal, nowSeconds } from "../time.ts";
import { sha256Hex } from "../auth/tokens.ts";
import { parseIdempotencyKey } from "../idempotency-key.ts";
import { defaultTransitionNote } from "./states.ts";
import type { ReportCreatedDto } from "./dto.ts";

/** HTML tags have no place in a report; refusing them keeps every later renderer safe too. */
const MARKUP = /<\s*\/?\s*[a-z!?]/i;
/** Control characters other than tab and newline are dropped from free text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Chinese mobile (1[3-9]x xxxx xxxx) or landline (0xx(x)-xxxxxxx(x)), spaces and dashes allowed. */
const PHONE = /^(?:(?:\+?86[\s-]?)?1[3-9](?:[\s-]?\d){9}|0\d{2,3}[\s-]?\d{3,4}[\s-]?\d{4})$/;
/** The longest description any channel accepts: the Open311 GeoReport v2 limit. */
export const MAX_DESCRIPTION = 4000;

const freeText = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .transform((s) => s.replace(CONTROL, "").trim())
    .pipe(
      z
        .string()
        .min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
        .max(max, `${label}不能超过 ${max} 个字`)
        .refine((s) => !MARKUP.test(s), `${label}中不能包含网页代码（如 <script>）`),
    );

const coordinate = (label: string, limit: number) =>
  z.number({ error: `${label}应为数字` }).min(-limit, `${label}超出范围`).max(limit, `${label}超出范围`);

/** The fields of a report, as JSON sends them (form fields are converted by formToReportInput). */
export const reportInputSchema = z
  .object({
    /** A resident-selectable category id (GET /api/categories). */
    category: z.string({ error: "请选择问题类别" }).trim().min(1, "请选择问题类别").max(64, "问题类别无效"),
    /** What happened, in the resident's words: private, never published. */
    description: freeText("问题描述", 5, MAX_DESCRIPTION),
    /** The place: WGS-84 unless coordsys says gcj02. */
    lat: coordinate("纬度", 90).optional(),
    lng: coordinate("经度", 180).optional(),
    coordsys: z.enum(["wgs84", "gcj02"], { error: "坐标系只能是 wgs84 或 gcj02" }).optional(),
    /** Free-text address; locates the report when no point is given. */
    address: freeText("地址", 0, 200).optional(),
    /** Optional call-back contact: stored apart from the case, never published. */
    contact: z
      .object(
        {
          name: freeText("联系人姓名", 0, 50).optional(),
          phone: z
            .string({ error: "联系电话应为文字" })
            .trim()
            .max(30, "联系电话格式不正确")
            .refine((s) => s === "" || PHONE.test(s), "联系电话格式不正确，请填写手机号或带区号的固定电话")
            .optional(),
          /** Only Open311 clients send one; the web form asks for a phone. */
          email: z
            .union([z.literal(""), z.email("电子邮箱格式不正确").max(254, "电子邮箱格式不正确")], { error: "电子邮箱格式不正确" })
            .optional(),
        },
        { error: "联系方式格式不正确" },
      )
      .nullable()
      .optional(),
  }, { error: "请求内容应为一个 JSON 对象" })
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.lng === undefined)) {
      ctx.addIssue({ code: "custom", path: ["lat"], message: "经度和纬度需要同时提供" });
    } else if (v.lat === undefined && (v.address ?? "").length < 2) {
      ctx.addIssue({ code: "custom", path: ["location"], message: "请在地图上选择位置、使用当前位置或填写详细地址" });
    }
    if (v.contact?.name && !v.contact.phone && !v.contact.email) {
      ctx.addIssue({ code: "custom", path: ["contact", "phone"], message: "留下姓名时请同时填写联系电话，方便回访" });
    }
  });

/** A validated report. */
export type ReportInput = z.infer<typeof reportInputSchema>;

/** Stable error code per invalid field, so forms can tie the message to the field. */
const FIELD_CODES: Record<string, string> = {
  category: "invalid_category", description: "invalid_description", lat: "invalid_location", lng: "invalid_location",
  location: "missing_location", coordsys: "invalid_coordsys", address: "invalid_address", contact: "invalid_contact",
};

/** The form field a report error code belongs to (for error messages tied to fields). */
export const ERROR_FIELDS: Record<string, string> = {
  invalid_category: "category", unknown_category: "category", invalid_description: "description", invalid_location: "location",
  missing_location: "location", outside_district: "location", address_not_located: "location", invalid_coordsys: "location",
  invalid_address: "address", invalid_contact: "contact", invalid_contact_phone: "contact", invalid_contact_email: "contact",
};

/** Validates a report; throws ApiError 400 with a per-field code and a Chinese message. */
export function parseReportInput(input: unknown): ReportInput {
  const result = reportInputSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? "body");
  const sub = field === "contact" ? issue.path[1] : undefined;
  const code = sub === "phone" ? "invalid_contact_phone" : sub === "email" ? "invalid_contact_email" : (FIELD_CODES[field] ?? "invalid_body");
  throw new ApiError(400, code, issue.message);
}

/**
 * Turns form fields (strings) into the JSON shape: numbers for lat/lng, `contact.name` and
 * `contact.phone` into `contact`. Empty fields are left out.
 */
export function formToReportInput(form: Record<string, unknown>): Record<string, unknown> {
  const str = (k: string) => (typeof form[k] === "string" && (form[k] as string).trim() !== "" ? (form[k] as string) : undefined);
  const num = (k: string) => {
    const s = str(k);
    if (s === undefined) return undefined;
    return /^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : s; // a non-number stays a string and fails validation
  };
  const out: Record<string, unknown> = {
    category: str("category") ?? form.category, description: str("description") ?? form.description,
    lat: num("lat"), lng: num("lng"), coordsys: str("coordsys"), address: str("address"),
  };
  const name = str("contact.name");
  const phone = str("contact.phone");
  if (name !== undefined || phone !== undefined) out.contact = { name, phone };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** How a report reached us and who sent it. */
export type IntakeOptions = {
  /** Stored in cases.channel. */
  channel: "web" | "open311";
  /** Identifies the client for the rate limit (an IP address, an API client id). */
  clientKey: string;
  /** The Idempotency-Key the client sent, if any. */
  idempotencyKey?: string | null;
  /** Reports per window per client; defaults to DEFAULT_INTAKE_RATE_LIMIT. */
  rateLimit?: RateLimit;
  /** Unix seconds (tests pin the clock). */
  now?: number;
};

/** A fixed-window limit. */
export type RateLimit = { limit: number; windowSeconds: number };

/** 20 reports per 10 minutes per client: far above what a resident files, low enough to stop floods. */
export const DEFAULT_INTAKE_RATE_LIMIT: RateLimit = { limit: 20, windowSeconds: 600 };

/** Parses "N/S" (N reports per S seconds) from configuration; falls back to the default. */
export function parseRateLimit(value: string | undefined): RateLimit {
  const m = /^(\d+)\/(\d+)$/.exec(value ?? "");
  if (!m || +m[1]! < 1 || +m[2]! < 1) return DEFAULT_INTAKE_RATE_LIMIT;
  return { limit: +m[1]!, windowSeconds: +m[2]! };
}

/** The outcome of filing: the report, and whether it is the stored answer to a repeated key. */
export type FiledReport = { report: ReportCreatedDto; replayed: boolean };

function newPublicId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let s = "Q";
  for (const b of bytes) s += CODE_ALPHABET[b & 31];
  return s;
}

async function replay(db: D1Database, scope: string, key: string, requestHash: string): Promise<FiledReport | null> {
  const stored = await getIdempotencyRecord(db, scope, key);
  if (!stored) return null;
  if (stored.requestHash !== requestHash) {
    throw new ApiError(422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一份不同内容的反映，请换一个新的键");
  }
  return { report: JSON.parse(stored.response) as ReportCreatedDto, replayed: true };
}

async function locate(db: D1Database, input: ReportInput): Promise<{ grid: CaseGrid; lat: number | null; lng: number | null }> {
  if (input.lat !== undefined && input.lng !== undefined) {
    const p = toWgs84({ lat: input.lat, lng: input.lng }, input.coordsys ?? "wgs84");
    const grid = await findGridForPoint(db, p.lat, p.lng);
    if (!grid) throw new ApiError(422, "outside_district", "该位置不在本区网格范围内，请确认位置后重试");
    return { grid, lat: p.lat, lng: p.lng };
  }
  const grid = await findGridForAddress(db, input.address ?? "");
  if (!grid) throw new ApiError(422, "address_not_located", "无法根据地址确定所在网格，请写明小区或道路名称，或在地图上选择位置");
  return { grid, lat: null, lng: null };
}

/**
 * Files a report: validates `input` (JSON shape), answers a repeated Idempotency-Key with the
 * stored result, assigns the grid from the place, applies the per-client rate limit and
 * writes the case, its first event, the private contact, the audit row, the rollup deltas
 * and the idempotency record in one batch. Throws ApiError (4xx) with nothing written.
 */
export async function fileReport(db: D1Database, input: unknown, opts: IntakeOptions): Promise<FiledReport> {
  const data = parseReportInput(input);
  const key = parseIdempotencyKey(opts.idempotencyKey);
  // Anonymous residents change networks between retries, so the web key is scoped to the
  // endpoint; the request hash stops a key from answering for different content.
  const scope = opts.channel === "web" ? "reports:web" : `reports:${opts.channel}:${opts.clientKey}`;
  const requestHash = await sha256Hex(JSON.stringify(data));
  if (key !== null) {
    const previous = await replay(db, scope, key, requestHash);
    if (previous) return previous;
  }

  // Independent reads: run them together (one round trip less per report).
  const [category, located] = await Promise.all([getIntakeCategory(db, data.category), Promise.allSettled([locate(db, data)])]);
  if (!category || (!category.resident && opts.channel === "web")) {
    throw new ApiError(422, "unknown_category", "没有这个问题类别，请从列表中选择");
  }
  const settled = located[0]!;
  if (settled.status === "rejected") throw settled.reason;
  const place = settled.value;

  const now = opts.now ?? nowSeconds();
  const limit = opts.rateLimit ?? DEFAULT_INTAKE_RATE_LIMIT;
  const window = fixedWindow(now, limit.windowSeconds);
  const count = await countRateLimitHit(db, `intake:${opts.channel}:${opts.clientKey}`, window.start);
  if (count > limit.limit) throw rateLimited("提交过于频繁", window.retryAfter);

  const k = data.contact;
  const contact = k && (k.name || k.phone || k.email) ? { name: k.name ?? "", phone: k.phone ?? "", email: k.email ?? "" } : null;
  for (let attempt = 0; ; attempt++) {
    const c: NewCase = {
      public_id: newPublicId(), tracking_code: newTrackingCode(), channel: opts.channel, category_id: category.id,
      district_id: place.grid.districtId, street_id: place.grid.streetId, community_id: place.grid.communityId, grid_id: place.grid.id,
      lat: place.lat, lng: place.lng, address: data.address ?? "", description: data.description, public_summary: "",
      status: "reported", department_id: null, reject_reason: "", escalated: 0,
      created_at: now, updated_at: now, due_at: now + category.dueHours * 3600, contact,
    };
    const report: ReportCreatedDto = {
      trackingCode: c.tracking_code, status: "reported", category: category.id,
      grid: { id: place.grid.id, name: place.grid.name }, createdAt: isoLocal(now),
    };
    try {
      await insertReportedCase(db, c, defaultTransitionNote("reported"), { actor: "public", action: "case.create", detail: { channel: opts.channel, category: category.id } },
        key === null ? null : { scope, key, requestHash, status: 201, response: JSON.stringify(report) });
      return { report, replayed: false };
    } catch (err) {
      const msg = String(err);
      if (key !== null && /UNIQUE constraint failed: idempotency_keys/i.test(msg)) {
        // A concurrent request with the same key won the race: answer with its result.
        const previous = await replay(db, scope, key, requestHash);
        if (previous) return previous;
      }
      // 55 random bits make a clash on the codes all but impossible; try fresh ones anyway.
      if (attempt < 3 && /UNIQUE constraint failed: cases\.(tracking_code|public_id)/i.test(msg)) continue;
      throw err;
    }
  }
}
