/**
 * Open311 GeoReport v2 under /open311/v2/: the same cases as /api/reports, in the civic
 * reporting standard. Every resource comes as .json and .xml. Errors have the standard's
 * shape (an array of { code, description }), which this router's own onError and catch-all
 * give, so /api/* keeps its own error shape.
 *
 *   GET  discovery · services · services/<code> · requests · requests/<id> · tokens/<token>
 *   POST requests (form-encoded, api_key required): through the shared intake (channel open311)
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { validate } from "../validate.ts";
import { MAX_BODY_BYTES } from "../middleware/body-limit.ts";
import type { AppEnv } from "../types.ts";
import { fileReport, parseRateLimit } from "../../src/lib/cases/intake.ts";
import { sha256Hex } from "../../src/lib/auth/tokens.ts";
import { nowSeconds } from "../../src/lib/time.ts";
import {
  findActiveApiClient, getRequest, getService, listRequests, listServices, publicIdForTrackingCode, type ApiClient,
} from "../../src/lib/db/open311.ts";
import { discovery, toRequest, toService, toServiceDefinition, type Open311Created } from "../../src/lib/open311/mapping.ts";
import { parseRequestPost, parseRequestsQuery } from "../../src/lib/open311/params.ts";
import { CONTENT_TYPES, formatOfPath, renderDocument, renderErrors, renderList, type Open311Format } from "../../src/lib/open311/render.ts";

/** The version of this Open311 interface, as discovery's changeset. */
export const OPEN311_CHANGESET = "2026-11-27T00:00:00+08:00";

type Open311Env = AppEnv & { Variables: { apiClient: ApiClient } };

/** A resource name with its format extension, as a route parameter pattern. */
const FORMAT = "\\.(?:json|xml)";

function send(c: Context, body: string, status: ContentfulStatusCode = 200) {
  return c.body(body, status, { "Content-Type": CONTENT_TYPES[formatOfPath(c.req.path)] });
}

/** The name in `<name>.json` / `<name>.xml`. */
function stem(param: string): string {
  return param.replace(/\.(json|xml)$/i, "");
}

function format(c: Context): Open311Format {
  return formatOfPath(c.req.path);
}

/** An Open311 error answer. */
function errorAnswer(c: Context, status: ContentfulStatusCode, description: string, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return send(c, renderErrors(format(c), [{ code: status, description }]), status);
}

/**
 * ApiErrors of the shared code keep their status, except 422 (a well-formed report we cannot
 * take, e.g. outside the district): the standard answers bad input with 400. The stable
 * English code follows the Chinese message in brackets.
 */
function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    const status = err.status === 422 ? 400 : err.status;
    return errorAnswer(c, status, `${err.message} [${err.code}]`, err.headers);
  }
  if (err instanceof HTTPException && err.status < 500) return errorAnswer(c, err.status, "请求格式不正确 [bad_request]");
  console.error(err);
  return errorAnswer(c, 500, "服务器内部错误，请稍后再试 [internal]");
}

const notFound = (c: Context) => errorAnswer(c, 404, "未找到该 Open311 资源（请求路径需以 .json 或 .xml 结尾）[not_found]");

/** Checks the api_key form field of a POST; 403 when it is missing, unknown or revoked. */
async function apiKeyAuth(c: Context<Open311Env>, next: () => Promise<void>) {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    throw new ApiError(400, "unsupported_media_type", "请以表单格式（application/x-www-form-urlencoded）提交");
  }
  const form = await c.req.parseBody();
  const key = form.api_key;
  if (typeof key !== "string" || key.trim() === "") throw new ApiError(403, "missing_api_key", "缺少 api_key");
  const client = key.length <= 256 ? await findActiveApiClient(c.env.DB, await sha256Hex(key.trim())) : null;
  if (!client) throw new ApiError(403, "invalid_api_key", "api_key 无效或已停用");
  c.set("apiClient", client);
  await next();
}

/** A list parameter may come comma-separated or repeated (?status=open&status=closed). */
const listParam = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v.join(",") : v)).optional();

const requestsQuery = z.object({
  service_request_id: listParam,
  service_code: listParam,
  start_date: z.string().optional(),
  end_date: z.string().optional(),
  status: listParam,
  page: z.string().optional(),
  page_size: z.string().optional(),
});

const v2 = new Hono<Open311Env>()
  .use(
    "*",
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorAnswer(c, 413, "请求内容过大（不能超过 64 KB）[payload_too_large]") }),
  )
  .get(`/:f{discovery${FORMAT}}`, (c) => {
    const base = `${new URL(c.req.url).origin}/open311/v2/`;
    const doc = discovery(base, OPEN311_CHANGESET, "网格通 · 区网格化管理中心（紧急情况请拨打 110 / 119 / 120）",
      "api_key 由区网格化管理中心发放，请联系平台管理员申请");
    c.header("Cache-Control", "public, max-age=3600");
    return send(c, renderDocument(format(c), "discovery", doc));
  })
  .get(`/:f{services${FORMAT}}`, async (c) => {
    const services = (await listServices(c.env.DB)).map(toService);
    c.header("Cache-Control", "public, max-age=300");
    return send(c, renderList(format(c), "services", services));
  })
  .get(`/services/:f{[^/]+${FORMAT}}`, async (c) => {
    const service = await getService(c.env.DB, stem(c.req.param("f")));
    if (!service) throw new ApiError(404, "service_not_found", "没有这个 service_code");
    c.header("Cache-Control", "public, max-age=300");
    return send(c, renderDocument(format(c), "service_definition", toServiceDefinition(service)));
  })
  .get(`/:f{requests${FORMAT}}`, validate("query", requestsQuery), async (c) => {
    const filter = parseRequestsQuery(c.req.valid("query"), nowSeconds());
    const rows = await listRequests(c.env.DB, filter);
    return send(c, renderList(format(c), "requests", rows.map(toRequest)));
  })
  .post(`/:f{requests${FORMAT}}`, apiKeyAuth, async (c) => {
    const form = await c.req.parseBody();
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) {
      if (typeof v !== "string") throw new ApiError(400, "invalid_body", "不接受上传文件（media_url 可填写图片地址，本平台暂不保存）");
      fields[k] = v;
    }
    const post = parseRequestPost(fields);
    const service = await getService(c.env.DB, post.serviceCode);
    if (!service) throw new ApiError(400, "unknown_service_code", "没有这个 service_code（见 services.json）");
    const client = c.get("apiClient");
    const { report, replayed } = await fileReport(c.env.DB, post.report, {
      channel: "open311",
      clientKey: String(client.id),
      idempotencyKey: c.req.header("Idempotency-Key") ?? null,
      rateLimit: parseRateLimit(c.env.INTAKE_RATE_LIMIT),
    });
    const publicId = await publicIdForTrackingCode(c.env.DB, report.trackingCode);
    if (!publicId) throw new Error("filed case not found by its tracking code");
    if (replayed) c.header("Idempotent-Replayed", "true");
    const created: Open311Created = {
      service_request_id: publicId,
      token: publicId,
      service_notice: `已收到您的反映，处置时限 ${service.due_hours} 小时`,
      account_id: "",
      tracking_code: report.trackingCode,
    };
    return send(c, renderList(format(c), "requests", [created]));
  })
  .get(`/requests/:f{[^/]+${FORMAT}}`, async (c) => {
    const row = await getRequest(c.env.DB, stem(c.req.param("f")));
    if (!row) throw new ApiError(404, "request_not_found", "没有这个 service_request_id");
    return send(c, renderList(format(c), "requests", [toRequest(row)]));
  })
  .get(`/tokens/:f{[^/]+${FORMAT}}`, async (c) => {
    // The intake is synchronous, so a request's token is its service_request_id.
    const row = await getRequest(c.env.DB, stem(c.req.param("f")));
    if (!row) throw new ApiError(404, "token_not_found", "没有这个 token");
    return send(c, renderList(format(c), "requests", [{ service_request_id: row.public_id, token: row.public_id }]));
  })
  .all("*", notFound);
v2.onError(onError);

/** Mounted at /open311: the v2 resources, and Open311-shaped 404s for every other path. */
export const open311 = new Hono<AppEnv>().route("/v2", v2).all("*", notFound);
open311.onError(onError);
