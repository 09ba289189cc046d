import { Hono } from "hono";
import { listResidentCategories } from "../../src/lib/db/categories.ts";
import type { AppEnv } from "../types.ts";

/** GET /api/categories: the categories a resident can choose when reporting. */
export const categories = new Hono<AppEnv>().get("/", async (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json({ results: await listResidentCategories(c.env.DB) });
});
