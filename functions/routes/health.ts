import { Hono } from "hono";
import { checkDatabase } from "../../src/lib/db/overview.ts";
import type { AppEnv } from "../types.ts";

/** GET /api/health: answers { ok: true } once the database has answered. */
export const health = new Hono<AppEnv>().get("/", async (c) => {
  const ok = await checkDatabase(c.env.DB);
  return c.json({ ok }, ok ? 200 : 503);
});
