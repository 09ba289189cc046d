import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture } from "./fixtures.ts";
import { EAST, FIXTURE, WEST, api, fileCase, staffApi, staffToken, writeCounts } from "./reports-helpers.ts";

type Role = "westStaff" | "eastStaff" | "community" | "street" | "cgjSpecialist" | "mzjSpecialist" | "supervisor" | "westSupervisor" | "admin";
const tokens = {} as Record<Role, string>;
let admin: string;

beforeAll(async () => {
  await seedFixture();
  tokens.westStaff = await staffToken("grid_staff", FIXTURE.westGridId);
  tokens.eastStaff = await staffToken("grid_staff", FIXTURE.eastGridId);
  tokens.community = await staffToken("community_leader", FIXTURE.communityId);
  tokens.street = await staffToken("street_leader", FIXTURE.streetId);
  tokens.cgjSpecialist = await staffToken("specialist", null, "cgj");
  tokens.mzjSpecialist = await staffToken("specialist", null, "mzj");
  tokens.supervisor = await staffToken("supervisor", null);
  tokens.westSupervisor = await staffToken("supervisor", FIXTURE.westGridId);
  tokens.admin = admin = await staffToken("admin", null);
});

/** A west-grid case in the given state (dispatched cases go to cgj, the manhole department). */
async function westCase(path: string[] = []) {
  const c = await fileCase({ ...WEST });
  for (const to of path) expect((await staffApi(admin, `/${c.publicId}/transitions`, "POST", { to })).status).toBe(200);
  return c;
}

describe("authentication", () => {
  it("answers 401 without a token, with a malformed or unknown token, and with a revoked one", async () => {
    const c = await westCase();
    const revoked = await staffToken("admin", null, null, true);
    for (const [token, code] of [[null, "unauthorized"], ["not a token at all!", "invalid_token"], ["wgt_unknown", "invalid_token"], [revoked, "invalid_token"]] as const) {
      for (const [path, method, body] of [["", "GET", undefined], [`/${c.publicId}`, "GET", undefined], [`/${c.publicId}/transitions`, "POST", { to: "accepted" }]] as const) {
        const res = token === "not a token at all!"
          ? await api(`/api/staff/cases${path}`, { method, headers: { Authorization: token } })
          : await staffApi(token, path, method, body);
        expect(res.status).toBe(401);
        expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
        expect((await res.json<{ error: { code: string } }>()).error.code).toBe(code);
      }
    }
    expect((await env.DB.prepare("SELECT status FROM cases WHERE id = ?1").bind(c.id).first<{ status: string }>())!.status).toBe("reported");
  });
});

describe("scope: who sees which case", () => {
  it("lists exactly the cases in each account's scope", async () => {
    const west = await westCase();
    const east = await fileCase({ ...EAST });
    const westDispatched = await westCase(["accepted", "dispatched"]);
    const list = async (role: Role) => {
      const res = await staffApi(tokens[role], "?limit=100");
      expect(res.status).toBe(200);
      return new Set((await res.json<{ results: { publicId: string }[] }>()).results.map((r) => r.publicId));
    };
    const ids = [west.publicId, east.publicId, westDispatched.publicId];
    const expectSees = async (role: Role, expected: [boolean, boolean, boolean]) => {
      const s = await list(role);
      expect(ids.map((id) => s.has(id)), role).toEqual(expected);
    };
    await expectSees("westStaff", [true, false, true]);
    await expectSees("eastStaff", [false, true, false]);
    await expectSees("community", [true, true, true]);
    await expectSees("street", [true, true, true]);
    await expectSees("cgjSpecialist", [false, false, true]);
    await expectSees("mzjSpecialist", [false, false, false]);
    await expectSees("supervisor", [true, true, true]);
    await expectSees("westSupervisor", [true, false, true]);
    await expectSees("admin", [true, true, true]);
  });

  it("filters the list by status and by overdue", async () => {
    const accepted = await westCase(["accepted"]);
    const overdue = await westCase();
    await env.DB.prepare("UPDATE cases SET due_at = created_at - 60 WHERE id = ?1").bind(overdue.id).run();
    const byStatus = await (await staffApi(tokens.westStaff, "?status=accepted")).json<{ results: { publicId: string; status: string }[] }>();
    expect(byStatus.results.every((r) => r.status === "accepted")).toBe(true);
    expect(byStatus.results.map((r) => r.publicId)).toContain(accepted.publicId);
    const late = await (await staffApi(tokens.westStaff, "?overdue=1")).json<{ results: { publicId: string; overdue: boolean }[] }>();
    expect(late.results.map((r) => r.publicId)).toContain(overdue.publicId);
    expect(late.results.every((r) => r.overdue)).toBe(true);
    expect((await staffApi(tokens.westStaff, "?status=lost")).status).toBe(400);
  });

  it("shows a case's details, with the reporter's contact, only in scope (403 outside), and records the contact view", async () => {
    const c = await westCase();
    const ok = await staffApi(tokens.westStaff, `/${c.publicId}`);
    expect(ok.status).toBe(200);
    const body = await ok.json<{ contact: { name: string; phone: string }; description: string }>();
    expect(body.contact).toEqual({ name: "王女士", phone: "13800138000" });
    expect(body.description).toContain("窨井盖");
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.contact_view' AND entity_id = ?1").bind(String(c.id)).first<{ n: number }>();
    expect(audit!.n).toBe(1);
    for (const role of ["eastStaff", "cgjSpecialist", "mzjSpecialist"] as const) {
      const res = await staffApi(tokens[role], `/${c.publicId}`);
      expect(res.status, role).toBe(403);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("out_of_scope");
    }
    expect((await staffApi(tokens.westStaff, "/QNOSUCHCASE1")).status).toBe(404);
  });
});

describe("role × scope matrix for actions", () => {
  /** action → setup path for a west case → request; expected status per role. */
  const MATRIX: { action: string; path: string[]; req: [string, string, unknown]; expect: Record<Role, number> }[] = [
    {
      action: "accept a reported case", path: [], req: ["transitions", "POST", { to: "accepted" }],
      expect: { westStaff: 200, eastStaff: 403, community: 200, street: 200, cgjSpecialist: 403, mzjSpecialist: 403, supervisor: 403, westSupervisor: 403, admin: 200 },
    },
    {
      action: "dispatch an accepted case", path: ["accepted"], req: ["transitions", "POST", { to: "dispatched", departmentId: "cgj" }],
      expect: { westStaff: 200, eastStaff: 403, community: 200, street: 200, cgjSpecialist: 403, mzjSpecialist: 403, supervisor: 403, westSupervisor: 403, admin: 200 },
    },
    {
      action: "start work on a dispatched case", path: ["accepted", "dispatched"], req: ["transitions", "POST", { to: "in_progress" }],
      expect: { westStaff: 200, eastStaff: 403, community: 200, street: 200, cgjSpecialist: 200, mzjSpecialist: 403, supervisor: 403, westSupervisor: 403, admin: 200 },
    },
    {
      action: "dispose a case in progress (dispatched to cgj)", path: ["accepted", "dispatched", "in_progress"], req: ["transitions", "POST", { to: "disposed" }],
      expect: { westStaff: 200, eastStaff: 403, community: 200, street: 200, cgjSpecialist: 200, mzjSpecialist: 403, supervisor: 403, westSupervisor: 403, admin: 200 },
    },
    {
      action: "close a disposed case", path: ["accepted", "in_progress", "disposed"], req: ["transitions", "POST", { to: "closed" }],
      expect: { westStaff: 200, eastStaff: 403, community: 200, street: 200, cgjSpecialist: 403, mzjSpecialist: 403, supervisor: 403, westSupervisor: 403, admin: 200 },
    },
    {
      action: "reopen a closed case", path: ["accepted", "in_progress", "disposed", "closed"], req: ["transitions", "POST", { to: "reopened" }],
      expect: { westStaff: 403, eastStaff: 403, community: 200, street: 200, cgjSpecialist: 403, mzjSpecialist: 403, supervisor: 200, westSupervisor: 200, admin: 200 },
    },
    {
      action: "escalate an open case", path: ["accepted"], req: ["escalation", "POST", { dueHours: 8 }],
      expect: { westStaff: 403, eastStaff: 403, community: 403, street: 403, cgjSpecialist: 403, mzjSpecialist: 403, supervisor: 200, westSupervisor: 200, admin: 200 },
    },
    {
      action: "add a public note", path: ["accepted", "dispatched"], req: ["notes", "POST", { note: "处置人员已出发" }],
      expect: { westStaff: 201, eastStaff: 403, community: 201, street: 201, cgjSpecialist: 201, mzjSpecialist: 403, supervisor: 201, westSupervisor: 201, admin: 201 },
    },
    {
      action: "set the public summary", path: ["accepted"], req: ["summary", "PUT", { summary: "井盖已更换" }],
      expect: { westStaff: 200, eastStaff: 403, community: 200, street: 200, cgjSpecialist: 403, mzjSpecialist: 403, supervisor: 200, westSupervisor: 200, admin: 200 },
    },
  ];

  for (const row of MATRIX) {
    for (const role of Object.keys(row.expect) as Role[]) {
      const want = row.expect[role];
      it(`${row.action}: ${role} → ${want}`, async () => {
        const c = await westCase(row.path);
        const before = await writeCounts();
        const [sub, method, body] = row.req;
        const res = await staffApi(tokens[role], `/${c.publicId}/${sub}`, method, body);
        expect(res.status).toBe(want);
        if (want === 403) {
          expect(["out_of_scope", "role_not_allowed"]).toContain((await res.json<{ error: { code: string } }>()).error.code);
          const after = await writeCounts();
          expect(after).toEqual(before);
        } else {
          const after = await writeCounts();
          expect(after.case_events).toBe(before.case_events + 1);
          expect(after.audit_log).toBe(before.audit_log + 1);
          const audit = await env.DB.prepare("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1").first<{ actor: string }>();
          expect(audit!.actor).toMatch(/^staff:\d+$/);
        }
      });
    }
  }
});
