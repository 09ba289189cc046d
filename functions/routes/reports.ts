/**
 * Residents' reports: POST /api/reports (JSON or form-encoded), GET /api/reports/nearby
 * (possible duplicates while choosing the place) and GET /api/reports/<trackingCode>.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { validate } from "../validate.ts";
import type { AppEnv } from "../types.ts";
import { fileReport, formToReportInput, parseRateLimit } from "../../src/lib/cases/intake.ts";
import { findPossibleDuplicates } from "../../src/lib/cases/nearby.ts";
import { lookupReport } from "../../src/lib/cases/tracking.ts";
import { findGridForPoint } from "../../src/lib/db/grids.ts";
import { toWgs84 } from "../../src/lib/geo/coords.ts";

/** The client a request counts against in the intake rate limit (Cloudflare sets this header). */
export function clientKeyOf(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "unknown";
}

/** Reads a report body: JSON, or form fields from the no-JS form. */
async function readReportBody(c: Context<AppEnv>): Promise<{ input: unknown; formKey: string | null }> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    const text = await c.req.text();
    try {
      return { input: JSON.parse(text), formKey: null };
    } catch {
      throw new ApiError(400, "invalid_json", "请求内容不是有效的 JSON");
    }
  }
  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
    const form = await c.req.parseBody();
    for (const v of Object.values(form)) {
      if (typeof v !== "string") throw new ApiError(400, "invalid_body", "不接受上传文件");
    }
    return { input: formToReportInput(form), formKey: typeof form.idempotencyKey === "string" && form.idempotencyKey ? form.idempotencyKey : null };
  }
  throw new ApiError(415, "unsupported_media_type", "请以 JSON 或表单格式提交");
}

const nearbyQuery = z.object({
  category: z.string().min(1).max(64),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordsys: z.enum(["wgs84", "gcj02"]).optional(),
});

export const reports = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { input, formKey } = await readReportBody(c);
    const { report, replayed } = await fileReport(c.env.DB, input, {
      channel: "web",
      clientKey: clientKeyOf(c),
      idempotencyKey: c.req.header("Idempotency-Key") ?? formKey,
      rateLimit: parseRateLimit(c.env.INTAKE_RATE_LIMIT),
    });
    c.header("Location", `/api/reports/${report.trackingCode}`);
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(report, 201);
  })
  .get("/nearby", validate("query", nearbyQuery), async (c) => {
    const q = c.req.valid("query");
    const p = toWgs84({ lat: q.lat, lng: q.lng }, q.coordsys ?? "wgs84");
    const grid = await findGridForPoint(c.env.DB, p.lat, p.lng);
    const results = grid ? await findPossibleDuplicates(c.env.DB, q.category, p.lat, p.lng) : [];
    return c.json({ grid: grid && { id: grid.id, name: grid.name }, results });
  })
  .get("/:code", async (c) => c.json(await lookupReport(c.env.DB, c.req.param("code"), { client: c.req.header("CF-Connecting-IP") ?? null })));
