/**
 * Who may see and act on which case. A staff account's scope_grid_id is the root of its grid
 * subtree (street leader: level 1, community leader: level 2, grid staff: level 3; a
 * supervisor's may be any level, or none for the whole district); specialists see the cases
 * dispatched to their department; admins see everything.
 */
import { isGridInSubtree, type CaseRow, type StaffScopeFilter } from "../db/cases.ts";
import type { StaffAccount } from "../db/staff-accounts.ts";

/** The list filter that matches an account's scope. */
export function scopeFilter(account: StaffAccount): StaffScopeFilter {
  if (account.role === "admin") return { kind: "all" };
  if (account.role === "specialist") return { kind: "department", departmentId: account.departmentId ?? "\u0000none" };
  if (account.role === "supervisor" && account.scopeGridId === null) return { kind: "all" };
  return { kind: "subtree", rootGridId: account.scopeGridId ?? "\u0000none" };
}

/** True when the case lies in the account's scope. */
export async function caseInScope(db: D1Database, account: StaffAccount, c: Pick<CaseRow, "grid_id" | "department_id">): Promise<boolean> {
  const scope = scopeFilter(account);
  if (scope.kind === "all") return true;
  if (scope.kind === "department") return c.department_id !== null && c.department_id === scope.departmentId;
  return isGridInSubtree(db, c.grid_id, scope.rootGridId);
}
