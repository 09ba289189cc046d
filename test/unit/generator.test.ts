import { describe, expect, it } from "vitest";
import { apportion, DISPOSED_2015, generate, RECORDED_2015, ACTIVITIES_2015, type Row } from "../../scripts/demo/generate.ts";
import { localToUnix } from "../../src/lib/time.ts";
import { normaliseTrackingCode } from "../../src/lib/tracking-code.ts";

const AS_OF = "2026-11-27";
const start2015 = localToUnix(2015, 1, 1);
const start2016 = localToUnix(2016, 1, 1);

/** Runs the small generator and keeps a digest of every row plus the figures the tests check. */
function runSmall(seed?: string) {
  const hash = { value: 0 };
  const tables: Record<string, Row[]> = {};
  let recorded = 0;
  let disposed = 0;
  const counts = generate({ size: "small", asOf: AS_OF, seed }, (table, row) => {
    // A cheap rolling digest of all rows, order included.
    const text = table + JSON.stringify(row);
    for (let i = 0; i < text.length; i++) hash.value = (Math.imul(hash.value, 31) + text.charCodeAt(i)) | 0;
    if (table === "cases") {
      const t = row.created_at as number;
      if (row.district_id === "410103" && t >= start2015 && t < start2016) {
        recorded++;
        if (row.disposed_at !== null) disposed++;
      }
      if (recorded < 50) (tables.cases ??= []).push(row);
    } else {
      (tables[table] ??= []).push(row);
    }
  });
  return { hash: hash.value, counts, tables, recorded, disposed };
}

describe("demo generator", () => {
  const a = runSmall();

  it("reproduces the article's 2015 totals exactly", () => {
    expect(a.recorded).toBe(RECORDED_2015);
    expect(a.disposed).toBe(DISPOSED_2015);
    expect(RECORDED_2015).toBe(108_372);
    expect(DISPOSED_2015).toBe(105_803);
  });

  it("gives the same data for the same seed, and other data for another seed", () => {
    const b = runSmall();
    expect(b.hash).toBe(a.hash);
    expect(b.counts).toEqual(a.counts);
    const c = runSmall("another-seed");
    expect(c.hash).not.toBe(a.hash);
    expect(c.recorded).toBe(RECORDED_2015); // the article's totals hold for any seed
  });

  it("counts the article's 2015 work activities and at least ten special campaigns", () => {
    const acts = a.tables.work_activities!.filter((r) => (r.day as string).startsWith("2015-"));
    for (const kind of ["joint_meeting", "joint_enforcement", "inspection"] as const) {
      expect(acts.filter((r) => r.kind === kind)).toHaveLength(ACTIVITIES_2015[kind]);
    }
    expect(ACTIVITIES_2015).toEqual({ joint_meeting: 59, joint_enforcement: 31, inspection: 23 });
    expect(a.tables.campaigns!.filter((r) => (r.start_day as string).startsWith("2015-")).length).toBeGreaterThanOrEqual(10);
  });

  it("has the real streets and the communities the article names", () => {
    const streets = a.tables.streets!.map((s) => s.name);
    for (const s of ["淮河路街道", "解放路街道", "福华街街道", "京广路街道", "侯寨乡", "马寨镇"]) expect(streets).toContain(s);
    expect(streets).toHaveLength(16);
    const communities = a.tables.communities!.map((c) => c.name);
    for (const c of ["福华南街社区", "永安东街社区", "淮河社区", "苗圃花园社区"]) expect(communities).toContain(c);
  });

  it("places grids on the district's map area, each grid with the three teams and fictional phones", () => {
    const l3 = a.tables.grids!.filter((g) => g.level === 3);
    expect(l3.length).toBeGreaterThan(16);
    for (const g of l3) {
      expect(g.min_lat as number).toBeGreaterThan(34.55);
      expect(g.max_lat as number).toBeLessThan(34.8);
      expect(g.min_lng as number).toBeGreaterThan(113.45);
      expect(g.max_lng as number).toBeLessThan(113.75);
    }
    const roles = new Map<string, Set<string>>();
    for (const p of a.tables.positions!) {
      (roles.get(p.grid_id as string) ?? roles.set(p.grid_id as string, new Set()).get(p.grid_id as string)!).add(p.role as string);
      expect(p.work_phone).toMatch(/^0371-0000-\d{4}$/);
    }
    for (const g of l3) expect([...roles.get(g.id as string)!].sort()).toEqual(["leader", "specialist", "sunk", "supervisor"]);
  });

  it("issues valid, unique tracking codes and never repeats a public id", () => {
    for (const c of a.tables.cases!) expect(normaliseTrackingCode(c.tracking_code as string)).toBe(c.tracking_code);
    const ids = a.tables.cases!.map((c) => c.public_id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("apportion", () => {
  it("splits a total exactly by weights", () => {
    const parts = apportion(108_372, [0.8, 0.68, 0.95, 1.05, 1.1, 1.12, 1.08, 1.05, 1.02, 1.0, 0.98, 0.92]);
    expect(parts.reduce((s, n) => s + n, 0)).toBe(108_372);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });
});
