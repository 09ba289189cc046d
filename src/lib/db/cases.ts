/**
 * Case queries and writes: intake, the public timeline, staff lists, transitions, escalation,
 * idempotency keys and intake rate limits. Every write that changes a case goes through one
 * `batch()` with its event, its audit row and its rollup deltas (src/lib/db/rollups.ts).
 */
import { departmentModel } from "./orm.ts";
import { rollupDeltaStatements, type CaseRollupFields } from "./rollups.ts";
import { OPEN_STATUSES, type ActorRole, type CaseStatus } from "../cases/states.ts";

/** A row of the cases table. */
export type CaseRow = {
  id: number;
  public_id: string;
  tracking_code: string;
  channel: string;
  category_id: string;
  district_id: string;
  street_id: string;
  community_id: string;
  grid_id: string;
  campaign_id: string | null;
  lat: number | null;
  lng: number | null;
  address: string;
  description: string;
  public_summary: string;
  status: CaseStatus;
  department_id: string | null;
  duplicate_of: number | null;
  reject_reason: string;
  escalated: number;
  escalation_due_at: number | null;
  created_at: number;
  updated_at: number;
  due_at: number;
  disposed_at: number | null;
  closed_at: number | null;
};

/** A case with the names the DTOs show. */
export type CaseWithNames = CaseRow & { category_name: string; grid_name: string; department_name: string | null; duplicate_of_public_id: string | null; duplicate_of_status: CaseStatus | null };

/** A row of case_events. */
export type CaseEventRow = {
  id: number;
  case_id: number;
  kind: "transition" | "note" | "escalation" | "summary";
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  actor_role: ActorRole;
  actor_id: number | null;
  public_note: string;
  created_at: number;
};

/** A category as intake needs it. */
export type IntakeCategory = { id: string; name: string; kind: string; departmentId: string | null; dueHours: number; resident: boolean };

/** What an audit row records. */
export type AuditEntry = { actor: string; action: string; detail: Record<string, unknown> };

/** A new event on a case's public timeline. */
export type NewEvent = { kind: CaseEventRow["kind"]; from: CaseStatus | null; to: CaseStatus | null; actorRole: ActorRole; actorId: number | null; note: string };

const SELECT_WITH_NAMES = `
  SELECT c.*, cat.name AS category_name, g.name AS grid_name, d.name AS department_name,
         o.public_id AS duplicate_of_public_id, o.status AS duplicate_of_status
  FROM cases c
  JOIN case_categories cat ON cat.id = c.category_id
  JOIN grids g ON g.id = c.grid_id
  LEFT JOIN departments d ON d.id = c.department_id
  LEFT JOIN cases o ON o.id = c.duplicate_of`;

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(", ");

/** The rollup-relevant fields of a case row. */
export function rollupFields(c: CaseRow): CaseRollupFields {
  return {
    created_at: c.created_at, street_id: c.street_id, community_id: c.community_id, category_id: c.category_id,
    channel: c.channel, grid_id: c.grid_id, disposed_at: c.disposed_at, due_at: c.due_at,
  };
}

/** A category by id (resident-selectable or not), or null. */
export async function getIntakeCategory(db: D1Database, id: string): Promise<IntakeCategory | null> {
  const row = await db
    .prepare("SELECT id, name, kind, department_id, due_hours, resident FROM case_categories WHERE id = ?1")
    .bind(id)
    .first<{ id: string; name: string; kind: string; department_id: string | null; due_hours: number; resident: number }>();
  return row && { id: row.id, name: row.name, kind: row.kind, departmentId: row.department_id, dueHours: row.due_hours, resident: row.resident === 1 };
}

/** A department's name, or null when there is no such department. */
export async function getDepartmentName(db: D1Database, id: string): Promise<string | null> {
  const row = await departmentModel(db).First({ where: { id } });
  return row?.name ?? null;
}

/**
 * An audit row; `caseIdSql` is an SQL expression over ?1 (bound to `bindCase`) giving the case
 * id. Bind ids as strings: D1 may bind a JS number as REAL, which would CAST to '5.0'.
 */
function auditStatement(db: D1Database, at: number, entry: AuditEntry, caseIdSql: string, bindCase: unknown): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?2, ?3, ?4, 'case', CAST(${caseIdSql} AS TEXT), ?5)`)
    .bind(bindCase, at, entry.actor, entry.action, JSON.stringify(entry.detail));
}

/** An event row; `caseIdSql` as for auditStatement. */
function eventStatement(db: D1Database, at: number, e: NewEvent, caseIdSql: string, bindCase: unknown): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO case_events (case_id, kind, from_status, to_status, actor_role, actor_id, public_note, created_at)
       VALUES (${caseIdSql}, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(bindCase, e.kind, e.from, e.to, e.actorRole, e.actorId, e.note, at);
}

/** A new case as intake builds it (the id is assigned by the database). */
export type NewCase = Omit<CaseRow, "id" | "campaign_id" | "duplicate_of" | "escalation_due_at" | "disposed_at" | "closed_at"> & { contact: { name: string; phone: string; email: string } | null };

/** An idempotency record to store with the case. */
export type IdempotencyRecord = { scope: string; key: string; requestHash: string; status: number; response: string };

/**
 * Inserts a reported case with its first event, the reporter's contact (own table), an
 * audit row, the rollup deltas and the idempotency record: all or nothing. Throws the D1
 * error on a UNIQUE clash (tracking code or idempotency key) for the caller to handle.
 */
export async function insertReportedCase(db: D1Database, c: NewCase, firstNote: string, audit: AuditEntry, idem: IdempotencyRecord | null): Promise<void> {
  // Later statements find the case by its tracking code (unique), since rollup statements
  // in between would change last_insert_rowid().
  const byCode = "(SELECT id FROM cases WHERE tracking_code = ?1)";
  const stmts: D1PreparedStatement[] = [
    db
      .prepare(
        `INSERT INTO cases (public_id, tracking_code, channel, category_id, district_id, street_id, community_id, grid_id, lat, lng,
                            address, description, public_summary, status, department_id, reject_reason, escalated, created_at, updated_at, due_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)`,
      )
      .bind(c.public_id, c.tracking_code, c.channel, c.category_id, c.district_id, c.street_id, c.community_id, c.grid_id, c.lat, c.lng,
        c.address, c.description, c.public_summary, c.status, c.department_id, c.reject_reason, c.escalated, c.created_at, c.updated_at, c.due_at),
    eventStatement(db, c.created_at, { kind: "transition", from: null, to: "reported", actorRole: "resident", actorId: null, note: firstNote }, byCode, c.tracking_code),
    auditStatement(db, c.created_at, audit, byCode, c.tracking_code),
  ];
  if (c.contact) {
    stmts.push(
      db.prepare(`INSERT INTO case_contacts (case_id, name, phone, email) VALUES (${byCode}, ?2, ?3, ?4)`).bind(c.tracking_code, c.contact.name, c.contact.phone, c.contact.email),
    );
  }
  stmts.push(...rollupDeltaStatements(db, null, { ...c, disposed_at: null }));
  if (idem) {
    stmts.push(
      db
        .prepare("INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(idem.scope, idem.key, idem.requestHash, idem.status, idem.response, c.created_at),
    );
  }
  await db.batch(stmts);
}

/** A stored idempotent response, or null. */
export async function getIdempotencyRecord(db: D1Database, scope: string, key: string): Promise<{ requestHash: string; status: number; response: string } | null> {
  const row = await db
    .prepare("SELECT request_hash, status, response FROM idempotency_keys WHERE scope = ?1 AND key = ?2")
    .bind(scope, key)
    .first<{ request_hash: string; status: number; response: string }>();
  return row && { requestHash: row.request_hash, status: row.status, response: row.response };
}

/** A case with names by its tracking code, or null. */
export async function getCaseByTrackingCode(db: D1Database, code: string): Promise<CaseWithNames | null> {
  return db.prepare(`${SELECT_WITH_NAMES} WHERE c.tracking_code = ?1`).bind(code).first<CaseWithNames>();
}

/** A case with names by its public id, or null. */
export async function getCaseByPublicId(db: D1Database, publicId: string): Promise<CaseWithNames | null> {
  return db.prepare(`${SELECT_WITH_NAMES} WHERE c.public_id = ?1`).bind(publicId).first<CaseWithNames>();
}

/** A case with names by its internal id, or null. */
export async function getCaseById(db: D1Database, id: number): Promise<CaseWithNames | null> {
  return db.prepare(`${SELECT_WITH_NAMES} WHERE c.id = ?1`).bind(id).first<CaseWithNames>();
}

/** The timeline of a case, oldest first. */
export async function listCaseEvents(db: D1Database, caseId: number): Promise<CaseEventRow[]> {
  const { results } = await db.prepare("SELECT * FROM case_events WHERE case_id = ?1 ORDER BY created_at, id").bind(caseId).all<CaseEventRow>();
  return results;
}

/** The reporter's contact (private: only for staff working on the case). */
export async function getCaseContact(db: D1Database, caseId: number): Promise<{ name: string; phone: string } | null> {
  return db.prepare("SELECT name, phone FROM case_contacts WHERE case_id = ?1").bind(caseId).first<{ name: string; phone: string }>();
}

/** Records that a staff member read a reporter's contact (audit only). */
export async function recordContactView(db: D1Database, caseId: number, actor: string, at: number): Promise<void> {
  await auditStatement(db, at, { actor, action: "case.contact_view", detail: {} }, "?1", String(caseId)).run();
}

/** True when `gridId` is `rootId` or lies below it (grids.parent_id chain). */
export async function isGridInSubtree(db: D1Database, gridId: string, rootId: string): Promise<boolean> {
  const row = await db
    .prepare(
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM grids WHERE id = ?1
         UNION ALL SELECT g.id, g.parent_id FROM grids g JOIN up ON g.id = up.parent_id)
       SELECT 1 AS hit FROM up WHERE id = ?2 LIMIT 1`,
    )
    .bind(gridId, rootId)
    .first<{ hit: number }>();
  return row !== null;
}

/** Whose cases a staff list shows. */
export type StaffScopeFilter = { kind: "all" } | { kind: "subtree"; rootGridId: string } | { kind: "department"; departmentId: string };

/** Filters of the staff case list. */
export type StaffListFilter = { statuses: CaseStatus[]; overdue: boolean; now: number; limit: number; beforeId: number | null };

/** Cases in a staff member's scope, newest first. */
export async function listCasesForStaff(db: D1Database, scope: StaffScopeFilter, f: StaffListFilter): Promise<CaseWithNames[]> {
  const where: string[] = [];
  const binds: unknown[] = [];
  const bind = (v: unknown) => {
    binds.push(v);
    return `?${binds.length}`;
  };
  let prefix = "";
  if (scope.kind === "subtree") {
    prefix = `WITH RECURSIVE sub(id) AS (SELECT ${bind(scope.rootGridId)} UNION ALL SELECT g.id FROM grids g JOIN sub ON g.parent_id = sub.id) `;
    where.push("c.grid_id IN (SELECT id FROM sub)");
  } else if (scope.kind === "department") {
    where.push(`c.department_id = ${bind(scope.departmentId)}`);
  }
  if (f.statuses.length > 0) where.push(`c.status IN (${f.statuses.map((s) => bind(s)).join(", ")})`);
  if (f.overdue) where.push(`c.status IN (${OPEN_LIST}) AND c.due_at < ${bind(f.now)}`);
  if (f.beforeId !== null) where.push(`c.id < ${bind(f.beforeId)}`);
  const sql = `${prefix}${SELECT_WITH_NAMES} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY c.id DESC LIMIT ${bind(f.limit)}`;
  const { results } = await db.prepare(sql).bind(...binds).all<CaseWithNames>();
  return results;
}

/** The new values of a transition. */
export type TransitionChange = Pick<CaseRow, "status" | "department_id" | "duplicate_of" | "reject_reason" | "due_at" | "disposed_at" | "closed_at" | "updated_at">;

/**
 * Applies a status change in one batch: the case row, its event, its audit row and the
 * rollup deltas. The update is guarded: if the case is no longer in `before.status` (a
 * concurrent change), the CASE expression writes an invalid status, the CHECK constraint
 * fails and the whole batch rolls back. Returns false in that case.
 */
export async function applyTransition(db: D1Database, before: CaseRow, change: TransitionChange, event: NewEvent, audit: AuditEntry): Promise<boolean> {
  const after: CaseRow = { ...before, ...change };
  try {
    await db.batch([
      db
        .prepare(
          `UPDATE cases SET status = CASE WHEN status = ?2 THEN ?3 ELSE 'stale' END, department_id = ?4, duplicate_of = ?5, reject_reason = ?6,
                  due_at = ?7, disposed_at = ?8, closed_at = ?9, updated_at = ?10 WHERE id = ?1`,
        )
        .bind(before.id, before.status, change.status, change.department_id, change.duplicate_of, change.reject_reason, change.due_at, change.disposed_at, change.closed_at, change.updated_at),
      eventStatement(db, change.updated_at, event, "?1", before.id),
      auditStatement(db, change.updated_at, audit, "?1", String(before.id)),
      ...rollupDeltaStatements(db, rollupFields(before), rollupFields(after)),
    ]);
    return true;
  } catch (err) {
    if (/CHECK constraint failed/i.test(String(err))) return false;
    throw err;
  }
}

/**
 * Adds a public note (kind 'note') or replaces the public summary (kind 'summary') in one
 * batch with its event and audit row.
 */
export async function addCaseText(db: D1Database, caseId: number, at: number, event: NewEvent, audit: AuditEntry, summary: string | null): Promise<void> {
  const stmts: D1PreparedStatement[] = [];
  if (summary !== null) stmts.push(db.prepare("UPDATE cases SET public_summary = ?2, updated_at = ?3 WHERE id = ?1").bind(caseId, summary, at));
  stmts.push(eventStatement(db, at, event, "?1", caseId), auditStatement(db, at, audit, "?1", String(caseId)));
  await db.batch(stmts);
}

/**
 * Sets the escalation flag (督办) with its due time on an open case, with event and audit, in
 * one batch. Guarded like a transition: if the case is not open any more, the CHECK on
 * status fails and nothing is written. Returns false in that case.
 */
export async function escalateCase(db: D1Database, caseId: number, at: number, dueAt: number, event: NewEvent, audit: AuditEntry): Promise<boolean> {
  try {
    await db.batch([
      db
        .prepare(`UPDATE cases SET status = CASE WHEN status IN (${OPEN_LIST}) THEN status ELSE 'stale' END, escalated = 1, escalation_due_at = ?2, updated_at = ?3 WHERE id = ?1`)
        .bind(caseId, dueAt, at),
      eventStatement(db, at, event, "?1", caseId),
      auditStatement(db, at, audit, "?1", String(caseId)),
    ]);
    return true;
  } catch (err) {
    if (/CHECK constraint failed/i.test(String(err))) return false;
    throw err;
  }
}

/** Open, overdue cases not yet escalated (for the cron), oldest due first. */
export async function listOverdueUnescalated(db: D1Database, now: number, limit: number): Promise<{ id: number; due_at: number }[]> {
  const { results } = await db
    .prepare(`SELECT id, due_at FROM cases WHERE status IN (${OPEN_LIST}) AND due_at < ?1 AND escalated = 0 ORDER BY due_at LIMIT ?2`)
    .bind(now, limit)
    .all<{ id: number; due_at: number }>();
  return results;
}

/** Open cases of a category in a lat/lng box (the caller filters by exact distance). */
export async function listOpenCasesInBox(
  db: D1Database, categoryId: string, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, limit: number,
): Promise<CaseWithNames[]> {
  const { results } = await db
    .prepare(`${SELECT_WITH_NAMES} WHERE c.category_id = ?1 AND c.status IN (${OPEN_LIST}) AND c.lat BETWEEN ?2 AND ?3 AND c.lng BETWEEN ?4 AND ?5 ORDER BY c.created_at DESC LIMIT ?6`)
    .bind(categoryId, box.minLat, box.maxLat, box.minLng, box.maxLng, limit)
    .all<CaseWithNames>();
  return results;
}

/** Deletes rate-limit windows and idempotency keys older than `before` (housekeeping). */
export async function purgeExpiredIntakeGuards(db: D1Database, before: number): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM rate_limits WHERE window_start < ?1").bind(before),
    db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?1").bind(before),
  ]);
}

// ── Benchmark helpers (used only by the BENCH_ROUTES routes) ─────────────────

/** The bare single insert the intake is compared with: one audit row, no checks. */
export async function benchBareInsert(db: D1Database): Promise<void> {
  await db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?1, 'bench', 'bench.bare', 'bench', '0')").bind(Math.floor(Date.now() / 1000)).run();
}

/** How many cases there are. */
export async function benchCountCases(db: D1Database): Promise<number> {
  return (await db.prepare("SELECT count(*) AS n FROM cases").first<{ n: number }>())?.n ?? 0;
}

/** Centroids of some level-3 grids (points that lie in the district), with a resident category. */
export async function benchSamplePoints(db: D1Database, n: number): Promise<{ lat: number; lng: number; category: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT g.centroid_lat AS lat, g.centroid_lng AS lng, (SELECT id FROM case_categories WHERE resident = 1 ORDER BY sort LIMIT 1) AS category
       FROM grids g WHERE level = 3 ORDER BY id LIMIT ?1`,
    )
    .bind(n)
    .all<{ lat: number; lng: number; category: string }>();
  return results;
}

/** How many of these tracking codes exist (each with its first event). */
export async function benchCountTrackingCodes(db: D1Database, codes: string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < codes.length; i += 90) {
    const chunk = codes.slice(i, i + 90);
    const row = await db
      .prepare(
        `SELECT count(*) AS n FROM cases c WHERE c.tracking_code IN (${chunk.map((_, k) => `?${k + 1}`).join(", ")})
           AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.to_status = 'reported')`,
      )
      .bind(...chunk)
      .first<{ n: number }>();
    found += row?.n ?? 0;
  }
  return found;
}
