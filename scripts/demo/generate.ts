/**
 * The demo district generator. Deterministic: the same seed, size and as-of day give the
 * same rows, table by table, in the same order. It emits rows to a sink, so the `city` size
 * (1.5 million cases) streams instead of sitting in memory.
 */
import { pinyin } from "pinyin-pro";
import { createHash } from "node:crypto";
import { Prng } from "../../src/lib/prng.ts";
import { daysInMonth, localDay, localToUnix } from "../../src/lib/time.ts";
import { trackingCodeFrom, CODE_ALPHABET } from "../../src/lib/tracking-code.ts";
import {
  CAMPAIGNS_2015, CATEGORIES, CITY_DISTRICTS, COMMUNITY_STEMS, COMMUNITY_SUFFIXES, COMPOUND_STEMS,
  COMPOUND_SUFFIXES, COMPOUND_SURNAMES, DEPARTMENTS, DISTRICT, FACILITY_CATEGORIES, FACILITY_NAMES,
  GIVEN_CHARS, NAMED_COMMUNITIES, POINT_RULES, ROAD_STEMS, ROAD_SUFFIXES, STREET_BANDS, SURNAMES,
  VILLAGE_STEMS, type CategorySpec,
} from "./catalog.ts";

export type Size = "small" | "district" | "city";
export type Row = Record<string, string | number | null>;
/** Receives rows; `table` is a table of migrations/0001_create_schema.sql. */
export type Sink = (table: string, row: Row) => void;

export type Options = {
  size: Size;
  seed?: string;
  /** The local day data runs up to, YYYY-MM-DD (default: today). */
  asOf?: string;
};

/** The article's 2015 figures for 二七区: the generator reproduces them exactly. */
export const RECORDED_2015 = 108_372;
export const DISPOSED_2015 = 105_803;
export const ACTIVITIES_2015 = { joint_meeting: 59, joint_enforcement: 31, inspection: 23 } as const;

/** The personal code of the first volunteer, for trying the self lookup on demo data. */
export const DEMO_VOLUNTEER = { volunteerNo: "V000001", code: "246810" } as const;

type SizeSpec = {
  communitiesPerStreet: [number, number];
  gridsPerCommunity: [number, number];
  volunteersPerCommunity: [number, number];
  /** Cases per year after 2015, as a share of the 2015 volume. */
  laterYearShare: number;
  /** Districts beyond 二七区 (city size only). */
  extraDistricts: number;
  /** 2015-level volume of each extra district. */
  extraDistrictCasesPerYear: number;
};

const SIZES: Record<Size, SizeSpec> = {
  small: { communitiesPerStreet: [2, 3], gridsPerCommunity: [2, 3], volunteersPerCommunity: [3, 6], laterYearShare: 0.01, extraDistricts: 0, extraDistrictCasesPerYear: 0 },
  district: { communitiesPerStreet: [6, 10], gridsPerCommunity: [4, 7], volunteersPerCommunity: [15, 35], laterYearShare: 0.05, extraDistricts: 0, extraDistrictCasesPerYear: 0 },
  city: { communitiesPerStreet: [10, 16], gridsPerCommunity: [4, 7], volunteersPerCommunity: [15, 35], laterYearShare: 0.1, extraDistricts: 15, extraDistrictCasesPerYear: 45_000 },
};

type Pt = [number, number]; // [lng, lat]
type Quad = [Pt, Pt, Pt, Pt]; // SW, SE, NE, NW (counter-clockwise)

type Grid3 = {
  id: string; name: string; quad: Quad; households: number; districtId: string; streetId: string;
  communityId: string; roads: string[]; compounds: string[];
};

const MONTH_WEIGHTS = [0.8, 0.68, 0.95, 1.05, 1.1, 1.12, 1.08, 1.05, 1.02, 1.0, 0.98, 0.92];
const CHANNELS_2015: [string, number][] = [["patrol", 0.62], ["hotline", 0.2], ["wechat", 0.08], ["web", 0.1]];
const CHANNELS_LATER: [string, number][] = [["patrol", 0.5], ["hotline", 0.18], ["wechat", 0.2], ["web", 0.12]];
const OFFICE_HOURS = [
  "周一至周五 8:30–12:00，14:30–17:30",
  "周一至周五 9:00–12:00，15:00–18:00；周六 9:00–11:30",
  "周一至周六 8:30–12:00，14:30–17:30",
];
const SPECIALIST_TITLES: [string, string][] = [
  ["gaj", "社区民警"], ["cgj", "城管队员"], ["scj", "市场监管员"], ["yjj", "安全生产监管员"], ["sfj", "人民调解员"],
];
const SUNK_TITLES: [string, string][] = [
  ["zjj", "住建局下沉干部"], ["wjw", "卫健委下沉干部"], ["mzj", "民政局下沉干部"], ["sthj", "环保下沉干部"],
];

/** Lower-case pinyin without tones or spaces, and its initials (for search columns). */
export function pinyinOf(text: string): { pinyin: string; initials: string } {
  const full = pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive" }) as string[];
  return {
    pinyin: full.join("").toLowerCase().replace(/[^a-z0-9]/g, ""),
    initials: full.map((s) => s[0] ?? "").join("").toLowerCase().replace(/[^a-z0-9]/g, ""),
  };
}

/** SHA-256 hex, as the Worker computes it with crypto.subtle. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function lerp(a: Pt, b: Pt, t: number): Pt {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** The bilinear point (u, v) of a quad; (0,0) is SW, (1,1) is NE. */
function bilinear(q: Quad, u: number, v: number): Pt {
  return lerp(lerp(q[0], q[1], u), lerp(q[3], q[2], u), v);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Splits a quad into cols × rows quads. Interior lattice points are jittered, boundary
 * points stay on the quad's straight edges, so the cells tile the quad exactly.
 */
function subdivide(q: Quad, cols: number, rows: number, rng: Prng): Quad[][] {
  const pts: Pt[][] = [];
  for (let j = 0; j <= rows; j++) {
    const line: Pt[] = [];
    for (let i = 0; i <= cols; i++) {
      let u = i / cols;
      let v = j / rows;
      if (i > 0 && i < cols) u += rng.range(-0.22, 0.22) / cols;
      if (j > 0 && j < rows) v += rng.range(-0.22, 0.22) / rows;
      const p = bilinear(q, u, v);
      line.push([round6(p[0]), round6(p[1])]);
    }
    pts.push(line);
  }
  const cells: Quad[][] = [];
  for (let j = 0; j < rows; j++) {
    const row: Quad[] = [];
    for (let i = 0; i < cols; i++) row.push([pts[j]![i]!, pts[j]![i + 1]!, pts[j + 1]![i + 1]!, pts[j + 1]![i]!]);
    cells.push(row);
  }
  return cells;
}

/** A cols × rows split that is about square for n cells. */
function splitShape(n: number): [number, number] {
  const cols = Math.max(1, Math.round(Math.sqrt(n)));
  return [cols, Math.ceil(n / cols)];
}

function ring(q: Quad): Pt[] {
  return [q[0], q[1], q[2], q[3], q[0]];
}

function polygonJson(q: Quad): string {
  return JSON.stringify({ type: "Polygon", coordinates: [ring(q)] });
}

function bbox(points: Pt[]): { min_lat: number; min_lng: number; max_lat: number; max_lng: number } {
  let minLat = Infinity, minLng = Infinity, maxLat = -Infinity, maxLng = -Infinity;
  for (const [lng, lat] of points) {
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
  }
  return { min_lat: minLat, min_lng: minLng, max_lat: maxLat, max_lng: maxLng };
}

function centroid(q: Quad): Pt {
  const c = bilinear(q, 0.5, 0.5);
  return [round6(c[0]), round6(c[1])];
}

/** Largest-remainder split of a total over weights. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]![1]]! += 1;
  return out;
}

class Names {
  private used = new Set<string>();
  private rng: Prng;
  constructor(rng: Prng) {
    this.rng = rng;
  }

  /** A person's name: mostly 2–3 characters, a few 4 (compound surname). */
  person(): string {
    const r = this.rng.next();
    const surname = r < 0.02 ? this.rng.pick(COMPOUND_SURNAMES) : this.rng.pick(SURNAMES);
    const given = r < 0.3 ? this.rng.pick(GIVEN_CHARS) : this.rng.pick(GIVEN_CHARS) + this.rng.pick(GIVEN_CHARS);
    return surname + given;
  }

  /** A unique name from stems and suffixes within one namespace. */
  unique(ns: string, make: () => string): string {
    for (let i = 0; i < 50; i++) {
      const n = make();
      if (!this.used.has(ns + n)) {
        this.used.add(ns + n);
        return n;
      }
    }
    let k = 2;
    const base = make();
    while (this.used.has(`${ns}${base}${k}`)) k++;
    this.used.add(`${ns}${base}${k}`);
    return `${base}${k}`;
  }

  reserve(ns: string, name: string): void {
    this.used.add(ns + name);
  }
}

/** Visibly fictional numbers: 0371-0000-xxxx is not a dialable Zhengzhou number. */
function workPhone(n: number): string {
  return `0371-0000-${String(n % 10000).padStart(4, "0")}`;
}

/** Visibly fictional mobile numbers: no Chinese mobile number starts with 100. */
function privatePhone(rng: Prng): string {
  return `100-0000-${String(rng.int(0, 9999)).padStart(4, "0")}`;
}

function randomCode(rng: Prng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += CODE_ALPHABET[rng.int(0, 31)];
  return s;
}

type DistrictPlan = { id: string; name: string; grids: Grid3[]; cumulative: Float64Array; totalHouseholds: number };

/**
 * Generates the whole demo data set into the sink. Returns the count of rows per table.
 */
export function generate(opts: Options, sink: Sink): Record<string, number> {
  const spec = SIZES[opts.size];
  const seed = opts.seed ?? "erqi-2015";
  const asOf = opts.asOf ?? localDay(Math.floor(Date.now() / 1000));
  const asOfUnix = localToUnix(+asOf.slice(0, 4), +asOf.slice(5, 7), +asOf.slice(8, 10), 18, 0, 0);
  const rng = new Prng(`${seed}:${opts.size}`);
  const names = new Names(rng);
  const counts: Record<string, number> = {};
  const emit: Sink = (table, row) => {
    counts[table] = (counts[table] ?? 0) + 1;
    sink(table, row);
  };

  emit("site_meta", { key: "demo", value: "1" });
  emit("site_meta", { key: "demo_size", value: opts.size });
  emit("site_meta", { key: "demo_seed", value: seed });
  emit("site_meta", { key: "as_of", value: asOf });
  emit("site_meta", { key: "district_id", value: DISTRICT.id });

  const volunteerStart = localToUnix(2015, 1, 1);
  const districtRows: Row[] = [];
  const plans: DistrictPlan[] = [];

  const districtList: [string, string][] = [[DISTRICT.id, DISTRICT.name], ...CITY_DISTRICTS.slice(0, spec.extraDistricts).map(([a, b]) => [a, b] as [string, string])];
  let phoneSerial = 0;
  let personSerial = 0;
  let facilitySerial = 0;
  let volunteerSerial = 0;
  let teamSerial = 0;

  const rowsByTable: Record<string, Row[]> = {
    streets: [], communities: [], grids: [], grid_places: [], people: [], positions: [], facilities: [],
    volunteer_teams: [], volunteers: [], point_ledger: [],
  };
  const push = (t: string, r: Row) => rowsByTable[t]!.push(r);

  districtList.forEach(([districtId, districtName], dIndex) => {
    // Extra districts of the city size are placed around 二七区 on a 4 × 4 lattice.
    const dLat = dIndex === 0 ? 0 : (Math.floor(dIndex / 4) - 1.5) * 0.17;
    const dLng = dIndex === 0 ? 0 : ((dIndex % 4) - 1.5) * 0.2;
    const shift = (p: Pt): Pt => [round6(p[0] + dLng), round6(p[1] + dLat)];
    const outline: Pt[] = [
      [113.52, 34.6], [113.69, 34.6], [113.69, 34.762], [113.6, 34.762], [113.6, 34.68], [113.52, 34.68], [113.52, 34.6],
    ].map((p) => shift(p as Pt));
    districtRows.push({
      id: districtId, name: districtName, city: DISTRICT.city, ...bbox(outline),
      outline: JSON.stringify({ type: "Polygon", coordinates: [outline] }),
    });
    const grids: Grid3[] = [];
    let streetIndex = 0;
    for (const band of STREET_BANDS) {
      const n = band.streets.length;
      // Straight vertical borders between the streets of a band, jittered along the band.
      const xs = [band.lng[0]];
      for (let i = 1; i < n; i++) xs.push(band.lng[0] + ((band.lng[1] - band.lng[0]) * (i + rng.range(-0.2, 0.2))) / n);
      xs.push(band.lng[1]);
      for (let i = 0; i < n; i++) {
        streetIndex++;
        const [baseName, kind] = band.streets[i]!;
        const streetName = dIndex === 0 ? baseName : `${districtName.replace(/(区|县|市)$/, "")}${baseName}`;
        const streetId = `${districtId}${String(streetIndex).padStart(2, "0")}`;
        const quad: Quad = [shift([xs[i]!, band.lat[0]]), shift([xs[i + 1]!, band.lat[0]]), shift([xs[i + 1]!, band.lat[1]]), shift([xs[i]!, band.lat[1]])];
        push("streets", { id: streetId, district_id: districtId, name: streetName, kind, ...pinyinOf(streetName) });
        const c = centroid(quad);
        push("grids", {
          id: streetId, level: 1, parent_id: null, district_id: districtId, street_id: streetId, community_id: null,
          code: streetId, name: `${streetName}一级网格`, households: 0, boundary: polygonJson(quad), ...bbox(ring(quad)),
          centroid_lat: c[1], centroid_lng: c[0], ...pinyinOf(streetName),
        });
        const l1Leader = addPerson(streetId, "leader", "街道党工委书记（一级网格长）", null, 0);
        void l1Leader;
        addPerson(streetId, "supervisor", "街道纪工委（一级督导员）", null, 1);
        facility(districtId, streetId, null, "service_centre", `${streetName}便民服务中心`, "street", bilinear(quad, 0.5, 0.45));

        const rural = kind !== "street";
        const named = dIndex === 0 ? (NAMED_COMMUNITIES[baseName] ?? []) : [];
        const nComm = Math.max(named.length, rng.int(spec.communitiesPerStreet[0], spec.communitiesPerStreet[1]) + (rural ? 2 : 0));
        const [cols, rows] = splitShape(nComm);
        const cells = subdivide(quad, cols, rows, rng).flat();
        // Fewer communities than cells: merge the last cells of a row into their neighbour.
        const commQuads: Quad[] = cells.slice(0, nComm);
        if (nComm < cells.length) {
          const last = commQuads[nComm - 1]!;
          const far = cells[cells.length - 1]!;
          commQuads[nComm - 1] = [last[0], far[1], far[2], last[3]];
        }
        commQuads.forEach((cq, ci) => {
          const communityId = `${streetId}${String(ci + 1).padStart(2, "0")}`;
          const communityName = named[ci] ?? names.unique(districtId, () => rural ? `${rng.pick(VILLAGE_STEMS)}村` : `${rng.pick(COMMUNITY_STEMS)}${rng.pick(COMMUNITY_SUFFIXES)}`);
          names.reserve(districtId, communityName);
          const cc = centroid(cq);
          const nGrids = rng.int(spec.gridsPerCommunity[0], spec.gridsPerCommunity[1]);
          const [gc, gr] = splitShape(nGrids);
          const gCells = subdivide(cq, gc, gr, rng).flat();
          const gQuads = gCells.slice(0, nGrids);
          if (nGrids < gCells.length) {
            const last = gQuads[nGrids - 1]!;
            const far = gCells[gCells.length - 1]!;
            gQuads[nGrids - 1] = [last[0], far[1], far[2], last[3]];
          }
          let communityHouseholds = 0;
          const roadsOfCommunity: string[] = [];
          for (let k = 0; k < 3; k++) roadsOfCommunity.push(names.unique(`${districtId}road`, () => `${rng.pick(ROAD_STEMS)}${rng.pick(ROAD_SUFFIXES)}`));
          gQuads.forEach((gq, gi) => {
            const gridId = `${communityId}${String(gi + 1).padStart(2, "0")}`;
            const households = rng.int(300, 500);
            communityHouseholds += households;
            const roads = [rng.pick(roadsOfCommunity), names.unique(`${districtId}road`, () => `${rng.pick(ROAD_STEMS)}${rng.pick(ROAD_SUFFIXES)}`)];
            const compounds: string[] = [];
            const nCompounds = rural ? 1 : rng.int(1, 3);
            for (let k = 0; k < nCompounds; k++) {
              compounds.push(rural ? `${communityName.replace(/村$/, "")}${["东", "西", "南", "北", "中"][k % 5]}组` : names.unique(`${districtId}cmp`, () => `${rng.pick(COMPOUND_STEMS)}${rng.pick(COMPOUND_SUFFIXES)}`));
            }
            grids.push({ id: gridId, name: `${communityName}第${gi + 1}网格`, quad: gq, households, districtId, streetId, communityId, roads, compounds });
          });
          push("communities", {
            id: communityId, street_id: streetId, name: communityName, kind: rural ? "village" : "community",
            households: communityHouseholds, population: Math.round(communityHouseholds * rng.range(2.6, 3.1)),
            lat: cc[1], lng: cc[0], ...pinyinOf(communityName),
          });
          push("grids", {
            id: communityId, level: 2, parent_id: streetId, district_id: districtId, street_id: streetId, community_id: communityId,
            code: communityId, name: `${communityName}二级网格`, households: communityHouseholds, boundary: polygonJson(cq),
            ...bbox(ring(cq)), centroid_lat: cc[1], centroid_lng: cc[0], ...pinyinOf(communityName),
          });
          addPerson(communityId, "leader", rural ? "村党支部书记（二级网格长）" : "社区党委书记（二级网格长）", null, 0);
          addPerson(communityId, "supervisor", "社区监督委员会主任（二级督导员）", null, 1);
          for (const g of grids.slice(grids.length - gQuads.length)) {
            const gcen = centroid(g.quad);
            push("grids", {
              id: g.id, level: 3, parent_id: communityId, district_id: districtId, street_id: streetId, community_id: communityId,
              code: g.id, name: g.name, households: g.households, boundary: polygonJson(g.quad), ...bbox(ring(g.quad)),
              centroid_lat: gcen[1], centroid_lng: gcen[0], ...pinyinOf(g.name),
            });
            for (const road of g.roads) push("grid_places", { grid_id: g.id, kind: "road", name: road, ...pinyinOf(road) });
            for (const cmp of g.compounds) push("grid_places", { grid_id: g.id, kind: "compound", name: cmp, ...pinyinOf(cmp) });
            addPerson(g.id, "leader", "网格长", null, 0);
            const nSpec = rng.int(2, 3);
            const specs = rng.shuffle([...SPECIALIST_TITLES]).slice(0, nSpec);
            specs.forEach(([dept, title], k) => addPerson(g.id, "specialist", title, dept, 10 + k));
            addPerson(g.id, "supervisor", "督导员", null, 20);
            const [sDept, sTitle] = rng.pick(SUNK_TITLES);
            addPerson(g.id, "sunk", sTitle, sDept, 30);
          }
          // Facilities: the community centre always; other categories with gaps.
          facility(districtId, streetId, communityId, "service_centre", `${communityName}${rural ? "便民服务站" : "党群服务中心"}`, "community", bilinear(cq, rng.range(0.3, 0.7), rng.range(0.3, 0.7)));
          for (const [cat] of FACILITY_CATEGORIES) {
            if (cat === "service_centre") continue;
            const p = rural ? 0.45 : 0.75;
            const n = rng.chance(p) ? (cat === "daily" || cat === "market" ? rng.int(1, 3) : 1) : 0;
            for (let k = 0; k < n; k++) {
              const stem = communityName.replace(/(社区|村)$/, "");
              facility(districtId, streetId, communityId, cat, `${stem}${rng.pick(FACILITY_NAMES[cat]!)}`, null, bilinear(cq, rng.range(0.05, 0.95), rng.range(0.05, 0.95)));
            }
          }
          // Volunteers and teams.
          const nTeams = rng.int(2, 3);
          const teams: string[] = [];
          const teamKinds = ["squad", "five_elders", "three_heads", "art"] as const;
          const teamLabels = { squad: "网格服务小队", five_elders: "“五老”志愿服务队", three_heads: "“三长五员”志愿队", art: "文艺志愿服务队" };
          for (let t = 0; t < nTeams; t++) {
            const kind = teamKinds[t % teamKinds.length]!;
            const id = `T${String(++teamSerial).padStart(5, "0")}`;
            teams.push(id);
            push("volunteer_teams", { id, community_id: communityId, name: `${communityName}${teamLabels[kind]}`, kind });
          }
          const nVol = rng.int(spec.volunteersPerCommunity[0], spec.volunteersPerCommunity[1]);
          for (let v = 0; v < nVol; v++) volunteer(communityId, rng.chance(0.85) ? rng.pick(teams) : null);
        });
      }
    }
    facility(districtId, null, null, "service_centre", `${districtName}政务服务中心`, "district", shift([113.645, 34.728]));
    const cumulative = new Float64Array(grids.length);
    let total = 0;
    grids.forEach((g, i) => {
      total += g.households;
      cumulative[i] = total;
    });
    plans.push({ id: districtId, name: districtName, grids, cumulative, totalHouseholds: total });
  });

  function addPerson(gridId: string, role: string, title: string, dept: string | null, sort: number): string {
    const id = `P${String(++personSerial).padStart(6, "0")}`;
    push("people", { id, name: names.person() });
    push("positions", {
      person_id: id, grid_id: gridId, role, title, department_id: dept, work_phone: workPhone(++phoneSerial),
      office_hours: rng.pick(OFFICE_HOURS), sort,
    });
    return id;
  }

  function facility(districtId: string, streetId: string | null, communityId: string | null, cat: string, name: string, level: string | null, p: Pt): void {
    const id = `F${String(++facilitySerial).padStart(6, "0")}`;
    const road = `${rng.pick(ROAD_STEMS)}${rng.pick(ROAD_SUFFIXES)}`;
    push("facilities", {
      id, category_id: cat, district_id: districtId, street_id: streetId, community_id: communityId, name, level,
      address: `${road}${rng.int(1, 300)}号`, lat: round6(p[1]), lng: round6(p[0]),
      hours: cat === "park" ? "全天开放" : cat === "police" ? "24小时" : rng.pick(["8:00–20:00", "8:30–17:30", "7:00–21:00", "9:00–18:00"]),
      phone: cat === "park" ? "" : workPhone(5000 + (facilitySerial % 5000)),
    });
  }

  function volunteer(communityId: string, teamId: string | null): void {
    const serial = ++volunteerSerial;
    const no = `V${String(serial).padStart(6, "0")}`;
    const code = serial === 1 ? DEMO_VOLUNTEER.code : String(rng.int(0, 999999)).padStart(6, "0");
    const joined = volunteerStart + rng.int(0, Math.max(1, asOfUnix - volunteerStart - 86400 * 30));
    const grp = teamId ? rng.pick(["squad", "five_elders", "three_heads", "resident"]) : "resident";
    push("volunteers", {
      id: serial, volunteer_no: no, name: names.person(), phone: privatePhone(rng), community_id: communityId, team_id: teamId,
      grp, opt_out: serial !== 1 && rng.chance(0.06) ? 1 : 0, code_hash: sha256Hex(`${no}:${code}`), joined_day: localDay(joined),
    });
    // Ledger: awards over time, a redemption now and then, never beyond the balance.
    let balance = 0;
    const n = rng.int(4, 24);
    const span = asOfUnix - joined;
    const times = Array.from({ length: n }, () => joined + rng.int(0, Math.max(1, span))).sort((a, b) => a - b);
    times.forEach((t, k) => {
      const [ruleId, , pts] = rng.pick(POINT_RULES);
      const qty = ruleId === "patrol" || ruleId === "civility" ? rng.int(1, 4) : 1;
      const day = localDay(t);
      push("point_ledger", {
        volunteer_id: serial, kind: "award", rule_id: ruleId, activity_ref: `${ruleId}:${day}:${k}`, points: pts * qty, day,
        recorded_by: null, reverses_id: null, note: "", created_at: t,
      });
      balance += pts * qty;
      if (balance >= 30 && rng.chance(0.12)) {
        const spend = Math.min(balance, rng.pick([10, 20, 30]));
        push("point_ledger", {
          volunteer_id: serial, kind: "redeem", rule_id: null, activity_ref: null, points: -spend, day,
          recorded_by: null, reverses_id: null, note: rng.pick(["兑换生活用品", "兑换理发服务", "兑换粮油"]), created_at: t + 60,
        });
        balance -= spend;
      }
    });
  }

  // Parents before children, so that every foreign key resolves as rows arrive.
  for (const r of districtRows) emit("districts", r);
  // Departments and categories are shared by every district of the data set.
  DEPARTMENTS.forEach(([id, name], i) => emit("departments", { id, district_id: DISTRICT.id, name, phone: workPhone(9000 + i) }));
  for (const t of ["streets", "communities", "grids", "grid_places", "people", "positions"]) {
    // Level-1 grids before level-2 before level-3, so parent_id references resolve.
    const rows = t === "grids" ? [...rowsByTable[t]!].sort((a, b) => (a.level as number) - (b.level as number)) : rowsByTable[t]!;
    for (const r of rows) emit(t, r);
  }
  FACILITY_CATEGORIES.forEach(([id, name, weight], i) => emit("facility_categories", { id, name, weight, sort: i }));
  for (const r of rowsByTable.facilities!) emit("facilities", r);
  CATEGORIES.forEach((c, i) => emit("case_categories", {
    id: c.id, name: c.name, kind: c.kind, grp: c.grp, description: c.description, department_id: c.dept,
    resident: 1, due_hours: c.dueHours, sort: i,
  }));
  POINT_RULES.forEach(([id, name, points, unit], i) => emit("point_rules", { id, name, points, unit, active: 1, sort: i }));
  for (const t of ["volunteer_teams", "volunteers", "point_ledger"]) for (const r of rowsByTable[t]!) emit(t, r);

  // Campaigns and work activities.
  const campaignIds = new Map<string, { id: string; category: string; from: number; to: number }[]>();
  CAMPAIGNS_2015.forEach(([name, category, from, to], i) => {
    const id = `C2015${String(i + 1).padStart(2, "0")}`;
    emit("campaigns", { id, district_id: DISTRICT.id, name: `2015年${name}`, category_id: category, start_day: from, end_day: to, description: "" });
    const list = campaignIds.get(category) ?? [];
    list.push({ id, category, from: dayUnix(from), to: dayUnix(to) + 86399 });
    campaignIds.set(category, list);
  });
  const firstYear = 2015;
  const lastYear = +asOf.slice(0, 4);
  for (let y = firstYear + 1; y <= lastYear; y++) {
    for (const [k, [name, category]] of [CAMPAIGNS_2015[0]!, CAMPAIGNS_2015[1]!, CAMPAIGNS_2015[3]!].entries()) {
      const from = `${y}-${String(3 + k * 3).padStart(2, "0")}-01`;
      if (from > asOf) continue;
      emit("campaigns", { id: `C${y}${String(k + 1).padStart(2, "0")}`, district_id: DISTRICT.id, name: `${y}年${name}`, category_id: category, start_day: from, end_day: `${y}-${String(4 + k * 3).padStart(2, "0")}-28`, description: "" });
    }
  }
  const activityTitles = { joint_meeting: "区级联席会议", joint_enforcement: "联合执法行动", inspection: "长效机制督查" };
  const streetIds = rowsByTable.streets!.filter((s) => s.district_id === DISTRICT.id).map((s) => s.id as string);
  for (let y = firstYear; y <= lastYear; y++) {
    for (const kind of ["joint_meeting", "joint_enforcement", "inspection"] as const) {
      const n = y === 2015 ? ACTIVITIES_2015[kind] : Math.round(ACTIVITIES_2015[kind] * rng.range(0.7, 1.1));
      for (let k = 0; k < n; k++) {
        const month = 1 + Math.floor((k * 12) / n);
        const day = `${y}-${String(month).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
        if (day > asOf) continue;
        emit("work_activities", {
          district_id: DISTRICT.id, street_id: kind === "joint_meeting" ? null : rng.pick(streetIds), campaign_id: null,
          kind, day, title: `${activityTitles[kind]}（第${k + 1}次）`,
        });
      }
    }
  }

  // Cases.
  const codes = new Set<string>();
  const publicIds = new Set<string>();
  let caseId = 0;
  const categoryWeights = (month: number) => CATEGORIES.map((c) => c.weight * (c.winter && (month <= 2 || month >= 11) ? c.winter : 1));

  for (const plan of plans) {
    for (let y = firstYear; y <= lastYear; y++) {
      const base = plan.id === DISTRICT.id ? RECORDED_2015 : spec.extraDistrictCasesPerYear;
      const yearTotal = y === 2015 ? base : Math.round(base * spec.laterYearShare * (1 + (y - 2015) * 0.03));
      const months = MONTH_WEIGHTS.map((w, i) => {
        const m = i + 1;
        const start = localToUnix(y, m, 1);
        if (start > asOfUnix) return 0;
        const end = localToUnix(y, m, daysInMonth(y, m), 23, 59, 59);
        return w * Math.min(1, (asOfUnix - start) / (end - start));
      });
      const perMonth = apportion(yearTotal, months);
      const yearCases: Case[] = [];
      perMonth.forEach((n, mi) => {
        const m = mi + 1;
        const weights = categoryWeights(m);
        const monthStart = localToUnix(y, m, 1);
        const monthEnd = Math.min(localToUnix(y, m, daysInMonth(y, m), 23, 59, 59), asOfUnix);
        for (let k = 0; k < n; k++) yearCases.push(makeCase(plan, y, CATEGORIES[rng.weighted(weights)]!, monthStart, monthEnd));
      });
      // Which cases stay undisposed: exactly the article's count in 2015, by age later on. In
      // 2015 a weighted sample (key u^(1/w)) leaves about 1 % of January's cases open and about
      // 4 % of December's, like a real backlog, instead of all of them at the end of the year.
      if (plan.id === DISTRICT.id && y === 2015) {
        const order = yearCases.map((c, i) => [rng.next() ** (1 / (1 + (c.created - monthStartOf(2015)) / (86400 * 120))), i] as const);
        order.sort((a, b) => b[0] - a[0]);
        const open = new Set(order.slice(0, RECORDED_2015 - DISPOSED_2015).map((o) => o[1]));
        yearCases.forEach((c, i) => finishCase(c, open.has(i) ? "open" : "disposed"));
      } else {
        for (const c of yearCases) {
          const ageDays = (asOfUnix - c.created) / 86400;
          const pDisposed = ageDays > 60 ? 0.975 : Math.min(0.97, 0.2 + ageDays / 40);
          const roll = rng.next();
          finishCase(c, roll < pDisposed ? "disposed" : y >= 2020 && roll > 0.995 ? "rejected" : "open");
        }
      }
      yearCases.sort((a, b) => a.created - b.created);
      for (const c of yearCases) emitCase(c);
    }
  }

  type Case = {
    plan: DistrictPlan; grid: Grid3; category: CategorySpec; channel: string; created: number; disposed: number | null;
    status: string; lat: number; lng: number; address: string; summary: string; campaign: string | null;
  };

  function monthStartOf(y: number): number {
    return localToUnix(y, 1, 1);
  }

  function dayUnix(day: string): number {
    return localToUnix(+day.slice(0, 4), +day.slice(5, 7), +day.slice(8, 10));
  }

  function makeCase(plan: DistrictPlan, year: number, category: CategorySpec, from: number, to: number): Case {
    const r = rng.next() * plan.totalHouseholds;
    let lo = 0, hi = plan.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (plan.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    const grid = plan.grids[lo]!;
    const channels = year === 2015 ? CHANNELS_2015 : CHANNELS_LATER;
    let channel = channels[rng.weighted(channels.map((c) => c[1]))]![0];
    if (category.kind !== "problem" && channel === "patrol") channel = "wechat";
    // Working hours are busier: draw a day, then an hour with a daytime bias.
    const day = from + Math.floor(rng.next() * Math.max(1, (to - from) / 86400)) * 86400;
    const hour = Math.min(23, Math.max(0, Math.round(8 + rng.normal() * 3.5 + 3)));
    const created = Math.min(to, day + hour * 3600 + rng.int(0, 3599));
    const p = bilinear(grid.quad, rng.range(0.03, 0.97), rng.range(0.03, 0.97));
    const road = rng.pick(grid.roads);
    const compound = rng.pick(grid.compounds);
    const address = rng.chance(0.5) ? `${road}${rng.int(1, 200)}号` : `${compound}${rng.int(1, 20)}号楼`;
    const summary = rng.pick(category.summary).replace("{road}", road).replace("{compound}", compound);
    const camps = campaignIds.get(category.id)?.filter((c) => created >= c.from && created <= c.to);
    const campaign = camps && camps.length > 0 && rng.chance(0.6) ? camps[0]!.id : null;
    return { plan, grid, category, channel, created, disposed: null, status: "reported", lat: round6(p[1]), lng: round6(p[0]), address, summary, campaign };
  }

  function finishCase(c: Case, outcome: "disposed" | "open" | "rejected"): void {
    if (outcome === "disposed") {
      const hours = Math.max(0.2, c.category.medianHours * Math.exp(rng.normal() * 0.9));
      c.disposed = Math.min(c.created + Math.round(hours * 3600), Math.max(c.created, asOfUnix - 600));
      c.status = asOfUnix - c.disposed > 3 * 86400 ? "closed" : "disposed";
    } else if (outcome === "rejected") {
      c.status = "rejected";
    } else {
      const age = asOfUnix - c.created;
      c.status = age < 3600 ? "reported" : age < 4 * 3600 ? "accepted" : rng.chance(0.3) ? "dispatched" : "in_progress";
    }
  }

  function emitCase(c: Case): void {
    const id = ++caseId;
    let code: string;
    do code = trackingCodeFrom(Array.from({ length: 11 }, () => rng.int(0, 31)));
    while (codes.has(code));
    codes.add(code);
    let publicId: string;
    do publicId = `Q${randomCode(rng, 10)}`;
    while (publicIds.has(publicId));
    publicIds.add(publicId);
    const due = c.created + c.category.dueHours * 3600;
    const open = c.disposed === null && c.status !== "rejected";
    const overdue = open && due < asOfUnix;
    const updated = c.disposed ?? (c.status === "reported" ? c.created : Math.min(asOfUnix, c.created + 3600));
    const recent = asOfUnix - c.created < 60 * 86400;
    emit("cases", {
      id, public_id: publicId, tracking_code: code, channel: c.channel, category_id: c.category.id, district_id: c.plan.id,
      street_id: c.grid.streetId, community_id: c.grid.communityId, grid_id: c.grid.id, campaign_id: c.campaign,
      lat: c.lat, lng: c.lng, address: c.address,
      description: recent ? `${c.address}附近${c.category.description.split("、")[0]}，请尽快处理。` : "",
      public_summary: c.status === "rejected" ? "" : c.summary, status: c.status,
      department_id: c.status === "reported" || c.status === "accepted" || c.status === "rejected" ? null : c.category.dept,
      duplicate_of: null, reject_reason: c.status === "rejected" ? "经核实不属于网格事项，已告知咨询渠道" : "",
      escalated: overdue && rng.chance(0.5) ? 1 : 0, escalation_due_at: null,
      created_at: c.created, updated_at: updated, due_at: due, disposed_at: c.disposed,
      closed_at: c.status === "closed" ? c.disposed! + 3 * 86400 : null,
    });
    if (!recent) return;
    // Recent cases carry their full public timeline and, for resident channels, private contact.
    if (c.channel !== "patrol") emit("case_contacts", { case_id: id, name: names.person(), phone: privatePhone(rng), email: "" });
    const steps: [string | null, string, string, string, number][] = [[null, "reported", c.channel === "patrol" ? "grid_staff" : "resident", "已上报", c.created]];
    const end = c.disposed ?? Math.min(asOfUnix, c.created + 4 * 3600);
    const path = c.status === "rejected" ? ["accepted", "rejected"] : ["accepted", "dispatched", "in_progress", "disposed", "closed"];
    const stopAt = c.status === "rejected" ? 2 : c.disposed !== null ? (c.status === "closed" ? 5 : 4) : Math.max(0, ["reported", "accepted", "dispatched", "in_progress"].indexOf(c.status));
    const notes: Record<string, string> = {
      accepted: "已受理，网格员将到场核实", dispatched: `已派遣至${DEPARTMENTS.find((d) => d[0] === c.category.dept)![1]}`,
      in_progress: "处置人员已到场", disposed: `已处置：${c.summary}`, closed: "已办结", rejected: "经核实不属于网格事项，已告知咨询渠道",
    };
    for (let k = 0; k < stopAt; k++) {
      const to = path[k]!;
      const t = to === "closed" ? c.disposed! + 3 * 86400 : to === "disposed" ? c.disposed! : c.created + Math.round(((end - c.created) * (k + 1)) / (stopAt + 1));
      steps.push([steps[steps.length - 1]![1], to, to === "dispatched" || to === "accepted" ? "grid_staff" : "specialist", notes[to]!, t]);
    }
    for (const [from, to, role, note, t] of steps) {
      emit("case_events", { case_id: id, kind: "transition", from_status: from, to_status: to, actor_role: role, actor_id: null, public_note: note, created_at: t });
    }
  }

  return counts;
}
