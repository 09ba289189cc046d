/**
 * Staff work on cases (bearer token): list the cases in scope, read one (with the reporter's
 * contact for a call back), move it through the workflow, add a public note, set the public
 * summary, escalate. 401 without a valid token, 403 outside the account's scope or role.
 */
import { Hono } from "hono";
import { z } from "zod";
import { validate } from "../validate.ts";
import { staffAuth, type StaffEnv } from "../middleware/staff-auth.ts";
import { CASE_STATUSES, isCaseStatus } from "../../src/lib/cases/states.ts";
import { toStaffCase, toTimelineEntry } from "../../src/lib/cases/dto.ts";
import { scopeFilter } from "../../src/lib/auth/scope.ts";
import { addPublicNote, escalateByStaff, loadCaseForStaff, setPublicSummary, transitionCase } from "../../src/lib/cases/workflow.ts";
import { getCaseContact, listCaseEvents, listCasesForStaff, recordContactView } from "../../src/lib/db/cases.ts";
import { nowSeconds } from "../../src/lib/time.ts";

const publicText = (max: number) => z.string().max(max, `不能超过 ${max} 个字`);

const listQuery = z.object({
  /** One status or several, comma-separated. */
  status: z
    .string()
    .max(200)
    .refine((s) => s.split(",").every((x) => isCaseStatus(x.trim())), `状态只能是 ${CASE_STATUSES.join("、")}`)
    .optional(),
  overdue: z.enum(["0", "1", "true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  /** Cursor from the previous page's nextCursor. */
  cursor: z.string().regex(/^\d{1,15}$/).optional(),
});

const transitionBody = z.object({
  to: z.enum(CASE_STATUSES, { error: `目标状态只能是 ${CASE_STATUSES.join("、")}` }),
  note: publicText(500).optional(),
  departmentId: z.string().min(1).max(64).optional(),
  duplicateOf: z.string().min(1).max(64).optional(),
  reason: publicText(200).optional(),
});

const publicIdParam = z.object({ publicId: z.string().regex(/^Q[0-9A-Z]{1,20}$/, "案件编号格式不正确") });

export const staffCases = new Hono<StaffEnv>()
  .use("*", staffAuth)
  .get("/", validate("query", listQuery), async (c) => {
    const q = c.req.valid("query");
    const now = nowSeconds();
    const limit = q.limit ?? 50;
    const rows = await listCasesForStaff(c.env.DB, scopeFilter(c.var.staff), {
      statuses: q.status ? q.status.split(",").map((s) => s.trim()).filter(isCaseStatus) : [],
      overdue: q.overdue === "1" || q.overdue === "true",
      now, limit, beforeId: q.cursor ? Number(q.cursor) : null,
    });
    return c.json({
      results: rows.map((r) => toStaffCase(r, now)),
      nextCursor: rows.length === limit ? String(rows[rows.length - 1]!.id) : null,
    });
  })
  .get("/:publicId", validate("param", publicIdParam), async (c) => {
    const account = c.var.staff;
    const found = await loadCaseForStaff(c.env.DB, account, c.req.valid("param").publicId);
    const [events, contact] = await Promise.all([listCaseEvents(c.env.DB, found.id), getCaseContact(c.env.DB, found.id)]);
    // Reading a reporter's contact is itself recorded (trace management).
    if (contact) await recordContactView(c.env.DB, found.id, `staff:${account.id}`, nowSeconds());
    return c.json({ ...toStaffCase(found, nowSeconds()), contact, timeline: events.map(toTimelineEntry) });
  })
  .post("/:publicId/transitions", validate("param", publicIdParam), validate("json", transitionBody), async (c) => {
    const updated = await transitionCase(c.env.DB, c.var.staff, c.req.valid("param").publicId, c.req.valid("json"));
    return c.json(toStaffCase(updated, nowSeconds()));
  })
  .post("/:publicId/notes", validate("param", publicIdParam), validate("json", z.object({ note: publicText(500) })), async (c) => {
    const updated = await addPublicNote(c.env.DB, c.var.staff, c.req.valid("param").publicId, c.req.valid("json").note);
    return c.json(toStaffCase(updated, nowSeconds()), 201);
  })
  .put("/:publicId/summary", validate("param", publicIdParam), validate("json", z.object({ summary: publicText(500) })), async (c) => {
    const updated = await setPublicSummary(c.env.DB, c.var.staff, c.req.valid("param").publicId, c.req.valid("json").summary);
    return c.json(toStaffCase(updated, nowSeconds()));
  })
  .post(
    "/:publicId/escalation",
    validate("param", publicIdParam),
    validate("json", z.object({ dueHours: z.number().int().min(1).max(720).optional(), note: publicText(500).optional() })),
    async (c) => {
      const updated = await escalateByStaff(c.env.DB, c.var.staff, c.req.valid("param").publicId, c.req.valid("json"));
      return c.json(toStaffCase(updated, nowSeconds()));
    },
  );

