/**
 * Helper routes for the intake benchmark (scripts/bench/intake.ts), mounted only when the
 * BENCH_ROUTES variable is "1" (never in production): a bare single-insert route to compare
 * intake with, and counts to check that every accepted report was stored.
 */
import { Hono } from "hono";
import { ApiError } from "../errors.ts";
import type { AppEnv } from "../types.ts";
import { benchBareInsert, benchCountCases, benchCountTrackingCodes, benchSamplePoints } from "../../src/lib/db/cases.ts";

export const bench = new Hono<AppEnv>()
  .use("*", async (c, next) => {
    if (c.env.BENCH_ROUTES !== "1") throw new ApiError(404, "not_found", "未找到该接口");
    await next();
  })
  .post("/bare", async (c) => {
    await benchBareInsert(c.env.DB);
    return c.json({ ok: true }, 201);
  })
  .get("/info", async (c) => c.json({ cases: await benchCountCases(c.env.DB), points: await benchSamplePoints(c.env.DB, 20) }))
  .post("/verify", async (c) => {
    const codes = await c.req.json<string[]>();
    if (!Array.isArray(codes)) throw new ApiError(400, "invalid_body", "应为查询码数组");
    return c.json({ submitted: codes.length, found: await benchCountTrackingCodes(c.env.DB, codes) });
  });
