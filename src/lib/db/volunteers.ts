/**
 * Volunteers and community points (社区积分制): point rules, the append-only ledger, period
 * totals for rankings, staff token look-up, the self lookup and its rate limit.
 *
 * Privacy: real names and phones never leave this module. Totals are mapped to masked
 * display names here, and the self-lookup statement carries the masked name only.
 */
import { DataTypes, Model } from "d1-orm";
import { orm } from "./orm.ts";
import { displayName } from "../volunteers/mask.ts";
import type { Period } from "../volunteers/period.ts";
import { isoLocal, localDay, nowSeconds } from "../time.ts";

// ── Point rules ─────────────────────────────────────────────────────────────

/** Activity types and the points they earn (managed as data). */
export function pointRuleModel(db: D1Database) {
  return new Model(
    { D1Orm: orm(db), tableName: "point_rules", primaryKeys: "id" },
    {
      id: { type: DataTypes.TEXT, notNull: true },
      name: { type: DataTypes.TEXT, notNull: true },
      points: { type: DataTypes.INTEGER, notNull: true },
      unit: { type: DataTypes.TEXT, notNull: true },
      active: { type: DataTypes.INTEGER, notNull: true },
      sort: { type: DataTypes.INTEGER, notNull: true },
    },
  );
}

/** A point rule as published. */
export type PointRuleDto = { id: string; name: string; points: number; unit: string; active: boolean };

/** Point rules in display order; only the active ones unless `all`. */
export async function listPointRules(db: D1Database, all = false): Promise<PointRuleDto[]> {
  const { results } = await pointRuleModel(db).All(all ? { orderBy: "sort" } : { where: { active: 1 }, orderBy: "sort" });
  return results.map((r) => ({ id: r.id, name: r.name, points: r.points, unit: r.unit, active: r.active === 1 }));
}

/** One point rule by id, or null. */
export async function getPointRule(db: D1Database, id: string): Promise<PointRuleDto | null> {
  const r = await pointRuleModel(db).First({ where: { id } });
  return r ? { id: r.id, name: r.name, points: r.points, unit: r.unit, active: r.active === 1 } : null;
}

// ── Reference day and scopes ────────────────────────────────────────────────

/** The day "current" periods refer to: the data set's as-of day, else today (Asia/Shanghai). */
export async function getReferenceDay(db: D1Database): Promise<string> {
  const row = await db.prepare("SELECT value FROM site_meta WHERE key = 'as_of'").first<{ value: string }>();
  return row && /^\d{4}-\d{2}-\d{2}$/.test(row.value) ? row.value : localDay(nowSeconds());
}

/** Scope kinds of the rankings. */
export type ScopeKind = "district" | "street" | "community";

/** A resolved ranking scope. */
export type Scope = { kind: ScopeKind; id: string; name: string; streetId: string | null; streetName: string | null };

/** Resolves a scope; the district defaults to the site's district. Null when it does not exist. */
export async function resolveScope(db: D1Database, kind: ScopeKind, id: string | null): Promise<Scope | null> {
  if (kind === "district") {
    const row = await db
      .prepare(
        `SELECT id, name FROM districts
         WHERE id = coalesce(?1, (SELECT value FROM site_meta WHERE key = 'district_id'), (SELECT min(id) FROM districts))`,
      )
      .bind(id)
      .first<{ id: string; name: string }>();
    return row ? { kind, id: row.id, name: row.name, streetId: null, streetName: null } : null;
  }
  if (id === null) return null;
  if (kind === "street") {
    const row = await db.prepare("SELECT id, name FROM streets WHERE id = ?1").bind(id).first<{ id: string; name: string }>();
    return row ? { kind, id: row.id, name: row.name, streetId: row.id, streetName: row.name } : null;
  }
  const row = await db
    .prepare("SELECT c.id, c.name, s.id AS street_id, s.name AS street_name FROM communities c JOIN streets s ON s.id = c.street_id WHERE c.id = ?1")
    .bind(id)
    .first<{ id: string; name: string; street_id: string; street_name: string }>();
  return row ? { kind, id: row.id, name: row.name, streetId: row.street_id, streetName: row.street_name } : null;
}

/** A street with its communities, for the static ranking pages and their navigation. */
export type StreetScopes = { id: string; name: string; communities: { id: string; name: string }[] };

/** Streets of a district with their communities, in id order. */
export async function listStreetScopes(db: D1Database, districtId: string): Promise<StreetScopes[]> {
  const { results } = await db
    .prepare(
      `SELECT s.id AS street_id, s.name AS street_name, c.id AS community_id, c.name AS community_name
       FROM streets s LEFT JOIN communities c ON c.street_id = s.id
       WHERE s.district_id = ?1 ORDER BY s.id, c.id`,
    )
    .bind(districtId)
    .all<{ street_id: string; street_name: string; community_id: string | null; community_name: string | null }>();
  const streets = new Map<string, StreetScopes>();
  for (const r of results) {
    let s = streets.get(r.street_id);
    if (!s) streets.set(r.street_id, (s = { id: r.street_id, name: r.street_name, communities: [] }));
    if (r.community_id && r.community_name) s.communities.push({ id: r.community_id, name: r.community_name });
  }
  return [...streets.values()];
}

// ── Period totals (rankings) ────────────────────────────────────────────────

/**
 * Points a volunteer earned in a period: the awards dated in it that were not reversed.
 * Redemptions spend a balance; they do not lower a volunteer's service record.
 */
export type PersonTotal = {
  /** Internal id, for a stable display order of ties; never published. */
  volunteerId: number;
  /** Masked name, or 匿名志愿者 for volunteers who opted out. */
  displayName: string;
  points: number;
  communityId: string;
  communityName: string;
  streetId: string;
  teamId: string | null;
};

/** Points a team's members earned in a period (opted-out members count too). */
export type TeamTotal = { teamId: string; displayName: string; points: number; communityId: string; communityName: string; streetId: string };

// The scope filter shared by the total queries: ?3 is the scope kind, ?4 its id; `c` is the community.
const SCOPE_FILTER = `(?3 = 'district' AND c.street_id IN (SELECT id FROM streets WHERE district_id = ?4)
   OR ?3 = 'street' AND c.street_id = ?4
   OR ?3 = 'community' AND c.id = ?4)`;
// Awards in [?1, ?2) that no reversal cancels (reverses_id is UNIQUE, so the look-up is indexed).
const LIVE_AWARDS = `a.kind = 'award' AND a.day >= ?1 AND a.day < ?2
   AND NOT EXISTS (SELECT 1 FROM point_ledger r WHERE r.reverses_id = a.id)`;

/** Per-volunteer points in a period within a scope: one aggregate query. */
export async function personTotals(db: D1Database, period: Period, scope: { kind: ScopeKind; id: string }): Promise<PersonTotal[]> {
  const { results } = await db
    .prepare(
      `SELECT v.id, v.name, v.opt_out, v.team_id, c.id AS community_id, c.name AS community_name, c.street_id, sum(a.points) AS points
       FROM point_ledger a
       JOIN volunteers v ON v.id = a.volunteer_id
       JOIN communities c ON c.id = v.community_id
       WHERE ${LIVE_AWARDS} AND ${SCOPE_FILTER}
       GROUP BY v.id`,
    )
    .bind(period.from, period.to, scope.kind, scope.id)
    .all<{ id: number; name: string; opt_out: number; team_id: string | null; community_id: string; community_name: string; street_id: string; points: number }>();
  return results.map((r) => ({
    volunteerId: r.id, displayName: displayName(r.name, r.opt_out === 1), points: r.points,
    communityId: r.community_id, communityName: r.community_name, streetId: r.street_id, teamId: r.team_id,
  }));
}

/** Per-team points in a period within a scope (by the team's community): one aggregate query. */
export async function teamTotals(db: D1Database, period: Period, scope: { kind: ScopeKind; id: string }): Promise<TeamTotal[]> {
  const { results } = await db
    .prepare(
      `SELECT t.id, t.name, c.id AS community_id, c.name AS community_name, c.street_id, sum(a.points) AS points
       FROM point_ledger a
       JOIN volunteers v ON v.id = a.volunteer_id
       JOIN volunteer_teams t ON t.id = v.team_id
       JOIN communities c ON c.id = t.community_id
       WHERE ${LIVE_AWARDS} AND ${SCOPE_FILTER}
       GROUP BY t.id`,
    )
    .bind(period.from, period.to, scope.kind, scope.id)
    .all<{ id: string; name: string; community_id: string; community_name: string; street_id: string; points: number }>();
  return results.map((r) => ({
    teamId: r.id, displayName: r.name, points: r.points, communityId: r.community_id, communityName: r.community_name, streetId: r.street_id,
  }));
}

/** Headline counts for the volunteers page. */
export type VolunteerCounts = { volunteers: number; teams: number; pointsAwarded: number; pointsRedeemed: number };

/** Counts of volunteers and teams and all-time points awarded (net of reversals) and redeemed. */
export async function getVolunteerCounts(db: D1Database): Promise<VolunteerCounts> {
  const row = await db
    .prepare(
      `SELECT (SELECT count(*) FROM volunteers) AS volunteers, (SELECT count(*) FROM volunteer_teams) AS teams,
              (SELECT coalesce(sum(a.points), 0) FROM point_ledger a WHERE a.kind = 'award'
                 AND NOT EXISTS (SELECT 1 FROM point_ledger r WHERE r.reverses_id = a.id)) AS awarded,
              (SELECT coalesce(-sum(a.points), 0) FROM point_ledger a WHERE a.kind = 'redeem'
                 AND NOT EXISTS (SELECT 1 FROM point_ledger r WHERE r.reverses_id = a.id)) AS redeemed`,
    )
    .first<{ volunteers: number; teams: number; awarded: number; redeemed: number }>();
  return { volunteers: row?.volunteers ?? 0, teams: row?.teams ?? 0, pointsAwarded: row?.awarded ?? 0, pointsRedeemed: row?.redeemed ?? 0 };
}

// ── Staff ───────────────────────────────────────────────────────────────────

/** A staff account allowed to write points, with the reach of its scope. */
export type StaffActor = {
  id: number;
  role: "grid_staff" | "community_leader" | "street_leader" | "specialist" | "supervisor" | "admin";
  /** Street of the scope grid (level 1), or null when the account is not bound to a subtree. */
  scopeStreetId: string | null;
  /** Community of the scope grid (levels 2 and 3), or null. */
  scopeCommunityId: string | null;
};

/** The non-revoked staff account whose token hashes to `tokenHash` (SHA-256 hex), or null. */
export async function findStaffByTokenHash(db: D1Database, tokenHash: string): Promise<StaffActor | null> {
  const row = await db
    .prepare(
      `SELECT s.id, s.role, g.level, g.street_id, g.community_id
       FROM staff_accounts s LEFT JOIN grids g ON g.id = s.scope_grid_id
       WHERE s.token_hash = ?1 AND s.revoked_at IS NULL`,
    )
    .bind(tokenHash)
    .first<{ id: number; role: StaffActor["role"]; level: number | null; street_id: string | null; community_id: string | null }>();
  if (!row) return null;
  return {
    id: row.id, role: row.role,
    scopeStreetId: row.level === 1 ? row.street_id : null,
    scopeCommunityId: row.level === 2 || row.level === 3 ? row.community_id : null,
  };
}

// ── Volunteers and the ledger (staff writes) ────────────────────────────────

/** What a points write needs to know about a volunteer (no personal data). */
export type VolunteerRef = { id: number; volunteerNo: string; communityId: string; streetId: string };

/** A volunteer by card number, or null. */
export async function findVolunteerRef(db: D1Database, volunteerNo: string): Promise<VolunteerRef | null> {
  const row = await db
    .prepare("SELECT v.id, v.volunteer_no, v.community_id, c.street_id FROM volunteers v JOIN communities c ON c.id = v.community_id WHERE v.volunteer_no = ?1")
    .bind(volunteerNo)
    .first<{ id: number; volunteer_no: string; community_id: string; street_id: string }>();
  return row ? { id: row.id, volunteerNo: row.volunteer_no, communityId: row.community_id, streetId: row.street_id } : null;
}

/** A ledger entry as the staff API answers it. */
export type LedgerEntryDto = {
  id: number;
  volunteerNo: string;
  kind: "award" | "redeem" | "reversal";
  ruleId: string | null;
  activityRef: string | null;
  points: number;
  day: string;
  note: string;
  reversesId: number | null;
  recordedBy: number | null;
  createdAt: string;
};

type LedgerRow = {
  id: number; volunteer_id: number; volunteer_no: string; kind: LedgerEntryDto["kind"]; rule_id: string | null; activity_ref: string | null;
  points: number; day: string; note: string; reverses_id: number | null; recorded_by: number | null; created_at: number;
};

const LEDGER_SELECT = `SELECT l.id, l.volunteer_id, v.volunteer_no, l.kind, l.rule_id, l.activity_ref, l.points, l.day, l.note,
  l.reverses_id, l.recorded_by, l.created_at FROM point_ledger l JOIN volunteers v ON v.id = l.volunteer_id`;

const toEntry = (r: LedgerRow): LedgerEntryDto => ({
  id: r.id, volunteerNo: r.volunteer_no, kind: r.kind, ruleId: r.rule_id, activityRef: r.activity_ref, points: r.points, day: r.day,
  note: r.note, reversesId: r.reverses_id, recordedBy: r.recorded_by, createdAt: isoLocal(r.created_at),
});

/** A ledger entry with the id of its volunteer, or null. */
export async function getLedgerEntry(db: D1Database, id: number): Promise<(LedgerEntryDto & { volunteerId: number }) | null> {
  const row = await db.prepare(`${LEDGER_SELECT} WHERE l.id = ?1`).bind(id).first<LedgerRow>();
  return row ? { ...toEntry(row), volunteerId: row.volunteer_id } : null;
}

/** The award of an activity to a volunteer, or null. */
export async function findAward(db: D1Database, volunteerId: number, activityRef: string): Promise<LedgerEntryDto | null> {
  const row = await db
    .prepare(`${LEDGER_SELECT} WHERE l.volunteer_id = ?1 AND l.activity_ref = ?2 AND l.kind = 'award'`)
    .bind(volunteerId, activityRef)
    .first<LedgerRow>();
  return row ? toEntry(row) : null;
}

/** Whether an entry has been reversed. */
export async function isReversed(db: D1Database, entryId: number): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM point_ledger WHERE reverses_id = ?1").bind(entryId).first()) !== null;
}

/** A volunteer's balance: the signed sum of all their entries. */
export async function getBalance(db: D1Database, volunteerId: number): Promise<number> {
  const row = await db.prepare("SELECT coalesce(sum(points), 0) AS b FROM point_ledger WHERE volunteer_id = ?1").bind(volunteerId).first<{ b: number }>();
  return row?.b ?? 0;
}

/** The outcome of a points write: the new entry (null when nothing was written) and the balance after it. */
export type WriteResult = { entry: LedgerEntryDto | null; balance: number };

// The audit row of a ledger write, written only when the insert before it changed a row.
const auditIfInserted = (db: D1Database, at: number, actor: string, action: string, detail: string) =>
  db
    .prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, detail)
       SELECT ?1, ?2, ?3, 'point_ledger', CAST(last_insert_rowid() AS TEXT), ?4 WHERE changes() = 1`,
    )
    .bind(at, actor, action, detail);

const balanceStmt = (db: D1Database, volunteerId: number) =>
  db.prepare("SELECT coalesce(sum(points), 0) AS b FROM point_ledger WHERE volunteer_id = ?1").bind(volunteerId);

async function runWrite(db: D1Database, insert: D1PreparedStatement, audit: D1PreparedStatement, volunteerId: number): Promise<WriteResult> {
  const [ins, , bal] = await db.batch<Record<string, unknown>>([insert, audit, balanceStmt(db, volunteerId)]);
  const inserted = ins!.results[0] as { id: number } | undefined;
  const balance = (bal!.results[0] as { b: number } | undefined)?.b ?? 0;
  if (!inserted) return { entry: null, balance };
  const entry = await getLedgerEntry(db, inserted.id);
  return { entry, balance };
}

/**
 * Awards points for an activity, with its audit row, in one batch. The partial UNIQUE index on
 * (volunteer_id, activity_ref) makes a repeated award a no-op: `entry` is then null and the
 * caller reads the existing award.
 */
export async function insertAward(
  db: D1Database,
  a: { volunteerId: number; ruleId: string; activityRef: string; points: number; day: string; note: string; staffId: number; at: number },
): Promise<WriteResult> {
  const insert = db
    .prepare(
      `INSERT INTO point_ledger (volunteer_id, kind, rule_id, activity_ref, points, day, recorded_by, note, created_at)
       SELECT ?1, 'award', ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE true
       ON CONFLICT (volunteer_id, activity_ref) WHERE kind = 'award' DO NOTHING
       RETURNING id`,
    )
    .bind(a.volunteerId, a.ruleId, a.activityRef, a.points, a.day, a.staffId, a.note, a.at);
  const detail = JSON.stringify({ volunteerId: a.volunteerId, ruleId: a.ruleId, activityRef: a.activityRef, points: a.points, day: a.day });
  return runWrite(db, insert, auditIfInserted(db, a.at, `staff:${a.staffId}`, "points.award", detail), a.volunteerId);
}

/**
 * Redeems points (积分兑换), with its audit row, in one batch. The insert is conditional on the
 * balance covering the amount, checked inside the same statement, so two concurrent
 * redemptions can never overdraw. `entry` is null when the balance was too low, or when this
 * staff member already used `requestKey` (see findRedemptionByKey).
 */
export async function insertRedemption(
  db: D1Database,
  r: { volunteerId: number; points: number; day: string; note: string; staffId: number; at: number; requestKey: string | null },
): Promise<WriteResult> {
  const insert = db
    .prepare(
      `INSERT INTO point_ledger (volunteer_id, kind, points, day, recorded_by, note, created_at, request_key)
       SELECT ?1, 'redeem', -?2, ?3, ?4, ?5, ?6, ?7
       WHERE (SELECT coalesce(sum(points), 0) FROM point_ledger WHERE volunteer_id = ?1) >= ?2
       ON CONFLICT (recorded_by, request_key) WHERE request_key IS NOT NULL DO NOTHING
       RETURNING id`,
    )
    .bind(r.volunteerId, r.points, r.day, r.staffId, r.note, r.at, r.requestKey);
  const detail = JSON.stringify({ volunteerId: r.volunteerId, points: -r.points, day: r.day, note: r.note });
  return runWrite(db, insert, auditIfInserted(db, r.at, `staff:${r.staffId}`, "points.redeem", detail), r.volunteerId);
}

/** The redemption a staff member recorded with this Idempotency-Key, or null. */
export async function findRedemptionByKey(db: D1Database, staffId: number, requestKey: string): Promise<(LedgerEntryDto & { volunteerId: number }) | null> {
  const row = await db
    .prepare("SELECT id FROM point_ledger WHERE recorded_by = ?1 AND request_key = ?2 AND kind = 'redeem'")
    .bind(staffId, requestKey)
    .first<{ id: number }>();
  return row ? getLedgerEntry(db, row.id) : null;
}

/**
 * Reverses an award or a redemption with a new entry of the opposite sign, with its audit row,
 * in one batch. Not written (entry null) when the entry is already reversed (reverses_id is
 * UNIQUE) or when reversing an award would take the balance below zero.
 */
export async function insertReversal(
  db: D1Database,
  r: { original: { id: number; volunteerId: number; ruleId: string | null; points: number }; day: string; note: string; staffId: number; at: number },
): Promise<WriteResult> {
  const o = r.original;
  const insert = db
    .prepare(
      `INSERT INTO point_ledger (volunteer_id, kind, rule_id, points, day, recorded_by, reverses_id, note, created_at)
       SELECT ?1, 'reversal', ?2, ?3, ?4, ?5, ?6, ?7, ?8
       WHERE (SELECT coalesce(sum(points), 0) FROM point_ledger WHERE volunteer_id = ?1) + ?3 >= 0
       ON CONFLICT (reverses_id) DO NOTHING
       RETURNING id`,
    )
    .bind(o.volunteerId, o.ruleId, -o.points, r.day, r.staffId, o.id, r.note, r.at);
  const detail = JSON.stringify({ volunteerId: o.volunteerId, reversesId: o.id, points: -o.points, note: r.note });
  return runWrite(db, insert, auditIfInserted(db, r.at, `staff:${r.staffId}`, "points.reverse", detail), o.volunteerId);
}

// ── Self lookup ─────────────────────────────────────────────────────────────

/** The hash of a volunteer's personal code, for the self lookup; null for an unknown number. */
export async function getVolunteerCodeHash(db: D1Database, volunteerNo: string): Promise<{ id: number; codeHash: string } | null> {
  const row = await db.prepare("SELECT id, code_hash FROM volunteers WHERE volunteer_no = ?1").bind(volunteerNo).first<{ id: number; code_hash: string }>();
  return row ? { id: row.id, codeHash: row.code_hash } : null;
}

/** One line of a volunteer's own history. */
export type StatementLine = {
  id: number; day: string; kind: LedgerEntryDto["kind"]; ruleName: string | null; points: number; note: string;
  /** Id of the entry this line reverses. */
  reversesId: number | null;
  /** Whether a later entry reversed this one. */
  reversed: boolean;
};

/** What a volunteer sees after entering their own code: balance and full history. */
export type VolunteerStatement = {
  volunteerNo: string; displayName: string; communityName: string; teamName: string | null; optOut: boolean; joinedDay: string;
  balance: number; earned: number; redeemed: number; lines: StatementLine[];
};

/** A volunteer's balance and full history, newest first (for the self lookup only). */
export async function getVolunteerStatement(db: D1Database, volunteerId: number): Promise<VolunteerStatement | null> {
  const [head, lines] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT v.volunteer_no, v.name, v.opt_out, v.joined_day, c.name AS community_name, t.name AS team_name
         FROM volunteers v JOIN communities c ON c.id = v.community_id LEFT JOIN volunteer_teams t ON t.id = v.team_id
         WHERE v.id = ?1`,
      )
      .bind(volunteerId),
    db
      .prepare(
        `SELECT l.id, l.day, l.kind, r.name AS rule_name, l.points, l.note, l.reverses_id,
                EXISTS (SELECT 1 FROM point_ledger x WHERE x.reverses_id = l.id) AS reversed
         FROM point_ledger l LEFT JOIN point_rules r ON r.id = l.rule_id
         WHERE l.volunteer_id = ?1 ORDER BY l.day DESC, l.id DESC`,
      )
      .bind(volunteerId),
  ]);
  const h = head!.results[0] as
    | { volunteer_no: string; name: string; opt_out: number; joined_day: string; community_name: string; team_name: string | null }
    | undefined;
  if (!h) return null;
  const rows = lines!.results as { id: number; day: string; kind: StatementLine["kind"]; rule_name: string | null; points: number; note: string; reverses_id: number | null; reversed: number }[];
  const out: StatementLine[] = rows.map((r) => ({
    id: r.id, day: r.day, kind: r.kind, ruleName: r.rule_name, points: r.points, note: r.note, reversesId: r.reverses_id, reversed: r.reversed === 1,
  }));
  const live = out.filter((l) => !l.reversed && l.kind !== "reversal");
  return {
    volunteerNo: h.volunteer_no, displayName: displayName(h.name, false), communityName: h.community_name, teamName: h.team_name,
    optOut: h.opt_out === 1, joinedDay: h.joined_day,
    balance: out.reduce((s, l) => s + l.points, 0),
    earned: live.filter((l) => l.kind === "award").reduce((s, l) => s + l.points, 0),
    redeemed: live.filter((l) => l.kind === "redeem").reduce((s, l) => s - l.points, 0),
    lines: out,
  };
}
