/**
 * Open data: the anonymised case records of a year, as CSV (UTF-8 with a BOM, so Excel
 * opens it) and as compact JSON. A published record carries only: the opaque public id (not
 * the tracking code), category, channel, street, community, grid, the day recorded, the day
 * disposed, the status and the scrubbed public summary. No reporter data (case_contacts is
 * never read), no coordinates or address, no time finer than the day, no resident free text.
 */
import { scrubPublicText } from "../privacy/scrub.ts";
import { getPortalDistrictId, yearRange } from "./stats.ts";

/** The published columns, in order, with their meaning (the data dictionary). */
export const OPEN_DATA_FIELDS = [
  { name: "public_id", label: "公开编号", description: "案件的公开编号，仅用于开放数据，与居民手中的查询码无关，无法用来查询办理进度。" },
  { name: "recorded_day", label: "录入日期", description: "案件排查录入的日期（北京时间，YYYY-MM-DD），不含具体时刻。" },
  { name: "disposed_day", label: "处置日期", description: "案件处置完成的日期（北京时间），尚未处置的为空。" },
  { name: "status", label: "状态", description: "reported 已上报、accepted 已受理、dispatched 已派遣、in_progress 处置中、disposed 已处置、closed 已办结、rejected 不予受理、duplicate 重复件、reopened 重新办理。" },
  { name: "category_id", label: "类别代码", description: "问题类别的代码。" },
  { name: "category", label: "类别", description: "问题类别名称，如“窨井盖破损塌陷”。" },
  { name: "channel", label: "来源渠道", description: "patrol 网格员巡查发现、hotline 热线电话、wechat 微信、web 网站、open311 开放接口。" },
  { name: "street_id", label: "街道代码", description: "一级网格（街道、乡镇）代码。" },
  { name: "street", label: "街道（乡镇）", description: "街道或乡镇名称。" },
  { name: "community_id", label: "社区代码", description: "二级网格（社区、村）代码。" },
  { name: "community", label: "社区（村）", description: "社区或村名称。" },
  { name: "grid_id", label: "网格代码", description: "三级网格代码：位置只精确到网格（约300–500户），不含地址和坐标。" },
  { name: "summary", label: "公开摘要", description: "工作人员撰写的公开摘要，发布前已自动去除电话号码、身份证号、电子邮箱和车牌号。不含居民原始描述。" },
] as const;

/** One published record, values in OPEN_DATA_FIELDS order. */
export type OpenRecord = [string, string, string | null, string, string, string, string, string, string, string, string, string, string];

/** Years with cases in the portal's district, oldest first. */
export async function getOpenDataYears(db: D1Database): Promise<{ year: string; records: number }[]> {
  const districtId = await getPortalDistrictId(db);
  const { results } = await db
    .prepare(
      `SELECT substr(month, 1, 4) AS year, sum(recorded) AS records FROM stat_case_month
       WHERE street_id IN (SELECT id FROM streets WHERE district_id = ?1) GROUP BY 1 ORDER BY 1`,
    )
    .bind(districtId)
    .all<{ year: string; records: number }>();
  return results;
}

/**
 * The published records of a year in one query (created_at index), summaries scrubbed. Reads
 * only the columns listed in OPEN_DATA_FIELDS; never the description, address, coordinates,
 * tracking code or anything of case_contacts.
 */
export async function getOpenRecords(db: D1Database, year: string): Promise<OpenRecord[]> {
  const districtId = await getPortalDistrictId(db);
  const [from, to] = yearRange(year);
  const results = await db
    .prepare(
      `SELECT c.public_id, date(c.created_at + 28800, 'unixepoch') AS recorded_day,
              CASE WHEN c.disposed_at IS NULL THEN NULL ELSE date(c.disposed_at + 28800, 'unixepoch') END AS disposed_day,
              c.status, c.category_id, k.name AS category, c.channel, c.street_id, s.name AS street, c.community_id, m.name AS community,
              c.grid_id, c.public_summary AS summary
       FROM cases c JOIN case_categories k ON k.id = c.category_id JOIN streets s ON s.id = c.street_id JOIN communities m ON m.id = c.community_id
       WHERE c.created_at >= ?2 AND c.created_at < ?3 AND c.district_id = ?1 ORDER BY c.created_at, c.id`,
    )
    .bind(districtId, from, to)
    .raw<[string, string, string | null, string, string, string, string, string, string, string, string, string, string]>();
  // Summaries repeat a lot: scrub each distinct text once.
  const scrubbed = new Map<string, string>();
  for (const r of results) {
    const s = r[12] ?? "";
    let clean = scrubbed.get(s);
    if (clean === undefined) scrubbed.set(s, (clean = scrubPublicText(s)));
    r[12] = clean;
  }
  return results;
}

const csvField = (v: string | null) => (v === null ? "" : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Records as CSV: UTF-8 with a BOM, a header row of the field names, CRLF line ends. */
export function toCsv(records: readonly (readonly (string | null)[])[]): string {
  const lines = new Array<string>(records.length + 1);
  lines[0] = OPEN_DATA_FIELDS.map((f) => f.name).join(",");
  for (let i = 0; i < records.length; i++) lines[i + 1] = records[i]!.map(csvField).join(",");
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** Fields of the JSON records: the names of categories, streets and communities are given once, in `names`. */
export const JSON_FIELDS: string[] = OPEN_DATA_FIELDS.map((f) => f.name as string).filter((n) => n !== "category" && n !== "street" && n !== "community");

/**
 * Records as compact JSON: the field names once, one array per record (values in JSON_FIELDS
 * order), and the names of the categories, streets and communities by id.
 */
export function toJson(year: string, records: readonly OpenRecord[]): string {
  const names: Record<string, Record<string, string>> = { category: {}, street: {}, community: {} };
  const keep = OPEN_DATA_FIELDS.map((f) => JSON_FIELDS.includes(f.name));
  const rows = records.map((r) => {
    names.category![r[4]] = r[5];
    names.street![r[7]] = r[8];
    names.community![r[9]] = r[10];
    return r.filter((_, i) => keep[i]);
  });
  return JSON.stringify({ year, fields: JSON_FIELDS, names, records: rows });
}
