/**
 * Staff actions on a case: transitions through the state machine, public notes, the public
 * summary and escalation (督办), plus the automatic escalation of overdue cases. Each action
 * writes the case change, its public event and its audit row in one batch.
 */
import { ApiError } from "../../../functions/errors.ts";
import {
  addCaseText, applyTransition, escalateCase, getCaseById, getCaseByPublicId, getDepartmentName, getIntakeCategory,
  listOverdueUnescalated, purgeExpiredIntakeGuards, type CaseWithNames, type TransitionChange,
} from "../db/cases.ts";
import type { StaffAccount } from "../db/staff-accounts.ts";
import { caseInScope } from "../auth/scope.ts";
import { scrubPublicText } from "../privacy/scrub.ts";
import { isoLocal, nowSeconds } from "../time.ts";
import {
  OPEN_STATUSES, STATUS_LABELS, defaultTransitionNote, isLegalTransition, roleMayEscalate, roleMayTransition, type CaseStatus,
} from "./states.ts";

/** What staff send to move a case. */
export type TransitionRequest = {
  to: CaseStatus;
  /** Public note for the timeline (scrubbed); a default note is used when empty. */
  note?: string;
  /** Department to dispatch to (defaults to the category's department). */
  departmentId?: string;
  /** Public id of the original, for `duplicate`. */
  duplicateOf?: string;
  /** Why the case is returned, for `rejected` (published, scrubbed). */
  reason?: string;
};

const actorOf = (a: StaffAccount) => `staff:${a.id}`;

/** Loads a case a staff member may work on: 404 when there is none, 403 outside their scope. */
export async function loadCaseForStaff(db: D1Database, account: StaffAccount, publicId: string): Promise<CaseWithNames> {
  const c = await getCaseByPublicId(db, publicId);
  if (!c) throw new ApiError(404, "case_not_found", "未找到该案件");
  if (!(await caseInScope(db, account, c))) throw new ApiError(403, "out_of_scope", "该案件不在您的工作范围内");
  return c;
}

/**
 * Moves a case to `req.to` if the state machine allows the edge and the account's role may
 * take it. Throws 404/403 (scope or role), 409 (illegal edge, or the case changed
 * meanwhile), 400/422 (missing or unknown reason, department, original).
 */
export async function transitionCase(db: D1Database, account: StaffAccount, publicId: string, req: TransitionRequest, now = nowSeconds()): Promise<CaseWithNames> {
  const c = await loadCaseForStaff(db, account, publicId);
  const from = c.status;
  const to = req.to;
  if (!isLegalTransition(from, to)) {
    throw new ApiError(409, "illegal_transition", `案件当前为「${STATUS_LABELS[from]}」，不能变为「${STATUS_LABELS[to]}」`);
  }
  if (!roleMayTransition(account.role, from, to)) {
    throw new ApiError(403, "role_not_allowed", `您的角色不能将案件从「${STATUS_LABELS[from]}」变为「${STATUS_LABELS[to]}」`);
  }
  const change: TransitionChange = {
    status: to, department_id: c.department_id, duplicate_of: c.duplicate_of, reject_reason: c.reject_reason,
    due_at: c.due_at, disposed_at: c.disposed_at, closed_at: c.closed_at, updated_at: now,
  };
  let departmentName: string | undefined;
  let reason: string | undefined;
  const detail: Record<string, unknown> = { from, to };
  if (to === "dispatched") {
    const category = await getIntakeCategory(db, c.category_id);
    const departmentId = req.departmentId ?? category?.departmentId ?? null;
    const name = departmentId ? await getDepartmentName(db, departmentId) : null;
    if (!departmentId || name === null) throw new ApiError(422, "unknown_department", "请选择要派遣的职能部门");
    change.department_id = departmentId;
    departmentName = name;
    detail.departmentId = departmentId;
  } else if (to === "accepted" && from === "dispatched") {
    change.department_id = null; // handed back to the grid for another dispatch
  } else if (to === "rejected") {
    reason = scrubPublicText(req.reason ?? "");
    if (reason.length < 2) throw new ApiError(400, "missing_reason", "退回案件时请填写退回原因");
    change.reject_reason = reason;
  } else if (to === "duplicate") {
    if (!req.duplicateOf) throw new ApiError(400, "missing_original", "标记重复时请填写原案件编号");
    let original = await getCaseByPublicId(db, req.duplicateOf);
    // Link to the root: the original of a duplicate's original.
    for (let hops = 0; original && original.status === "duplicate" && original.duplicate_of !== null && hops < 5; hops++) {
      original = await getCaseById(db, original.duplicate_of);
    }
    if (!original || original.id === c.id) throw new ApiError(422, "unknown_original", "未找到原案件，或原案件就是本案件");
    change.duplicate_of = original.id;
    detail.duplicateOf = original.public_id;
  } else if (to === "disposed") {
    change.disposed_at = now;
  } else if (to === "closed") {
    change.closed_at = now;
  } else if (to === "reopened") {
    const category = await getIntakeCategory(db, c.category_id);
    change.disposed_at = null;
    change.closed_at = null;
    change.duplicate_of = null;
    change.due_at = now + (category?.dueHours ?? 72) * 3600; // a fresh deadline for the new round
  }
  const note = scrubPublicText(req.note ?? "") || defaultTransitionNote(to, { departmentName, reason });
  const ok = await applyTransition(
    db, c, change,
    { kind: "transition", from, to, actorRole: account.role, actorId: account.id, note },
    { actor: actorOf(account), action: "case.transition", detail },
  );
  if (!ok) throw new ApiError(409, "conflict", "案件状态刚被他人更新，请刷新后重试");
  return (await getCaseByPublicId(db, publicId))!;
}

/** Adds a public note (scrubbed) to the case's timeline. */
export async function addPublicNote(db: D1Database, account: StaffAccount, publicId: string, note: string, now = nowSeconds()): Promise<CaseWithNames> {
  const c = await loadCaseForStaff(db, account, publicId);
  const text = scrubPublicText(note);
  if (text.length < 2) throw new ApiError(400, "invalid_note", "请填写公开说明");
  await addCaseText(db, c.id, now, { kind: "note", from: null, to: null, actorRole: account.role, actorId: account.id, note: text },
    { actor: actorOf(account), action: "case.note", detail: {} }, null);
  return (await getCaseByPublicId(db, publicId))!;
}

/** Sets the case's public summary, scrubbed of phones, ID numbers, e-mails and plates. */
export async function setPublicSummary(db: D1Database, account: StaffAccount, publicId: string, summary: string, now = nowSeconds()): Promise<CaseWithNames> {
  const c = await loadCaseForStaff(db, account, publicId);
  const text = scrubPublicText(summary);
  if (text.length < 2) throw new ApiError(400, "invalid_summary", "请填写办理情况摘要");
  await addCaseText(db, c.id, now, { kind: "summary", from: null, to: null, actorRole: account.role, actorId: account.id, note: "更新了办理情况摘要" },
    { actor: actorOf(account), action: "case.summary", detail: { length: text.length } }, text);
  return (await getCaseByPublicId(db, publicId))!;
}

/** A supervisor (or admin) escalates an open case, to be handled within `dueHours`. */
export async function escalateByStaff(db: D1Database, account: StaffAccount, publicId: string, req: { dueHours?: number; note?: string }, now = nowSeconds()): Promise<CaseWithNames> {
  if (!roleMayEscalate(account.role)) throw new ApiError(403, "role_not_allowed", "只有督导员可以督办案件");
  const c = await loadCaseForStaff(db, account, publicId);
  if (!OPEN_STATUSES.includes(c.status)) throw new ApiError(409, "not_open", `案件当前为「${STATUS_LABELS[c.status]}」，无需督办`);
  const dueAt = now + (req.dueHours ?? 24) * 3600;
  const note = scrubPublicText(req.note ?? "") || `已督办，要求于 ${isoLocal(dueAt).slice(0, 16).replace("T", " ")} 前办结`;
  const ok = await escalateCase(db, c.id, now, dueAt, { kind: "escalation", from: null, to: null, actorRole: account.role, actorId: account.id, note },
    { actor: actorOf(account), action: "case.escalate", detail: { dueAt } });
  if (!ok) throw new ApiError(409, "conflict", "案件状态刚被他人更新，请刷新后重试");
  return (await getCaseByPublicId(db, publicId))!;
}

/** Hours an automatically escalated case gets before its escalation is itself overdue. */
export const AUTO_ESCALATION_HOURS = 24;

/**
 * The cron's job: escalates every open case past its due time that is not escalated yet
 * (at most `limit` per run, oldest first) and drops expired rate-limit windows and
 * idempotency keys. Returns how many cases it escalated.
 */
export async function escalateOverdueCases(db: D1Database, now = nowSeconds(), limit = 500): Promise<number> {
  const overdue = await listOverdueUnescalated(db, now, limit);
  let done = 0;
  for (const c of overdue) {
    const dueAt = now + AUTO_ESCALATION_HOURS * 3600;
    const ok = await escalateCase(db, c.id, now, dueAt, { kind: "escalation", from: null, to: null, actorRole: "system", actorId: null, note: "已超过办理时限，系统自动督办" },
      { actor: "system", action: "case.escalate", detail: { dueAt, overdueSince: c.due_at } });
    if (ok) done++;
  }
  await purgeExpiredIntakeGuards(db, now - 86_400);
  return done;
}
