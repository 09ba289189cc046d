/**
 * Volunteers on top of the base fixture: a second street with two communities, teams, point
 * rules, volunteers with known names, phones and codes, and a staff token. Every test file
 * seeds its own copy (storage is isolated per file).
 */
import { env, exports } from "cloudflare:workers";
import { FIXTURE, seedFixture } from "./fixtures.ts";
import { sha256Hex } from "../../src/lib/volunteers/lookup.ts";

/** Ids of the extra scopes. */
export const VFIX = {
  street2: "41010310",
  community2: "4101031001",
  community3: "4101031002",
  teams: { T1: FIXTURE.communityId, T2: "4101031001", T3: "4101031002" } as Record<string, string>,
  /** Bearer tokens: an admin, a community leader of the base community, a revoked one. */
  adminToken: "admin-token-0123456789abcdef",
  leaderToken: "leader-token-0123456789abcdef",
  revokedToken: "revoked-token-0123456789abcdef",
  rules: { patrol: 2, event: 5, mediation: 10 } as Record<string, number>,
} as const;

/** A seeded volunteer: real name, phone and code are private test knowledge. */
export type SeedVolunteer = { id: number; no: string; name: string; phone: string; code: string; communityId: string; teamId: string | null; optOut: boolean };

/** Calls the API like a client would. */
export const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://portal.test${path}`, init));

/** A JSON POST, with a staff bearer token when given. */
export const post = (path: string, body: unknown, token?: string, headers: Record<string, string> = {}) =>
  api(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });

/** Seeds the district, the extra scopes, rules, staff and the given volunteers. */
export async function seedVolunteers(vols: SeedVolunteer[]): Promise<void> {
  await seedFixture();
  const db = env.DB;
  const f = FIXTURE;
  const stmts: D1PreparedStatement[] = [
    db.prepare("INSERT INTO streets (id, district_id, name) VALUES (?1, ?2, '解放路街道')").bind(VFIX.street2, f.districtId),
    db.prepare("INSERT INTO communities (id, street_id, name, lat, lng) VALUES (?1, ?3, '永安东街社区', 34.7, 113.6), (?2, ?3, '淮河社区', 34.7, 113.6)")
      .bind(VFIX.community2, VFIX.community3, VFIX.street2),
    ...Object.entries(VFIX.teams).map(([id, c]) => db.prepare("INSERT INTO volunteer_teams (id, community_id, name) VALUES (?1, ?2, ?3)").bind(id, c, `${id}志愿服务队`)),
    db.prepare("INSERT INTO point_rules (id, name, points, unit, sort) VALUES ('patrol', '网格巡查值守', 2, '小时', 0), ('event', '社区活动服务', 5, '次', 1), ('mediation', '矛盾纠纷调解', 10, '次', 2), ('old', '已停用规则', 1, '次', 3)"),
    db.prepare("UPDATE point_rules SET active = 0 WHERE id = 'old'"),
    db.prepare("INSERT INTO staff_accounts (id, label, role, token_hash, created_at) VALUES (1, '区管理员', 'admin', ?1, 0)").bind(await sha256Hex(VFIX.adminToken)),
    db.prepare("INSERT INTO staff_accounts (id, label, role, scope_grid_id, token_hash, created_at) VALUES (2, '社区网格长', 'community_leader', ?1, ?2, 0)")
      .bind(f.communityId, await sha256Hex(VFIX.leaderToken)),
    db.prepare("INSERT INTO staff_accounts (id, label, role, token_hash, created_at, revoked_at) VALUES (3, '已停用', 'admin', ?1, 0, 1)").bind(await sha256Hex(VFIX.revokedToken)),
  ];
  for (const v of vols) {
    stmts.push(
      db
        .prepare("INSERT INTO volunteers (id, volunteer_no, name, phone, community_id, team_id, opt_out, code_hash, joined_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '2015-01-01')")
        .bind(v.id, v.no, v.name, v.phone, v.communityId, v.teamId, v.optOut ? 1 : 0, await sha256Hex(`${v.no}:${v.code}`)),
    );
  }
  await db.batch(stmts);
}

/** A volunteer with defaults for the fields a test does not care about. */
export function volunteer(id: number, over: Partial<SeedVolunteer> = {}): SeedVolunteer {
  const no = `V${String(id).padStart(6, "0")}`;
  return { id, no, name: `测试${id}号`, phone: `100-0000-${String(id).padStart(4, "0")}`, code: String(100000 + id), communityId: FIXTURE.communityId, teamId: "T1", optOut: false, ...over };
}
