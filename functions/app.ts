/**
 * The edge API: one Hono app, one router per resource, one error handler.
 * Mounted by src/worker.ts for /api/* and /open311/*.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError, errorResponse } from "./errors.ts";
import { SECURITY_HEADERS } from "../src/lib/security-headers.ts";
import { health } from "./routes/health.ts";
import { categories } from "./routes/categories.ts";
import { volunteers } from "./routes/volunteers.ts";
import { reports } from "./routes/reports.ts";
import { staffCases } from "./routes/staff-cases.ts";
import { bench } from "./routes/bench.ts";
import { open311 } from "./routes/open311.ts";
import { apiBodyLimit } from "./middleware/body-limit.ts";
import { grids } from "./routes/grids.ts";
import { serviceCircle, services } from "./routes/services.ts";
import { stats } from "./routes/stats.ts";
import type { AppEnv } from "./types.ts";

const app = new Hono<AppEnv>();

app.use("*", async (c, next) => {
  await next();
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});

app.use("/api/*", apiBodyLimit);

app.route("/api/health", health);
app.route("/api/categories", categories);
app.route("/api/volunteers", volunteers);
app.route("/api/reports", reports);
app.route("/api/staff/cases", staffCases);
app.route("/api/_bench", bench); // answers 404 unless BENCH_ROUTES=1
app.route("/api/grids", grids);
app.route("/api/services", services);
app.route("/api/service-circle", serviceCircle);
app.route("/open311", open311); // GeoReport v2 under /open311/v2, with the standard's error shape
app.route("/api/stats", stats);

app.notFound((c) => errorResponse(c, 404, "not_found", "未找到该接口"));

app.onError((err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.headers);
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return errorResponse(c, 413, "payload_too_large", "请求内容过大");
    if (status < 500) return errorResponse(c, status, "bad_request", "请求格式不正确");
  }
  if (err instanceof SyntaxError) return errorResponse(c, 400, "invalid_json", "请求内容不是有效的 JSON");
  console.error(err);
  return errorResponse(c, 500, "internal", "服务器内部错误，请稍后再试");
});

export default app;
