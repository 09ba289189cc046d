/**
 * Open311 GeoReport v2 queries: the services (resident case categories), the public view of
 * service requests (cases) and api keys of Open311 clients. Request rows carry only what may be published: the grid's centroid,
 * never the report's point; the community and grid names, never the typed address; the
 * public summary, never the resident's description; never the contact or the tracking code.
 */
import type { CaseStatus } from "../cases/states.ts";

/** A case category as an Open311 service. */
export type ServiceRow = {
  id: string;
  name: string;
  kind: "problem" | "service" | "consultation";
  grp: string;
  description: string;
  due_hours: number;
  department_name: string | null;
};

/**
 * What an Open311 request record is built from. Deliberately no lat/lng, address,
 * description, tracking code or contact columns: what is not read cannot leak.
 */
export type RequestRow = {
  public_id: string;
  status: CaseStatus;
  category_id: string;
  category_name: string;
  due_hours: number;
  public_summary: string;
  reject_reason: string;
  escalated: number;
  created_at: number;
  updated_at: number;
  due_at: number;
  grid_name: string;
  community_name: string;
  centroid_lat: number;
  centroid_lng: number;
  /** The department the case was dispatched to, else the category's department. */
  agency_name: string | null;
  duplicate_of_public_id: string | null;
};

const SELECT_REQUEST = `
  SELECT c.public_id, c.status, c.category_id, cat.name AS category_name, cat.due_hours, c.public_summary, c.reject_reason,
         c.escalated, c.created_at, c.updated_at, c.due_at, g.name AS grid_name, cm.name AS community_name,
         g.centroid_lat, g.centroid_lng, coalesce(d.name, cd.name) AS agency_name, o.public_id AS duplicate_of_public_id
  FROM cases c
  JOIN case_categories cat ON cat.id = c.category_id
  JOIN grids g ON g.id = c.grid_id
  JOIN communities cm ON cm.id = c.community_id
  LEFT JOIN departments d ON d.id = c.department_id
  LEFT JOIN departments cd ON cd.id = cat.department_id
  LEFT JOIN cases o ON o.id = c.duplicate_of`;

const SELECT_SERVICE = `
  SELECT cat.id, cat.name, cat.kind, cat.grp, cat.description, cat.due_hours, d.name AS department_name
  FROM case_categories cat LEFT JOIN departments d ON d.id = cat.department_id
  WHERE cat.resident = 1`;

/** The services Open311 clients may use: the resident-selectable categories, in display order. */
export async function listServices(db: D1Database): Promise<ServiceRow[]> {
  const { results } = await db.prepare(`${SELECT_SERVICE} ORDER BY cat.sort, cat.id`).all<ServiceRow>();
  return results;
}

/** One resident-selectable category by id, or null (non-resident categories are not services). */
export async function getService(db: D1Database, code: string): Promise<ServiceRow | null> {
  return db.prepare(`${SELECT_SERVICE} AND cat.id = ?1`).bind(code).first<ServiceRow>();
}

/** Filters of GET requests (the ids, when given, override the rest). */
export type RequestFilter =
  | { kind: "ids"; publicIds: string[] }
  | { kind: "search"; serviceCodes: string[]; statuses: CaseStatus[]; from: number; to: number; limit: number; offset: number };

/** Request rows for the filter, newest first. */
export async function listRequests(db: D1Database, f: RequestFilter): Promise<RequestRow[]> {
  const binds: unknown[] = [];
  const bind = (v: unknown) => {
    binds.push(v);
    return `?${binds.length}`;
  };
  const where: string[] = [];
  let limit = "";
  if (f.kind === "ids") {
    if (f.publicIds.length === 0) return [];
    where.push(`c.public_id IN (${f.publicIds.map(bind).join(", ")})`);
  } else {
    where.push(`c.created_at BETWEEN ${bind(f.from)} AND ${bind(f.to)}`);
    if (f.serviceCodes.length > 0) where.push(`c.category_id IN (${f.serviceCodes.map(bind).join(", ")})`);
    if (f.statuses.length > 0) where.push(`c.status IN (${f.statuses.map(bind).join(", ")})`);
    limit = ` LIMIT ${bind(f.limit)} OFFSET ${bind(f.offset)}`;
  }
  const sql = `${SELECT_REQUEST} WHERE ${where.join(" AND ")} ORDER BY c.created_at DESC, c.id DESC${limit}`;
  const { results } = await db.prepare(sql).bind(...binds).all<RequestRow>();
  return results;
}

/** One request row by public id, or null. */
export async function getRequest(db: D1Database, publicId: string): Promise<RequestRow | null> {
  return db.prepare(`${SELECT_REQUEST} WHERE c.public_id = ?1`).bind(publicId).first<RequestRow>();
}

/** The public id of the case with this tracking code (to answer a POST), or null. */
export async function publicIdForTrackingCode(db: D1Database, trackingCode: string): Promise<string | null> {
  const row = await db.prepare("SELECT public_id FROM cases WHERE tracking_code = ?1").bind(trackingCode).first<{ public_id: string }>();
  return row?.public_id ?? null;
}

/** An Open311 client (never its key hash). */
export type ApiClient = { id: number; name: string };

/** The active (not revoked) client with this key hash, or null. */
export async function findActiveApiClient(db: D1Database, keyHash: string): Promise<ApiClient | null> {
  return db.prepare("SELECT id, name FROM api_clients WHERE key_hash = ?1 AND revoked_at IS NULL").bind(keyHash).first<ApiClient>();
}

/** Inserts a client with its key hash and an audit row, in one batch; returns the id. */
export async function insertApiClient(db: D1Database, c: { name: string; keyHash: string; now: number }): Promise<number> {
  const [ins] = await db.batch([
    db.prepare("INSERT INTO api_clients (name, key_hash, created_at) VALUES (?1, ?2, ?3) RETURNING id").bind(c.name, c.keyHash, c.now),
    db
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) SELECT ?1, 'script', 'open311.key_create', 'api_client', CAST(id AS TEXT), ?2 FROM api_clients WHERE key_hash = ?3")
      .bind(c.now, JSON.stringify({ name: c.name }), c.keyHash),
  ]);
  return (ins!.results[0] as { id: number }).id;
}

/** Revokes a client's key (it stops working at once); false when there was none to revoke. */
export async function revokeApiClient(db: D1Database, id: number, now: number): Promise<boolean> {
  const [upd] = await db.batch([
    db.prepare("UPDATE api_clients SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL").bind(id, now),
    db
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) SELECT ?2, 'script', 'open311.key_revoke', 'api_client', CAST(id AS TEXT), '{}' FROM api_clients WHERE id = ?1 AND revoked_at = ?2")
      .bind(id, now),
  ]);
  return (upd!.meta.changes ?? 0) > 0;
}

/** All clients, for the script's list command (never the key hashes). */
export async function listApiClients(db: D1Database): Promise<{ id: number; name: string; created_at: number; revoked_at: number | null }[]> {
  const { results } = await db.prepare("SELECT id, name, created_at, revoked_at FROM api_clients ORDER BY id").all<{ id: number; name: string; created_at: number; revoked_at: number | null }>();
  return results;
}
