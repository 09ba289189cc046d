import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Prng } from "../../src/lib/prng.ts";
import { FIXTURE } from "./fixtures.ts";
import { api, seedVolunteers, VFIX, volunteer, type SeedVolunteer } from "./volunteer-fixtures.ts";

type Row = { rank: number; displayName: string; points: number; community: string };
type Entry = { id: number; volunteerId: number; kind: "award" | "redeem" | "reversal"; points: number; day: string; reverses: number | null };

const COMMUNITY_NAMES: Record<string, string> = { [FIXTURE.communityId]: "福华南街社区", [VFIX.community2]: "永安东街社区", [VFIX.community3]: "淮河社区" };
const STREET_OF: Record<string, string> = { [FIXTURE.communityId]: FIXTURE.streetId, [VFIX.community2]: VFIX.street2, [VFIX.community3]: VFIX.street2 };
const COMMUNITIES = Object.keys(COMMUNITY_NAMES);
const TEAMS = ["T1", "T2", "T3", null];

// Volunteers with names of every length; the expected masks are written out, not computed.
const NAMED: [SeedVolunteer, string][] = [
  [volunteer(1, { name: "华", communityId: VFIX.community3, teamId: "T3" }), "*"],
  [volunteer(2, { name: "李四", communityId: VFIX.community3, teamId: "T3" }), "李*"],
  [volunteer(3, { name: "张三华", communityId: VFIX.community3, teamId: "T3" }), "张*华"],
  [volunteer(4, { name: "欧阳小华", communityId: VFIX.community3, teamId: "T3" }), "欧**华"],
  [volunteer(5, { name: "赵秘密", communityId: VFIX.community3, teamId: "T3", optOut: true }), "匿名志愿者"],
];
const RANDOM: SeedVolunteer[] = [];
const SURNAMES = ["王", "陈", "刘", "杨", "黄", "周", "吴", "孙"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"];
{
  const rng = new Prng("volunteer-roster");
  for (let id = 10; id < 60; id++) {
    const c = rng.pick(COMMUNITIES);
    const len = rng.int(1, 3);
    const name = rng.pick(SURNAMES) + Array.from({ length: len }, () => rng.pick(GIVEN)).join("");
    RANDOM.push(volunteer(id, { name, communityId: c, teamId: rng.pick(TEAMS), optOut: rng.chance(0.15) }));
  }
}
const ALL_VOLS = [...NAMED.map(([v]) => v), ...RANDOM];
const byId = new Map(ALL_VOLS.map((v) => [v.id, v]));

const ledger: Entry[] = [];
let nextId = 1;

/** Writes entries straight into the ledger (as the demo loader does) and remembers them for the recount. */
async function append(entries: Omit<Entry, "id">[]): Promise<void> {
  const stmts = entries.map((e) => {
    const id = nextId++;
    ledger.push({ ...e, id });
    return env.DB.prepare(
      `INSERT INTO point_ledger (id, volunteer_id, kind, rule_id, activity_ref, points, day, reverses_id, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)`,
    ).bind(id, e.volunteerId, e.kind, e.kind === "redeem" ? null : "patrol", e.kind === "award" ? `act-${id}` : null, e.points, e.day, e.reverses);
  });
  for (let i = 0; i < stmts.length; i += 200) await env.DB.batch(stmts.slice(i, i + 200));
}

/** The brute-force recount: unreversed awards in [from, to), summed per volunteer or team, ranked by counting. */
function recount(from: string, to: string, scope: string, scopeId: string | null, kind: "person" | "team"): Row[] {
  const reversed = new Set(ledger.filter((e) => e.kind === "reversal").map((e) => e.reverses));
  const inScope = (communityId: string) =>
    scope === "district" ? true : scope === "street" ? STREET_OF[communityId] === scopeId : communityId === scopeId;
  const totals = new Map<string, { name: string; community: string; points: number }>();
  for (const e of ledger) {
    if (e.kind !== "award" || reversed.has(e.id) || e.day < from || e.day >= to) continue;
    const v = byId.get(e.volunteerId)!;
    if (kind === "team" && !v.teamId) continue;
    const community = kind === "team" ? VFIX.teams[v.teamId!]! : v.communityId;
    if (!inScope(community)) continue;
    const key = kind === "team" ? v.teamId! : String(v.id);
    const name = kind === "team" ? `${v.teamId}志愿服务队` : v.optOut ? "匿名志愿者" : expectedMask(v.name);
    const t = totals.get(key) ?? { name, community: COMMUNITY_NAMES[community]!, points: 0 };
    t.points += e.points;
    totals.set(key, t);
  }
  const list = [...totals.values()].filter((t) => t.points > 0);
  return list.map((t) => ({ rank: 1 + list.filter((o) => o.points > t.points).length, displayName: t.name, points: t.points, community: t.community }));
}

// Written independently of src/lib/volunteers/mask.ts: keep the first and last character.
function expectedMask(name: string): string {
  const ch = Array.from(name);
  return ch.length === 1 ? "*" : ch.length === 2 ? `${ch[0]}*` : ch[0] + "*".repeat(ch.length - 2) + ch[ch.length - 1];
}

const canonical = (rows: Row[]) => rows.map((r) => JSON.stringify([r.rank, r.points, r.displayName, r.community])).sort();

async function rankings(query: string): Promise<{ status: number; body: { results: Row[]; total: number }; text: string }> {
  const res = await api(`/api/volunteers/rankings?${query}`);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

/** No raw name (2+ characters) or phone anywhere in an answer, and no raw 1-character name as a display name. */
function assertNoPersonalData(text: string, rows: Row[]): void {
  for (const v of ALL_VOLS) {
    if (Array.from(v.name).length >= 2) expect(text).not.toContain(v.name);
    expect(text).not.toContain(v.phone);
    expect(text).not.toContain(v.no);
    for (const r of rows) expect(r.displayName).not.toBe(v.name);
  }
}

beforeAll(async () => {
  await seedVolunteers(ALL_VOLS);
  // Fixed entries in 2014 for the named volunteers: 30, 30, 20, 10, 25 (opted out) — a tie at the top.
  await append([
    { volunteerId: 1, kind: "award", points: 30, day: "2014-03-02", reverses: null },
    { volunteerId: 2, kind: "award", points: 20, day: "2014-03-05", reverses: null },
    { volunteerId: 2, kind: "award", points: 10, day: "2014-03-06", reverses: null },
    { volunteerId: 3, kind: "award", points: 20, day: "2014-03-07", reverses: null },
    { volunteerId: 4, kind: "award", points: 10, day: "2014-03-31", reverses: null },
    { volunteerId: 4, kind: "award", points: 50, day: "2014-04-01", reverses: null },
    { volunteerId: 5, kind: "award", points: 25, day: "2014-03-08", reverses: null },
    { volunteerId: 3, kind: "redeem", points: -15, day: "2014-03-09", reverses: null },
  ]);
  // A reversed award never counts: award 100 to volunteer 3, then reverse it.
  await append([{ volunteerId: 3, kind: "award", points: 100, day: "2014-03-10", reverses: null }]);
  await append([{ volunteerId: 3, kind: "reversal", points: -100, day: "2014-03-11", reverses: nextId - 1 }]);
});

describe("volunteer rankings", () => {
  it("ranks a month with shared ranks for ties, masked names and 匿名志愿者 for opt-outs", async () => {
    const { status, body, text } = await rankings(`period=2014-03&scope=community&scopeId=${VFIX.community3}&kind=person`);
    expect(status).toBe(200);
    expect(body.results).toEqual([
      { rank: 1, displayName: "*", points: 30, community: "淮河社区" },
      { rank: 1, displayName: "李*", points: 30, community: "淮河社区" },
      { rank: 3, displayName: "匿名志愿者", points: 25, community: "淮河社区" },
      { rank: 4, displayName: "张*华", points: 20, community: "淮河社区" },
      { rank: 5, displayName: "欧**华", points: 10, community: "淮河社区" },
    ]);
    assertNoPersonalData(text, body.results);
  });

  it("counts opted-out volunteers for their team and ignores redemptions and reversed awards", async () => {
    const { body } = await rankings(`period=2014-03&scope=community&scopeId=${VFIX.community3}&kind=team`);
    expect(body.results).toEqual([{ rank: 1, displayName: "T3志愿服务队", points: 30 + 30 + 25 + 20 + 10, community: "淮河社区" }]);
  });

  it("puts days on the right side of period edges (quarter and year)", async () => {
    const q1 = await rankings(`period=2014-Q1&scope=community&scopeId=${VFIX.community3}`);
    expect(q1.body.results.find((r) => r.displayName === "欧**华")?.points).toBe(10);
    const q2 = await rankings(`period=2014-Q2&scope=community&scopeId=${VFIX.community3}`);
    expect(q2.body.results).toEqual([{ rank: 1, displayName: "欧**华", points: 50, community: "淮河社区" }]);
    const y = await rankings(`period=2014&scope=street&scopeId=${VFIX.street2}`);
    expect(y.body.results[0]).toEqual({ rank: 1, displayName: "欧**华", points: 60, community: "淮河社区" });
  });

  it("matches a brute-force recount from the ledger for random ledgers, every period, scope and kind", async () => {
    const rng = new Prng("volunteer-ledger");
    const scopes: [string, string | null][] = [["district", null], ["street", FIXTURE.streetId], ["street", VFIX.street2], ...COMMUNITIES.map((c): [string, string] => ["community", c])];
    const periods = ["all", "2015", "2016", "2015-Q3", "2016-Q1", "2015-07", "2016-02", "2015-12"];
    const bounds = (p: string): [string, string] => {
      if (p === "all") return ["0000", "9999"];
      if (/^\d{4}$/.test(p)) return [`${p}-01-01`, `${+p + 1}-01-01`];
      if (p.includes("Q")) {
        const q = +p.slice(-1);
        return [`${p.slice(0, 4)}-${String(3 * q - 2).padStart(2, "0")}-01`, q === 4 ? `${+p.slice(0, 4) + 1}-01-01` : `${p.slice(0, 4)}-${String(3 * q + 1).padStart(2, "0")}-01`];
      }
      const [y, m] = p.split("-").map(Number) as [number, number];
      return [`${p}-01`, m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`];
    };
    for (let round = 0; round < 3; round++) {
      const batch: Omit<Entry, "id">[] = [];
      for (let i = 0; i < 150; i++) {
        const v = rng.pick(ALL_VOLS);
        // Few distinct values so that ties are common; days cluster on period edges.
        const day = rng.pick(["2015-06-30", "2015-07-01", "2015-07-31", "2015-08-01", "2015-09-30", "2015-10-01", "2015-12-31", "2016-01-01", "2016-02-29", "2016-03-01"]);
        batch.push({ volunteerId: v.id, kind: "award", points: rng.pick([2, 5, 10]), day, reverses: null });
      }
      await append(batch);
      // Reverse a few awards and add a few redemptions: neither may count in a ranking.
      const candidates = ledger.filter((e) => e.kind === "award" && e.day >= "2015" && !ledger.some((r) => r.reverses === e.id));
      const reversals = Array.from({ length: 10 }, () => rng.pick(candidates)).filter((e, i, a) => a.indexOf(e) === i);
      await append([
        ...reversals.map((e) => ({ volunteerId: e.volunteerId, kind: "reversal" as const, points: -e.points, day: "2016-03-15", reverses: e.id })),
        ...Array.from({ length: 5 }, () => ({ volunteerId: rng.pick(ALL_VOLS).id, kind: "redeem" as const, points: -1, day: "2015-07-15", reverses: null })),
      ]);
      for (const p of periods) {
        const [from, to] = bounds(p);
        for (const [scope, scopeId] of scopes) {
          for (const kind of ["person", "team"] as const) {
            const q = `period=${p}&scope=${scope}${scopeId ? `&scopeId=${scopeId}` : ""}&kind=${kind}&limit=1000`;
            const { status, body, text } = await rankings(q);
            expect(status, q).toBe(200);
            expect(canonical(body.results), q).toEqual(canonical(recount(from, to, scope, scopeId, kind)));
            expect(body.total, q).toBe(body.results.length);
            for (const r of body.results) expect(Object.keys(r).sort()).toEqual(["community", "displayName", "points", "rank"]);
            // Listed in rank order.
            body.results.forEach((r, i) => i > 0 && expect(r.rank).toBeGreaterThanOrEqual(body.results[i - 1]!.rank));
            assertNoPersonalData(text, body.results);
          }
        }
      }
    }
  }, 120_000);

  it("cuts the list with limit but keeps the ranks of the full ranking", async () => {
    const { body } = await rankings(`period=2014-03&scope=community&scopeId=${VFIX.community3}&limit=3`);
    expect(body.total).toBe(5);
    expect(body.results.map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it("refuses bad periods, scopes and kinds with a 4xx in the error shape", async () => {
    for (const q of ["period=2015-Q5", "period=15", "period=2015-13", "scope=city", "kind=robot", "scope=street", "limit=0", "scope=community&scopeId=abc"]) {
      const res = await api(`/api/volunteers/rankings?${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toMatch(/^invalid_/);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const missing = await api("/api/volunteers/rankings?scope=street&scopeId=99999999");
    expect(missing.status).toBe(404);
    expect((await missing.json<{ error: { code: string } }>()).error.code).toBe("scope_not_found");
  });

  it("publishes the active point rules", async () => {
    const res = await api("/api/volunteers/rules");
    const body = await res.json<{ results: { id: string; points: number }[] }>();
    expect(body.results.map((r) => [r.id, r.points])).toEqual([["patrol", 2], ["event", 5], ["mediation", 10]]);
  });
});
