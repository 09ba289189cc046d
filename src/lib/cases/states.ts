/**
 * The case workflow: the one place that decides which status changes are legal and which
 * staff roles may make them. Routes, the scheduled handler and tests all ask this module.
 *
 *   reported ─► accepted ─► dispatched ─► in_progress ─► disposed ─► closed
 *      │           │  └──────────────────────►┘              │          │
 *      ├► rejected ◄┤        (dispatched ─► accepted: a department hands a case back)
 *      └► duplicate◄┘                                   reopened ◄──────┘ (and from rejected)
 *                                   reopened ─► dispatched | in_progress | rejected | duplicate
 */

/** Every status a case can have (the CHECK constraint of cases.status). */
export const CASE_STATUSES = ["reported", "accepted", "dispatched", "in_progress", "disposed", "closed", "rejected", "duplicate", "reopened"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Chinese labels of the statuses, as residents read them. */
export const STATUS_LABELS: Record<CaseStatus, string> = {
  reported: "已上报",
  accepted: "已受理",
  dispatched: "已派遣",
  in_progress: "处置中",
  disposed: "已处置",
  closed: "已办结",
  rejected: "退回",
  duplicate: "重复",
  reopened: "已重开",
};

/** Statuses in which a case still waits for work (it can become overdue and be escalated). */
export const OPEN_STATUSES: readonly CaseStatus[] = ["reported", "accepted", "dispatched", "in_progress", "reopened"];

/** Staff roles (the CHECK constraint of staff_accounts.role). */
export const STAFF_ROLES = ["grid_staff", "community_leader", "street_leader", "specialist", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who an event is published as: a role, never a person. */
export type ActorRole = StaffRole | "resident" | "system";

/** Role names on the public timeline. */
export const ROLE_LABELS: Record<ActorRole, string> = {
  grid_staff: "网格员",
  community_leader: "社区网格长",
  street_leader: "街道网格长",
  specialist: "专管员",
  supervisor: "督导员",
  admin: "平台管理员",
  resident: "居民",
  system: "系统",
};

/** The grid level a role's scope grid must have (null: the role has no grid scope, or any level). */
export const ROLE_GRID_LEVEL: Record<StaffRole, 1 | 2 | 3 | null> = {
  grid_staff: 3,
  community_leader: 2,
  street_leader: 1,
  specialist: null,
  supervisor: null,
  admin: null,
};

const GRID_HANDLERS: readonly StaffRole[] = ["grid_staff", "community_leader", "street_leader", "admin"];
const LEADERS: readonly StaffRole[] = ["community_leader", "street_leader", "supervisor", "admin"];

/** from → to → the roles that may make that change. Anything not listed is illegal. */
const TRANSITIONS: Record<CaseStatus, Partial<Record<CaseStatus, readonly StaffRole[]>>> = {
  reported: { accepted: GRID_HANDLERS, rejected: GRID_HANDLERS, duplicate: GRID_HANDLERS },
  accepted: { dispatched: GRID_HANDLERS, in_progress: GRID_HANDLERS, rejected: GRID_HANDLERS, duplicate: GRID_HANDLERS },
  dispatched: { in_progress: ["specialist", ...GRID_HANDLERS], accepted: ["specialist", ...GRID_HANDLERS] },
  in_progress: { disposed: ["specialist", ...GRID_HANDLERS] },
  disposed: { closed: GRID_HANDLERS, reopened: [...GRID_HANDLERS, "supervisor"] },
  closed: { reopened: LEADERS },
  rejected: { reopened: LEADERS },
  duplicate: {},
  reopened: { dispatched: GRID_HANDLERS, in_progress: ["specialist", ...GRID_HANDLERS], rejected: GRID_HANDLERS, duplicate: GRID_HANDLERS },
};

/** True when `value` is one of the case statuses. */
export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === "string" && (CASE_STATUSES as readonly string[]).includes(value);
}

/** True when the state machine has an edge from → to (for some role). */
export function isLegalTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from][to] !== undefined;
}

/** True when `role` may move a case from → to (the edge must exist). */
export function roleMayTransition(role: StaffRole, from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from][to]?.includes(role) ?? false;
}

/** The statuses a case in `from` can move to, for any role. */
export function nextStatuses(from: CaseStatus): CaseStatus[] {
  return CASE_STATUSES.filter((to) => isLegalTransition(from, to));
}

/** Every legal edge, for tests and documentation. */
export function legalTransitions(): [CaseStatus, CaseStatus][] {
  return CASE_STATUSES.flatMap((from) => nextStatuses(from).map((to) => [from, to] as [CaseStatus, CaseStatus]));
}

/** Only supervisors and admins escalate (督办) by hand; the cron escalates overdue cases. */
export function roleMayEscalate(role: StaffRole): boolean {
  return role === "supervisor" || role === "admin";
}

/** The default public note of a transition, when staff give none. */
export function defaultTransitionNote(to: CaseStatus, detail: { departmentName?: string; reason?: string } = {}): string {
  switch (to) {
    case "accepted":
      return "已受理，将安排人员核实处理";
    case "dispatched":
      return detail.departmentName ? `已派遣至${detail.departmentName}` : "已派遣至职能部门";
    case "in_progress":
      return "处置人员正在处理";
    case "disposed":
      return "问题已处置";
    case "closed":
      return "经核实已办结";
    case "rejected":
      return detail.reason ? `退回：${detail.reason}` : "退回";
    case "duplicate":
      return "与已反映的问题重复，将合并办理";
    case "reopened":
      return "案件已重新打开，继续办理";
    case "reported":
      return "已收到您的反映";
  }
}
