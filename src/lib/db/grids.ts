/**
 * Grids, their people and places: locating a point, searching names, and the directory the
 * grid pages are built from. All SQL about grids lives here.
 *
 * Only public staff data leaves this module: a position's role, title, name, work phone and
 * office hours. Nothing about residents, reporters or volunteers is read.
 */
import { parseBoundary, pickContaining, type PolygonGeometry } from "../geo/point-in-polygon.ts";

export type { PolygonGeometry };

/** Grid levels: 1 = street, 2 = community, 3 = block. */
export type GridLevel = 1 | 2 | 3;
/** Roles of the three teams of a grid (and sunk-down staff). */
export type PositionRole = "leader" | "specialist" | "supervisor" | "sunk";
/** The leader of each level in a chain of responsibility. */
export type LeaderRole = "street_leader" | "community_leader" | "grid_leader";

/** The public URL of a grid's page. */
export function gridUrl(id: string): string {
  return `/grids/${id}/`;
}

/** The leader role name of a grid level. */
export function leaderRoleOf(level: GridLevel): LeaderRole {
  return level === 1 ? "street_leader" : level === 2 ? "community_leader" : "grid_leader";
}

// ── Locate ────────────────────────────────────────────────────────────────

/** One leader in the chain of responsibility for a place. */
export type LeaderDto = { role: LeaderRole; title: string; name: string; phone: string };

/** The grid a point lies in, with its chain of leaders (street, community, grid). */
export type LocatedGridDto = {
  id: string; name: string; level: GridLevel; community: string | null; street: string; url: string; leaders: LeaderDto[];
};

type CandidateRow = {
  id: string; name: string; level: GridLevel; boundary: string; street_id: string; community_id: string | null;
  community: string | null; street: string; leaders: string;
};

/**
 * The bbox prefilter shared by every point lookup (?1 = lat, ?2 = lng): level-3 grids whose
 * bounding box contains the point. The range on min_lat is bounded below by the tallest
 * grid's height (read through an index on the span), so the (level, min_lat) index is walked
 * over a thin band only, never the whole table.
 */
const BBOX_CONTAINS_POINT = `
  g.level = 3
    AND g.min_lat >= ?1 - (SELECT max(max_lat - min_lat) FROM grids WHERE level = 3)
    AND g.min_lat <= ?1 AND g.max_lat >= ?1
    AND g.min_lng <= ?2 AND g.max_lng >= ?2`;

/**
 * Candidate grids for the point, each with the leaders of its chain (street, community, grid)
 * as JSON, so a lookup is one round trip.
 */
const LOCATE_CANDIDATES_SQL = `
  SELECT g.id, g.name, g.level, g.boundary, g.street_id, g.community_id, c.name AS community, s.name AS street,
         (SELECT json_group_array(json_object('level', lg.level, 'sort', p.sort, 'title', p.title, 'name', pe.name, 'phone', p.work_phone))
          FROM positions p JOIN people pe ON pe.id = p.person_id JOIN grids lg ON lg.id = p.grid_id
          WHERE p.grid_id IN (g.id, g.community_id, g.street_id) AND p.role = 'leader') AS leaders
  FROM grids g
  JOIN streets s ON s.id = g.street_id
  LEFT JOIN communities c ON c.id = g.community_id
  WHERE ${BBOX_CONTAINS_POINT}`;

/** The SQL of the bbox prefilter, exported so tests can check its query plan. */
export const locateCandidatesSql = LOCATE_CANDIDATES_SQL;

/**
 * Finds the level-3 grid containing a WGS-84 point and its leaders, or null when the point
 * lies in no grid. Points on a border shared by two grids get exactly one of them.
 */
export async function locateGrid(db: D1Database, lat: number, lng: number): Promise<LocatedGridDto | null> {
  const { results } = await db.prepare(LOCATE_CANDIDATES_SQL).bind(lat, lng).all<CandidateRow>();
  const hit = pickContaining(lng, lat, results.map((r) => ({ ...r, geometry: parseBoundary(r.boundary) })));
  if (!hit) return null;
  const leaders = (JSON.parse(hit.leaders) as { level: GridLevel; sort: number; title: string; name: string; phone: string }[])
    .sort((a, b) => a.level - b.level || a.sort - b.sort);
  return {
    id: hit.id, name: hit.name, level: hit.level, community: hit.community, street: hit.street, url: gridUrl(hit.id),
    leaders: leaders.map((r) => ({ role: leaderRoleOf(r.level), title: r.title, name: r.name, phone: r.phone })),
  };
}

/** The grid a case is filed in, with the tree above it. */
export type CaseGrid = { id: string; name: string; streetId: string; communityId: string; districtId: string };

/** A grid row as case lookups read it. */
export type CaseGridRow = { id: string; name: string; street_id: string; community_id: string; district_id: string };

/** The CaseGrid of a row. */
export const toCaseGrid = (r: CaseGridRow): CaseGrid => ({ id: r.id, name: r.name, streetId: r.street_id, communityId: r.community_id, districtId: r.district_id });

/**
 * The level-3 grid containing the WGS-84 point, as a case is filed in it (ids of the tree,
 * no leaders), or null outside the district. Same prefilter and border rule as locateGrid.
 */
export async function findGridForPoint(db: D1Database, lat: number, lng: number): Promise<CaseGrid | null> {
  const { results } = await db
    .prepare(`SELECT g.id, g.name, g.street_id, g.community_id, g.district_id, g.boundary FROM grids g WHERE ${BBOX_CONTAINS_POINT}`)
    .bind(lat, lng)
    .all<CaseGridRow & { boundary: string }>();
  const hit = pickContaining(lng, lat, results.map((r) => ({ ...r, geometry: parseBoundary(r.boundary) })));
  return hit && toCaseGrid(hit);
}

// ── Search ────────────────────────────────────────────────────────────────

/** Longest accepted search query, in characters. */
export const SEARCH_MAX_LENGTH = 32;
/** Most results a search returns. */
export const SEARCH_LIMIT = 20;

/** How the query is matched: Chinese (or mixed) text against names, latin against pinyin, digits against grid ids. */
export type SearchQuery = { kind: "name" | "pinyin" | "id"; text: string };

/**
 * Normalises a resident's query: full-width to half-width (NFKC), lower case, and for latin
 * input without spaces or apostrophes ("fu hua", "xi'an"). Returns null when nothing is left.
 */
export function parseSearchQuery(raw: string): SearchQuery | null {
  const text = raw.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "") return null;
  if (/^[a-z0-9' ]+$/.test(text)) {
    const latin = text.replace(/[' ]/g, "");
    if (latin === "") return null;
    return /^[0-9]+$/.test(latin) ? { kind: "id", text: latin } : { kind: "pinyin", text: latin };
  }
  return { kind: "name", text };
}

/** What a search result matched. */
export type MatchKind = "street" | "community" | "grid" | "road" | "compound";

/** A searchable name with its pinyin columns. */
export type Searchable = { name: string; pinyin: string; initials: string; id?: string };

/**
 * How well a name matches the query: 0 exact, 1 prefix, 2 contained (Chinese), 1 pinyin
 * prefix, 2 initials prefix; null when it does not match. Lower is better.
 */
export function matchQuality(q: SearchQuery, s: Searchable): number | null {
  if (q.kind === "name") {
    const name = s.name.toLowerCase();
    if (name === q.text) return 0;
    if (name.startsWith(q.text)) return 1;
    return name.includes(q.text) ? 2 : null;
  }
  if (q.kind === "id") return s.id !== undefined && s.id.startsWith(q.text) ? (s.id === q.text ? 0 : 1) : null;
  if (s.pinyin === q.text) return 0;
  if (s.pinyin.startsWith(q.text)) return 1;
  return s.initials.startsWith(q.text) ? 2 : null;
}

/** One search hit: a grid and what of it matched. */
export type SearchResultDto = {
  id: string; name: string; level: GridLevel; community: string | null; street: string; url: string;
  match: { kind: MatchKind; name: string };
};

type SearchRow = {
  kind: MatchKind; matched: string; pinyin: string; initials: string; id: string; name: string; level: GridLevel;
  community: string | null; street: string;
};

/** Escapes LIKE wildcards in user input (ESCAPE '\'). */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

const SEARCH_JOIN = `JOIN streets s ON s.id = g.street_id LEFT JOIN communities c ON c.id = g.community_id`;
const GRID_KIND = `CASE g.level WHEN 1 THEN 'street' WHEN 2 THEN 'community' ELSE 'grid' END`;
/** Upper bound of a prefix range: '~' sorts after every character of pinyin and ids. */
const PREFIX_CONDITION = (col: string) => `(${col} >= ?1 AND ${col} < ?1 || '~')`;

/** Candidate rows for a query; the ranking is done by matchQuality on them. */
function searchSql(kind: SearchQuery["kind"]): string {
  const cols = (matchKind: string, table: "g" | "p") =>
    `${matchKind} AS kind, ${table}.name AS matched, ${table}.pinyin, ${table}.initials, g.id, g.name, g.level, c.name AS community, s.name AS street`;
  if (kind === "id") {
    return `SELECT ${cols(GRID_KIND, "g")} FROM grids g ${SEARCH_JOIN} WHERE ${PREFIX_CONDITION("g.id")} ORDER BY g.id LIMIT ?2`;
  }
  // Pinyin and initials prefixes are index range scans. Chinese names are substring matches,
  // which no b-tree can seek: they scan the narrow name indexes (not the wide grid rows with
  // their boundaries), and only the matching rows are then read and joined. Names that start
  // with the query (the best matches) are a range seek on the same index, taken first, so a
  // broad query with hundreds of substring hits cannot crowd them out of the candidates.
  const contains = `name LIKE '%' || ?1 || '%' ESCAPE '\\'`;
  const startsWith = `name >= ?3 AND name < ?3 || char(1114111)`;
  const nameIds = (table: string) =>
    `SELECT id FROM (SELECT id FROM ${table} WHERE ${startsWith} LIMIT ?2) UNION SELECT id FROM (SELECT id FROM ${table} WHERE ${contains} LIMIT ?2)`;
  const gridWhere = kind === "pinyin" ? `${PREFIX_CONDITION("g.pinyin")} OR ${PREFIX_CONDITION("g.initials")}` : `g.id IN (${nameIds("grids")})`;
  const placeWhere = kind === "pinyin" ? `${PREFIX_CONDITION("p.pinyin")} OR ${PREFIX_CONDITION("p.initials")}` : `p.id IN (${nameIds("grid_places")})`;
  return `
    SELECT * FROM (SELECT ${cols(GRID_KIND, "g")} FROM grids g ${SEARCH_JOIN} WHERE ${gridWhere} LIMIT 2 * ?2)
    UNION ALL
    SELECT * FROM (SELECT ${cols("p.kind", "p")} FROM grid_places p JOIN grids g ON g.id = p.grid_id ${SEARCH_JOIN} WHERE ${placeWhere} LIMIT 2 * ?2)`;
}

/** How many candidate rows per table and per kind of match (prefix, substring) a search reads before ranking. */
const SEARCH_CANDIDATES = 100;
const KIND_ORDER: Record<MatchKind, number> = { street: 0, community: 1, grid: 2, road: 3, compound: 3 };

/**
 * Ranks candidate rows: best match quality first, then streets before communities before
 * grids before roads and compounds, then shorter names, then ids. One result per grid.
 */
export function rankSearchRows<T extends { kind: MatchKind; matched: string; pinyin: string; initials: string; id: string }>(q: SearchQuery, rows: readonly T[], limit: number): T[] {
  const scored: { row: T; score: number }[] = [];
  for (const row of rows) {
    const quality = matchQuality(q, { name: row.matched, pinyin: row.pinyin, initials: row.initials, id: row.id });
    if (quality !== null) scored.push({ row, score: quality * 10 + KIND_ORDER[row.kind] });
  }
  scored.sort((a, b) => a.score - b.score || a.row.matched.length - b.row.matched.length || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
  const seen = new Set<string>();
  const out: T[] = [];
  for (const { row } of scored) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Searches street, community, grid, road and compound names: Chinese substrings, pinyin and
 * pinyin-initial prefixes ("福华", "fuhua", "fhnj"), and grid id prefixes.
 */
export async function searchGrids(db: D1Database, query: SearchQuery, limit = SEARCH_LIMIT): Promise<SearchResultDto[]> {
  const binds = query.kind === "name" ? [likeEscape(query.text), SEARCH_CANDIDATES, query.text] : [query.text, SEARCH_CANDIDATES];
  const { results } = await db.prepare(searchSql(query.kind)).bind(...binds).all<SearchRow>();
  return rankSearchRows(query, results, limit).map((r) => ({
    id: r.id, name: r.name, level: r.level, community: r.community, street: r.street, url: gridUrl(r.id),
    match: { kind: r.kind, name: r.matched },
  }));
}

// ── Directory for the pages ───────────────────────────────────────────────

/** A public position on a grid's teams. */
export type PositionDto = { role: PositionRole; title: string; name: string; phone: string; officeHours: string };
/** A road or compound a grid covers. */
export type PlaceDto = { kind: "road" | "compound"; name: string };
/** A convenience service centre. */
export type ServiceCentreDto = { name: string; address: string; phone: string; hours: string; lat: number; lng: number };

/** A grid with everything its page shows. */
export type GridEntry = {
  id: string; level: GridLevel; parentId: string | null; streetId: string; communityId: string | null;
  name: string; street: string; community: string | null; households: number;
  boundary: PolygonGeometry; bbox: { minLat: number; minLng: number; maxLat: number; maxLng: number };
  centroid: { lat: number; lng: number };
  positions: PositionDto[]; places: PlaceDto[]; children: string[];
};

/** Every grid, indexed, plus the service centres by community and street. */
export type GridDirectory = {
  grids: Map<string, GridEntry>;
  /** Level-1 grid ids in display order. */
  roots: string[];
  /** Community-level service centre by community id; street-level by street id. */
  communityCentres: Map<string, ServiceCentreDto>;
  streetCentres: Map<string, ServiceCentreDto>;
};

type GridRow = {
  id: string; level: GridLevel; parent_id: string | null; street_id: string; community_id: string | null; name: string;
  street: string; community: string | null; households: number; boundary: string;
  min_lat: number; min_lng: number; max_lat: number; max_lng: number; centroid_lat: number; centroid_lng: number;
};

/**
 * Loads the whole grid directory in four queries (grids, positions, places, service
 * centres): what the prerendered grid pages need, read once per build.
 */
export async function loadGridDirectory(db: D1Database): Promise<GridDirectory> {
  const [grids, positions, places, centres] = await Promise.all([
    db.prepare(
      `SELECT g.id, g.level, g.parent_id, g.street_id, g.community_id, g.name, s.name AS street, c.name AS community,
              g.households, g.boundary, g.min_lat, g.min_lng, g.max_lat, g.max_lng, g.centroid_lat, g.centroid_lng
       FROM grids g ${SEARCH_JOIN} ORDER BY g.level, g.id`,
    ).all<GridRow>(),
    db.prepare(
      `SELECT p.grid_id, p.role, p.title, pe.name, p.work_phone, p.office_hours
       FROM positions p JOIN people pe ON pe.id = p.person_id ORDER BY p.grid_id, p.sort, p.id`,
    ).all<{ grid_id: string; role: PositionRole; title: string; name: string; work_phone: string; office_hours: string }>(),
    db.prepare("SELECT grid_id, kind, name FROM grid_places ORDER BY grid_id, kind DESC, id").all<{ grid_id: string; kind: "road" | "compound"; name: string }>(),
    db.prepare(
      `SELECT street_id, community_id, level, name, address, phone, hours, lat, lng FROM facilities
       WHERE category_id = 'service_centre' AND level IN ('street', 'community') ORDER BY id`,
    ).all<{ street_id: string | null; community_id: string | null; level: string; name: string; address: string; phone: string; hours: string; lat: number; lng: number }>(),
  ]);
  const map = new Map<string, GridEntry>();
  const roots: string[] = [];
  for (const r of grids.results) {
    map.set(r.id, {
      id: r.id, level: r.level, parentId: r.parent_id, streetId: r.street_id, communityId: r.community_id, name: r.name,
      street: r.street, community: r.community, households: r.households, boundary: parseBoundary(r.boundary),
      bbox: { minLat: r.min_lat, minLng: r.min_lng, maxLat: r.max_lat, maxLng: r.max_lng },
      centroid: { lat: r.centroid_lat, lng: r.centroid_lng }, positions: [], places: [], children: [],
    });
    if (r.level === 1) roots.push(r.id);
    else if (r.parent_id) map.get(r.parent_id)?.children.push(r.id);
  }
  for (const p of positions.results) {
    map.get(p.grid_id)?.positions.push({ role: p.role, title: p.title, name: p.name, phone: p.work_phone, officeHours: p.office_hours });
  }
  for (const p of places.results) map.get(p.grid_id)?.places.push({ kind: p.kind, name: p.name });
  const communityCentres = new Map<string, ServiceCentreDto>();
  const streetCentres = new Map<string, ServiceCentreDto>();
  for (const f of centres.results) {
    const dto = { name: f.name, address: f.address, phone: f.phone, hours: f.hours, lat: f.lat, lng: f.lng };
    if (f.level === "community" && f.community_id && !communityCentres.has(f.community_id)) communityCentres.set(f.community_id, dto);
    if (f.level === "street" && f.street_id && !streetCentres.has(f.street_id)) streetCentres.set(f.street_id, dto);
  }
  return { grids: map, roots, communityCentres, streetCentres };
}
