/** Staff accounts: bearer-token look-up, creation and revocation (tokens are stored hashed). */
import type { StaffRole } from "../cases/states.ts";

/** A staff account as the API sees it (never the token hash). */
export type StaffAccount = {
  id: number;
  label: string;
  role: StaffRole;
  /** Root of the grid subtree the account works in (grid staff, leaders, supervisors). */
  scopeGridId: string | null;
  /** The department of a specialist. */
  departmentId: string | null;
};

type Row = { id: number; label: string; role: StaffRole; scope_grid_id: string | null; department_id: string | null };

/** The active (not revoked) account with this token hash, or null. */
export async function findActiveStaffByTokenHash(db: D1Database, tokenHash: string): Promise<StaffAccount | null> {
  const row = await db
    .prepare("SELECT id, label, role, scope_grid_id, department_id FROM staff_accounts WHERE token_hash = ?1 AND revoked_at IS NULL")
    .bind(tokenHash)
    .first<Row>();
  return row && { id: row.id, label: row.label, role: row.role, scopeGridId: row.scope_grid_id, departmentId: row.department_id };
}

/** A grid's level, or null when there is no such grid. */
export async function getGridLevel(db: D1Database, gridId: string): Promise<number | null> {
  const row = await db.prepare("SELECT level FROM grids WHERE id = ?1").bind(gridId).first<{ level: number }>();
  return row?.level ?? null;
}

/** True when the department exists. */
export async function departmentExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM departments WHERE id = ?1").bind(id).first()) !== null;
}

/** Inserts an account with its token hash and an audit row, in one batch; returns the id. */
export async function insertStaffAccount(
  db: D1Database, a: { label: string; role: StaffRole; scopeGridId: string | null; departmentId: string | null; tokenHash: string; now: number },
): Promise<number> {
  const [ins] = await db.batch([
    db
      .prepare("INSERT INTO staff_accounts (label, role, scope_grid_id, department_id, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id")
      .bind(a.label, a.role, a.scopeGridId, a.departmentId, a.tokenHash, a.now),
    db
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) SELECT ?1, 'script', 'staff.create', 'staff_account', CAST(id AS TEXT), ?2 FROM staff_accounts WHERE token_hash = ?3")
      .bind(a.now, JSON.stringify({ role: a.role, scopeGridId: a.scopeGridId, departmentId: a.departmentId }), a.tokenHash),
  ]);
  return (ins!.results[0] as { id: number }).id;
}

/** Revokes an account (its token stops working at once); false when there was none to revoke. */
export async function revokeStaffAccount(db: D1Database, id: number, now: number): Promise<boolean> {
  const [upd] = await db.batch([
    db.prepare("UPDATE staff_accounts SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL").bind(id, now),
    db
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) SELECT ?2, 'script', 'staff.revoke', 'staff_account', CAST(id AS TEXT), '{}' FROM staff_accounts WHERE id = ?1 AND revoked_at = ?2")
      .bind(id, now),
  ]);
  return (upd!.meta.changes ?? 0) > 0;
}
